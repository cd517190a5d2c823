"""Clauses: the unit acts are read from; every clause is an exact slice of the reply."""

from __future__ import annotations

import pytest

from scoring.clauses import split_clauses


@pytest.mark.parametrize(
    "reply",
    [
        "您好，这里是远驰汽车客户关怀中心，我是1024号。您别着急，慢慢说。",
        "嗯，好的，您说",
        "这个……记录是有的！？您放心",
        "  好  ",
        "",
    ],
)
def test_every_clause_is_the_slice_of_the_reply_it_claims(reply: str) -> None:
    for clause in split_clauses(reply):
        assert reply[clause.start : clause.end] == clause.text and clause.text.strip() == clause.text


def test_punctuation_separates_clauses_and_short_pieces_join_the_next() -> None:
    texts = [c.text for c in split_clauses("您好，这里是客服中心。嗯，我先帮您查一下；您稍等")]
    assert texts == ["您好，这里是客服中心", "嗯，我先帮您查一下", "您稍等"]


def test_a_reply_without_punctuation_is_one_clause() -> None:
    assert [c.text for c in split_clauses("这是规定我也没办法")] == ["这是规定我也没办法"]
