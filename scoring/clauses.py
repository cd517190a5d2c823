"""Split a reply into clauses: the unit dialogue acts are read from and quoted as evidence.

A clause is a stretch between sentence or clause punctuation. Very short pieces (a lone 嗯 or 好)
are merged into the next clause so each clause carries enough to classify. Offsets are kept, so a
quoted clause is always an exact substring of the reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BOUNDARY = re.compile(r"[。！？!?；;，,…\n]+|\.{3,}|——")
MIN_CHARS = 3  # shorter pieces join the following clause


@dataclass(frozen=True)
class Clause:
    """A clause and where it sits in the reply (text == reply[start:end])."""

    text: str
    start: int
    end: int


def split_clauses(reply: str) -> list[Clause]:
    """The reply's clauses in order; a reply without punctuation is one clause."""
    pieces, start = [], 0
    for match in BOUNDARY.finditer(reply):
        pieces.append((start, match.start()))
        start = match.end()
    pieces.append((start, len(reply)))
    return _merge_short([(a, b) for a, b in (_trim(reply, a, b) for a, b in pieces) if b > a], reply)


def _trim(reply: str, start: int, end: int) -> tuple[int, int]:
    while start < end and reply[start].isspace():
        start += 1
    while end > start and reply[end - 1].isspace():
        end -= 1
    return start, end


def _merge_short(pieces: list[tuple[int, int]], reply: str) -> list[Clause]:
    merged: list[tuple[int, int]] = []
    carry: int | None = None
    for start, end in pieces:
        begin = start if carry is None else carry
        if end - start < MIN_CHARS and (start, end) != pieces[-1]:
            carry = begin
            continue
        merged.append((begin, end))
        carry = None
    if carry is not None and merged:  # only short pieces at the end: extend the last clause
        merged[-1] = (merged[-1][0], pieces[-1][1])
    return [Clause(reply[a:b], a, b) for a, b in merged]
