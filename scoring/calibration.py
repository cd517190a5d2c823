"""Measure the grader against the shipped calibration set and seed 000's trainer verdicts."""

from __future__ import annotations

import itertools
import json
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from scenarios import shipped_library
from scenarios.vocabulary import Stage
from scoring.grader import grade_reply
from scoring.model import DIMENSION_LABELS, DIMENSIONS, GOOD_AT, GradeContext, ReplyGrade

CALIBRATION_DIR = Path(__file__).resolve().parent / "calibration"
TARGET_MACRO_F1 = 0.85
Label = Literal["good", "bad"]


class Labels(BaseModel):
    """A trainer's judgement of one reply, per dimension."""

    model_config = ConfigDict(extra="forbid")
    empathy: Label
    no_arguing: Label
    script: Label


class CalibrationItem(BaseModel):
    """One labelled reply in its context."""

    model_config = ConfigDict(extra="forbid")
    id: str
    scenario: str | None
    stage: Stage
    customer: str
    history: list[tuple[Literal["customer", "agent"], str]] = Field(default_factory=list)
    reply: str
    group: str
    labels: Labels
    reason: str

    def context(self) -> GradeContext:
        """The grading context this item describes."""
        case = shipped_library().get(self.scenario) if self.scenario else None
        return GradeContext(customer=self.customer, history=tuple(self.history), case=case, stage=self.stage)


class Verdict(BaseModel):
    """A trainer's verdict from seed 000 that the grader must reproduce."""

    model_config = ConfigDict(extra="forbid")
    id: str
    note: str
    stage: Stage
    customer: str
    history: list[tuple[Literal["customer", "agent"], str]] = Field(default_factory=list)
    reply: str
    must_flag: list[str] = Field(default_factory=list)
    must_not_flag_dimension: list[str] = Field(default_factory=list)


@cache
def load_items(path: Path = CALIBRATION_DIR / "replies.jsonl") -> tuple[CalibrationItem, ...]:
    """The calibration set; a bad line raises ValueError naming its line number."""
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                items.append(CalibrationItem.model_validate_json(line))
            except ValueError as exc:
                raise ValueError(f"{path}:{number}: {exc}") from None
    return tuple(items)


def load_verdicts(path: Path = CALIBRATION_DIR / "seed000.yaml") -> list[Verdict]:
    """Seed 000's verdicts."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Verdict.model_validate(v) for v in data["verdicts"]]


def check_verdict(verdict: Verdict) -> tuple[bool, ReplyGrade]:
    """Whether the grader reproduces the trainer's verdict, and the grade."""
    case = shipped_library().get("telecom-ringback-consent")
    context = GradeContext(
        customer=verdict.customer, history=tuple(verdict.history), case=case, stage=verdict.stage
    )
    grade = grade_reply(verdict.reply, context)
    rules = {f.rule for f in grade.flags}
    ok = (not verdict.must_flag or bool(rules & set(verdict.must_flag))) and not any(
        f.dimension in verdict.must_not_flag_dimension and f.effect < 0 for f in grade.flags
    )
    return ok, grade


def dimension_metrics(truth: list[bool], predicted: list[bool]) -> dict[str, float]:
    """Accuracy and macro-F1 (mean of the F1 of 'good' and of 'bad')."""
    f1s = [_f1([t == cls for t in truth], [p == cls for p in predicted]) for cls in (True, False)]
    accuracy = sum(t == p for t, p in zip(truth, predicted, strict=True)) / len(truth)
    return {"accuracy": round(accuracy, 3), "macro_f1": round(sum(f1s) / 2, 3)}


def _f1(truth: list[bool], predicted: list[bool]) -> float:
    tp = sum(t and p for t, p in zip(truth, predicted, strict=True))
    fp = sum(p and not t for t, p in zip(truth, predicted, strict=True))
    fn = sum(t and not p for t, p in zip(truth, predicted, strict=True))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def pairwise_ordering(items: list[CalibrationItem], grades: list[ReplyGrade]) -> dict[str, float]:
    """Within each context group: does the reply trainers judged better get the higher overall?"""
    agree = total = 0
    by_group: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        by_group.setdefault(item.group, []).append(index)
    for indexes in by_group.values():
        for a, b in itertools.combinations(indexes, 2):
            diff = _goodness(items[a]) - _goodness(items[b])
            if diff == 0:
                continue
            total += 1
            agree += (grades[a].overall - grades[b].overall) * diff > 0
    return {"pairs": total, "agreement": round(agree / total, 3) if total else 1.0}


def _split_metrics(items: list[CalibrationItem], grades: list[ReplyGrade], parity: int) -> dict[str, float]:
    """Macro-F1 per dimension on one half of the groups. The rules were tuned looking only at
    misses in odd-numbered groups ("dev"); even-numbered groups ("held_out") show generalisation."""
    chosen = [(i, g) for i, g in zip(items, grades, strict=True) if _group_number(i.group) % 2 == parity]
    return {
        dim: dimension_metrics(
            [getattr(i.labels, dim) == "good" for i, _ in chosen],
            [getattr(g, dim) >= GOOD_AT for _, g in chosen],
        )["macro_f1"]
        for dim in DIMENSIONS
    }


def _group_number(group: str) -> int:
    digits = "".join(ch for ch in group if ch.isdigit())
    return int(digits) if digits else 0


def _goodness(item: CalibrationItem) -> int:
    return sum(getattr(item.labels, dim) == "good" for dim in DIMENSIONS)


def evaluate() -> dict[str, object]:
    """Every figure `python -m scoring evaluate` prints, and whether the targets are met."""
    items = list(load_items())
    grades = [grade_reply(item.reply, item.context()) for item in items]
    dims = {
        dim: dimension_metrics(
            [getattr(item.labels, dim) == "good" for item in items],
            [getattr(g, dim) >= GOOD_AT for g in grades],
        )
        for dim in DIMENSIONS
    }
    verdicts = [(v, check_verdict(v)[0]) for v in load_verdicts()]
    splits = {name: _split_metrics(items, grades, parity) for name, parity in (("dev", 1), ("held_out", 0))}
    misses = [
        {"id": item.id, "dimension": dim, "label": getattr(item.labels, dim), "score": getattr(grade, dim)}
        for item, grade in zip(items, grades, strict=True)
        for dim in DIMENSIONS
        if (getattr(item.labels, dim) == "good") != (getattr(grade, dim) >= GOOD_AT)
    ]
    passed = all(m["macro_f1"] >= TARGET_MACRO_F1 for m in dims.values()) and all(ok for _, ok in verdicts)
    return {
        "items": len(items),
        "dimensions": dims,
        "pairwise": pairwise_ordering(items, grades),
        "splits": splits,
        "seed000": [{"id": v.id, "note": v.note, "holds": ok} for v, ok in verdicts],
        "misses": misses,
        "passed": passed,
    }


def format_report(report: dict[str, object]) -> str:
    """The evaluation as readable Chinese text."""
    lines = [f"校准集：{report['items']} 条（判定阈值：≥{GOOD_AT} 为好）"]
    for dim, metric in report["dimensions"].items():
        flag = "✓" if metric["macro_f1"] >= TARGET_MACRO_F1 else "✗"
        lines.append(
            f"  {DIMENSION_LABELS[dim]:<4} 准确率 {metric['accuracy']:.3f}  宏F1 {metric['macro_f1']:.3f} {flag}"
        )
    pair = report["pairwise"]
    lines.append(f"  两两排序一致率 {pair['agreement']:.3f}（{pair['pairs']} 对）")
    for name, label in (("dev", "调参半集（奇数组）"), ("held_out", "留出半集（偶数组）")):
        split = report["splits"][name]
        lines.append(
            f"  {label} 宏F1：" + " · ".join(f"{DIMENSION_LABELS[d]} {split[d]:.3f}" for d in DIMENSIONS)
        )
    lines.append("种子000 培训师点评：")
    lines += [f"  {'✓' if v['holds'] else '✗'} {v['note']}" for v in report["seed000"]]
    lines.append(f"误判 {len(report['misses'])} 处；结论：{'达标' if report['passed'] else '未达标'}")
    return "\n".join(lines)


def dump_misses(report: dict[str, object]) -> str:
    """The misclassified items as JSON lines (for tuning)."""
    return "\n".join(json.dumps(m, ensure_ascii=False) for m in report["misses"])
