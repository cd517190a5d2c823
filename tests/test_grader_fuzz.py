"""Whatever text arrives, grading never crashes and every score stays within 0–100."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scenarios import load_library
from scenarios.vocabulary import Stage
from scoring import DIMENSIONS, GradeContext, grade_reply

CASES = list(load_library())
PHRASES = st.sampled_from(
    [
        "对不起",
        "我理解您",
        "这是规定",
        "难道",
        "您好",
        "工号",
        "再见",
        "？",
        "没有同意",
        "您同意了",
        "嗯",
        "😀",
        "\x00",
        "\n",
    ]
)
TEXT = st.one_of(st.text(max_size=300), st.lists(PHRASES | st.text(max_size=4), max_size=40).map("".join))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    reply=TEXT,
    customer=TEXT,
    history=st.lists(st.tuples(st.sampled_from(["customer", "agent"]), TEXT), max_size=4),
    case_index=st.integers(min_value=-1, max_value=len(CASES) - 1),
    stage=st.none() | st.sampled_from(list(Stage)),
)
def test_grading_never_crashes_and_stays_in_range(reply, customer, history, case_index, stage):
    case = CASES[case_index] if case_index >= 0 else None
    result = grade_reply(
        reply, GradeContext(customer=customer, history=tuple(history), case=case, stage=stage)
    )
    for dim in (*DIMENSIONS, "overall"):
        assert 0 <= getattr(result, dim) <= 100
    assert isinstance(result.suggestion, str)


@settings(max_examples=20, deadline=None)
@given(st.text(min_size=1, max_size=50), st.integers(min_value=100, max_value=2000))
def test_huge_replies_are_graded_within_bounds(chunk, times):
    result = grade_reply(chunk * times)
    assert 0 <= result.overall <= 100


def test_grading_is_deterministic():
    context = GradeContext(customer="能取消吗？", case=CASES[0])
    assert grade_reply("我理解您，我帮您核实。", context) == grade_reply("我理解您，我帮您核实。", context)
