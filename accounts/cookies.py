"""The login cookie: the server-side session's token, signed and with an expiry, for reloads.

The value is `token.expires.mac` where `mac` is an HMAC-SHA256 over the token and expiry with a
secret kept in the data folder. The signature and expiry are checked first (a forged or stale
cookie never reaches the database); the token then still has to name an open, recent login
session in the Store, so logout, deactivation and the idle timeout end a cookie as well.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from pathlib import Path

COOKIE_NAME = "coach_session"
DEFAULT_REMEMBER_DAYS = 14.0
SECRET_FILE = "cookie_secret"


def cookie_secret(data_dir: Path) -> bytes:
    """The signing secret of this installation, created (readable by the owner only) on first use."""
    path = data_dir / SECRET_FILE
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_secret(path)
    with os.fdopen(descriptor, "w") as out:
        out.write(secrets.token_hex(32))
    return _read_secret(path)


def _read_secret(path: Path) -> bytes:
    """The secret file's text; a file another process is still writing is waited for briefly."""
    for _ in range(50):
        text = path.read_text().strip()
        if text:
            return text.encode()
        time.sleep(0.01)
    raise RuntimeError(f"登录密钥文件为空：{path}。请删除该文件后重启服务。")


def sign(secret: bytes, token: str, expires_at: int) -> str:
    """The cookie value for `token`, valid until `expires_at` (Unix seconds)."""
    return f"{token}.{expires_at}.{_mac(secret, token, expires_at)}"


def verify(secret: bytes, value: str | None, now: float | None = None) -> str | None:
    """The token inside a cookie value whose signature holds and that has not expired, else None."""
    parts = (value or "").split(".")
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    token, expires_text, mac = parts
    expires_at = int(expires_text)
    if not hmac.compare_digest(mac, _mac(secret, token, expires_at)):
        return None
    now = time.time() if now is None else now
    return token if now < expires_at else None


def _mac(secret: bytes, token: str, expires_at: int) -> str:
    return hmac.new(secret, f"{token}|{expires_at}".encode(), hashlib.sha256).hexdigest()
