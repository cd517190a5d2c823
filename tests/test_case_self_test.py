"""A case's self-test: the good bot resolves a sound case under every persona and the arguing and
over-promising bots neither resolve it nor come near its score; a deliberately weak case — its
reference scripts emptied to filler — is flagged, with the reason."""

from __future__ import annotations

from personas import load_personas
from scenarios import load_library
from simulator.case_selftest import GOOD, bad_bots, bad_lines, good_lines, run_self_test

CASES, PERSONAS = load_library(), load_personas()
RINGBACK = CASES.get("telecom-ringback-consent")


def _weak_case():
    stages = {
        name: getattr(RINGBACK.stages, name).model_copy(update={"scripts": ["嗯嗯，好的。", "您说。"]})
        for name in type(RINGBACK.stages).model_fields
    }
    return RINGBACK.model_copy(update={"stages": RINGBACK.stages.model_copy(update=stages)})


def test_the_bots_say_the_cases_own_lines():
    assert good_lines(RINGBACK)[0].startswith("您好") and "{" not in "".join(good_lines(RINGBACK))
    arguing = bad_lines(bad_bots()["arguing"], RINGBACK)
    assert any(phrase in " ".join(arguing) for phrase in RINGBACK.forbidden_phrases)
    promising = " ".join(bad_lines(bad_bots()["over_promising"], RINGBACK))
    assert RINGBACK.policy.must_not_promise[0].keywords[0] in promising


def test_a_sound_case_is_resolved_by_the_good_bot_and_not_by_arguing_or_promising():
    result = run_self_test(RINGBACK, PERSONAS)
    assert len(result.runs) == 5 * len(PERSONAS) and result.warnings == []
    assert all(r.outcome == "resolved" for r in result.runs if r.bot == GOOD)
    assert all(r.outcome != "resolved" for r in result.runs if r.bot != GOOD)
    assert not any("「争辩型」" in flag or "「乱承诺型」" in flag for flag in result.flags)
    assert result.mean_overall("arguing") < result.mean_overall(GOOD) - 40


def test_a_deliberately_weak_case_is_flagged_with_the_reason():
    result = run_self_test(_weak_case(), PERSONAS)
    assert len(result.warnings) == len(PERSONAS) and "没有解决" in result.warnings[0]
    assert any("「乱承诺型」" in flag and "评分分不出好坏" in flag for flag in result.flags)
