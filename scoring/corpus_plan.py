"""Who writes which calls: the writer/case/level/temperament plan and the writer-held-out split.

Each writer writes two calls per case. Levels and temperaments rotate by writer so that the train
writers together, and the test writers together, cover every level of every case.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scoring.corpus_schema import LEVELS

WRITERS = ("w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9", "w10")
# Decided before any call was written: the test writers' data is never read to fit or tune.
# w8-w10 were added later as train writers (decided before they wrote; see corpus/README.md).
SPLIT = {"w1": "train", "w2": "train", "w3": "train", "w4": "dev", "w5": "test", "w6": "test", "w7": "test"}
SPLIT |= {"w8": "train", "w9": "train", "w10": "train"}
# w11-w13 (2026-12-04): one call per case each, asked to let the trainee ask many plain fact
# questions at every level — the model read 「那蓝月谷是怎么没去成的？」 as arguing. Train writers,
# decided before they wrote; the test writers are unchanged.
PROBING_WRITERS = ("w11", "w12", "w13")
SPLIT |= {writer: "train" for writer in PROBING_WRITERS}
# w14-w15 (2026-12-04): one call per case between them, asked to let the trainee ask what went wrong
# on the company's side (「导游为什么没带你们去？」) — every such question in the train writers' calls
# asked the customer why it had not done something, so the model read any 「为什么没……？」 as blame.
# Train writers, decided before they wrote; the test writers are unchanged.
WHY_WRITERS = ("w14", "w15")
SPLIT |= {writer: "train" for writer in WHY_WRITERS}
TEMPERAMENTS = ("choleric", "sanguine", "phlegmatic", "melancholic")
CALLS_PER_CASE = 2
ASSIGNMENTS_DIR = Path(__file__).resolve().parent / "corpus" / "assignments"


@dataclass(frozen=True)
class Assignment:
    """One call a writer is asked to write."""

    writer: str
    case_id: str
    level: str
    temperament: str

    @property
    def call_id(self) -> str:
        """Stable id: writer, case and the level (a writer writes each level of a case once)."""
        return f"{self.writer}-{self.case_id}-{self.level}"


def plan(case_ids: list[str]) -> list[Assignment]:
    """Every writer's assignments, each writer starting at a different case."""
    assignments = []
    for k, writer in enumerate(WRITERS):
        start = 3 * k
        for offset in range(len(case_ids)):
            j = (start + offset) % len(case_ids)
            for n in range(CALLS_PER_CASE):
                level = LEVELS[(j + 2 * k + n) % len(LEVELS)]
                temperament = TEMPERAMENTS[(j + k + 2 * n) % len(TEMPERAMENTS)]
                assignments.append(Assignment(writer, case_ids[j], level, temperament))
    return assignments


def probing_plan(case_ids: list[str]) -> list[Assignment]:
    """The w11-w13 batch: one call per case per writer, levels and temperaments rotating so the
    three writers give each case three different levels."""
    return [
        Assignment(
            writer,
            case_id,
            LEVELS[(j + 2 * k) % len(LEVELS)],
            TEMPERAMENTS[(j + k) % len(TEMPERAMENTS)],
        )
        for k, writer in enumerate(PROBING_WRITERS)
        for j, case_id in enumerate(case_ids)
    ]


def why_plan(case_ids: list[str]) -> list[Assignment]:
    """The w14-w15 batch: the cases dealt alternately, levels and temperaments rotating."""
    return [
        Assignment(
            WHY_WRITERS[j % 2],
            case_id,
            LEVELS[(j // 2 + 3 * (j % 2)) % len(LEVELS)],
            TEMPERAMENTS[(j // 2 + 2 * (j % 2)) % len(TEMPERAMENTS)],
        )
        for j, case_id in enumerate(case_ids)
    ]


def render_assignments(writer: str, assignments: list[Assignment]) -> str:
    """A writer's to-do list in Chinese Markdown, in the order to write."""
    rows = [a for a in assignments if a.writer == writer]
    lines = [
        f"# 写作任务：{writer}",
        "",
        f"按顺序写。每个案例的电话写进 `scoring/corpus/raw/{writer}/<案例编号>.jsonl`（每通电话一行）。",
        "",
        "| 序号 | call_id | 案例编号 | 等级 level | 客户气质 temperament |",
        "|---|---|---|---|---|",
    ]
    for number, a in enumerate(rows, start=1):
        lines.append(f"| {number} | {a.call_id} | {a.case_id} | {a.level} | {a.temperament} |")
    return "\n".join(lines) + "\n"
