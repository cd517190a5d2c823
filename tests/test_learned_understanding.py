"""The shipped learned model reads natural spoken Chinese: sarcasm and blame without any listed
phrase are arguing, real empathy is empathy, and each act quotes a clause of the reply."""

from __future__ import annotations

import pytest

from scoring.reply_model import shipped_model
from scoring.understanding import read_call

# The issue's own examples of hostile lines the old word lists scored 不争辩 100.
HOSTILE = [
    "您自己不看短信，现在来怪我们？",
    "合同上白纸黑字写着，您签字的时候怎么不看？",
    "谁跟您说能退的？您找他去。",
]
WARM = "带着孩子在高速上出这种事，换谁都后怕，真的对不起，这件事我来跟进到底。"


def read_one(reply: str, customer: str = "你们到底管不管？"):
    return read_call(shipped_model(), [(customer, reply)])[0]


@pytest.mark.parametrize("reply", HOSTILE)
def test_sarcasm_rhetorical_questions_and_blame_read_as_arguing(reply: str) -> None:
    reading = read_one(reply)
    assert reading.expected("no_arguing") < 1.0, reading.probabilities
    assert reading.bad_acts, reading.acts


def test_a_warm_apology_with_ownership_reads_as_empathy_without_arguing() -> None:
    reading = read_one(WARM)
    assert reading.expected("empathy") > 1.5 and reading.expected("no_arguing") > 1.5
    assert {"apologise", "take_ownership"} <= {act.act for act in reading.acts}


def test_every_act_quotes_a_clause_that_is_in_the_reply() -> None:
    for reply in [*HOSTILE, WARM, "您好，这里是客服中心，工号1024。"]:
        for act in read_one(reply).acts:
            assert reply[act.start : act.start + len(act.span)] == act.span


def test_a_single_line_without_history_is_read_as_what_it_is() -> None:
    """No greeting penalty for a line that plainly is not an opening: read alone, it is not greeting."""
    reading = read_one("我这边马上给您提交退款申请，24小时内给您回电。", customer="")
    assert reading.expected("script") > 1.0
    assert any(act.act in {"offer_remedy", "commit_time"} for act in reading.acts)
