"""SQLite connections handed out per thread and reused once their thread has ended.

Streamlit runs every script run on a new thread, so a plain per-thread connection meant a new
connection (open, PRAGMA, sqlite-utils wrapper) for every click. A connection is only ever used by
one thread at a time; when that thread is gone, the next new thread takes it over.
"""

from __future__ import annotations

import sqlite3
import threading
import weakref
from pathlib import Path

from sqlite_utils import Database


class ConnectionPool:
    """One live connection per thread; connections of finished threads are reused."""

    def __init__(self, path: Path, timeout: float):
        self.path, self.timeout = path, timeout
        self._local = threading.local()
        self._lock = threading.Lock()
        self._owned: list[tuple[weakref.ref[threading.Thread], Database]] = []

    def get(self) -> Database:
        """This thread's connection."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = self._take_over() or self._connect()
        return db

    def _take_over(self) -> Database | None:
        """A connection whose thread has ended, now owned by this thread (None if there is none)."""
        me = threading.current_thread()
        with self._lock:
            for n, (owner, db) in enumerate(self._owned):
                thread = owner()
                if thread is None or not thread.is_alive():
                    self._owned[n] = (weakref.ref(me), db)
                    return db
        return None

    def _connect(self) -> Database:
        conn = sqlite3.connect(self.path, check_same_thread=False, timeout=self.timeout, isolation_level=None)
        # WAL + NORMAL: durable across app crashes, fsync only at checkpoints (the usual WAL pairing).
        conn.execute("PRAGMA synchronous=NORMAL")
        db = Database(conn)
        with self._lock:
            self._owned.append((weakref.ref(threading.current_thread()), db))
        return db
