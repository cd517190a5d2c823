"""The Store's tuned personas (性格调校): every save a new version; the shipped ones stay read-only.

A mixin of `Store`, like the studio's cases (store/versions.py does the versioning for both).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from sqlite_utils import Database

from personas.schema import Persona
from store.errors import StoreError, now
from store.versions import all_versions, latest_rows, next_version, version_json


class PersonaRecords:
    """Tuned personas and their versions (mixed into `Store`)."""

    db: Database
    transaction: Callable[[], AbstractContextManager[Database]]

    def save_persona_version(self, persona: Persona, author_id: int) -> Persona:
        """Store `persona` as the next version of its id; the persona as stored."""
        with self.transaction() as db:
            version = next_version(db, "authored_personas", "persona_id", persona.id)
            stored = persona.model_copy(update={"version": version})
            row = {"persona_id": persona.id, "version": version, "persona_json": stored.model_dump_json()}
            try:
                db["authored_personas"].insert(
                    row | {"author_id": author_id, "created_at": now(), "archived": 0}
                )
            except sqlite3.IntegrityError:
                raise StoreError("另一个窗口刚刚保存了这个性格，请刷新后再保存") from None
        return stored

    def authored_personas(self) -> list[dict[str, Any]]:
        """The latest version of each tuned persona, newest first."""
        return latest_rows(self.db, "authored_personas", "persona_id", include_archived=False)

    def persona_versions(self, persona_id: str) -> list[dict[str, Any]]:
        """Every version of a tuned persona, newest first."""
        return all_versions(self.db, "authored_personas", "persona_id", persona_id)

    def authored_persona(self, persona_id: str, version: int) -> Persona | None:
        """One version of a tuned persona (None if the Store has no such version)."""
        found = version_json(self.db, "authored_personas", "persona_id", persona_id, version, "persona_json")
        return Persona.model_validate_json(found) if found else None

    def personas_revision(self) -> int:
        """Changes whenever a persona is saved (a cache key)."""
        return self.db.execute("select coalesce(max(id), 0) from authored_personas").fetchone()[0]
