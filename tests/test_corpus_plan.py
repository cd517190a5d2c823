"""The writing plan and the writers' briefs: full level coverage per split, nothing of our rules leaked."""

from __future__ import annotations

from collections import defaultdict

from scenarios import load_library
from scenarios.fill import fill
from scoring.corpus_briefs import render_brief
from scoring.corpus_plan import PROBING_WRITERS, SPLIT, WHY_WRITERS, WRITERS, plan, probing_plan, why_plan
from scoring.corpus_schema import LEVELS


def test_train_and_test_writers_each_cover_every_level_of_every_case() -> None:
    case_ids = [case.id for case in load_library()]
    covered: dict[tuple[str, str], set[str]] = defaultdict(set)
    for assignment in plan(case_ids):
        covered[SPLIT[assignment.writer], assignment.case_id].add(assignment.level)
    for split in ("train", "test"):
        assert all(covered[split, case_id] == set(LEVELS) for case_id in case_ids), split


def test_call_ids_are_unique_and_every_writer_has_a_split() -> None:
    assignments = plan([case.id for case in load_library()])
    assert len({a.call_id for a in assignments}) == len(assignments)
    assert set(SPLIT) == set(WRITERS) | set(PROBING_WRITERS) | set(WHY_WRITERS)
    assert {"train", "dev", "test"} == set(SPLIT.values())


def test_the_probing_batch_gives_each_case_three_levels_and_only_trains() -> None:
    case_ids = [case.id for case in load_library()]
    assignments = probing_plan(case_ids)
    levels = defaultdict(set)
    for assignment in assignments:
        levels[assignment.case_id].add(assignment.level)
    assert all(len(levels[case_id]) == 3 for case_id in case_ids)
    assert {SPLIT[writer] for writer in PROBING_WRITERS} == {"train"}
    assert not {a.call_id for a in assignments} & {a.call_id for a in plan(case_ids)}


def test_the_why_batch_gives_each_case_one_call_shared_by_two_train_writers() -> None:
    case_ids = [case.id for case in load_library()]
    assignments = why_plan(case_ids)
    assert [a.case_id for a in assignments] == case_ids
    assert {a.writer for a in assignments} == set(WHY_WRITERS)
    assert {a.level for a in assignments} == set(LEVELS)
    assert {SPLIT[writer] for writer in WHY_WRITERS} == {"train"}
    earlier = {a.call_id for a in plan(case_ids) + probing_plan(case_ids)}
    assert not {a.call_id for a in assignments} & earlier


def test_a_brief_holds_the_story_and_policy_but_no_scripts_or_key_points() -> None:
    for case in load_library():
        brief = render_brief(case)
        assert fill(case.customer.story, case) in brief
        assert all(fill(fact, case) in brief for fact in case.policy.facts)
        for stage in ("greeting", "clarify", "turnaround", "agreement", "closing"):
            guide = getattr(case.stages, stage)
            for line in guide.scripts + guide.key_points:
                assert fill(line, case) not in brief, (case.id, line)
        story = fill(case.customer.story, case) + "".join(fact.answer for fact in case.customer.known_facts)
        # A forbidden phrase may appear only where the story quotes what someone once said.
        assert all(phrase in story for phrase in case.forbidden_phrases if phrase in brief), case.id
