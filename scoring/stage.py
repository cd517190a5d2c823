"""Which of the five stages a reply belongs to, from cue phrases and the call so far."""

from __future__ import annotations

from scenarios.vocabulary import Stage
from scoring.lexicon import compile_patterns, load_lexicons


def detect_stage(reply: str, agent_turns_before: int) -> Stage:
    """The stage a reply most looks like; the first reply of a call is the greeting."""
    if agent_turns_before == 0:
        return Stage.GREETING
    scores = {
        Stage(cue.stage): len(compile_patterns(cue.patterns).findall(reply))
        for cue in load_lexicons().stage_cues
    }
    scores.pop(Stage.GREETING, None)  # a greeting cue later in a call is politeness, not the stage
    best = max(scores, key=lambda stage: (scores[stage], -list(Stage).index(stage)))
    if scores[best] > 0:
        return best
    return Stage.CLARIFY if agent_turns_before == 1 else Stage.TURNAROUND
