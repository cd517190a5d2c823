"""`python -m simulator play` keeps the DESIGN.md contract and is reproducible."""

from __future__ import annotations

import json

from tests.clirun import run_module
from tests.sim_helpers import EMPATHIC

ARGS = [
    "simulator",
    "play",
    "--scenario",
    "telecom-ringback-consent",
    "--persona",
    "melancholic",
    "--seed",
    "4",
]


def _play(replies: list[str], *extra: str):
    return run_module(*ARGS, "--replies", "-", *extra, stdin="\n".join(replies) + "\n")


def test_json_output_has_the_contract_fields():
    result = _play(EMPATHIC, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"scenario", "persona", "engine", "seed", "outcome", "turns", "report"} <= data.keys()
    assert data["outcome"] == "resolved" and data["engine"] == "offline"
    roles = [turn["role"] for turn in data["turns"]]
    assert roles[0] == "customer" and "agent" in roles
    agent = next(turn for turn in data["turns"] if turn["role"] == "agent")
    assert {"anger", "trust", "stage"} <= agent["state"].keys() and "overall" in agent["grade"]
    assert data["report"]["stages"][0]["lines"][0]["mark"] == "①"


def test_same_seed_same_replies_same_transcript():
    first, second = _play(EMPATHIC[:3], "--json"), _play(EMPATHIC[:3], "--json")
    assert json.loads(first.stdout)["turns"] == json.loads(second.stdout)["turns"]


def test_replies_can_come_from_a_file_and_text_output_is_readable(tmp_path):
    replies = tmp_path / "replies.txt"
    replies.write_text("\n".join(EMPATHIC[:2]) + "\n", encoding="utf-8")
    result = run_module(*ARGS, "--replies", str(replies))
    assert result.returncode == 0 and "客户：" in result.stdout and "结果：" in result.stdout


def test_unknown_scenario_is_a_clear_error():
    result = run_module(
        "simulator", "play", "--scenario", "nope", "--persona", "choleric", "--replies", "-", stdin=""
    )
    assert result.returncode == 2 and "nope" in result.stderr


def test_llm_engine_without_a_key_says_so_and_plays_offline():
    result = _play(EMPATHIC[:1], "--json", "--engine", "llm")
    assert "未配置大模型" in result.stderr and json.loads(result.stdout)["engine"] == "offline"
