"""`python -m simulator selftest`: the test writers' calls played against every case × persona."""

from __future__ import annotations

import json

import pytest

from simulator.selftest import run_selftest, totals
from tests.clirun import run_module


@pytest.fixture(scope="module")
def test_split_totals():
    return totals(run_selftest("test"))


def test_exemplary_and_good_calls_resolve_and_poor_and_hostile_never_do(test_split_totals):
    assert test_split_totals["calls"] == 126 * 4
    assert test_split_totals["good_resolved"] >= 0.90
    assert test_split_totals["bad_resolved"] == 0
    assert test_split_totals["bad_ended_calmer"] == 0


def test_direct_questions_are_answered_and_nothing_unoffered_is_accepted(test_split_totals):
    assert test_split_totals["questions"] > 100
    assert test_split_totals["questions_answered"] >= 0.95
    assert test_split_totals["early_accepts"] == 0
    assert test_split_totals["stitched"] == 0


def test_cli_prints_the_totals_as_json():
    result = run_module("simulator", "selftest", "--split", "dev", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["split"] == "dev" and out["totals"]["calls"] == 42 * 4
