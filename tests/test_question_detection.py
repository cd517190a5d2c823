"""What counts as asking: a question mark, a question particle or a question word — but a
question word said twice around a verb is the correlative 「缺多少补多少」, which asks nothing."""

from __future__ import annotations

import pytest

from scoring.text import is_question


@pytest.mark.parametrize(
    "line", ["您是哪天买的", "请问缺多少？", "能不能先退一部分", "这钱怎么算", "缺多少补多少？"]
)
def test_questions_are_questions(line):
    assert is_question(line)


@pytest.mark.parametrize(
    "line", ["缺多少补多少，免费补绒返工。", "您要什么我们给什么。", "哪里坏了修哪里。", "我来帮您处理。"]
)
def test_a_correlative_or_a_statement_asks_nothing(line):
    assert not is_question(line)
