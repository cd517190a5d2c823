"""Seed 000's trainer verdicts hold: the faults are flagged, the praised lines are not called arguing."""

from __future__ import annotations

import pytest

from scoring.calibration import check_verdict, load_verdicts

VERDICTS = load_verdicts()


def test_the_worked_example_covers_the_trainers_three_faults_and_the_praised_lines():
    ids = {v.id for v in VERDICTS}
    assert {"greeting-too-plain", "hmm-to-a-waiting-customer", "forceful-line-in-turnaround"} <= ids
    assert sum(1 for v in VERDICTS if v.must_not_flag_dimension) >= 3


@pytest.mark.parametrize("verdict", VERDICTS, ids=lambda v: v.id)
def test_trainer_verdict_holds(verdict):
    holds, grade = check_verdict(verdict)
    assert holds, (verdict.note, [(f.rule, f.effect) for f in grade.flags])
