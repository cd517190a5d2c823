"""`grade_reply`: grade one trainee reply on 共情 / 不争辩 / 话术规范 — pure, offline, deterministic.

Each dimension starts from a documented base; every credit and deduction is a Flag that
names its rule and quotes its span, so a trainer can see exactly why a score is what it is.
"""

from __future__ import annotations

from scenarios.vocabulary import Event, Stage
from scoring import case_checks, context_checks, gaming
from scoring.lexicon import compile_patterns, load_lexicons
from scoring.model import WEIGHTS, Flag, GradeContext, ReplyGrade, Signals
from scoring.phrases import rule_flag
from scoring.stage import detect_stage
from scoring.suggest import suggestion_for
from scoring.text import asks_beyond_stock_offer, asks_only_consent

MAX_ANALYSED = 2000  # characters; keeps grading time bounded whatever is pasted in
BASE = {"empathy": 40, "no_arguing": 100, "script": 40}
# Hard findings cap the overall score whatever else the reply did well.
CAPS = {
    "forbidden": 40,
    "case-forbidden": 40,
    "ask-apology": 30,
    "filler-only": 25,
    "off-task": 15,
    "not-chinese": 15,
    "over-promise": 50,
    "contradict-account": 55,
}
ARGUING_UNDERMINES_EMPATHY = 15  # a warm word next to a jab does not read as empathy


def grade_reply(reply: str, context: GradeContext | None = None) -> ReplyGrade:
    """Grade `reply` in `context` (customer's last line, history, case, stage)."""
    context = context or GradeContext()
    text = reply.strip()[:MAX_ANALYSED]
    stage = context.stage or detect_stage(text, len(context.agent_turns))
    flags = _collect_flags(text, context, stage)
    scores = _scores(flags)
    return assemble_grade(text, context, stage, flags, scores, _signals(text, context, flags))


def assemble_grade(
    text: str,
    context: GradeContext,
    stage: Stage,
    flags: list[Flag],
    scores: dict[str, int],
    signals: Signals,
    engine: str = "rules",
) -> ReplyGrade:
    """The grade from its parts: the overall score, the better line and the customer event follow."""
    return ReplyGrade(
        **scores,
        overall=_overall(scores, flags, text),
        flags=flags,
        suggestion=suggestion_for(text, context, stage, flags),
        stage=stage,
        event=_event(signals, flags),
        signals=signals,
        engine=engine,
    )


def _collect_flags(text: str, context: GradeContext, stage: Stage) -> list[Flag]:
    lexicon = load_lexicons()
    flags = [
        f
        for rule in lexicon.rules
        if rule.id not in gaming.GUARD_RULES and (f := rule_flag(rule, text, context.customer))
    ]
    hit = {f.rule for f in flags}
    flags += context_checks.expectation_flags(text, context.customer, hit)
    contradiction = context_checks.contradiction_flag(
        text, [*context.history, ("customer", context.customer)]
    )
    flags += [contradiction] if contradiction else []
    flags += case_and_gaming_flags(text, context, stage)
    flags += _stage_requirement_flags(text, stage)
    flags += question_and_offer_flags(text, context)
    return case_checks.without_credit_for_arguing(flags)


def case_and_gaming_flags(text: str, context: GradeContext, stage: Stage) -> list[Flag]:
    """The case's checks (禁语, over-promises, closeness to its scripts) and the anti-gaming ones."""
    optional = [
        gaming.stuffing_flag(text),
        gaming.repeat_flag(text, context.agent_turns),
        case_checks.script_match_flag(text, context.case, stage),
    ]
    flags = [f for f in optional if f]
    flags += case_checks.case_forbidden_flags(text, context.case)
    flags += case_checks.over_promise_flags(text, context.case)
    flags += case_checks.wrong_name_flags(text, context.case)
    flags += case_checks.wrong_amount_flags(text, context.case, tuple(context.agent_turns))
    flags += gaming.length_flags(text) + gaming.guard_flags(text)
    return flags


def _stage_requirement_flags(text: str, stage: Stage) -> list[Flag]:
    flags = []
    for req in load_lexicons().stage_requirements:
        if req.stage != stage.value:
            continue
        match = compile_patterns(req.patterns).search(text)
        effect = req.credit if match else req.missing_effect
        span = match.group(0) if match else text[:40]
        why = req.why if match else f"{req.why}（缺少{req.label}）"
        flags.append(
            Flag(rule=req.id, dimension="script", span=span, effect=effect, label=req.label, why=why)
        )
    return flags


def question_and_offer_flags(text: str, context: GradeContext) -> list[Flag]:
    flags = []
    answered = context_checks.answers_question(text, context.customer, context.case)
    if answered is False and not context.agent_turns and not asks_beyond_stock_offer(text):
        # The customer speaks first in practice, so the textbook opening 「您好，工号……请问有什么
        # 可以帮您？」 comes after its opening line: that is the greeting, not a question ignored.
        answered = None
    if answered is True:
        flags.append(case_checks.check_flag("answers-question", text[:40]))
    elif answered is False:
        flags.append(
            case_checks.check_flag(
                "question-unanswered", text[:40], detail=f"客户问：{context.customer[:30]}"
            )
        )
    offered = case_checks.offered_resolutions(text, context.case)
    if offered:
        texts = [r.text for r in context.case.resolutions if r.id in offered] if context.case else offered
        flags.append(case_checks.check_flag("offers-resolution", text[:40], detail="、".join(texts)))
    return flags


def _scores(flags: list[Flag]) -> dict[str, int]:
    scores = dict(BASE)
    credited: set[str] = set()
    for flag in flags:
        if flag.effect > 0 and flag.rule in credited:
            continue  # a family earns its credit once, however often it is repeated
        credited.add(flag.rule)
        scores[flag.dimension] += flag.effect
    arguing = sum(1 for f in flags if f.dimension == "no_arguing" and f.effect < 0)
    scores["empathy"] -= ARGUING_UNDERMINES_EMPATHY * arguing
    rules = {f.rule for f in flags}
    if rules & {"apology-stuffing", "repeated-reply"}:
        scores["empathy"] = min(scores["empathy"], 40)  # words said by rote are not empathy
    if rules & {"filler-only", "off-task", "not-chinese", "too-short"}:
        scores["empathy"] = min(scores["empathy"], 15)
    return {dim: max(0, min(100, value)) for dim, value in scores.items()}


def _overall(scores: dict[str, int], flags: list[Flag], text: str) -> int:
    if not text:
        return 0
    value = round(sum(WEIGHTS[dim] * scores[dim] for dim in WEIGHTS))
    for flag in flags:
        value = min(value, CAPS.get(flag.rule, 100))
    return max(0, min(100, value))


def _signals(text: str, context: GradeContext, flags: list[Flag]) -> Signals:
    rules = {f.rule for f in flags}
    offered = case_checks.offered_resolutions(text, context.case) if "over-promise" not in rules else []
    ignored = rules & {"off-task", "not-chinese", "filler-only", "too-short", "repeated-reply"}
    argued = any(f.dimension == "no_arguing" and f.effect < 0 for f in flags) or bool(
        rules & {"forbidden", "case-forbidden"}
    )
    return Signals(
        apologised="apology" in rules and "apology-stuffing" not in rules and not ignored,
        acknowledged="feeling" in rules and "apology-stuffing" not in rules and not ignored,
        took_ownership="ownership" in rules and not ignored,
        explained=bool({"script-match", "answers-question"} & rules) and not ignored,
        offered=offered,
        over_promised="over-promise" in rules,
        asked_question=("？" in text or "?" in text) and asks_beyond_stock_offer(text) and not ignored,
        asked_consent=asks_only_consent(text) and not ignored,
        answered_question=None
        if "question-unanswered" not in rules and "answers-question" not in rules
        else "answers-question" in rules,
        stalled="stalling" in rules,
        argued=argued,
        off_task=bool(rules & {"off-task", "not-chinese"}),
        addressed=[] if ignored else case_checks.addressed_agenda(text, context.case),
        asked_about=[] if ignored or argued else case_checks.asked_facts(text, context.case),
        misnamed="wrong-name" in rules,
        misstated="wrong-amount" in rules,
    )


def _event(signals: Signals, flags: list[Flag]) -> Event:
    rules = {f.rule for f in flags}
    if signals.argued:
        return Event.ARGUED_WITH
    if signals.off_task or rules & {"filler-only", "too-short", "repeated-reply", "question-unanswered"}:
        return Event.IGNORED
    if signals.stalled:
        return Event.STALLED
    if signals.offered:
        return Event.OFFERED_SOLUTION
    if signals.apologised or signals.acknowledged:
        return Event.APOLOGISED_TO
    if signals.asked_question:
        return Event.ASKED_QUESTION
    return Event.EXPLAINED_TO
