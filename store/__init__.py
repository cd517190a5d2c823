"""Persistence: one `Store` over sqlite-utils (users, login sessions, calls, turns, grades, reports)."""

from store.errors import CallConflict, StoreError
from store.store import Store

__all__ = ["CallConflict", "Store", "StoreError"]
