"""Apply the lexicons' phrase rules to a reply: each family fires at most once, with its span."""

from __future__ import annotations

import re

from scoring.lexicon import Rule, compile_patterns
from scoring.model import Flag

SPAN_CHARS = 40


def rule_flag(rule: Rule, reply: str, customer: str) -> Flag | None:
    """The rule's flag when it fires on `reply` (given the customer's last line), else None."""
    if rule.when_customer and not compile_patterns(rule.when_customer).search(customer):
        return None
    match = rule.regex().search(reply)
    if match is None:
        return None
    if rule.unless and compile_patterns(rule.unless).search(reply):
        return None
    return Flag(
        rule=rule.id,
        dimension=rule.dimension,
        span=quote(reply, match),
        effect=rule.effect,
        label=rule.label,
        why=rule.why,
    )


def count_matches(rule: Rule, reply: str) -> int:
    """How many times the rule's patterns occur (for stuffing)."""
    return len(rule.regex().findall(reply))


def quote(reply: str, match: re.Match[str]) -> str:
    """The matched text, widened to its clause so a trainer can read it in context."""
    start = max(_clause_start(reply, match.start()), match.start() - SPAN_CHARS // 2)
    end = min(_clause_end(reply, match.end()), match.end() + SPAN_CHARS // 2)
    return reply[start:end].strip()


_CLAUSE_BREAK = "，,。.！!？?；;\n"


def _clause_start(text: str, index: int) -> int:
    while index > 0 and text[index - 1] not in _CLAUSE_BREAK:
        index -= 1
    return index


def _clause_end(text: str, index: int) -> int:
    while index < len(text) and text[index] not in _CLAUSE_BREAK:
        index += 1
    return index
