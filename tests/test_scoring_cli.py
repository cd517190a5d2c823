"""`python -m scoring grade` keeps the DESIGN.md JSON-lines contract, line errors included."""

from __future__ import annotations

import json

from tests.clirun import run_module

CONTRACT_KEYS = {"empathy", "no_arguing", "script", "overall", "flags", "suggestion"}


def _grade(lines: list[str], *args: str) -> list[dict]:
    result = run_module("scoring", "grade", *args, stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_each_input_line_gets_one_output_line_with_the_contract_keys():
    out = _grade(
        [
            json.dumps({"reply": "您好，工号1024为您服务，请问有什么可以帮您？"}),
            json.dumps(
                {
                    "reply": "这是规定，我也没办法。",
                    "customer": "能取消吗？",
                    "history": [["customer", "喂"], ["agent", "您好"]],
                    "stage": "turnaround",
                    "scenario": "telecom-ringback-consent",
                },
                ensure_ascii=False,
            ),
        ]
    )
    assert len(out) == 2 and all(row.keys() >= CONTRACT_KEYS for row in out)
    flag = next(f for f in out[1]["flags"] if f["rule"] == "act-hide_behind_policy")
    assert {"rule", "dimension", "span", "effect"} <= flag.keys() and flag["span"] == "这是规定"


def test_malformed_lines_yield_error_objects_and_the_rest_are_graded():
    out = _grade(["{not json", json.dumps({"reply": 5}), json.dumps({"reply": "我理解您的心情。"}), "[1,2]"])
    assert [("error" in row) for row in out] == [True, True, False, True]
    assert out[0]["line"] == 1 and "JSON" in out[0]["error"]
    assert any(f["rule"] == "act-acknowledge_feeling" for f in out[2]["flags"]) and out[2]["empathy"] >= 40


def test_unknown_scenario_or_stage_in_a_line_is_an_error_for_that_line():
    out = _grade([json.dumps({"reply": "好", "scenario": "nope"}), json.dumps({"reply": "好", "stage": "x"})])
    assert "nope" in out[0]["error"] and "阶段" in out[1]["error"]


def test_default_scenario_applies_to_lines_without_one():
    out = _grade([json.dumps({"reply": "有录音为证。"})], "--scenario", "telecom-ringback-consent")
    assert any(f["rule"] == "case-forbidden" for f in out[0]["flags"])


def test_unknown_default_scenario_exits_with_a_message():
    result = run_module("scoring", "grade", "--scenario", "nope", stdin="")
    assert result.returncode == 2 and "nope" in result.stderr
