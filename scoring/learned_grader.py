"""The learned grader: `grade_reply_learned`, the three dimensions read by the learned model.

The dimensions come from the model fitted on the labelled corpus (scoring/reply_model.py); every
act it finds is a Flag that names the act and quotes its clause (its effect is the act's typical
effect in the corpus), and the case's hard findings (禁语, also said in other words;
over-promises) and the anti-gaming checks cap the scores and say so. It is the default engine
(scoring/engines.py): practice, the customer, reports and exams all grade with it.
"""

from __future__ import annotations

from scenarios.vocabulary import Stage
from scoring import case_checks
from scoring.acts import arguing_acts
from scoring.case_semantics import offered_by_meaning, paraphrased_forbidden_flags
from scoring.grader import MAX_ANALYSED, assemble_grade, case_and_gaming_flags, question_and_offer_flags
from scoring.learned_grade import act_flags, learned_scores, read_in_context
from scoring.model import DIMENSIONS, Flag, GradeContext, ReplyGrade, Signals
from scoring.text import asks_beyond_stock_offer, asks_only_consent
from scoring.understanding import ReplyReading

# When the customer hears arguing. Clause acts alone are noisy (on the dev writer 29 % of replies
# labelled 不争辩 2 carry one read at ≥ 0.5), so an arguing act counts when the reply as a whole
# also reads below 60; a reply reading below 30 argues without one. Dev writer: replies labelled
# 2 heard as arguing 30 % → 3.7 %, replies labelled 0 caught 98.5 % → 94.6 %.
ACT_ARGUES_BELOW = 60
ARGUING_BELOW = 30
DIMENSION_CAPS = {
    "case-forbidden": {"script": 40, "no_arguing": 40},
    "over-promise": {"script": 50},
    "wrong-name": {"script": 50},
    "wrong-amount": {"script": 50},
    "apology-stuffing": {"empathy": 40},
    "repeated-reply": {"empathy": 40, "script": 40},
    "filler-only": {"empathy": 15, "script": 15},
    "off-task": {"empathy": 15, "script": 15},
    "not-chinese": {"empathy": 15, "script": 15},
    "too-short": {"empathy": 15},
}


def grade_reply_learned(reply: str, context: GradeContext | None = None) -> ReplyGrade:
    """Grade `reply` in `context` (customer's last line, history, case, stage).

    The three dimensions are the learned model's reading of the reply in its call; the case's
    own knowledge (its 禁语, what must not be promised, its resolutions and scripts) and the
    anti-gaming checks then cap them and add their evidence."""
    context = context or GradeContext()
    text = reply.strip()[:MAX_ANALYSED]
    reading = read_in_context(text, context) if text else None
    stage = context.stage or (reading.stage if reading else Stage.GREETING)
    learned = act_flags(reading) + paraphrased_forbidden_flags(reading, context.case) if reading else []
    flags = learned + case_and_gaming_flags(text, context, stage)
    flags = case_checks.without_credit_for_arguing(flags + question_and_offer_flags(text, context))
    scores = _capped(learned_scores(reading) if reading else dict.fromkeys(DIMENSIONS, 0), flags)
    signals = _signals(text, context, flags, scores, reading)
    return assemble_grade(text, context, stage, flags, scores, signals, engine="learned")


def _capped(scores: dict[str, int], flags: list[Flag]) -> dict[str, int]:
    """The learned scores under the hard findings' caps: a case's 禁语 or an over-promise cannot
    be outweighed by good wording, and words said by rote or off the task are not empathy."""
    scores = dict(scores)
    rules = {f.rule for f in flags}
    for rule, caps in DIMENSION_CAPS.items():
        if rule in rules:
            for dimension, cap in caps.items():
                scores[dimension] = min(scores[dimension], cap)
    return {dim: max(0, min(100, value)) for dim, value in scores.items()}


def _offered(text: str, context: GradeContext, reading: ReplyReading | None) -> list[str]:
    """The case's resolutions the reply offers: named by their words, or meant by an offering clause."""
    named = case_checks.offered_resolutions(text, context.case)
    meant = offered_by_meaning(reading, context.case) if reading is not None else []
    return list(dict.fromkeys(named + meant))


def _signals(
    text: str, context: GradeContext, flags: list[Flag], scores: dict[str, int], reading: ReplyReading | None
) -> Signals:
    """What the reply did, for the customer: from its acts and the case checks."""
    rules = {f.rule for f in flags}
    acts = {rule.removeprefix("act-") for rule in rules if rule.startswith("act-")}
    offered = _offered(text, context, reading) if "over-promise" not in rules else []
    ignored = bool(rules & {"off-task", "not-chinese", "filler-only", "too-short", "repeated-reply"})
    argued = (
        (bool(acts & arguing_acts()) and scores["no_arguing"] < ACT_ARGUES_BELOW)
        or (scores["no_arguing"] < ARGUING_BELOW and not ignored)
        or "case-forbidden" in rules
    )
    return Signals(
        apologised="apologise" in acts and "apology-stuffing" not in rules and not ignored,
        acknowledged="acknowledge_feeling" in acts and "apology-stuffing" not in rules and not ignored,
        took_ownership="take_ownership" in acts and not ignored,
        explained=bool({"explain_policy", "confirm_fact"} & acts or "answers-question" in rules)
        and not ignored,
        offered=offered,
        over_promised="over-promise" in rules or "over_promise" in acts,
        asked_question="ask_probe" in acts and asks_beyond_stock_offer(text) and not ignored,
        asked_consent=asks_only_consent(text) and not ignored,
        answered_question=None
        if "question-unanswered" not in rules and "answers-question" not in rules
        else "answers-question" in rules,
        stalled="stall" in acts,
        argued=argued,
        off_task=bool(rules & {"off-task", "not-chinese"}) or "off_topic" in acts,
        acts=_acts_in_order(text, flags),
        addressed=[] if ignored else case_checks.addressed_agenda(text, context.case),
        asked_about=[] if ignored or argued else case_checks.asked_facts(text, context.case),
        misnamed="wrong-name" in rules,
        misstated="wrong-amount" in rules,
    )


def _acts_in_order(text: str, flags: list[Flag]) -> list[str]:
    """The acts the reply carries, each once, in the order said (by where their clause starts)."""
    spans = sorted(
        (text.find(f.span), f.rule.removeprefix("act-")) for f in flags if f.rule.startswith("act-")
    )
    return list(dict.fromkeys(act for _, act in spans))
