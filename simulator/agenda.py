"""Playing the customer's agenda: what the trainee's reply pops, and what the customer says next.

Pure functions of the state, the grade and the case (`scenarios.agenda` is the data). The grade
says what the reply did — its acts, the resolutions it offered, the agenda items its words
cleared or answered — and this module turns that into bookkeeping (offers on the table, items
settled, items voiced) and one `Move`: the single thing the customer's next line does. Both
engines voice the move, so nothing is accepted, thanked for or referred to before it was said.
"""

from __future__ import annotations

from itertools import chain, zip_longest
from typing import Literal

from pydantic import BaseModel, ConfigDict

from scenarios.agenda import Agenda, Demand
from scenarios.vocabulary import Event
from scoring.model import ReplyGrade

MoveKind = Literal[
    "open",  # the opening line: vent
    "outcome",  # the call ends (resolved, supervisor, regulator, hang-up)
    "resolved",  # every demand is met: the customer agrees
    "react",  # react to what the reply did (argued, ignored, stalled, apologised…)
    "correct_name",  # the reply called the customer by the wrong name: put it right
    "correct_fact",  # the reply stated a sum of money the customer does not know: query it
    "accept",  # accept the offer meeting `item`
    "bargain",  # an offer meeting `item`, customer still upset: wants an assurance
    "refuse",  # an offer that does not meet `item`
    "cleared",  # the misunderstanding `item` was cleared
    "answered",  # the customer's question `item` was answered
    "answer",  # answer the trainee's question (a known fact, or "I don't know")
    "recap",  # confirm the trainee's recap
    "confirm",  # "is that all right?" after the customer has agreed: say yes again
    "nothing_else",  # "anything else?" with nothing left
    "raise",  # voice the agenda item `item` (a demand, a misunderstanding or a question)
    "ultimatum",  # patience used up: one last warning before escalating
]


# A reply naming a resolution offers it only when it does something with it: a question that
# mentions 充绒量 is not an offer of a refill. (The rules grader reads no acts: its word is taken.)
OFFERING_ACTS = frozenset(
    {"offer_remedy", "commit_time", "explain_policy", "take_ownership", "reassure", "recap"}
)
# Questions that do not ask for a fact: "what can I do for you?", "anything else?".
NOT_A_FACT_QUESTION = frozenset({"greet", "ask_anything_else", "farewell"})


class Move(BaseModel):
    """What the customer's next line does."""

    model_config = ConfigDict(frozen=True)
    kind: MoveKind
    item: str = ""


class AgendaProgress(BaseModel):
    """Where the customer's agenda stands: offers on the table, items done, items voiced."""

    model_config = ConfigDict(frozen=True)
    offered: tuple[str, ...] = ()  # resolution ids the trainee has offered
    settled: tuple[str, ...] = ()  # demands accepted, misunderstandings cleared, questions answered
    voiced: tuple[str, ...] = ()  # items the customer has raised


def raise_order(agenda: Agenda) -> list[str]:
    """The order the customer raises its items in: a demand, a misunderstanding, a question, the
    next demand… (what it wants first, then what it believes and asks along the way)."""
    columns = (agenda.demands, agenda.misunderstandings, agenda.questions)
    return [item.id for item in chain.from_iterable(zip_longest(*columns)) if item is not None]


def demands_met(agenda: Agenda, progress: AgendaProgress, calm: bool = False) -> bool:
    """True once the customer's demands are met: every one accepted, or — for a customer who
    has calmed right down — its first (main) demand, letting the lesser ones go."""
    settled = [demand.id in progress.settled for demand in agenda.demands]
    return all(settled) or (calm and settled[0])


def pop(progress: AgendaProgress, grade: ReplyGrade, agenda: Agenda, calm_enough: bool) -> AgendaProgress:
    """The agenda after a reply: its offers go on the table, its clearing and answering words
    settle items, and a demand an offer meets is accepted once the customer is calm enough. An
    arguing, ignoring or off-task reply pops nothing, nor one with a wrong sum of money (an offer
    of the wrong amount is queried, not taken)."""
    signals = grade.signals
    if signals.argued or signals.off_task or signals.misstated or grade.event == Event.IGNORED:
        return progress
    offers = signals.offered if _offers_something(signals.acts) else []
    offered = _unique(progress.offered + tuple(offers))
    settled = _unique(progress.settled + tuple(signals.addressed))
    if calm_enough:
        settled = _unique(settled + tuple(d.id for d in agenda.demands if set(d.met_by) & set(offered)))
    return progress.model_copy(update={"offered": offered, "settled": settled})


def next_move(
    before: AgendaProgress, after: AgendaProgress, grade: ReplyGrade, agenda: Agenda, agreed: bool = False
) -> Move:
    """The one thing the customer's line does after `grade` (the call has not ended; `agreed`: the
    customer has already said yes)."""
    signals, acts = grade.signals, set(grade.signals.acts)
    if signals.argued or signals.off_task or grade.event == Event.IGNORED:
        return Move(kind="react")
    if signals.misnamed:  # called by the wrong name: the customer puts that right first
        return Move(kind="correct_name")
    if signals.misstated:  # a wrong amount (a recap gone wrong): the customer queries it
        return Move(kind="correct_fact")
    if signals.asked_about:  # a direct question about what the customer knows comes first
        return Move(kind="answer")
    if grade.event == Event.STALLED:
        return Move(kind="react")
    new = [item for item in after.settled if item not in before.settled]
    accepted = [d.id for d in agenda.demands if d.id in new]
    if accepted:
        return Move(kind="accept", item=accepted[0])
    if len(after.offered) > len(before.offered):
        return _offer_move(after, agenda)
    if agreed and signals.asked_consent:  # 「您看这样行吗？」 to a customer who has said yes: yes again
        return Move(kind="confirm")
    for kind, items in (("cleared", agenda.misunderstandings), ("answered", agenda.questions)):
        done = [item.id for item in items if item.id in new and item.id in before.voiced]
        if done:
            return Move(kind=kind, item=done[0])
    if signals.asked_question and not signals.asked_consent and not acts & NOT_A_FACT_QUESTION:
        return Move(kind="answer")
    if "recap" in acts and after.offered:
        return Move(kind="recap")
    pending = _pending(after, agenda, agreed)
    if "ask_anything_else" in acts and not pending:
        return Move(kind="nothing_else")
    return Move(kind="raise", item=pending[0]) if pending else Move(kind="react")


def voiced_after(progress: AgendaProgress, move: Move) -> AgendaProgress:
    """The progress with the move's item marked as raised."""
    if not move.item or move.item in progress.voiced:
        return progress
    return progress.model_copy(update={"voiced": (*progress.voiced, move.item)})


def demand(agenda: Agenda, demand_id: str) -> Demand:
    """The demand with this id."""
    return next(d for d in agenda.demands if d.id == demand_id)


def _offer_move(progress: AgendaProgress, agenda: Agenda) -> Move:
    """An offer the customer is not calm enough to accept yet (bargain), or one that meets none
    of its open demands (refuse the first open one)."""
    open_demands = [d for d in agenda.demands if d.id not in progress.settled]
    met = [d for d in open_demands if set(d.met_by) & set(progress.offered)]
    if met:
        return Move(kind="bargain", item=met[0].id)
    return Move(kind="refuse", item=open_demands[0].id) if open_demands else Move(kind="react")


def _pending(progress: AgendaProgress, agenda: Agenda, agreed: bool = False) -> list[str]:
    """Items still to raise: unvoiced and unsettled first, then voiced demands still open. Once
    the customer has said yes, its mistaken beliefs are moot: having agreed to keep a service whose
    fee is refunded, it does not then ask 「扣了就是扣了，你们还能退给我不成？」."""
    beliefs = {m.id for m in agenda.misunderstandings} if agreed else set()
    order = [item for item in raise_order(agenda) if item not in beliefs]
    fresh = [item for item in order if item not in progress.voiced and item not in progress.settled]
    demands = {d.id for d in agenda.demands}
    pressing = [item for item in order if item in demands and item in progress.voiced]
    return fresh + [item for item in pressing if item not in progress.settled]


def _offers_something(acts: list[str]) -> bool:
    return not acts or bool(OFFERING_ACTS & set(acts))


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
