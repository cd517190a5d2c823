"""The corpus record format: bad lines are refused with file, line and what to fix; shipped files pass."""

from __future__ import annotations

import json
from pathlib import Path

from scoring.corpus_check import check_file, main
from scoring.corpus_schema import CorpusCall

CORPUS_RAW = Path(__file__).resolve().parents[1] / "scoring" / "corpus" / "raw"


def a_call(**changes: object) -> dict:
    reply = {
        "role": "agent",
        "text": "您好，这里是远驰汽车客户关怀中心，您慢慢说。",
        "stage": "greeting",
        "empathy": 1,
        "no_arguing": 2,
        "script": 2,
        "acts": [["greet", "您好"], ["self_identify", "这里是远驰汽车客户关怀中心"]],
    }
    reply.update(changes)
    return {
        "call_id": "w0-auto-gearbox-defect-good",
        "writer": "w0",
        "case_id": "auto-gearbox-defect",
        "temperament": "choleric",
        "level": "good",
        "trainer_score": 78,
        "agreement": True,
        "outcome": "resolved",
        "turns": [{"role": "customer", "text": "喂？"}, reply],
    }


def problems_for(tmp_path: Path, *calls: dict) -> list[str]:
    path = tmp_path / "calls.jsonl"
    path.write_text("\n".join(json.dumps(call, ensure_ascii=False) for call in calls), encoding="utf-8")
    return list(check_file(path))


def test_a_well_formed_call_has_no_problems_and_lists_its_replies(tmp_path: Path) -> None:
    assert problems_for(tmp_path, a_call()) == []
    assert len(CorpusCall.model_validate(a_call()).replies) == 1


def test_a_score_outside_0_to_2_is_refused_with_its_line_and_field(tmp_path: Path) -> None:
    problems = problems_for(tmp_path, a_call(), a_call(empathy=3))
    assert len(problems) == 1
    assert problems[0].startswith(f"{tmp_path / 'calls.jsonl'}:2: turns.1.agent.empathy")


def test_an_act_span_that_is_not_in_the_reply_is_refused(tmp_path: Path) -> None:
    problems = problems_for(tmp_path, a_call(acts=[["apologise", "真对不起"]]))
    assert len(problems) == 1 and "不是这句话的原文子串" in problems[0]


def test_an_unknown_act_or_stage_is_refused(tmp_path: Path) -> None:
    assert "未知的行为名" in problems_for(tmp_path, a_call(acts=[["hello", "您好"]]))[0]
    assert "stage" in problems_for(tmp_path, a_call(stage="opening"))[0]


def test_a_line_that_is_not_json_is_named(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text('{"call_id": \n', encoding="utf-8")
    assert list(check_file(path)) == [f"{path}:1: 不是合法的 JSON（Expecting value，第 13 列）"]


def test_the_command_exits_1_on_problems_and_0_on_clean_files(tmp_path: Path, capsys) -> None:
    good, bad = tmp_path / "good.jsonl", tmp_path / "bad.jsonl"
    good.write_text(json.dumps(a_call(), ensure_ascii=False), encoding="utf-8")
    bad.write_text(json.dumps(a_call(script=-1), ensure_ascii=False), encoding="utf-8")
    assert main([str(good)]) == 0
    assert main([str(good), str(bad)]) == 1
    assert "bad.jsonl:1" in capsys.readouterr().out


def test_every_shipped_corpus_file_is_well_formed() -> None:
    files = sorted(CORPUS_RAW.glob("*/*.jsonl"))
    assert [problem for path in files for problem in check_file(path)] == []
