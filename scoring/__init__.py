"""Grading trainee replies (共情 / 不争辩 / 话术规范) and writing the coach's report (案例精评)."""

from scoring.engines import DEFAULT_ENGINE, grade_reply
from scoring.model import DIMENSION_LABELS, DIMENSIONS, Flag, GradeContext, ReplyGrade, Signals

__all__ = [
    "DEFAULT_ENGINE",
    "DIMENSIONS",
    "DIMENSION_LABELS",
    "Flag",
    "GradeContext",
    "ReplyGrade",
    "Signals",
    "grade_reply",
]
