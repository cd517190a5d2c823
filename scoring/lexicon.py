"""The grader's rules as data: lexicon files, their schema and their (cached) loading.

A rule is a family of regular expressions with the dimension it affects, the effect in
points, and the trainer's explanation. Patterns are compiled at load time, so a broken
pattern is refused with its file and line like any other content error.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from datafiles import LinePath, load_model
from scenarios.schema import Line, Slug, Strict

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
Dimension = Literal["empathy", "no_arguing", "script"]


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"不是合法的正则表达式（{exc.msg}）：请检查括号和特殊符号") from None
    return pattern


Pattern = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_compiles)]


class Rule(Strict):
    """One family of phrases: where it counts, how much, and why."""

    id: Slug
    label: Line
    dimension: Dimension
    effect: int = Field(ge=-100, le=100)
    patterns: list[Pattern] = Field(min_length=1)
    unless: list[Pattern] = Field(default_factory=list, description="reply patterns that cancel a hit")
    when_customer: list[Pattern] = Field(default_factory=list, description="only when the customer said this")
    why: Line
    practice: Line = Field(description="what to practise when this rule keeps firing")

    def regex(self) -> re.Pattern[str]:
        """All patterns as one compiled alternation."""
        return _alternation(tuple(self.patterns))


class Expectation(Strict):
    """When the customer says X, a good reply shows one of the named rules (else the effect)."""

    id: Slug
    label: Line
    dimension: Dimension
    effect: int = Field(ge=-100, le=0)
    when_customer: list[Pattern] = Field(min_length=1)
    expect_rules: list[Slug] = Field(min_length=1)
    script_effect: int = Field(
        default=0, ge=-100, le=0, description="also owed in the wording (e.g. greeting)"
    )
    why: Line
    practice: Line
    better: Line


class CheckInfo(Strict):
    """The trainer-facing words and the weight of a check that code computes (not a phrase list)."""

    id: Slug
    label: Line
    dimension: Dimension
    effect: int = Field(ge=-100, le=100)
    why: Line
    practice: Line


class StageRequirement(Strict):
    """Something a reply in `stage` must contain (e.g. the 工号 in the greeting)."""

    id: Slug
    label: Line
    stage: Literal["greeting", "clarify", "turnaround", "agreement", "closing"]
    patterns: list[Pattern] = Field(min_length=1)
    credit: int = Field(ge=0, le=50)
    missing_effect: int = Field(ge=-60, le=0)
    why: Line
    practice: Line


class StageCue(Strict):
    """Phrases that show which stage a reply belongs to."""

    stage: Literal["greeting", "clarify", "turnaround", "agreement", "closing"]
    patterns: list[Pattern] = Field(min_length=1)


class Lexicon(Strict):
    """One lexicon file: rules, expectations, stage cues and synonym sets."""

    rules: list[Rule] = Field(default_factory=list)
    expectations: list[Expectation] = Field(default_factory=list)
    checks: list[CheckInfo] = Field(default_factory=list)
    stage_requirements: list[StageRequirement] = Field(default_factory=list)
    stage_cues: list[StageCue] = Field(default_factory=list)
    synonyms: list[list[Annotated[str, Field(min_length=1, max_length=12)]]] = Field(default_factory=list)
    generic_scripts: dict[str, list[Line]] = Field(default_factory=dict)
    dimension_hints: dict[Dimension, Line] = Field(default_factory=dict)


def _unique_rule_ids(lexicon: Lexicon) -> list[tuple[LinePath, str]]:
    seen: set[str] = set()
    found: list[tuple[LinePath, str]] = []
    for index, rule in enumerate(lexicon.rules):
        if rule.id in seen:
            found.append((("rules", index, "id"), f"规则 id「{rule.id}」重复：请改名"))
        seen.add(rule.id)
    return found


@cache
def _alternation(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def compile_patterns(patterns: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """Compile a list of patterns into one cached alternation."""
    return _alternation(tuple(patterns))


@cache
def load_lexicons(directory: Path = LEXICON_DIR) -> Lexicon:
    """All lexicon files merged into one (rules from every file, in file order)."""
    parts = [
        load_model(path, Lexicon, checks=[_unique_rule_ids]) for path in sorted(directory.glob("*.yaml"))
    ]
    merged = Lexicon(
        rules=[rule for part in parts for rule in part.rules],
        expectations=[item for part in parts for item in part.expectations],
        checks=[item for part in parts for item in part.checks],
        stage_requirements=[item for part in parts for item in part.stage_requirements],
        stage_cues=[cue for part in parts for cue in part.stage_cues],
        synonyms=[group for part in parts for group in part.synonyms],
        generic_scripts={k: v for part in parts for k, v in part.generic_scripts.items()},
        dimension_hints={k: v for part in parts for k, v in part.dimension_hints.items()},
    )
    ids = [item.id for group in (merged.rules, merged.expectations, merged.checks) for item in group]
    duplicates = {rule_id for rule_id in ids if ids.count(rule_id) > 1}
    if duplicates:
        raise ValueError(f"规则 id 在多个词库文件中重复：{sorted(duplicates)}")
    return merged


def check_info(check_id: str) -> CheckInfo:
    """The metadata of one code-computed check (KeyError if a lexicon lacks it)."""
    for check in load_lexicons().checks:
        if check.id == check_id:
            return check
    raise KeyError(f"词库中缺少检查项「{check_id}」")


def rule_by_id(rule_id: str) -> Rule:
    """One phrase rule by id (KeyError if missing)."""
    for rule in load_lexicons().rules:
        if rule.id == rule_id:
            return rule
    raise KeyError(f"词库中缺少规则「{rule_id}」")
