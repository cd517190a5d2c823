"""Every shipped case can be played by every persona: all their lines render together."""

from __future__ import annotations

import itertools

import pytest

from datafiles.placeholders import walk_strings
from personas import load_personas
from scenarios import load_library
from scenarios.fill import fill

CASES = list(load_library())
PERSONAS = list(load_personas())


@pytest.mark.parametrize(
    ("case", "persona"),
    list(itertools.product(CASES, PERSONAS)),
    ids=lambda item: item.id,
)
def test_case_and_persona_lines_render_together(case, persona):
    persona_lines = [text for _, text in walk_strings(persona.templates.model_dump())]
    case_lines = [text for _, text in walk_strings(case.lines.model_dump())]
    rendered = [fill(text, case) for text in persona_lines + case_lines]
    assert rendered and all(line and "{" not in line for line in rendered)
    assert len(persona.speech.interjections) >= 2
