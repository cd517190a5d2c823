"""Anti-gaming: stuffing apologies, repeating a reply, length, replies that are not Chinese, text
addressed to the system instead of the customer, and bare filler."""

from __future__ import annotations

import re

from scoring.case_checks import check_flag
from scoring.lexicon import rule_by_id
from scoring.model import Flag
from scoring.phrases import count_matches, rule_flag
from scoring.text import bigrams, chinese_ratio, dice, han_count, normalise

MAX_HAN = 220
MIN_HAN = 4
REPEAT_AT = 0.85
# Lexicon rules that are guards, not language understanding: every engine runs them.
GUARD_RULES = ("off-task", "filler-only")


_SENTENCE = re.compile(r"[^。！!？?；;\n]+")


def stuffing_flag(reply: str) -> Flag | None:
    """Three or more apologies, the same sentence said twice, or nothing but empathy words."""
    sentences = [normalise(s) for s in _SENTENCE.findall(reply)]
    sentences = [s for s in sentences if len(s) >= 4]
    if len(sentences) != len(set(sentences)):
        return check_flag("apology-stuffing", reply[:40])
    apologies = count_matches(rule_by_id("apology"), reply)
    if apologies >= 3 or (apologies == 2 and _only_empathy_words(reply)):
        return check_flag("apology-stuffing", reply[:40])
    return None


def _only_empathy_words(reply: str) -> bool:
    """Nothing but apology, feeling, thanks and reassurance words (≤ 2 other characters)."""
    stripped = reply
    for rule_id in ("apology", "feeling", "thanks", "reassurance"):
        stripped = rule_by_id(rule_id).regex().sub("", stripped)
    return han_count(reply) >= 4 and han_count(stripped) <= 2


def repeat_flag(reply: str, earlier_agent_turns: list[str]) -> Flag | None:
    """The reply repeats one of the trainee's earlier replies (near word for word)."""
    grams = bigrams(reply)
    for earlier in earlier_agent_turns:
        if dice(grams, bigrams(earlier)) >= REPEAT_AT:
            return check_flag("repeated-reply", reply[:40], detail=f"前面说过：{earlier[:40]}")
    return None


def length_flags(reply: str) -> list[Flag]:
    """Too long to follow, too short to say anything, or not Chinese."""
    han = han_count(reply)
    if reply.strip() and chinese_ratio(reply) < 0.5:
        return [check_flag("not-chinese", reply[:40])]
    if han > MAX_HAN:
        return [check_flag("too-long", reply[:40], detail=f"{han} 个汉字")]
    if han < MIN_HAN and not rule_by_id("filler-only").regex().search(reply):
        return [check_flag("too-short", reply[:40])]
    return []


def guard_flags(reply: str) -> list[Flag]:
    """Instructions to the system (prompt injection, role play, asking for the rubric) and replies
    of nothing but 嗯/好的: no reading of the words can make either a reply to the customer."""
    return [flag for rule_id in GUARD_RULES if (flag := rule_flag(rule_by_id(rule_id), reply, ""))]
