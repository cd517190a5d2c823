"""Whether a reply answers the customer's question: a concrete offer answers 「你到底能不能帮我？」
without repeating its words, a time or sum said in words (五点前, 三个工作日) answers 「什么时候」, and a
reply that does neither is still told it left the question open."""

from __future__ import annotations

import pytest

from scoring.context_checks import answers_question
from tests.sim_helpers import LIBRARY

BILLING = LIBRARY.get("hospital-billing-error")
OFFER = "真的很抱歉给您添麻烦了，我现在就帮您查这两笔重复的收费，退费原路退回，不用您再跑一趟。"


@pytest.mark.parametrize(
    ("customer", "reply", "answered"),
    [
        ("我最后问一次，你到底能不能帮我？", OFFER, True),
        ("这事你们到底怎么处理？", OFFER, True),
        ("钱什么时候能退给我？", "今天下午五点前给您回电话。", True),
        ("钱什么时候能退给我？", "退费三个工作日内到账。", True),
        ("我最后问一次，你到底能不能帮我？", "您先别着急，我们这边也很忙。", False),
        ("你们收费处的电话为什么一直打不通？", "好的，感谢您的耐心，再见。", False),
        ("我说完了。", OFFER, None),
    ],
)
def test_a_reply_answers_what_the_customer_asked(customer, reply, answered):
    assert answers_question(reply, customer, BILLING) is answered
