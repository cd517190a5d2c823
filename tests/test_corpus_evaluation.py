"""`python -m scoring evaluate` on the test writers' calls: the figures the issue asks for, printed."""

from __future__ import annotations

from scoring.corpus_eval import evaluate_corpus, format_corpus_report, human_kappa
from scoring.reply_model import shipped_model
from tests.clirun import run_module
from tests.conftest import ROOT


def test_the_held_out_writers_figures_hold() -> None:
    """Measured on writers never used to fit or tune (guards against a regression, not a tuning target)."""
    report = evaluate_corpus(shipped_model())
    assert report["split"] == "test" and report["replies"] >= 1000 and not report["stale"]
    assert all(figures["auc"] >= 0.92 for figures in report["dimensions"].values()), report["dimensions"]
    calls = report["calls_scored"]
    assert calls["spearman"] >= 0.90 and calls["mae"] <= 10
    assert calls["level_range"]["hostile"][1] <= 30 and calls["level_range"]["exemplary"][0] >= 80
    # 19 of 21 since the train writers w8-w10 joined (20 before): the two misses are a good call
    # 1 point above its case's exemplary one and a poor and a hostile call tied at 5.
    assert calls["pass_agreement"] >= 0.95 and calls["level_order_cases"]["ordered"] >= 19
    text = format_corpus_report(report)
    assert "Spearman" in text and "两位标注者之间" in text
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    aucs = " | ".join(f"{report['dimensions'][d]['auc']:.3f}" for d in ("empathy", "no_arguing", "script"))
    assert f"| AUC（学习模型） | {aucs} |" in readme, "README 里的测试集数字与 evaluate 不一致"
    assert f"Spearman {calls['spearman']:.3f}" in readme


def test_the_human_ceiling_is_measured_on_315_doubly_labelled_replies() -> None:
    kappa = human_kappa()
    assert set(kappa) == {"empathy", "no_arguing", "script", "stage"}
    assert all(0.5 < value <= 1 for value in kappa.values())


def test_the_cli_prints_the_calibration_and_the_corpus_sections() -> None:
    result = run_module("scoring", "evaluate")
    assert "语料测试集" in result.stdout and "整通评分" in result.stdout, result.stdout[-2000:]
