"""What a customer line takes for granted that only the trainee could have told it.

`unsaid(line, trainee_said, history)` names the first such thing the trainee has not said in the
call (a ticket number, a time commitment, a callback) — or that the call is too young for (「你一句
都没听进去」 after one reply) — or returns None. The offline engine skips a
bank line that presupposes one; the LLM guard drops such a sentence. The table is data:
simulator/presuppositions.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from scoring.text import is_question

PRESUPPOSITIONS_PATH = Path(__file__).resolve().parent / "presuppositions.yaml"


@dataclass(frozen=True)
class Presupposition:
    """One thing a customer line can presuppose. `trainee` None: the matched words themselves
    must appear in what the trainee said."""

    name: str
    customer: re.Pattern[str]
    trainee: re.Pattern[str] | None = None

    def unmet(self, line: str, trainee_said: str) -> bool:
        """True when `line` presupposes this and the trainee's words do not back it."""
        if self.trainee is None:
            return any(words not in trainee_said for words in self.customer.findall(line))
        return bool(self.customer.search(line)) and not self.trainee.search(trainee_said)


@dataclass(frozen=True)
class HistoryNeed:
    """A line that presupposes the call so far: `replies` trainee replies before it, or (`asked`)
    a question the customer itself asked earlier."""

    name: str
    customer: re.Pattern[str]
    replies: int = 0
    asked: bool = False

    def unmet(self, line: str, history: Sequence[tuple[str, str]]) -> bool:
        """True when `line` presupposes more of a call than `history` holds."""
        if not self.customer.search(line):
            return False
        replies = sum(role == "agent" for role, _ in history)
        asked = any(role == "customer" and is_question(text) for role, text in history)
        return replies < self.replies or (self.asked and not asked)


@cache
def load_table(
    path: Path = PRESUPPOSITIONS_PATH,
) -> tuple[tuple[Presupposition, ...], tuple[HistoryNeed, ...]]:
    """The table's word checks and history checks, read and compiled once (a bad entry fails
    here, naming the file)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        words = [Presupposition(name, re.compile(p)) for name, p in data["same_words"].items()]
        words += [
            Presupposition(name, re.compile(entry["customer"]), re.compile(entry["trainee"]))
            for name, entry in data["needs_evidence"].items()
        ]
        history = [
            HistoryNeed(
                name, re.compile(e["customer"]), int(e.get("replies", 0)), bool(e.get("asked", False))
            )
            for name, e in data.get("needs_history", {}).items()
        ]
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ValueError(
            f"{path} 格式不对（{exc}）：需要 same_words、needs_evidence 两节（needs_history 可选）"
        ) from exc
    return tuple(words), tuple(history)


def unsaid(line: str, trainee_said: str, history: Sequence[tuple[str, str]] | None = None) -> str | None:
    """The name of the first thing `line` presupposes that `trainee_said` does not contain, or
    (with `history`, the call before this line) that the call so far does not hold."""
    words, needs = load_table()
    found = next((p.name for p in words if p.unmet(line, trainee_said)), None)
    if found is None and history is not None:
        found = next((n.name for n in needs if n.unmet(line, history)), None)
    return found
