"""A case's self-test (场景工坊 → 自测): bot trainees — a good one saying the case's own reference
scripts, and bad ones that argue, stall, stuff apologies or over-promise — play the case against
every persona on the offline customer; the case is flagged when a bad bot resolves the call or
scores within `SEPARATION` points of the good one, and warned when the good one cannot resolve.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import cycle, islice
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from personas import PersonaLibrary
from personas.schema import Persona
from scenarios.fill import fill
from scenarios.schema import Case
from scenarios.vocabulary import Stage
from scoring.report import OUTCOME_LABELS
from simulator.offline import OfflineEngine
from simulator.session import Call

BOTS_FILE = Path(__file__).resolve().parent / "bots.yaml"
GOOD = "good"
SEPARATION = 15  # a bad bot's mean score this close to the good one's means grading cannot tell them apart
MAX_REPLIES = 12
AGENT_ID = "1024"


class BadBot(BaseModel):
    """One bad bot trainee from bots.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    weakness: str
    lines: list[str]
    with_forbidden_phrases: bool = False
    with_promises: bool = False


@dataclass(frozen=True)
class BotRun:
    """One bot's call against one persona."""

    bot: str
    bot_label: str
    persona_id: str
    persona_label: str
    outcome: str
    overall: int
    anger: tuple[int, ...]


@dataclass(frozen=True)
class SelfTest:
    """Every run, and what a trainer should fix (`flags`) or look at (`warnings`)."""

    runs: list[BotRun]
    flags: list[str]
    warnings: list[str]

    def mean_overall(self, bot: str) -> float:
        """The bot's mean call score over the personas."""
        scores = [run.overall for run in self.runs if run.bot == bot]
        return sum(scores) / len(scores)


@cache
def bad_bots() -> dict[str, BadBot]:
    """The bad bots of bots.yaml, by id."""
    raw = yaml.safe_load(BOTS_FILE.read_text(encoding="utf-8"))
    return {bot_id: BadBot.model_validate(spec) for bot_id, spec in raw.items()}


def good_lines(case: Case) -> list[str]:
    """The good bot: the case's reference scripts, stage by stage, in order."""
    return [
        fill(line, case, AGENT_ID) for stage in Stage for line in getattr(case.stages, stage.value).scripts
    ]


def bad_lines(bot: BadBot, case: Case) -> list[str]:
    """A bad bot's lines for this case: its own, with the case's forbidden phrases or promises it
    must not make woven in, cycled up to MAX_REPLIES."""
    extra: list[str] = []
    if bot.with_forbidden_phrases:
        extra = [fill(phrase, case, AGENT_ID) + "。" for phrase in case.forbidden_phrases]
    if bot.with_promises:
        extra = [f"您放心，{limit.keywords[0]}，我说到做到。" for limit in case.policy.must_not_promise]
    first, rest = bot.lines[0], bot.lines[1:]
    paired = min(len(rest), len(extra))
    woven = [line for pair in zip(rest[:paired], extra[:paired], strict=True) for line in pair]
    return list(islice(cycle([first, *woven, *rest[paired:]]), MAX_REPLIES))


def play(case: Case, persona: Persona, lines: list[str], seed: int = 0) -> tuple[str, int, tuple[int, ...]]:
    """Say the lines to the offline customer until they run out or it ends the call: the outcome,
    the call score and the anger curve."""
    call, opening = Call.start(case, persona, OfflineEngine(), seed=seed)
    opening.text()
    anger = [call.session.state.anger]
    for line in lines[:MAX_REPLIES]:
        if call.session.state.ended:
            break
        call.reply(line).text()
        anger.append(call.session.state.anger)
    report = call.end()
    return report.outcome, report.overall, tuple(anger)


def run_self_test(case: Case, personas: PersonaLibrary) -> SelfTest:
    """Every bot against every persona, and the verdict on the case."""
    bots = {GOOD: ("好学员", good_lines(case))} | {
        bot_id: (bot.label, bad_lines(bot, case)) for bot_id, bot in bad_bots().items()
    }
    runs = []
    for persona in personas:
        persona_label = persona.label
        for bot_id, (label, lines) in bots.items():
            outcome, overall, anger = play(case, persona, lines)
            runs.append(BotRun(bot_id, label, persona.id, persona_label, outcome, overall, anger))
    return SelfTest(runs, _flags(runs), _warnings(runs))


def _flags(runs: list[BotRun]) -> list[str]:
    """A bad bot that resolves, or that the grading cannot tell from the good bot."""
    good = [r.overall for r in runs if r.bot == GOOD]
    good_mean = sum(good) / len(good)
    flags = []
    for bot_id, bot in bad_bots().items():
        mine = [r for r in runs if r.bot == bot_id]
        resolved = [r.persona_label for r in mine if r.outcome == "resolved"]
        if resolved:
            flags.append(f"「{bot.label}」在{'、'.join(resolved)}下也圆满解决了通话：{bot.weakness}。")
        mean = sum(r.overall for r in mine) / len(mine)
        if mean > good_mean - SEPARATION:
            said = sum(len(r.anger) - 1 for r in mine) / len(mine)
            gap = (
                "反而不低于"
                if mean >= good_mean
                else f"只低 {good_mean - mean:.0f} 分（不到 {SEPARATION} 分），接近"
            )
            flags.append(
                f"「{bot.label}」平均得分 {mean:.0f}，{gap}好学员的 {good_mean:.0f} 分，评分分不出好坏"
                f"（它平均说了 {said:.0f} 句通话就结束了）：请让参考话术更具体（说清办法、时限和依据）。"
            )
    return flags


def _warnings(runs: list[BotRun]) -> list[str]:
    """The good bot not resolving under a persona: the case may be too hard or its scripts too thin."""
    return [
        f"好学员在「{r.persona_label}」下没有解决（{OUTCOME_LABELS.get(r.outcome, r.outcome)}）："
        "案例可能太难，或参考话术回应不了客户的诉求。"
        for r in runs
        if r.bot == GOOD and r.outcome != "resolved"
    ]
