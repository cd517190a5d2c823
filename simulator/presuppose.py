"""What a customer line takes for granted that only the trainee could have told it.

`unsaid(line, trainee_said)` names the first such thing the trainee has not said in the call
(a ticket number, a time commitment, a callback), or returns None. The offline engine skips a
bank line that presupposes one; the LLM guard drops such a sentence. The table is data:
simulator/presuppositions.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

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


@cache
def presuppositions(path: Path = PRESUPPOSITIONS_PATH) -> tuple[Presupposition, ...]:
    """The table, compiled once (a bad pattern fails here, naming the entry)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        same = [Presupposition(name, re.compile(p)) for name, p in data["same_words"].items()]
        evidence = [
            Presupposition(name, re.compile(entry["customer"]), re.compile(entry["trainee"]))
            for name, entry in data["needs_evidence"].items()
        ]
    except (KeyError, TypeError, re.error) as exc:
        raise ValueError(f"{path} 格式不对（{exc}）：需要 same_words 和 needs_evidence 两节") from exc
    return (*same, *evidence)


def unsaid(line: str, trainee_said: str) -> str | None:
    """The name of the first thing `line` presupposes that `trainee_said` does not contain."""
    return next((p.name for p in presuppositions() if p.unmet(line, trainee_said)), None)
