"""`python -m bench` prints one JSON object with the figures (numbers, never asserted as timings)."""

from __future__ import annotations

import json

from tests.clirun import run_module


def test_bench_prints_one_json_object_with_figures():
    result = run_module("bench", "--quick")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["cases"] >= 1
    assert set(figures["load_cases_ms"]) == {"p50", "p95"}
    assert figures["rss_mb"] > 0
    assert set(figures["grade_ms"]) == {"p50", "p95"} and figures["grade_per_s"] > 0
    assert set(figures["turn_offline_ms"]) == {"p50", "p95"}
    assert set(figures["apptest_turn_ms"]) == {"p50", "p95"}
    assert set(figures["llm_overhead_ms"]) == {"p50", "p95"}
    assert figures["concurrent"]["sessions"] >= 1 and figures["concurrent"]["lost_turns"] == 0
