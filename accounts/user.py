"""Who is logged in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from accounts.roles import Role


@dataclass(frozen=True)
class User:
    """A logged-in user as the Store holds them."""

    id: int
    username: str
    display_name: str
    role: Role

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> User:
        """From a `users` row."""
        return cls(
            id=row["id"], username=row["username"], display_name=row["display_name"], role=Role(row["role"])
        )
