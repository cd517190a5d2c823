"""Browse the case library: filter and describe cases for the library page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from scenarios.fill import fill
from scenarios.schema import Case
from scenarios.vocabulary import Stage


@dataclass(frozen=True)
class CaseFilter:
    """What the trainer or trainee chose on the library page; empty means 'all'."""

    industries: frozenset[str] = frozenset()
    difficulties: frozenset[int] = frozenset()
    query: str = ""

    def matches(self, case: Case) -> bool:
        """True when the case passes every chosen criterion."""
        if self.industries and case.industry not in self.industries:
            return False
        if self.difficulties and case.difficulty not in self.difficulties:
            return False
        return not self.query.strip() or self.query.strip().lower() in _search_text(case)


def filter_cases(cases: Iterable[Case], chosen: CaseFilter) -> list[Case]:
    """The cases that match, in library order."""
    return [case for case in cases if chosen.matches(case)]


def industries(cases: Iterable[Case]) -> list[str]:
    """Distinct industries in first-seen order."""
    return list(dict.fromkeys(case.industry for case in cases))


def stage_outline(case: Case) -> list[tuple[str, list[str]]]:
    """(stage label, key points) for the five stages, placeholders filled."""
    return [
        (Stage(name).label, [fill(point, case) for point in guide.key_points]) for name, guide in case.stages
    ]


def _search_text(case: Case) -> str:
    parts = [case.id, case.title, case.industry, case.brief.summary, case.brief.caller, case.source]
    return " ".join(parts).lower()
