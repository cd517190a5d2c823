"""Users, passwords, roles and login rate limiting."""

from accounts.passwords import hash_password, verify_password
from accounts.roles import ROLE_LABELS, Role, can
from accounts.service import AuthError, authenticate, create_user, seed_demo_accounts

__all__ = [
    "ROLE_LABELS",
    "AuthError",
    "Role",
    "authenticate",
    "can",
    "create_user",
    "hash_password",
    "seed_demo_accounts",
    "verify_password",
]
