"""Salted scrypt password hashes with constant-time verification (standard library only)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

# scrypt cost: 2**14 × 8 × 1 takes ~30 ms and 16 MiB here — slow for guessing, fine for a login.
N, R, P, DKLEN = 2**14, 8, 1, 32


def hash_password(password: str) -> str:
    """`scrypt$n$r$p$salt$hash` (hex) for a new password."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=N, r=R, p=P, dklen=DKLEN)
    return f"scrypt${N}${R}${P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """True when `password` matches `stored` (compared in constant time)."""
    try:
        scheme, n, r, p, salt, expected = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(
            password.encode(),
            salt=bytes.fromhex(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected) // 2,
        )
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(digest.hex(), expected)
