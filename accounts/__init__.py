"""Users, passwords, roles, login rate limiting and server-side login sessions."""

from accounts.passwords import hash_password, verify_password
from accounts.roles import ROLE_LABELS, Role, can
from accounts.service import (
    AuthError,
    authenticate,
    change_password,
    create_first_admin,
    create_user,
    seed_demo_accounts,
    update_user,
)
from accounts.user import User

__all__ = [
    "ROLE_LABELS",
    "AuthError",
    "Role",
    "User",
    "authenticate",
    "can",
    "change_password",
    "create_first_admin",
    "create_user",
    "hash_password",
    "seed_demo_accounts",
    "update_user",
    "verify_password",
]
