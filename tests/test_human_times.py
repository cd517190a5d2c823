"""Times on every page are local and human: 「今天 20:08」, 「昨天 09:15」, 「2026-11-28 14:00」,
never a raw UTC ISO string."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from views.times import TIMEZONE_ENV, full_time, human_time

NOW = datetime(2026, 12, 1, 12, 30, tzinfo=UTC)  # 20:30 in Beijing


@pytest.mark.parametrize(
    ("stamp", "shown"),
    [
        ("2026-12-01T12:08:00+00:00", "今天 20:08"),
        ("2026-11-30T16:05:00+00:00", "今天 00:05"),  # the day after in Beijing: today there
        ("2026-11-30T01:15:00+00:00", "昨天 09:15"),
        ("2026-11-28T06:00:00", "2026-11-28 14:00"),  # no offset: stored as UTC
    ],
)
def test_stored_utc_times_show_in_china_time_as_today_yesterday_or_a_date(stamp, shown, monkeypatch):
    monkeypatch.delenv(TIMEZONE_ENV, raising=False)
    assert human_time(stamp, now=NOW) == shown


def test_the_display_zone_is_configurable_and_a_bad_one_falls_back(monkeypatch):
    monkeypatch.setenv(TIMEZONE_ENV, "Europe/London")
    assert human_time("2026-12-01T12:08:00+00:00", now=NOW) == "今天 12:08"
    monkeypatch.setenv(TIMEZONE_ENV, "Mars/Olympus")
    assert human_time("2026-12-01T12:08:00+00:00", now=NOW) == "今天 20:08"


def test_a_missing_or_broken_time_shows_a_dash_not_an_error():
    assert human_time("", now=NOW) == "—" and human_time("yesterday", now=NOW) == "—"
    assert full_time("2026-11-28T06:00:00+00:00") == "2026-11-28 14:00"
