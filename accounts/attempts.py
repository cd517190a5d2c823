"""Login rate limiting per (username, client) with backoff, decided before the password is checked.

A fixed lock per username let anyone lock the admin out; counting after the (slow) hash check let
forty parallel guesses all see the old count. Now each attempt is first counted, atomically, as a
failure for this name from this client; the first FREE_ATTEMPTS in the window are free, and every
later one must wait twice as long after the previous failure as the one before (capped).
"""

from __future__ import annotations

FREE_ATTEMPTS = 5
WINDOW_S = 3600.0
FIRST_WAIT_S = 30.0
MAX_WAIT_S = 900.0


def wait_seconds(failures: list[float], at: float) -> float:
    """Seconds this client must still wait before another try at this name (0 = go on).

    `failures` are the times of its failures in the window, oldest first."""
    extra = len(failures) - FREE_ATTEMPTS
    if extra < 0:
        return 0.0
    wait = min(MAX_WAIT_S, FIRST_WAIT_S * 2**extra)
    return max(0.0, failures[-1] + wait - at)


def wait_message(seconds: float) -> str:
    """The refusal, in Chinese, with how long to wait."""
    if seconds >= 60:
        return f"密码错误次数过多，请 {int(seconds // 60) + 1} 分钟后再试"
    return f"密码错误次数过多，请 {int(seconds) + 1} 秒后再试"
