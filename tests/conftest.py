"""Shared fixtures: paths to the shipped content and a writer for broken copies of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from personas import PERSONAS_DIR
from scenarios import CASES_DIR

ROOT = Path(__file__).resolve().parent.parent
EXEMPLAR_CASE = CASES_DIR / "telecom-ringback-consent.yaml"
EXEMPLAR_PERSONA = PERSONAS_DIR / "choleric.yaml"


@pytest.fixture
def exemplar_case_text() -> str:
    """The text of a known-good case file, to break in controlled ways."""
    return EXEMPLAR_CASE.read_text(encoding="utf-8")


@pytest.fixture
def exemplar_persona_text() -> str:
    """The text of a known-good persona file."""
    return EXEMPLAR_PERSONA.read_text(encoding="utf-8")


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write `text` to `tmp_path/name` and return the path."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
