"""The README stays true: the two commands, every persona, every CLI it documents."""

from __future__ import annotations

from personas import load_personas
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def test_the_two_commands_are_documented_and_exist():
    for target in ("run", "test"):
        assert f"`make {target}`" in README
        assert f"\n{target}:" in MAKEFILE


def test_ci_runs_exactly_the_test_command():
    assert "exec make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_persona_table_names_every_persona_and_temperament():
    for persona in load_personas():
        row = next(
            line for line in README.splitlines() if line.startswith(f"| {persona.temperament.label} |")
        )
        assert persona.name in row


def test_persona_numbers_quoted_in_the_readme_match_the_files():
    choleric = load_personas().get("choleric").state
    assert f"被争辩 +{choleric.arguing_anger} 怒气" in README
    melancholic = load_personas().get("melancholic").state
    assert f"记仇 {melancholic.grudge:.0%}" in README and f"怒气 {melancholic.hang_up_at} 就挂断" in README
