"""The shipped case library is complete: enough cases, industries, stages, rules and lines."""

from __future__ import annotations

import pytest

from datafiles.placeholders import walk_strings
from scenarios import load_library
from scenarios.fill import fill
from scenarios.schema import Case, MoodLines
from scenarios.vocabulary import Event, Mood, Stage

LIBRARY = load_library()
CASES = list(LIBRARY)

# The topics the Foundation issue names, each matched by a word in the case id.
REQUIRED_TOPICS = {
    "telecom 彩铃 (seed 000)": "ringback",
    "tobacco retail (001 第1篇)": "tobacco",
    "hospital (001 第2、3篇)": "hospital",
    "car (001 第4篇)": "auto",
    "city management parking (001 第5篇)": "parking",
    "phone feature oversold": "phone-feature",
    "phone price difference": "price-gap",
    "boot ornament": "boot",
    "thin down jacket": "down-jacket",
    "cashmere moth holes": "cashmere",
    "vaccination appointment (001 第8篇)": "vaccine",
    "package tour (001 第9篇)": "travel",
    "health-check device error": "health-check",
    "ready-mix concrete (003)": "concrete",
    "industrial quality (002)": "industrial",
    "fintech app (004)": "fintech",
    "property renovation (000)": "property",
    "restaurant foreign object (000)": "restaurant",
    "broadband agent attitude (000)": "broadband",
}


def test_library_has_at_least_18_cases_in_10_industries():
    assert len(CASES) >= 18
    assert len({case.industry for case in CASES}) >= 10


@pytest.mark.parametrize("topic", REQUIRED_TOPICS)
def test_every_required_topic_has_a_case(topic):
    word = REQUIRED_TOPICS[topic]
    assert any(word in case.id for case in CASES), f"no case for {topic}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_case_has_five_stages_with_points_and_scripts(case: Case):
    for stage in Stage:
        guide = getattr(case.stages, stage.value)
        assert guide.key_points and all(p.strip() for p in guide.key_points)
        assert guide.scripts and all(s.strip() for s in guide.scripts)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_case_has_rules_and_policy(case: Case):
    assert len(case.forbidden_phrases) >= 3
    assert len(set(case.forbidden_phrases)) == len(case.forbidden_phrases)
    assert case.resolutions and case.policy.must_not_promise and case.policy.may_offer
    assert len(case.customer.known_facts) >= 2


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_case_has_two_lines_for_every_mood_so_the_customer_never_repeats(case: Case):
    banks: list[tuple[str, MoodLines]] = [("opening", case.lines.opening)]
    banks += [(f"stage {s.value}", getattr(case.lines.stages, s.value)) for s in Stage]
    banks += [(f"event {e.value}", getattr(case.lines.events, e.value)) for e in Event]
    for where, bank in banks:
        for mood in Mood:
            assert len(getattr(bank, mood.value)) >= 2, f"{case.id}: {where} needs 2+ {mood.value} lines"
    for outcome, lines in case.lines.outcomes:
        assert len(lines) >= 2, f"{case.id}: needs 2+ {outcome} lines"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_text_fills_without_leftover_braces(case: Case):
    for _, text in walk_strings(case.model_dump(mode="json", exclude={"slots", "id"})):
        filled = fill(text, case)
        assert "{" not in filled and "}" not in filled


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_reference_scripts_avoid_the_cases_forbidden_phrases(case: Case):
    for _, guide in case.stages:
        for script in guide.scripts:
            assert not any(phrase in script for phrase in case.forbidden_phrases)


def test_complaint_types_and_severities_are_varied():
    assert {case.severity.value for case in CASES} == {"一般", "重大"}
    assert len({case.difficulty for case in CASES}) == 3


def test_case_ids_match_file_names():
    from scenarios.library import case_files

    assert sorted(path.stem for path in case_files()) == sorted(case.id for case in CASES)
