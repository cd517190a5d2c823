"""Roles and what each may do; pages check these in code, not just by hiding links."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A user's role."""

    TRAINEE = "trainee"
    TRAINER = "trainer"
    ADMIN = "admin"


ROLE_LABELS = {Role.TRAINEE: "学员", Role.TRAINER: "培训师", Role.ADMIN: "管理员"}
_RANK = {Role.TRAINEE: 0, Role.TRAINER: 1, Role.ADMIN: 2}


def can(role: str, needed: Role) -> bool:
    """True when `role` is `needed` or above (admin ⊃ trainer ⊃ trainee)."""
    try:
        return _RANK[Role(role)] >= _RANK[needed]
    except ValueError:
        return False
