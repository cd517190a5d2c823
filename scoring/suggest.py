"""The better line to say: the case's closest reference script, with what was owed added in front.

Never the trainee's own line back: a reference the reply already says (near verbatim) is not a
better line, so the next closest one is offered, and with nothing better there is no suggestion.
"""

from __future__ import annotations

import re

from scenarios.vocabulary import Stage
from scoring.case_checks import reference_lines
from scoring.lexicon import load_lexicons, rule_by_id
from scoring.model import Flag, GradeContext
from scoring.phrases import rule_flag
from scoring.text import similarity

SAME_LINE_AT = 0.9  # similarity from which a reference is the reply itself, said again
_NOT_WORDS = re.compile(r"[\s，,。.！!？?、；;：:“”\"'…—-]+")


def suggestion_for(reply: str, context: GradeContext, stage: Stage, flags: list[Flag]) -> str:
    """A better line for this moment, built from the case's reference scripts when a case is given
    ("" when there is nothing better to offer than what was said)."""
    line = _closest_other_reference(reply, context, stage) or reply
    prefixes = [item.better for item in load_lexicons().expectations if item.id in {f.rule for f in flags}]
    owed = [p for p in dict.fromkeys(prefixes) if not _already_says(line, p)]
    suggestion = "".join(owed) + line
    return "" if same_words(suggestion, reply) else suggestion


def same_words(one: str, other: str) -> bool:
    """The two lines say the same words (punctuation and spaces aside)."""
    return _NOT_WORDS.sub("", one) == _NOT_WORDS.sub("", other)


def _closest_other_reference(reply: str, context: GradeContext, stage: Stage) -> str:
    """The stage's reference line closest to the reply that is not the reply itself ("" if none)."""
    lines = reference_lines(context.case, stage, context.agent_id, with_points=False)
    scored = [(similarity(reply, line), line) for line in lines if not same_words(line, reply)]
    scored = [(score, line) for score, line in scored if score < SAME_LINE_AT]
    return max(scored, key=lambda pair: pair[0])[1] if scored else ""


def _already_says(line: str, prefix: str) -> bool:
    """True when the line already apologises/acknowledges the way the prefix would."""
    for rule_id in ("apology", "feeling"):
        rule = rule_by_id(rule_id)
        if rule_flag(rule, prefix, "") and rule_flag(rule, line, ""):
            return True
    return False
