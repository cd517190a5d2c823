"""Persistence: one `Store` over sqlite-utils (users, calls, turns, grades, reports)."""

from store.store import Store, StoreError

__all__ = ["Store", "StoreError"]
