"""Versioned content rows (场景工坊 cases, tuned personas): every save a new row, never changed.

Shared by the case and persona records: `table` and `key` are our own names, never user input.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database


def next_version(db: Database, table: str, key: str, value: str) -> int:
    """The version number the next save of `value` gets (inside the saving transaction)."""
    latest = db.execute(f"select max(version) from [{table}] where [{key}] = ?", [value]).fetchone()[0]
    return (latest or 0) + 1


def latest_rows(db: Database, table: str, key: str, include_archived: bool) -> list[dict[str, Any]]:
    """The latest version of each item, with its author's name, newest first."""
    archived = "" if include_archived else "and a.archived = 0"
    sql = (
        f"select a.*, u.display_name as author from [{table}] a join users u on u.id = a.author_id "
        f"where a.version = (select max(version) from [{table}] b where b.[{key}] = a.[{key}]) "
        f"{archived} order by a.id desc"
    )
    return list(db.query(sql))


def all_versions(db: Database, table: str, key: str, value: str) -> list[dict[str, Any]]:
    """Every version of one item, newest first, with its author's name."""
    sql = (
        f"select a.*, u.display_name as author from [{table}] a join users u on u.id = a.author_id "
        f"where a.[{key}] = ? order by a.version desc"
    )
    return list(db.query(sql, [value]))


def version_json(db: Database, table: str, key: str, value: str, version: int, column: str) -> str | None:
    """One version's JSON (None if there is no such version)."""
    row = db.execute(
        f"select [{column}] from [{table}] where [{key}] = ? and version = ?", [value, version]
    ).fetchone()
    return row[0] if row else None
