"""Private files: the database holds password hashes and transcripts, so only its owner may read it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

DIR_MODE, FILE_MODE = 0o700, 0o600


def private_files(db_path: Path) -> None:
    """Create the data folder 0700 and the database file 0600 (tightening existing ones we own).

    SQLite gives its -wal and -shm files the database file's mode, so they follow. A shared
    folder (sticky bit, e.g. /tmp) or one owned by someone else is left as it is.
    """
    folder = db_path.parent
    folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    info = folder.stat()
    if info.st_uid == os.getuid() and not info.st_mode & stat.S_ISVTX:
        folder.chmod(DIR_MODE)
    os.close(os.open(db_path, os.O_CREAT | os.O_RDWR, FILE_MODE))
    for path in (db_path, *(db_path.with_name(db_path.name + s) for s in ("-wal", "-shm"))):
        if path.exists() and path.stat().st_uid == os.getuid():
            path.chmod(FILE_MODE)
