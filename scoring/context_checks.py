"""Checks that need the customer's words: denials contradicted, expectations, questions answered."""

from __future__ import annotations

import re

from scenarios.schema import Case
from scoring.case_checks import offered_resolutions
from scoring.lexicon import check_info, compile_patterns, load_lexicons, rule_by_id
from scoring.model import Flag
from scoring.text import (
    asks_beyond_stock_offer,
    bigrams,
    containment,
    content_words,
    is_question,
    normalise,
    shared_question_words,
)

_DENIAL = re.compile(r"(?:根本|从来|并|也|都)?(?:没有|没|未曾|未|不曾)(?:有)?([\u4e00-\u9fff]{2})")
_STOP_VERBS = {"什么", "办法", "关系", "问题", "事情", "时间", "用的", "人管", "人理", "想到", "多久"}
_CLAUSE = re.compile(r"[^，,。.！!？?；;\n]+[，,。.！!？?；;]?")
_ASKING = re.compile(r"[？?]|吗|呢|有没有|是否|是不是")
_NEGATED_BEFORE = re.compile(r"(没|不|未|无|别)[^，,。！？]{0,2}$")
# A number said in words or digits: 「五点前」「三个工作日」「308元」 answer 「什么时候」「多少」.
# The trainee's own staff number (「工号1024为您服务」) is not a figure that answers anything.
_OWN_NUMBER = re.compile(r"工号\s*[:：是为]?\s*[A-Za-z0-9×xX*]+")
_NUMBER = re.compile(r"\d|[一二三四五六七八九十两半]+个?(?:点|天|日|周|小时|分钟|工作日|元|块|成)")
# A question asking what the company will do (「你到底能不能帮我？」「这事怎么处理？」): a reply that
# offers one of the case's resolutions answers it even without repeating its words.
_ASKS_FOR_ACTION = re.compile(
    r"能不能|能否|管不管|帮不帮|办不办|退不退|赔不赔|怎么办|怎么处理|怎么解决|什么时候|多久|几天|"
    r"给个?(?:说法|交代|答复|准话)|有没有人管"
)


def contradiction_flag(reply: str, history: list[tuple[str, str]]) -> Flag | None:
    """'我没有同意' answered with '您同意了': the reply asserts what the customer denied (this call)."""
    denied = {normalise(verb) for verb in denied_verbs(history)} - _STOP_VERBS
    for verb in sorted(denied):
        for clause in _CLAUSE.findall(reply):
            if _asserts(normalise(clause), verb):
                info = check_info("contradict-account")
                return Flag(
                    rule=info.id,
                    dimension=info.dimension,
                    span=clause.strip(),
                    effect=info.effect,
                    label=info.label,
                    why=info.why,
                )
    return None


def denied_verbs(history: list[tuple[str, str]]) -> set[str]:
    """Verbs the customer has denied: '我没有同意', or a bare '没有' to the agent's '有没有答应？'."""
    denied: set[str] = set()
    last_agent = ""
    for role, text in history:
        if role == "agent":
            last_agent = text
            continue
        denied |= {m.group(1) for m in _DENIAL.finditer(text)}
        if _CONSENT_DENIAL.search(text):
            denied.add("同意")
        if _BARE_DENIAL.search(text):
            denied |= {m.group(1) for m in _ASKED_VERB.finditer(last_agent)}
    return denied


_BARE_DENIAL = re.compile(r"(^|[，,。.!！?？\s我])(没有|没|不是|没啊|根本没有)($|[，,。.!！?？\s啊呀])")
# "没让你们开" / "我没答应" / "不同意": the customer denies consenting at all.
_CONSENT_DENIAL = re.compile(r"(没|没有|不|未|从没|根本没)(让|叫|同意|答应|允许|申请|授权|要求)")
_ASKED_VERB = re.compile(r"(?:有没有|是否|是不是)([\u4e00-\u9fff]{2})")


def _asserts(clause: str, verb: str) -> bool:
    index = clause.find(verb)
    if index < 0 or _ASKING.search(clause) or "如果" in clause or "假如" in clause:
        return False
    after = clause[index + len(verb) : index + len(verb) + 2]
    before = clause[:index]
    subject = re.search(r"您[^，,。！？]{0,6}$", before)
    return bool(subject) and not _NEGATED_BEFORE.search(before) and bool(re.match(r"(了|过|的)", after))


def expectation_flags(reply: str, customer: str, hit_rules: set[str]) -> list[Flag]:
    """Owed acknowledgements the reply left out (e.g. no apology to a customer who waited)."""
    flags: list[Flag] = []
    for item in load_lexicons().expectations:
        if not compile_patterns(item.when_customer).search(customer):
            continue
        if hit_rules & set(item.expect_rules):
            continue
        span = compile_patterns(item.when_customer).search(customer).group(0)
        flags.append(
            Flag(
                rule=item.id,
                dimension=item.dimension,
                span=f"客户：{span}",
                effect=item.effect,
                label=item.label,
                why=item.why,
            )
        )
    return flags


def answers_question(reply: str, customer: str, case: Case | None) -> bool | None:
    """None when the customer asked nothing; else whether the reply carries an answer."""
    if not is_question(customer):
        return None
    if _NUMBER.search(_OWN_NUMBER.sub("", reply)) or _mentions_case_facts(reply, case):
        return True
    if _ASKS_FOR_ACTION.search(customer) and offered_resolutions(reply, case):
        return True
    if containment(bigrams(content_words(customer)), bigrams(reply)) >= 0.25:
        return True
    if len(shared_question_words(customer, reply, _STOP_VERBS)) >= 2:
        return True
    # A clarifying question back counts as engaging with the question, unless it is only a slogan
    # or the stock 「请问有什么可以帮您？」 (which asks the customer to say again what it just said).
    return (
        asks_beyond_stock_offer(reply)
        and not rule_by_id("slogan").regex().search(reply)
        and len(normalise(reply)) >= 8
    )


def _mentions_case_facts(reply: str, case: Case | None) -> bool:
    if case is None:
        return False
    values = [v for v in case.slots.values() if len(v) >= 2]
    if any(value in reply for value in values):
        return True
    reply_grams = bigrams(reply)
    facts = list(case.policy.facts) + [fact.answer for fact in case.customer.known_facts]
    return any(containment(reply_grams, bigrams(fact)) >= 0.3 for fact in facts) if reply_grams else False
