"""The Store's authored cases (场景工坊): every save a new version, archive and restore.

A mixin of `Store`. The shipped YAML library stays the read-only default; cases written in the
studio live here. A version is never changed or deleted, so a call or an exam that used one can
always be rebuilt with it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from sqlite_utils import Database

from scenarios.schema import Case
from store.errors import StoreError, now
from store.versions import all_versions, latest_rows, next_version, version_json


class CaseRecords:
    """Authored cases and their versions (mixed into `Store`)."""

    db: Database
    transaction: Callable[[], AbstractContextManager[Database]]

    def save_case_version(self, case: Case, yaml_text: str, author_id: int) -> Case:
        """Store `case` as the next version of its id (the version number is the Store's, whatever
        the YAML says); the case as stored. An archived case is restored by a new save."""
        with self.transaction() as db:
            stored = case.model_copy(
                update={"version": next_version(db, "authored_cases", "case_id", case.id)}
            )
            row = {"case_id": case.id, "version": stored.version, "yaml_text": yaml_text}
            row |= {"case_json": stored.model_dump_json(), "author_id": author_id, "created_at": now()}
            try:
                db["authored_cases"].insert(row | {"archived": 0})
            except sqlite3.IntegrityError:
                raise StoreError("另一个窗口刚刚保存了这个案例，请刷新后再保存") from None
            db.execute("update authored_cases set archived = 0 where case_id = ?", [case.id])
        return stored

    def set_case_archived(self, case_id: str, archived: bool) -> None:
        """Archive (hide from practice and new exams) or restore an authored case, every version."""
        with self.transaction() as db:
            changed = db.execute(
                "update authored_cases set archived = ? where case_id = ?", [int(archived), case_id]
            ).rowcount
        if not changed:
            raise StoreError(f"场景工坊里没有案例「{case_id}」")

    def authored_cases(self, include_archived: bool = False) -> list[dict[str, Any]]:
        """The latest version of each authored case, with its author's name, newest first."""
        return latest_rows(self.db, "authored_cases", "case_id", include_archived)

    def case_versions(self, case_id: str) -> list[dict[str, Any]]:
        """Every version of an authored case, newest first."""
        return all_versions(self.db, "authored_cases", "case_id", case_id)

    def authored_case(self, case_id: str, version: int) -> Case | None:
        """One version of an authored case (None if the Store has no such version)."""
        found = version_json(self.db, "authored_cases", "case_id", case_id, version, "case_json")
        return Case.model_validate_json(found) if found else None

    def cases_revision(self) -> tuple[int, str]:
        """Changes whenever an authored case is saved, archived or restored (a cache key): the
        last save's id and the archived case ids."""
        row = self.db.execute(
            "select coalesce(max(id), 0), (select coalesce(group_concat(case_id), '') from "
            "(select distinct case_id from authored_cases where archived = 1 order by case_id)) from authored_cases"
        ).fetchone()
        return row[0], row[1]
