"""The encoder's warm vocabulary: the tokens of the replies the model was fitted on, stored beside
the model so a fresh server computes their first layers once at load instead of inside the first
trainees' replies (on two cores a reply full of unseen tokens took ~2 ms longer).

Stored as `scoring/models/encoder_tokens.json`: the encoder's name, the corpus hash, and the
sorted token ids. An encoder that cannot be warmed, or a file for another encoder, is ignored.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from scoring.encoder import Encoder, WarmableEncoder

FILE_NAME = "encoder_tokens.json"


def write_warm_tokens(encoder: Encoder, texts: Sequence[str], corpus_hash: str, folder: Path) -> int:
    """Store the token ids of `texts` for `encoder` in `folder`; returns how many (0 when the
    encoder cannot be warmed, and then nothing is written)."""
    if not isinstance(encoder, WarmableEncoder):
        return 0
    ids = encoder.token_ids(texts)
    record = {"encoder": encoder.name, "corpus_sha256": corpus_hash, "token_ids": ids}
    (folder / FILE_NAME).write_text(json.dumps(record, separators=(",", ":")), encoding="utf-8")
    return len(ids)


def stored_warm_tokens(folder: Path) -> dict | None:
    """The stored record (None when there is none)."""
    path = folder / FILE_NAME
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def warm_from_file(encoder: Encoder, folder: Path) -> int:
    """Warm `encoder` with the stored token ids if they were written for it; returns how many
    tokens were added."""
    record = stored_warm_tokens(folder)
    if record is None or record.get("encoder") != encoder.name or not isinstance(encoder, WarmableEncoder):
        return 0
    return encoder.warm(record["token_ids"])
