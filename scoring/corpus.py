"""The labelled corpus as data: load the calls, split them by writer, flatten them into replies.

The split is by writer (`corpus_plan.SPLIT`): test writers' calls are only ever read by
`evaluate`, never by `train` — that is what makes the figures count.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from scoring.corpus_plan import SPLIT
from scoring.corpus_schema import AgentTurn, CorpusCall

CORPUS_DIR = Path(__file__).resolve().parent / "corpus" / "raw"


@dataclass(frozen=True)
class LabelledReply:
    """One agent reply with where it was said and the writer's labels."""

    call: CorpusCall
    number: int  # 1-based among the call's agent replies
    turn: AgentTurn
    customer: str  # the customer's line just before it ("" if none)
    history: tuple[tuple[str, str], ...]  # every earlier turn as (role, text)

    @property
    def text(self) -> str:
        """The reply as said."""
        return self.turn.text


def corpus_files(folder: Path = CORPUS_DIR) -> list[Path]:
    """Every corpus JSONL file, in a stable order."""
    return sorted(folder.glob("*/*.jsonl"))


def load_calls(files: Iterable[Path] | None = None) -> list[CorpusCall]:
    """Every call in `files` (default: the whole corpus), validated."""
    calls = []
    for path in corpus_files() if files is None else files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                calls.append(CorpusCall.model_validate(json.loads(line)))
    return calls


def corpus_hash(files: Iterable[Path] | None = None) -> str:
    """SHA-256 over the corpus files' names and bytes: a fitted model records which data it saw."""
    digest = hashlib.sha256()
    for path in corpus_files() if files is None else files:
        digest.update(f"{path.parent.name}/{path.name}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def split_of(call: CorpusCall) -> str:
    """train, dev or test, by the call's writer."""
    return SPLIT[call.writer]


def in_split(calls: Iterable[CorpusCall], *splits: str) -> list[CorpusCall]:
    """The calls whose writer is in one of `splits`."""
    return [call for call in calls if split_of(call) in splits]


def replies_of(call: CorpusCall) -> list[LabelledReply]:
    """The call's agent replies with their context, in the order said."""
    replies, history, customer = [], [], ""
    for turn in call.turns:
        if isinstance(turn, AgentTurn):
            replies.append(LabelledReply(call, len(replies) + 1, turn, customer, tuple(history)))
        else:
            customer = turn.text
        history.append((turn.role, turn.text))
    return replies


def all_replies(calls: Iterable[CorpusCall]) -> list[LabelledReply]:
    """Every labelled reply of `calls`."""
    return [reply for call in calls for reply in replies_of(call)]
