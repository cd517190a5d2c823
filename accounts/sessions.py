"""Server-side login sessions: a random token per login, its hash in the Store, checked every run.

The browser session keeps only the token. Every page run asks the Store who it belongs to, so a
deactivated or demoted user loses access on their next action, logout in one tab ends the others,
and a session idle for longer than the timeout (default 8 hours) ends by itself.
"""

from __future__ import annotations

import hashlib
import secrets
import time

from accounts.user import User
from store import Store

DEFAULT_IDLE_HOURS = 8.0
# Sessions last seen this long ago are deleted when someone logs in (ended ones are kept a while
# so "you were logged out" can still be told apart from "never logged in").
PRUNE_AFTER_S = 30 * 24 * 3600.0


def token_hash(token: str) -> str:
    """What the Store keeps instead of the token: a stolen database opens no session."""
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(store: Store, user: User, at: float | None = None) -> str:
    """A new login session for `user`; the token to keep in the browser session."""
    at = time.time() if at is None else at
    token = secrets.token_urlsafe(32)
    store.open_auth_session(token_hash(token), user.id, at)
    store.prune_auth_sessions(at - PRUNE_AFTER_S)
    return token


def session_user(store: Store, token: str | None, idle_hours: float, at: float | None = None) -> User | None:
    """The user behind `token` as the Store has them now, or None (ended, idle, deactivated)."""
    if not token:
        return None
    at = time.time() if at is None else at
    row = store.auth_session_user(token_hash(token), at, idle_hours * 3600)
    if row is None:
        return None
    return User.from_row(row)


def log_out_everywhere(store: Store, user_id: int) -> None:
    """End every login session of the user (all tabs, all browsers)."""
    store.end_user_sessions(user_id)
