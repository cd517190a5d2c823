"""The report's better line is never the trainee's own line said back: not a reference script
the reply already says word for word, nor the reply itself when there is no case."""

from __future__ import annotations

import pytest

from scenarios.vocabulary import Stage
from scoring.engines import grade_reply
from scoring.model import GradeContext
from scoring.suggest import same_words
from tests.sim_helpers import LIBRARY

RINGBACK = LIBRARY.get("telecom-ringback-consent")


@pytest.mark.parametrize("stage", list(Stage))
def test_a_reference_script_said_word_for_word_is_not_suggested_back(stage):
    for script in getattr(RINGBACK.stages, stage.value).scripts:
        line = script.replace("{refund_amount}", "5元").replace("{manual_number}", "12580")
        line = line.replace("{agent_id}", "1024")
        grade = grade_reply(line, GradeContext(case=RINGBACK, stage=stage))
        assert not same_words(grade.suggestion, line), (stage, line)


def test_without_a_case_the_suggestion_is_never_the_reply_itself():
    grade = grade_reply("嗯，我看一下。", GradeContext(customer="我的钱到底什么时候退？"))
    assert not same_words(grade.suggestion, "嗯，我看一下。")
