"""What every part of the Store shares: its error type and its clock."""

from __future__ import annotations

from datetime import UTC, datetime


class StoreError(Exception):
    """A store operation could not be done (the message says what, in Chinese)."""


class CallConflict(StoreError):
    """The call moved on in another window (or the same reply was sent twice): nothing was stored."""


def now() -> str:
    """The current UTC time as ISO text (seconds)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class ExamRefused(StoreError):
    """An exam rule (attempts used up, time is up, no rewind) refused the action; the message says which."""
