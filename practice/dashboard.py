"""看板 figures for trainers, from plain rows of the Store: cohort scores over time, per-case
difficulty, the most frequent deductions, exam pass rates, and the trainees who need help.

Pure functions over rows (no Streamlit, no SQL), so each figure is tested on its own.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from scoring.model import DIMENSIONS

PASS_MARK = 60  # a call scoring this (综合) or more counts as passed on the dashboard
RECENT = 5  # a trainee's last calls looked at for 需要帮助
FAILED_OUTCOMES = frozenset({"escalated", "hung_up"})


@dataclass(frozen=True)
class CallFilter:
    """Which calls the dashboard looks at (empty sets: all)."""

    groups: frozenset[str] = frozenset()
    case_ids: frozenset[str] = frozenset()
    start: date | None = None
    end: date | None = None


def chosen(
    calls: list[dict[str, Any]], where: CallFilter, day_of: Callable[[str], date | None]
) -> list[dict[str, Any]]:
    """The finished calls the filter keeps; `day_of` turns a stored time into a local date."""
    kept = []
    for call in calls:
        day = day_of(call["started_at"])
        if call["status"] != "finished" or day is None:
            continue
        if where.groups and call.get("group_name", "") not in where.groups:
            continue
        if where.case_ids and call["case_id"] not in where.case_ids:
            continue
        if (where.start and day < where.start) or (where.end and day > where.end):
            continue
        kept.append(call)
    return kept


def scores_by_day(calls: list[dict[str, Any]], day_of: Callable[[str], date | None]) -> list[dict[str, Any]]:
    """Mean score per dimension (and 综合) per local day: rows for a line chart."""
    by_day: dict[date, list[dict[str, Any]]] = defaultdict(list)
    for call in calls:
        day = day_of(call["started_at"])
        if day is not None:
            by_day[day].append(call)
    rows = []
    for day in sorted(by_day):
        for dim in (*DIMENSIONS, "overall"):
            values = [c[dim] for c in by_day[day] if c[dim] is not None]
            if values:
                rows.append(
                    {"day": day.isoformat(), "dimension": dim, "score": round(sum(values) / len(values), 1)}
                )
    return rows


def case_difficulty(calls: list[dict[str, Any]], final_anger: dict[str, int]) -> list[dict[str, Any]]:
    """Per case: calls, outcome shares, mean score and mean final anger, hardest (lowest score) first."""
    by_case: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for call in calls:
        by_case[call["case_id"]].append(call)
    rows = []
    for case_id, mine in by_case.items():
        outcomes = Counter(c["outcome"] for c in mine)
        angers = [final_anger[c["id"]] for c in mine if c["id"] in final_anger]
        rows.append(
            {
                "case_id": case_id,
                "calls": len(mine),
                "resolved": outcomes["resolved"] / len(mine),
                "escalated": outcomes["escalated"] / len(mine),
                "hung_up": outcomes["hung_up"] / len(mine),
                "overall": round(sum(c["overall"] or 0 for c in mine) / len(mine), 1),
                "anger": round(sum(angers) / len(angers), 1) if angers else None,
            }
        )
    return sorted(rows, key=lambda row: row["overall"])


def top_deductions(deductions: list[tuple[str, str, str]], limit: int = 10) -> list[tuple[str, int, int]]:
    """The most frequent deductions: (label, times, calls it appeared in)."""
    times: Counter[str] = Counter(label for _, _, label in deductions)
    calls: dict[str, set[str]] = defaultdict(set)
    for call_id, _, label in deductions:
        calls[label].add(call_id)
    return [(label, count, len(calls[label])) for label, count in times.most_common(limit)]


def forbidden_said(deductions: list[tuple[str, str, str]]) -> int:
    """How many times a 禁语 (shipped or the case's own) was said."""
    return sum(rule in ("forbidden", "case-forbidden") for _, rule, _ in deductions)


def needs_help(calls: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Trainees whose last RECENT calls average below PASS_MARK or ended badly twice or more,
    worst first, with their latest call (to open it)."""
    by_user: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for call in sorted(calls, key=lambda c: c["started_at"], reverse=True):
        by_user[call["user_id"]].append(call)
    rows = []
    for mine in by_user.values():
        recent = mine[:RECENT]
        mean = sum(c["overall"] or 0 for c in recent) / len(recent)
        failed = sum(c["outcome"] in FAILED_OUTCOMES for c in recent)
        reasons = [f"最近 {len(recent)} 通平均 {mean:.0f} 分"] if mean < PASS_MARK else []
        reasons += [f"最近 {len(recent)} 通有 {failed} 通升级或挂断"] if failed >= 2 else []
        if reasons:
            latest = recent[0]
            rows.append(
                {
                    "user": latest["display_name"],
                    "mean": round(mean),
                    "why": "；".join(reasons),
                    "call_id": latest["id"],
                }
            )
    return sorted(rows, key=lambda row: row["mean"])


def exam_pass_rates(exams: list[dict[str, Any]], attempts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per exam: candidates, handed-in attempts, passes, and the share of candidates who passed."""
    rows = []
    for exam in exams:
        mine = [a for a in attempts if a["exam_id"] == exam["id"] and a["status"] == "finished"]
        candidates = {a["user_id"] for a in mine}
        passed = {a["user_id"] for a in mine if a["passed"]}
        rows.append(
            {
                "title": exam["title"],
                "candidates": len(candidates),
                "attempts": len(mine),
                "passed": len(passed),
                "rate": len(passed) / len(candidates) if candidates else None,
            }
        )
    return rows
