"""The grader's lexicons load, and broken lexicon files are refused with file and line."""

from __future__ import annotations

import pytest

from datafiles import DataFileError, load_model
from scoring.lexicon import Lexicon, load_lexicons


def test_shipped_lexicons_load_with_every_rule_family():
    lexicon = load_lexicons()
    ids = {rule.id for rule in lexicon.rules}
    assert {"apology", "feeling", "ownership", "reassurance", "thanks"} <= ids
    assert {"contradict", "blame", "rhetorical", "lecture", "policy-shield", "deflect"} <= ids
    assert {"calm-down", "ask-apology", "interrupt", "forbidden", "filler-only"} <= ids
    assert {req.stage for req in lexicon.stage_requirements} == {
        "greeting",
        "clarify",
        "agreement",
        "closing",
    }


def test_every_rule_explains_itself_and_says_what_to_practise():
    lexicon = load_lexicons()
    for item in [*lexicon.rules, *lexicon.checks, *lexicon.expectations, *lexicon.stage_requirements]:
        assert item.why and item.practice


def test_an_invalid_regular_expression_is_refused_at_its_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "rules:\n  - id: broken\n    label: 坏\n    dimension: empathy\n    effect: 5\n"
        "    patterns:\n      - '(未闭合'\n    why: x\n    practice: y\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as caught:
        load_model(path, Lexicon)
    (problem,) = caught.value.problems
    assert problem.line == 7 and "正则" in problem.message
