"""A case's 禁语 said with a pronoun or 的 dropped is still that 禁语 (unless negated or retold),
and a line that says a 禁语 or argues earns no closeness-to-script credit."""

from __future__ import annotations

import pytest

from scenarios import load_library
from scenarios.vocabulary import Stage
from scoring.case_checks import case_forbidden_flags, reference_lines
from scoring.engines import grade_reply
from scoring.model import GradeContext

LIBRARY = load_library()
WITHDRAWAL = LIBRARY.get("fintech-app-withdrawal-failed")


@pytest.mark.parametrize(
    ("reply", "forbidden"),
    [
        ("提现失败的话，一般是银行卡的问题。", True),
        ("这是您银行卡的问题。", True),
        ("这个不是银行卡的问题，我马上帮您查资金去向。", False),
        ("在线客服说是银行卡的问题，银行又说没到账，换谁都着急。", False),
        ("我马上帮您查这笔钱现在在哪一步。", False),
    ],
)
def test_a_forbidden_phrase_is_found_without_its_pronouns(reply: str, forbidden: bool) -> None:
    assert bool(case_forbidden_flags(reply, WITHDRAWAL)) is forbidden


def test_no_case_reference_line_says_one_of_its_forbidden_phrases() -> None:
    for case in LIBRARY:
        for stage in Stage:
            for line in reference_lines(case, stage, "1024"):
                assert not case_forbidden_flags(line, case), (case.id, line)


@pytest.mark.parametrize("engine", ["learned", "rules"])
def test_a_reply_saying_a_forbidden_phrase_gets_no_script_credit(engine: str) -> None:
    context = GradeContext(
        customer="提现失败，余额也扣了，卡里也没有，这钱到底去哪儿了？",
        history=(("customer", "在线客服说是我银行卡的问题，你们谁说的对？"),),
        case=WITHDRAWAL,
        stage=Stage.CLARIFY,
    )
    grade = grade_reply("是您银行卡的问题。", context, engine=engine)
    rules = {flag.rule for flag in grade.flags}
    assert "case-forbidden" in rules and "script-match" not in rules
