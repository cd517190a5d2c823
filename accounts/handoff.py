"""One-time handoffs of a login cookie from a script run to the browser.

A Streamlit script cannot set a cookie: it answers over a websocket. After a login the script
leaves the signed cookie value here under a random one-time code and the page asks the cookie
route (web/routes.py) to redeem that code; the route's HTTP response sets the HttpOnly cookie.
The page's JavaScript only ever sees the code, which is single-use and expires in two minutes.
Route and script runs share the server process, so the handoffs live in its memory.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass

HANDOFF_TTL_S = 120.0
MAX_PENDING = 10_000


@dataclass(frozen=True)
class CookieGrant:
    """What a redeemed code hands over: the cookie value and how long the browser keeps it."""

    value: str
    max_age: int


class CookieHandoffs:
    """Pending one-time codes, each redeemable once, until it expires."""

    def __init__(self, ttl_s: float = HANDOFF_TTL_S) -> None:
        self._ttl_s = ttl_s
        self._pending: dict[str, tuple[CookieGrant, float]] = {}
        self._lock = threading.Lock()

    def issue(self, grant: CookieGrant) -> str:
        """A new one-time code for `grant`."""
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._drop_expired(time.monotonic())
            if len(self._pending) >= MAX_PENDING:  # never grows without bound
                self._pending.pop(next(iter(self._pending)))
            self._pending[code] = (grant, time.monotonic() + self._ttl_s)
        return code

    def redeem(self, code: str) -> CookieGrant | None:
        """The grant behind `code` if it is pending and fresh; it is gone afterwards."""
        with self._lock:
            entry = self._pending.pop(code, None)
        if entry is None or entry[1] < time.monotonic():
            return None
        return entry[0]

    def pending(self, code: str | None) -> bool:
        """Whether `code` still waits to be redeemed."""
        with self._lock:
            entry = self._pending.get(code or "")
        return entry is not None and entry[1] >= time.monotonic()

    def _drop_expired(self, now: float) -> None:
        for code in [code for code, (_, until) in self._pending.items() if until < now]:
            del self._pending[code]


# Process-wide: the cookie route and every session's script runs share it.
HANDOFFS = CookieHandoffs()
