"""What an exam attempt was graded with, stored with it for audit: the grader engine, the hashes
of the fitted model, the corpus it was fitted on, the lexicons and the grader's own code, the
case and persona versions and the seed. Two attempts with equal fingerprints were graded alike.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from personas.schema import Persona
from scenarios.schema import Case
from scoring.engines import DEFAULT_ENGINE

SCORING = Path(__file__).resolve().parent.parent / "scoring"
FINGERPRINT_VERSION = 1


def grading_fingerprint(case: Case, persona: Persona, seed: int) -> dict[str, Any]:
    """The fingerprint of grading `case` against `persona` with `seed` under the current grader."""
    return {
        "fingerprint_version": FINGERPRINT_VERSION,
        "grader_engine": DEFAULT_ENGINE,
        "customer_engine": "offline",
        "model": None,  # the offline customer: no language model
        "seed": seed,
        "case_id": case.id,
        "case_version": case.version,
        "case_sha256": _sha256(case.model_dump_json().encode()),
        "persona_id": persona.id,
        "persona_version": persona.version,
        **grader_hashes(),
    }


@cache
def grader_hashes() -> dict[str, str]:
    """Hashes of what the grade depends on besides the case: read once per process."""
    model_meta = json.loads((SCORING / "models" / "reply_model.json").read_text(encoding="utf-8"))
    return {
        "model_sha256": _files_sha256(sorted((SCORING / "models").glob("*"))),
        "corpus_sha256": model_meta.get("corpus_sha256", ""),
        "lexicons_sha256": _files_sha256(
            sorted([*(SCORING / "lexicons").glob("*.yaml"), *SCORING.glob("*.yaml")])
        ),
        "grader_code_sha256": _files_sha256(sorted(SCORING.glob("*.py"))),
    }


def _files_sha256(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
