"""The customer's state and its one transition: `update(state, grade, persona, case)`.

Code decides, the model speaks: how the customer feels and acts is a pure function of the
persona's numbers and the grade of the trainee's reply. Nothing the trainee types reaches this
module except through the grade, so no wording can "set" the customer to satisfied.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from personas.schema import Persona, StateParams
from scenarios.schema import Case
from scenarios.vocabulary import Event, Mood, Outcome, Stage
from scoring.model import ReplyGrade
from simulator.agenda import AgendaProgress, Move, demands_met, next_move, pop, voiced_after

MOOD_BANDS = ((30, Mood.CALM), (55, Mood.ANNOYED), (75, Mood.ANGRY))  # anger below → mood
EMPATHY_COUNTS_AT = 60
# An answer said with no warmth at all (empathy below this, i.e. labelled mostly 0) informs the
# customer but does not soothe it. Picked on the train and dev writers' poor and hostile calls:
# curt answers in between jabs had let them sink below their starting anger (7 of 264 → 1, the one
# left dips after a warm line), with every good call resolving as before.
COLD_BELOW = 25
LETS_GO_BELOW = 0.5  # share of resolve_below under which the customer lets its lesser demands go
# How far under its first escalation the customer's anger stands once it has warned.
ULTIMATUM_MARGIN = 4
MAX_ARGUING_HITS = 2  # two jabs in one reply hurt twice; more do not pile up further


class Needs(BaseModel):
    """Which of the customer's needs the call has met so far."""

    model_config = ConfigDict(frozen=True)
    heard: bool = False
    respected: bool = False
    informed: bool = False
    remedied: bool = False


class CustomerState(BaseModel):
    """Everything the simulator knows about how the customer feels and where the call stands."""

    model_config = ConfigDict(frozen=True)
    anger: int
    trust: int
    grudge_floor: int = 0
    needs: Needs = Needs()
    stage: Stage = Stage.GREETING
    turns_without_progress: int = 0
    warned: bool = False  # the customer has said its patience is running out (one last warning)
    agreed: bool = False
    outcome: Outcome | None = None
    turn: int = 0
    last_event: Event | None = None
    agenda: AgendaProgress = AgendaProgress()  # the case's agenda so far (cases with one)
    move: Move | None = None  # what the customer's line after this state does

    @property
    def mood(self) -> Mood:
        """The mood band the anger falls in."""
        return next((mood for limit, mood in MOOD_BANDS if self.anger < limit), Mood.FURIOUS)

    @property
    def ended(self) -> bool:
        """True once the customer has escalated, hung up or said goodbye satisfied."""
        return self.outcome is not None


def initial_state(persona: Persona) -> CustomerState:
    """The customer as the call begins (its first line vents)."""
    return CustomerState(
        anger=persona.state.start_anger, trust=persona.state.start_trust, move=Move(kind="open")
    )


def update(
    state: CustomerState, grade: ReplyGrade, persona: Persona, case: Case | None = None
) -> CustomerState:
    """The customer's state after the trainee's graded reply (pure; `case` kept for case-specific rules)."""
    if state.ended:
        return state
    params = persona.state
    rise, relief = _anger_rise(grade, params), _anger_relief(grade, params)
    decay = params.decay if rise == 0 else 0
    floor = min(100, state.grudge_floor + round(rise * params.grudge))
    anger = _clamp(max(floor, state.anger + rise - relief - decay))
    needs = _needs_after(state.needs, grade)
    progress = needs != state.needs or _productive(grade)
    stalls = 0 if progress else state.turns_without_progress + 1 + (1 if grade.signals.stalled else 0)
    nxt = state.model_copy(
        update={
            "anger": anger,
            "trust": _clamp(state.trust + _trust_change(grade, params)),
            "grudge_floor": floor,
            "needs": needs,
            "stage": max(state.stage, grade.stage, key=list(Stage).index),
            "turns_without_progress": stalls,
            "turn": state.turn + 1,
            "last_event": grade.event,
        }
    )
    agenda = case.agenda if case is not None else None
    if agenda is None:
        return _decide(nxt, grade, params)
    progress = pop(state.agenda, grade, agenda, calm_enough=nxt.anger < params.resolve_below)
    met = demands_met(agenda, progress, calm=nxt.anger < params.resolve_below * LETS_GO_BELOW)
    decided = _decide(nxt.model_copy(update={"agenda": progress}), grade, params, met)
    return _with_move(state, decided, grade, case)


def _with_move(before: CustomerState, after: CustomerState, grade: ReplyGrade, case: Case) -> CustomerState:
    """The state with the customer's next move, and its item marked as raised."""
    if after.outcome is not None:
        move = Move(kind="outcome")
    elif after.warned and not before.warned:
        move = Move(kind="ultimatum")
    elif after.agreed and not before.agreed and grade.signals.asked_about:
        # Asked something in the same breath as the offer it accepts: the customer answers first
        # and says yes on the next reply (one line a turn; the acceptance is still due).
        after = after.model_copy(update={"agreed": False})
        move = next_move(before.agenda, after.agenda, grade, case.agenda)
    elif after.agreed and not before.agreed:
        move = Move(kind="resolved")
    else:
        move = next_move(before.agenda, after.agenda, grade, case.agenda, agreed=after.agreed)
    return after.model_copy(update={"move": move, "agenda": voiced_after(after.agenda, move)})


def _productive(grade: ReplyGrade) -> bool:
    """A reply that moved the call forward: helpful and not a jab, a dodge or a delay."""
    signals = grade.signals
    if signals.argued or signals.off_task or signals.stalled or grade.event == Event.IGNORED:
        return False
    return (
        signals.apologised
        or signals.acknowledged
        or signals.explained
        or bool(signals.offered)
        or signals.took_ownership
    )


def _anger_rise(grade: ReplyGrade, params: StateParams) -> int:
    arguing = {
        f.rule for f in grade.flags if f.effect < 0 and (f.dimension == "no_arguing" or f.rule in _FORBIDDEN)
    }
    # The first jab hurts fully, a second in the same breath half as much again; more do not pile up.
    # A grade can read a reply as arguing as a whole without one clause to pin it on: that is a jab too.
    # The grade decides whether the reply argues (a clause act read weakly in a reply that as a
    # whole does not argue is not a jab); its flags say how many jabs.
    hits = min(MAX_ARGUING_HITS, max(len(arguing), 1)) if grade.signals.argued else 0
    rise = (
        round(params.arguing_anger * (hits + 1) / 2)
        if hits == MAX_ARGUING_HITS
        else params.arguing_anger * hits
    )
    if grade.event in (Event.IGNORED, Event.STALLED) or grade.signals.off_task:
        rise += params.ignored_anger
    owed = [f for f in grade.flags if f.rule in _OWED]
    # Owed an apology it did not get, called by the wrong name or told a wrong sum: a small sting.
    sting = owed or grade.signals.misnamed or grade.signals.misstated
    return rise + (params.ignored_anger // 2 if sting else 0)


_FORBIDDEN = {"forbidden", "case-forbidden"}
_OWED = {"apology-for-waiting", "acknowledge-anger", "apology-for-our-error"}


def _anger_relief(grade: ReplyGrade, params: StateParams) -> int:
    if grade.signals.argued or grade.signals.off_task:
        return 0
    relief = 0
    if (grade.signals.apologised or grade.signals.acknowledged) and grade.empathy >= EMPATHY_COUNTS_AT:
        relief += params.empathy_relief
    if (grade.signals.explained or grade.signals.answered_question) and grade.empathy >= COLD_BELOW:
        relief += params.explanation_relief
    if grade.signals.offered and not grade.signals.over_promised:
        relief += params.help_relief
    return relief


def _trust_change(grade: ReplyGrade, params: StateParams) -> int:
    if grade.signals.argued or grade.signals.off_task or grade.event == Event.IGNORED:
        return -params.trust_loss
    helped = grade.signals.offered or grade.signals.explained or grade.signals.took_ownership
    warm = grade.empathy >= EMPATHY_COUNTS_AT
    return params.trust_gain if helped and warm else (params.trust_gain // 2 if helped or warm else 0)


def _needs_after(needs: Needs, grade: ReplyGrade) -> Needs:
    signals = grade.signals
    clean = not signals.argued and not signals.off_task
    return Needs(
        heard=needs.heard or (clean and (signals.apologised or signals.acknowledged)),
        respected=needs.respected
        or (clean and grade.empathy >= EMPATHY_COUNTS_AT and grade.no_arguing == 100),
        informed=needs.informed or (clean and (signals.explained or bool(signals.answered_question))),
        remedied=needs.remedied or (clean and bool(signals.offered) and not signals.over_promised),
    )


def _decide(
    state: CustomerState, grade: ReplyGrade, params: StateParams, demands_met: bool | None = None
) -> CustomerState:
    """Escalate, hang up, agree, or say goodbye satisfied — the thresholds decide, nothing else.
    With an agenda (`demands_met` not None) the customer agrees once every demand is accepted;
    without, once a remedy was offered."""
    crossed = [(at, outcome) for at, outcome in _escalations(params) if state.anger >= at]
    if crossed:
        return state.model_copy(
            update={"outcome": min(crossed, key=lambda pair: pair[0])[1], "agreed": False}
        )
    # Patience wears out on a customer still upset; a calm one waits (it does not ask for a
    # supervisor at anger 5 because two replies in a row moved nothing).
    if state.turns_without_progress >= params.patience and state.anger >= params.resolve_below:
        at, outcome = min(_escalations(params), key=lambda pair: pair[0])
        if not state.warned:
            # A real customer warns once before it acts (「再这样我就找你们领导了」): its anger
            # climbs to just under the first escalation and the next reply decides.
            return state.model_copy(update={"warned": True, "anger": max(state.anger, at - ULTIMATUM_MARGIN)})
        # Warned and still nothing: the customer boils over, its anger the first escalation's.
        return state.model_copy(update={"outcome": outcome, "anger": max(state.anger, at), "agreed": False})
    if state.agreed and grade.stage == Stage.CLOSING and not grade.signals.argued:
        return state.model_copy(update={"outcome": Outcome.RESOLVED})
    remedied = state.needs.remedied if demands_met is None else demands_met
    agrees = remedied and state.needs.heard and state.anger < params.resolve_below
    return state.model_copy(update={"agreed": (state.agreed or agrees) and not grade.signals.argued})


def _escalations(params: StateParams) -> list[tuple[int, Outcome]]:
    return [
        (params.supervisor_at, Outcome.SUPERVISOR),
        (params.regulator_at, Outcome.REGULATOR),
        (params.hang_up_at, Outcome.HUNG_UP),
    ]


def _clamp(value: int) -> int:
    return max(0, min(100, value))
