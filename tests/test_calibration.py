"""The grader agrees with the shipped calibration set (≥ 0.85 macro-F1 on every dimension)."""

from __future__ import annotations

from collections import Counter

from scoring.calibration import TARGET_MACRO_F1, evaluate, load_items
from tests.clirun import run_module

ITEMS = load_items()


def test_calibration_set_is_large_balanced_and_spread():
    assert len(ITEMS) >= 150
    for dim in ("empathy", "no_arguing", "script"):
        counts = Counter(getattr(item.labels, dim) for item in ITEMS)
        assert min(counts.values()) / len(ITEMS) >= 0.3, (dim, counts)
    assert len({item.scenario for item in ITEMS if item.scenario}) >= 12
    assert all(sum(item.stage.value == s for item in ITEMS) >= 25 for s in {i.stage.value for i in ITEMS})


def test_every_dimension_reaches_the_target_and_held_out_half_holds_up():
    report = evaluate()
    for dim, metric in report["dimensions"].items():
        assert metric["macro_f1"] >= TARGET_MACRO_F1, (dim, metric)
    assert min(report["splits"]["held_out"].values()) >= 0.8
    assert report["pairwise"]["agreement"] >= 0.85
    assert all(v["holds"] for v in report["seed000"])


def test_evaluate_cli_prints_accuracy_macro_f1_and_pairwise():
    result = run_module("scoring", "evaluate")
    assert result.returncode == 0, result.stdout
    assert "宏F1" in result.stdout and "准确率" in result.stdout and "两两排序" in result.stdout
