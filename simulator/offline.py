"""The offline engine: voices the state from the case's and persona's line banks — no network.

Deterministic for a seed: the same replies give the same transcript. A line is never repeated in
a call; a direct question is answered with the case facts the customer knows.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from scenarios.agenda import Agenda, Misunderstanding, Question
from scenarios.common_facts import facts_of
from scenarios.fill import fill
from scenarios.schema import Case, MoodLines
from scenarios.vocabulary import Event, Outcome, Stage
from scoring.case_checks import asked_facts, facts_asked_in_turn
from scoring.text import is_question, similarity
from simulator.agenda import Move, demand
from simulator.guard import closes_call
from simulator.presuppose import unsaid
from simulator.voice import VoiceContext

CHUNK = 3  # characters per streamed chunk
# A case's don't-know line answers a question when they share this much (character bigrams): the
# lines are about one thing each (who called, which day), so one that shares nothing is about
# something else.
DONT_KNOW_MATCH = 0.1


class OfflineEngine:
    """Picks, fills and streams lines from the banks."""

    name = "offline"

    def voice(self, context: VoiceContext) -> Iterator[str]:
        """The customer's line, streamed in small chunks."""
        line = compose_line(context)
        yield from (line[i : i + CHUNK] for i in range(0, len(line), CHUNK))


def compose_line(context: VoiceContext) -> str:
    """The whole customer line for this turn."""
    rng = random.Random(f"{context.seed}:{len(context.history)}")
    picker = _Picker(context, rng)
    state, lines = context.state, context.case.lines
    if state.outcome == Outcome.RESOLVED:
        return _resolved_line(context, picker)
    if state.agreed and not (context.previous and context.previous.agreed):
        return _agreement_line(context, picker)
    if state.outcome is not None:
        return picker.pick(list(getattr(lines.outcomes, _OUTCOME_BANK[state.outcome])), echo=True)
    if context.grade is None:
        return picker.pick(_mood(lines.opening, context))
    if context.case.agenda is not None and state.move is not None:
        # With an agenda the stage banks are not used: their lines presuppose offers and facts
        # the trainee may not have said. A move whose lines are used up is a plain reaction.
        line = agenda_line(context, picker, state.move)
        return line or _reaction(
            context, picker, context.grade.event if context.grade else Event.EXPLAINED_TO
        )
    return _reaction_or_content(context, picker)


def _resolved_line(context: VoiceContext, picker: _Picker) -> str:
    """Agreeing, or ending a resolved call: the case's resolved lines, else (used up, or naming a
    time the trainee never said) its closing lines at this mood — never a stray line from another
    mood, such as a choleric threat after "谢谢你"."""
    lines = context.case.lines
    return picker.pick(list(lines.outcomes.resolved), optional=True, echo=True) or picker.pick(
        _mood(lines.stages.closing, context) + list(lines.stages.closing.calm), echo=True
    )


def _agreement_line(context: VoiceContext, picker: _Picker) -> str:
    """Saying yes while the call goes on: the met demand's own acceptance, else a resolved line
    without a goodbye (「行，那就这样，再见。」 with the call still open leaves the trainee talking to
    someone who has said goodbye); the goodbye comes when the call ends."""
    lines = _accept_lines(context) + list(context.case.lines.outcomes.resolved)
    staying = [line for line in lines if not closes_call(line)]
    return picker.pick(staying, optional=True, echo=True) or _resolved_line(context, picker)


def _accept_lines(context: VoiceContext) -> list[str]:
    """The acceptance lines of the demands settled by this reply, then of those settled before."""
    agenda = context.case.agenda
    if agenda is None:
        return []
    before = set(context.previous.agenda.settled) if context.previous else set()
    settled = [d for d in agenda.demands if d.id in context.state.agenda.settled]
    ordered = [d for d in settled if d.id not in before] + [d for d in settled if d.id in before]
    return [line for d in ordered for line in d.accept]


def agenda_line(context: VoiceContext, picker: _Picker, move: Move) -> str:
    """The line that voices `move` from the case's agenda ("" when its bank is used up)."""
    agenda, mood = context.case.agenda, context.state.mood.value
    if move.kind == "answer":
        answer = fact_answer(context.case, context.agent_reply, context.said_before, asked=True)
        return picker.remember(answer) if answer else _dont_know(context, picker, agenda.dont_know)
    if move.kind in ("accept", "bargain", "refuse"):
        lines = list(getattr(demand(agenda, move.item), move.kind))
        return picker.pick(lines, optional=True, echo=move.kind == "accept")
    if move.kind == "raise":
        # This mood's lines first: a calm customer voicing a demand in its furious words
        # (「我跟你们没完！」) reads as a sudden outburst.
        return next(
            filter(None, (picker.pick(g, optional=True) for g in _raise_lines(agenda, move.item, mood))), ""
        )
    if move.kind in ("correct_name", "correct_fact", "ultimatum"):
        event = {"correct_name": "misnamed", "correct_fact": "misstated"}.get(move.kind, move.kind)
        bank = getattr(context.case.lines.events, event) or getattr(context.persona.templates, event)
        return picker.pick(list(getattr(bank, mood)), optional=True) if bank else ""
    banks = {
        "cleared": lambda: _item(agenda.misunderstandings, move.item).cleared,
        "answered": lambda: _item(agenda.questions, move.item).answered,
        "recap": lambda: agenda.recap_confirmed,
        "confirm": lambda: _accept_lines(context) + agenda.recap_confirmed,
        "nothing_else": lambda: agenda.nothing_else,
    }
    return picker.pick(list(banks[move.kind]()), optional=True, echo=True) if move.kind in banks else ""


def _dont_know(context: VoiceContext, picker: _Picker, case_lines: list[str]) -> str:
    """ "I don't know", about what was asked: the case's line closest to the question (「那个客服叫
    什么？」→ 「她叫什么我哪知道」), else the persona's general one — never a don't-know about
    something else."""
    scored = [(similarity(context.agent_reply, fill(line, context.case)), line) for line in case_lines]
    close = [line for score, line in sorted(scored, reverse=True) if score >= DONT_KNOW_MATCH]
    line = picker.pick(close[:1], optional=True)
    bank = context.case.lines.events.dont_know or context.persona.templates.dont_know
    return line or (picker.pick(list(getattr(bank, context.state.mood.value)), optional=True) if bank else "")


def _raise_lines(agenda: Agenda, item_id: str, mood: str) -> list[list[str]]:
    """How the customer voices an agenda item, best first: a demand in this mood's words, then in
    any mood's; a belief; a question."""
    for found in agenda.demands:
        if found.id == item_id:
            return [list(getattr(found.voice, mood)), [line for _, lines in found.voice for line in lines]]
    for found in agenda.misunderstandings:
        if found.id == item_id:
            return [list(found.voice)]
    return [list(_item(agenda.questions, item_id).ask)]


def _item(items: list[Misunderstanding] | list[Question], item_id: str) -> Misunderstanding | Question:
    return next(item for item in items if item.id == item_id)


_OUTCOME_BANK = {
    Outcome.RESOLVED: "resolved",
    Outcome.SUPERVISOR: "supervisor",
    Outcome.REGULATOR: "regulator",
    Outcome.HUNG_UP: "hung_up",
}


def _reaction_or_content(context: VoiceContext, picker: _Picker) -> str:
    """One line: the answer to a question, a reaction to what the reply did, or (sometimes, after
    a helpful reply) what the customer says about the matter at this stage — never two stitched."""
    event = context.grade.event if context.grade else Event.EXPLAINED_TO
    answer = fact_answer(context.case, context.agent_reply, context.said_before)
    if answer and event not in (Event.ARGUED_WITH, Event.IGNORED):
        return picker.remember(answer)
    calm_event = event not in (Event.ARGUED_WITH, Event.IGNORED, Event.STALLED)
    if calm_event and picker.rng.random() < 0.4:
        stage = Stage.CLOSING if context.state.agreed else context.state.stage
        bank = _mood(getattr(context.case.lines.stages, stage.value), context)
        content = picker.pick(bank, optional=True, echo=stage in (Stage.AGREEMENT, Stage.CLOSING))
        if content:
            return content
    return _reaction(context, picker, event)


def _reaction(context: VoiceContext, picker: _Picker, event: Event) -> str:
    """A line reacting to `event`, from the case's bank and the persona's, by mood."""
    case_bank = getattr(context.case.lines.events, event.value)
    persona_bank = getattr(context.persona.templates, event.value)
    banks = [case_bank, persona_bank] if picker.rng.random() < 0.5 else [persona_bank, case_bank]
    return picker.pick([line for bank in banks for line in _mood(bank, context)], echo=True)


# Two questions in one reply get two answers; a third waits (a caller answers what it can hold).
MAX_FACTS_ANSWERED = 2


def fact_answer(case: Case, agent_reply: str, said: set[str], asked: bool = False) -> str:
    """The known facts the agent's questions ask about, each question's own fact in the order
    asked (`case_checks.facts_asked_in_turn`; else `asked_facts`' best, which also reads a question
    in other words), not said already; `asked`: the grade already read the reply as a question."""
    if not asked and not is_question(agent_reply):
        return ""
    answers = {fact.topic: fill(fact.answer, case) for fact in facts_of(case)}

    def untold(topics: list[str]) -> list[str]:  # within a line: two answers go out as one line
        return [answers[t] for t in topics if not any(answers[t] in line for line in said)]

    each = untold(facts_asked_in_turn(agent_reply, case))
    return "".join(each[:MAX_FACTS_ANSWERED]) or "".join(untold(asked_facts(agent_reply, case))[:1])


def _mood(bank: MoodLines, context: VoiceContext) -> list[str]:
    return list(getattr(bank, context.state.mood.value))


class _Picker:
    """Chooses unused lines deterministically and remembers what this turn used."""

    def __init__(self, context: VoiceContext, rng: random.Random):
        self.context, self.rng = context, rng
        self.used = set(context.said_before)
        self.trainee_said = context.trainee_said  # read by _promised

    def pick(self, candidates: list[str], optional: bool = False, echo: bool = False) -> str:
        """An unused line of `candidates`. `echo`: the line answers what the trainee offered (an
        acceptance, a recap, a reaction), so it may not take for granted what the trainee never
        said (a time, a ticket number, a callback: simulator/presuppositions.yaml)."""
        filled = [fill(line, self.context.case) for line in candidates]
        fresh = [
            line
            for line in filled
            if line not in self.used
            and not any(line in u for u in self.used)
            and (not echo or self._promised(line))
        ]
        if not fresh:
            return "" if optional else self.remember(self._fallback())
        return self.remember(self.rng.choice(fresh))

    def _promised(self, line: str) -> bool:
        """False when the line presupposes something the trainee has not said in this call."""
        return unsaid(line, self.trainee_said, self.context.history) is None

    def remember(self, line: str) -> str:
        self.used.add(line)
        return line

    def _fallback(self) -> str:
        """When a bank is used up: an unused line of the persona's at the customer's mood (a
        furious line from a calm customer breaks the call), else an interjection."""
        mood = self.context.state.mood.value
        pool = [
            fill(line, self.context.case)
            for _, bank in self.context.persona.templates
            if bank is not None
            for line in getattr(bank, mood)
        ]
        fresh = sorted(line for line in set(pool) - self.used if self._promised(line))
        if fresh:
            return self.rng.choice(fresh)
        interjection = self.rng.choice(self.context.persona.speech.interjections)
        return f"{interjection}……你说吧。"
