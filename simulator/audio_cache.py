"""Synthesized customer lines on disk, so a replay or a report plays at once.

Files are named by the request's key and written whole (temp file, then rename): a crash or a
second writer never leaves a half or 0-byte file behind, and an empty file is never kept.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class AudioCache:
    """A folder of audio files keyed by `SpeechRequest.key` (created 0700: transcripts are private)."""

    def __init__(self, folder: Path):
        self.folder = folder

    def path(self, key: str, extension: str) -> Path:
        """Where the line with this key lives."""
        return self.folder / f"{key}.{extension}"

    def get(self, key: str, extension: str) -> bytes | None:
        """The cached audio, or None (an empty file, say from an older version, counts as missing)."""
        try:
            data = self.path(key, extension).read_bytes()
        except OSError:
            return None
        return data or None

    def put(self, key: str, extension: str, data: bytes) -> None:
        """Keep the audio; an empty one is refused (ValueError), an OSError is the caller's to log."""
        if not data:
            raise ValueError("empty audio is never cached")
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".part-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, self.path(key, extension))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
