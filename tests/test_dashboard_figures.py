"""看板 figures from plain rows: filtering, scores per day, case difficulty, deductions, who needs
help, exam pass rates."""

from __future__ import annotations

from datetime import date

from practice import dashboard as figures


def _call(n: int, user: int, case: str, overall: int, outcome: str, day: int, group: str = "一组") -> dict:
    return {
        "id": f"c{n}", "user_id": user, "display_name": f"学员{user}", "group_name": group, "case_id": case,
        "status": "finished", "outcome": outcome, "started_at": f"2026-12-{day:02d}", "overall": overall,
        "empathy": overall - 10, "no_arguing": overall, "script": overall + 5,
    }  # fmt: skip


CALLS = [
    _call(1, 1, "a", 80, "resolved", 1),
    _call(2, 1, "b", 40, "escalated", 2),
    _call(3, 2, "a", 30, "hung_up", 2, group="二组"),
    _call(4, 2, "b", 35, "escalated", 3, group="二组"),
]


def day_of(stamp: str) -> date:
    return date.fromisoformat(stamp)


def test_the_filter_keeps_groups_cases_and_dates():
    by_group = figures.chosen(CALLS, figures.CallFilter(groups=frozenset({"二组"})), day_of)
    assert [c["id"] for c in by_group] == ["c3", "c4"]
    by_case_and_day = figures.chosen(
        CALLS, figures.CallFilter(case_ids=frozenset({"a"}), start=date(2026, 12, 2)), day_of
    )
    assert [c["id"] for c in by_case_and_day] == ["c3"]


def test_scores_are_averaged_per_day_and_dimension():
    rows = figures.scores_by_day(CALLS, day_of)
    day2 = {r["dimension"]: r["score"] for r in rows if r["day"] == "2026-12-02"}
    assert day2 == {"empathy": 25.0, "no_arguing": 35.0, "script": 40.0, "overall": 35.0}


def test_case_difficulty_lists_the_hardest_case_first_with_its_outcome_mix():
    rows = figures.case_difficulty(CALLS, {"c1": 10, "c3": 90})
    assert [r["case_id"] for r in rows] == ["b", "a"]
    a = rows[1]
    assert (a["calls"], a["resolved"], a["hung_up"], a["overall"], a["anger"]) == (2, 0.5, 0.5, 55.0, 50.0)


def test_deductions_are_counted_by_times_and_calls_and_forbidden_phrases_summed():
    found = [("c1", "forbidden", "禁语"), ("c1", "forbidden", "禁语"), ("c2", "act-deflect", "推诿")]
    assert figures.top_deductions(found) == [("禁语", 2, 1), ("推诿", 1, 1)]
    assert figures.forbidden_said(found) == 2


def test_trainees_who_need_help_are_listed_with_the_reason_and_their_latest_call():
    rows = figures.needs_help(CALLS)
    assert [r["user"] for r in rows] == ["学员2"]  # 学员1: mean 60 and one bad ending is not a pattern
    assert rows[0]["call_id"] == "c4" and "升级或挂断" in rows[0]["why"] and "平均 32 分" in rows[0]["why"]


def test_exam_pass_rates_count_candidates_not_attempts():
    attempts = [
        {"exam_id": 1, "user_id": 1, "status": "finished", "passed": 0},
        {"exam_id": 1, "user_id": 1, "status": "finished", "passed": 1},
        {"exam_id": 1, "user_id": 2, "status": "finished", "passed": 0},
        {"exam_id": 1, "user_id": 3, "status": "in_progress", "passed": 0},
    ]
    [row] = figures.exam_pass_rates([{"id": 1, "title": "彩铃认证"}], attempts)
    assert (row["candidates"], row["attempts"], row["passed"], row["rate"]) == (2, 3, 1, 0.5)
