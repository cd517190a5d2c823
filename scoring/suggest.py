"""The better line to say: the case's closest reference script, with what was owed added in front."""

from __future__ import annotations

from scenarios.vocabulary import Stage
from scoring.case_checks import best_reference
from scoring.lexicon import load_lexicons, rule_by_id
from scoring.model import Flag, GradeContext
from scoring.phrases import rule_flag


def suggestion_for(reply: str, context: GradeContext, stage: Stage, flags: list[Flag]) -> str:
    """A better line for this moment, built from the case's reference scripts when a case is given."""
    _, line = best_reference(reply, context.case, stage, context.agent_id, with_points=False)
    line = line or reply
    prefixes = [item.better for item in load_lexicons().expectations if item.id in {f.rule for f in flags}]
    owed = [p for p in dict.fromkeys(prefixes) if not _already_says(line, p)]
    return "".join(owed) + line


def _already_says(line: str, prefix: str) -> bool:
    """True when the line already apologises/acknowledges the way the prefix would."""
    for rule_id in ("apology", "feeling"):
        rule = rule_by_id(rule_id)
        if rule_flag(rule, prefix, "") and rule_flag(rule, line, ""):
            return True
    return False
