"""Checks against the case: its 禁语, over-promising, resolutions offered, closeness to its scripts."""

from __future__ import annotations

import re

from scenarios.common_facts import facts_of
from scenarios.fill import fill, filled_texts
from scenarios.schema import Case, KnownFact
from scenarios.vocabulary import Stage
from scoring.address import wrong_address
from scoring.amounts import known_amounts, money_amounts, wrong_amount
from scoring.lexicon import check_info, load_lexicons
from scoring.model import Flag
from scoring.text import SENTENCE, asks_only_consent, is_question, shared_question_words, similarity

_NEGATION_BEFORE = re.compile(r"(不能|无法|没法|不会|不可以|不可能|没办法|不|没)[^，,。！？]{0,3}$")


def check_flag(check_id: str, span: str, effect: int | None = None, detail: str = "") -> Flag:
    """A flag for a code-computed check, with its lexicon label and explanation. `span` is always
    text of the reply; what else the trainer needs (the customer's question, the reference line)
    goes in `detail`, after the explanation."""
    info = check_info(check_id)
    value = info.effect if effect is None else effect
    why = f"{info.why}（{detail}）" if detail else info.why
    return Flag(rule=info.id, dimension=info.dimension, span=span, effect=value, label=info.label, why=why)


def case_forbidden_flags(reply: str, case: Case | None) -> list[Flag]:
    """Per forbidden phrase of the case found in the reply: a 话术 flag and, since a case's 禁语 are
    blaming, contradicting or deflecting lines, a 不争辩 flag too."""
    if case is None:
        return []
    # 「不是您的驾驶习惯问题」 denies the 禁语 「是您的驾驶习惯问题」 rather than saying it.
    spans = [
        phrase if _affirmed_keyword(reply, [phrase]) else _said_without_pronouns(reply, phrase)
        for phrase in case.forbidden_phrases
    ]
    return [
        flag
        for span in spans
        if span
        for flag in (check_flag("case-forbidden", span), check_flag("case-forbidden-arguing", span))
    ]


# Words a 禁语 can lose or gain when said aloud without changing what it says: 「是银行卡的问题」
# is 「是您银行卡的问题」.
_PRONOUNS = re.compile(r"您|你|我们|咱们|的")
_CLAUSE = re.compile(r"[^，,。！!？?；;]+")
_REPORTED = re.compile(r"说|讲|告诉")
CORE_CHARS = 4  # a 禁语 shorter than this without its pronouns is too short to find that way


def _said_without_pronouns(reply: str, phrase: str) -> str:
    """The clause of `reply` that says `phrase` once both lose their pronouns and 的 (not
    negated, not reported: 「在线客服说是银行卡的问题」 retells what the customer was told — the
    train writers labelled such recaps not arguing), or ''."""
    core = _PRONOUNS.sub("", phrase)
    if len(core) < CORE_CHARS:
        return ""
    for clause in _CLAUSE.findall(reply):
        bare = _PRONOUNS.sub("", clause)
        if _affirmed_keyword(bare, [core]) and not _REPORTED.search(bare[: bare.find(core)]):
            return clause.strip()
    return ""


def without_credit_for_arguing(flags: list[Flag]) -> list[Flag]:
    """The flags less the closeness-to-script credit when the reply says a 禁语 or argues: a line
    can share every word with a key point that says 「不下“银行卡有问题”的结论」 and still be that
    conclusion."""
    arguing = any(
        f.rule.startswith("case-forbidden") or (f.dimension == "no_arguing" and f.effect < 0) for f in flags
    )
    return [f for f in flags if not (arguing and f.rule == "script-match")]


def over_promise_flags(reply: str, case: Case | None) -> list[Flag]:
    """Promises the case's policy does not allow ('马上给您取消' during a bound period)."""
    if case is None:
        return []
    flags = []
    for limit in case.policy.must_not_promise:
        keyword = _affirmed_keyword(reply, limit.keywords)
        if keyword:
            flags.append(check_flag("over-promise", keyword))
    return flags


def wrong_name_flags(reply: str, case: Case | None) -> list[Flag]:
    """The reply calls the customer by another surname or title than the case's honorific."""
    if case is None:
        return []
    span = wrong_address(reply, case.customer.honorific)
    return [check_flag("wrong-name", span, detail=f"客户是{case.customer.honorific}")] if span else []


def wrong_amount_flags(reply: str, case: Case | None, earlier: tuple[str, ...] = ()) -> list[Flag]:
    """The reply states a sum of money the case never mentions and the trainee did not work out
    (a recap that gets the customer's amount wrong)."""
    if case is None or not money_amounts(reply):  # the case's amounts cost ~1 ms: only when needed
        return []
    span = wrong_amount(reply, known_amounts(filled_texts(case)), earlier)
    return [check_flag("wrong-amount", span)] if span else []


def offered_resolutions(reply: str, case: Case | None) -> list[str]:
    """Ids of the case's acceptable resolutions the reply offers (keywords, not negated)."""
    if case is None:
        return []
    return [res.id for res in case.resolutions if _affirmed_keyword(reply, res.keywords)]


def addressed_agenda(reply: str, case: Case | None) -> list[str]:
    """Ids of the customer's misunderstandings the reply clears and questions it answers (their
    phrases said, not negated) — what the customer's agenda pops."""
    if case is None or case.agenda is None:
        return []
    items = [(m.id, m.cleared_by) for m in case.agenda.misunderstandings]
    items += [(q.id, q.answered_by) for q in case.agenda.questions]
    return [item_id for item_id, phrases in items if _affirmed_keyword(reply, phrases)]


def asked_facts(reply: str, case: Case | None) -> list[str]:
    """Topics of the customer's known facts the reply's questions ask about (most words hit
    first, then the closest in wording); only the sentences that are questions count, a
    rhetorical jab is not asking, and a keyword followed by its value (「工号1562为您服务」) is the
    trainee saying it, not asking."""
    if case is None:
        return []
    # 「……您看可以吗？」 asks for a yes, not for a fact, whatever words come before it.
    questions = [s for s in SENTENCE.findall(reply) if is_question(s) and not asks_only_consent(s)]
    asked, facts = "".join(questions), facts_of(case)
    hits = [
        (
            sum(_asks_for(q, k) for q in questions for k in fact.keywords),
            similarity(asked, fact.topic + fact.answer),
            fact.topic,
        )
        for fact in facts
    ]
    ranked = [topic for count, _, topic in sorted(hits, key=lambda hit: (-hit[0], -hit[1])) if count]
    return ranked or _asked_in_other_words(asked, facts)


def facts_asked_in_turn(reply: str, case: Case | None) -> list[str]:
    """The fact each question of the reply asks about, in the order asked, each once: 「您是哪天打
    的？那位客服的工号您记下了吗？」 asks two facts, and the customer should answer both. One
    question's best fact only (`asked_facts` on that sentence), so a second keyword inside one
    question does not add a fact nobody asked about."""
    if case is None:
        return []
    topics: list[str] = []
    for sentence in SENTENCE.findall(reply):
        best = asked_facts(sentence, case)[:1] if is_question(sentence) else []
        topics += [topic for topic in best if topic not in topics]
    return topics


def _asked_in_other_words(asked: str, facts: list[KnownFact]) -> list[str]:
    """No keyword hit: the fact whose topic and keywords share two or more of the question's
    words — 「那位客服当时是怎么跟您说的？」 asks 「那位客服说了什么」. (Not its answer: a question
    about the caller's name would take any answer that mentions the caller.)"""
    shared = [
        (len(shared_question_words(asked, f.topic + "".join(f.keywords), _GENERIC_WORDS)), f.topic)
        for f in facts
    ]
    best = max(shared, default=(0, ""), key=lambda pair: pair[0])
    return [best[1]] if best[0] >= 2 else []


# Words many questions hold, which say nothing about which fact one asks for.
_GENERIC_WORDS = frozenset({"请问", "有没有", "您好", "当时", "现在", "一下"})


def _asks_for(question: str, keyword: str) -> bool:
    """True when `question` holds `keyword` other than as a label before its value (工号1562)."""
    return any(
        not _VALUE_AFTER.match(question, match.end()) for match in re.finditer(re.escape(keyword), question)
    )


_VALUE_AFTER = re.compile(r"\s*[是为:：]?\s*[A-Za-z0-9]")


def _affirmed_keyword(reply: str, keywords: list[str]) -> str:
    for keyword in keywords:
        start = reply.find(keyword)
        while start >= 0:  # every occurrence: "不能取消…可以取消" still affirms once
            if not _NEGATION_BEFORE.search(reply[:start]):
                return keyword
            start = reply.find(keyword, start + 1)
    return ""


def reference_lines(case: Case | None, stage: Stage, agent_id: str, with_points: bool = True) -> list[str]:
    """The lines a good reply in `stage` resembles: the case's scripts (and key points), or generic ones."""
    if case is None:
        return [
            line.replace("{agent_id}", agent_id)
            for line in load_lexicons().generic_scripts.get(stage.value, [])
        ]
    guide = getattr(case.stages, stage.value)
    points = list(guide.key_points) if with_points else []
    return [fill(line, case, agent_id) for line in [*guide.scripts, *points]]


def best_reference(
    reply: str, case: Case | None, stage: Stage, agent_id: str, with_points: bool = True
) -> tuple[float, str]:
    """(similarity, line) of the closest reference line for this stage."""
    lines = reference_lines(case, stage, agent_id, with_points)
    if not lines:
        return 0.0, ""
    scored = [(similarity(reply, line), line) for line in lines]
    return max(scored, key=lambda pair: pair[0])


def script_match_flag(reply: str, case: Case | None, stage: Stage) -> Flag | None:
    """Credit for closeness to the stage's reference lines; paraphrase earns partial credit."""
    score, line = best_reference(reply, case, stage, "1024")
    full = check_info("script-match").effect
    credit = round(full * min(1.0, max(0.0, (score - 0.10) / 0.30)))
    if credit <= 0:
        return None
    return check_flag("script-match", reply[:40], credit, f"参考话术：{line}")
