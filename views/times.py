"""Times as people read them: stored UTC ISO strings shown in the trainees' local time,
「今天 20:08」「昨天 20:08」 for the last two days and 「2026-12-01 20:08」 before that.

The display time zone is the call centre's, not the server's (servers often run on UTC):
`COACH_TIMEZONE` (an IANA name such as Asia/Shanghai), by default China Standard Time.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIMEZONE = "Asia/Shanghai"
TIMEZONE_ENV = "COACH_TIMEZONE"


def display_zone() -> tzinfo:
    """The zone times are shown in; an unknown name falls back to China Standard Time."""
    name = os.environ.get(TIMEZONE_ENV, "").strip() or DEFAULT_TIMEZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)


def local_time(stamp: str) -> datetime | None:
    """A stored ISO time (UTC when it carries no offset) in the display zone; None if unreadable."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(display_zone())


def human_time(stamp: str, now: datetime | None = None) -> str:
    """「今天 20:08」, 「昨天 20:08」 or 「2026-12-01 20:08」 ("—" for a missing or broken time)."""
    moment = local_time(stamp)
    if moment is None:
        return "—"
    today = (now or datetime.now(UTC)).astimezone(moment.tzinfo).date()
    clock = moment.strftime("%H:%M")
    if moment.date() == today:
        return f"今天 {clock}"
    if moment.date() == today - timedelta(days=1):
        return f"昨天 {clock}"
    return moment.strftime("%Y-%m-%d %H:%M")


def full_time(stamp: str) -> str:
    """「2026-12-01 20:08」 always (tables sorted or exported by time), "—" if unreadable."""
    moment = local_time(stamp)
    return moment.strftime("%Y-%m-%d %H:%M") if moment else "—"


def epoch_iso(seconds: float | None) -> str:
    """An epoch time (exam attempts keep those) as the ISO text the functions above read ("" if none)."""
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds") if seconds else ""


def today() -> date:
    """Today in the display zone (due dates are the call centre's local dates)."""
    return datetime.now(UTC).astimezone(display_zone()).date()
