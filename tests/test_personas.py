"""The four temperament personas load, list, and behave as the seed describes them."""

from __future__ import annotations

import json

import pytest

from datafiles import DataFileError
from personas import load_personas
from personas.describe import STATE_FIELDS, state_rows
from scenarios.vocabulary import Event, Mood
from tests.clirun import run_module

PERSONAS = load_personas()


def _state(persona_id: str):
    return PERSONAS.get(persona_id).state


def test_there_is_exactly_one_persona_per_temperament():
    assert [p.temperament.value for p in PERSONAS] == ["choleric", "sanguine", "phlegmatic", "melancholic"]


def test_list_json_keeps_the_contract():
    result = run_module("personas", "list", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {row["temperament"] for row in rows} == {"choleric", "sanguine", "phlegmatic", "melancholic"}
    assert all({"id", "name", "temperament"} <= row.keys() for row in rows)


def test_choleric_flares_and_cools_faster_than_phlegmatic():
    choleric, phlegmatic = _state("choleric"), _state("phlegmatic")
    assert choleric.arguing_anger > 2 * phlegmatic.arguing_anger
    assert choleric.decay > phlegmatic.decay
    assert choleric.patience < phlegmatic.patience


def test_sanguine_is_won_most_by_empathy_and_hurt_by_being_ignored():
    sanguine = _state("sanguine")
    assert sanguine.empathy_relief == max(p.state.empathy_relief for p in PERSONAS)
    assert sanguine.ignored_anger == max(p.state.ignored_anger for p in PERSONAS)


def test_phlegmatic_wants_facts_more_than_comfort():
    phlegmatic = _state("phlegmatic")
    assert phlegmatic.explanation_relief > phlegmatic.empathy_relief
    assert phlegmatic.explanation_relief == max(p.state.explanation_relief for p in PERSONAS)


def test_melancholic_holds_the_biggest_grudge_and_withdraws_first():
    melancholic = _state("melancholic")
    assert melancholic.grudge == max(p.state.grudge for p in PERSONAS)
    assert melancholic.trust_loss == max(p.state.trust_loss for p in PERSONAS)
    assert melancholic.hang_up_at < min(melancholic.supervisor_at, melancholic.regulator_at)


@pytest.mark.parametrize("persona", list(PERSONAS), ids=lambda p: p.id)
def test_every_persona_has_two_template_lines_per_event_and_mood(persona):
    for event in Event:
        bank = getattr(persona.templates, event.value)
        for mood in Mood:
            assert len(getattr(bank, mood.value)) >= 2, f"{persona.id} {event} {mood}"


@pytest.mark.parametrize("persona", list(PERSONAS), ids=lambda p: p.id)
def test_state_rows_describe_every_number_in_chinese(persona):
    rows = state_rows(persona)
    assert len(rows) == len(STATE_FIELDS) == len(persona.state.model_dump())
    assert all(row["参数"] and row["含义"] for row in rows)


def test_thresholds_that_contradict_each_other_are_refused(exemplar_persona_text, write_file):
    broken = exemplar_persona_text.replace("resolve_below: 45", "resolve_below: 90")
    with pytest.raises(DataFileError) as caught:
        load_personas([write_file("choleric.yaml", broken)])
    (problem,) = caught.value.problems
    assert "resolve_below" in problem.message and problem.line > 1


def test_unknown_temperament_is_refused_with_choices(exemplar_persona_text, write_file):
    broken = exemplar_persona_text.replace("temperament: choleric", "temperament: angry")
    with pytest.raises(DataFileError) as caught:
        load_personas([write_file("choleric.yaml", broken)])
    assert "'phlegmatic'" in str(caught.value)
    assert caught.value.problems[0].line == broken.splitlines().index("temperament: angry") + 1


def test_persona_validate_cli_reports_path_and_line(exemplar_persona_text, write_file):
    path = write_file("choleric.yaml", exemplar_persona_text.replace("  patience: 2\n", "  patience: 0\n"))
    result = run_module("personas", "validate", str(path))
    assert result.returncode == 1 and result.stdout.startswith(f"{path}:")
