"""Which grader grades a reply: the one place that decides the default engine.

`learned` (the model fitted on the labelled corpus, offline) is the default everywhere — the
customer, the report, exams; `rules` (the hand-written lexicon grader) stays selectable for
comparison. The LLM judge (scoring/judge.py) falls back to the default engine.
"""

from __future__ import annotations

from collections.abc import Callable

from scoring.model import GradeContext, ReplyGrade

DEFAULT_ENGINE = "learned"
OFFLINE_ENGINES = ("learned", "rules")


def grader_for(engine: str = DEFAULT_ENGINE) -> Callable[[str, GradeContext | None], ReplyGrade]:
    """The grading function of an offline engine (`learned` or `rules`)."""
    if engine == "learned":
        from scoring.learned_grader import grade_reply_learned

        return grade_reply_learned
    if engine == "rules":
        from scoring.grader import grade_reply as grade_reply_rules

        return grade_reply_rules
    raise ValueError(f"未知的评分引擎：{engine}（可选：{'、'.join(OFFLINE_ENGINES)}）")


def grade_reply(reply: str, context: GradeContext | None = None, engine: str = DEFAULT_ENGINE) -> ReplyGrade:
    """Grade `reply` in `context` with `engine` (the default: the learned grader)."""
    return grader_for(engine)(reply, context)
