"""A practice call: start → reply → (rewind) → end. The session is plain data; `Call` drives it.

`Session` (pydantic) is what gets saved and restored: ids, versions, engine, seed and every turn
with the state after it. `Call` holds a session plus the live case, persona and engine. A turn is
handed to the `recorder` (the Store) as soon as it exists: the agent's turn before the customer
answers, the customer's turn when its stream completes.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, Field

from personas.schema import Persona
from scenarios.schema import Case
from scenarios.vocabulary import Outcome
from scoring import GradeContext, ReplyGrade, grade_reply
from scoring.paraverbal import Paraverbal
from scoring.report import CallReport, EmotionPoint, GradedTurn, build_report
from simulator.state import CustomerState, initial_state, update
from simulator.voice import CustomerEngine, VoiceContext

OUTCOME_NAMES = {
    Outcome.RESOLVED: "resolved",
    Outcome.SUPERVISOR: "escalated",
    Outcome.REGULATOR: "escalated",
    Outcome.HUNG_UP: "hung_up",
}


def outcome_name(state: CustomerState) -> str:
    """DESIGN.md's word for where a call stands after `state`."""
    if state.outcome is not None:
        return OUTCOME_NAMES[state.outcome]
    return "resolved" if state.agreed else "unfinished"


class CallEnded(Exception):
    """The customer has already ended the call; no more replies are taken."""


class Turn(BaseModel):
    """One line of the call and the customer's state after it."""

    index: int
    role: Literal["customer", "agent"]
    text: str
    state: CustomerState
    grade: ReplyGrade | None = None
    engine: str = "offline"
    note: str = ""
    voice: Paraverbal | None = None  # how a spoken reply was delivered (None: typed)


class Session(BaseModel):
    """Everything needed to restore a call exactly."""

    id: str = Field(default_factory=lambda: uuid.uuid4().hex)
    case_id: str
    case_version: int
    persona_id: str
    persona_version: int
    engine: str
    model: str | None = None
    seed: int
    started_at: str = Field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    turns: list[Turn] = Field(default_factory=list)

    @property
    def state(self) -> CustomerState:
        """The customer's state now."""
        if not self.turns:  # the opening line is only recorded once its stream has been played
            raise RuntimeError("通话还没有开始：请先播放客户的开场白（Call.start 返回的 PendingTurn）")
        return self.turns[-1].state

    @property
    def history(self) -> tuple[tuple[str, str], ...]:
        """(role, text) of every turn so far."""
        return tuple((turn.role, turn.text) for turn in self.turns)

    @property
    def outcome(self) -> str:
        """resolved / escalated / hung_up / unfinished (DESIGN.md's words)."""
        return outcome_name(self.state)


Recorder = Callable[[Session, Turn], None]


class StaleAnswer(RuntimeError):
    """The answer belongs to a reply that was rewound: it is neither voiced nor recorded."""


class PendingTurn:
    """The customer's answer to a reply: `grade` and `state` now, the words as a stream."""

    def __init__(self, call: Call, grade: ReplyGrade | None, context: VoiceContext):
        self.call, self.grade, self.state, self._context = call, grade, context.state, context
        self.turn: Turn | None = None
        # The trainee turn this answers (None for the opening): a rewind may drop it meanwhile.
        self._answers = call.session.turns[-1] if call.session.turns else None

    def stream(self) -> Iterator[str]:
        """The customer's words as they come; the turn is recorded when the stream completes."""
        if self.turn is not None:
            yield self.turn.text
            return
        self._check_still_owed()
        chunks: list[str] = []
        for chunk in self.call.engine.voice(self._context):
            chunks.append(chunk)
            yield chunk
        self._check_still_owed()
        self.turn = self.call._record_customer("".join(chunks), self.state)

    def _check_still_owed(self) -> None:
        """Refuse to voice or record an answer to a reply that a rewind took back."""
        turns = self.call.session.turns
        if (turns[-1] if turns else None) is not self._answers:
            raise StaleAnswer("这句回复已被撤回，客户对它的回应不再播放，也不会记录")

    def text(self) -> str:
        """The whole customer line (consumes the stream)."""
        return "".join(self.stream()) if self.turn is None else self.turn.text


class Call:
    """A live practice call over a `Session`."""

    def __init__(
        self,
        session: Session,
        case: Case,
        persona: Persona,
        engine: CustomerEngine,
        recorder: Recorder | None = None,
    ):
        self.session, self.case, self.persona, self.engine = session, case, persona, engine
        self.recorder = recorder

    @classmethod
    def start(
        cls,
        case: Case,
        persona: Persona,
        engine: CustomerEngine,
        seed: int = 0,
        recorder: Recorder | None = None,
        model: str | None = None,
    ) -> tuple[Call, PendingTurn]:
        """A new call and the customer's opening line (streamable)."""
        session = Session(
            case_id=case.id, case_version=case.version, persona_id=persona.id, persona_version=persona.version,
            engine=engine.name, model=model, seed=seed,
        )  # fmt: skip
        call = cls(session, case, persona, engine, recorder)
        state = initial_state(persona)
        context = VoiceContext(case, persona, state, None, None, "", (), seed)
        return call, PendingTurn(call, None, context)

    def unanswered(self) -> PendingTurn | None:
        """The customer's answer still owed (the call was interrupted before it was recorded)."""
        turns = self.session.turns
        if turns and turns[-1].role == "customer":
            return None
        previous = turns[-3].state if len(turns) >= 3 else (initial_state(self.persona) if turns else None)
        if not turns:
            state = initial_state(self.persona)
            return PendingTurn(
                self,
                None,
                VoiceContext(self.case, self.persona, state, None, None, "", (), self.session.seed),
            )
        last = turns[-1]
        context = VoiceContext(
            self.case,
            self.persona,
            last.state,
            previous,
            last.grade,
            last.text,
            self.session.history[:-1],
            self.session.seed,
        )
        return PendingTurn(self, last.grade, context)

    def reply(self, text: str, voice: Paraverbal | None = None) -> PendingTurn:
        """Grade the trainee's reply, move the state, record the reply (with how it was spoken,
        for a spoken one); the answer streams after."""
        if self.session.turns and self.session.state.ended:
            raise CallEnded("客户已经结束了通话，请点击“结束通话”查看点评。")
        if self.unanswered() is not None:
            raise RuntimeError("客户对上一句的回应还没有生成：请先取回 call.unanswered() 并播放它")
        history = self.session.history
        grade = grade_reply(text, reply_context(history, self.case))
        previous = self.session.state
        state = update(previous, grade, self.persona, self.case)
        index = len(self.session.turns)
        self._append(Turn(index=index, role="agent", text=text, state=state, grade=grade, voice=voice))
        context = VoiceContext(
            self.case, self.persona, state, previous, grade, text, history, self.session.seed
        )
        return PendingTurn(self, grade, context)

    def rewind(self, agent_turn: int) -> None:
        """Go back to just before the trainee's `agent_turn`-th reply (1-based) to try another."""
        agent_indexes = [t.index for t in self.session.turns if t.role == "agent"]
        if not 1 <= agent_turn <= len(agent_indexes):
            raise ValueError(f"没有第 {agent_turn} 句回复可以撤回（共 {len(agent_indexes)} 句）")
        self.session.turns = self.session.turns[: agent_indexes[agent_turn - 1]]

    def end(self) -> CallReport:
        """The coach's report for the call so far, with the emotion curve."""
        return build_report(self.graded_turns(), self.case, self.session.outcome, emotion_curve(self.session))

    def graded_turns(self) -> list[GradedTurn]:
        """Every trainee reply with the customer line it answered and its grade."""
        turns, last_customer = [], ""
        for turn in self.session.turns:
            if turn.role == "customer":
                last_customer = turn.text
            elif turn.grade is not None:
                turns.append(GradedTurn(last_customer, turn.text, turn.grade, turn.voice))
        return turns

    def _record_customer(self, text: str, state: CustomerState) -> Turn:
        note = getattr(self.engine, "last_fallback", "")
        engine = f"{self.engine.name}→offline" if note else self.engine.name
        turn = Turn(
            index=len(self.session.turns), role="customer", text=text, state=state, engine=engine, note=note
        )
        self._append(turn)
        return turn

    def _append(self, turn: Turn) -> None:
        """Store first, then keep: if the recorder fails, the call is unchanged and the reply can be retried."""
        if self.recorder is not None:
            self.recorder(self.session, turn)
        self.session.turns.append(turn)


def reply_context(history: tuple[tuple[str, str], ...], case: Case) -> GradeContext:
    """What a reply said after `history` (every turn before it) is graded in: the customer's last
    line, the turns before that line, the case. Live grading and an exam's re-grading share it."""
    customer_line = next((text for role, text in reversed(history) if role == "customer"), "")
    return GradeContext(customer=customer_line, history=history[:-1] if history else (), case=case)


def emotion_curve(session: Session) -> list[EmotionPoint]:
    """The customer's anger and trust after each customer turn, with the agent line before it."""
    points: list[EmotionPoint] = []
    last_agent, previous_anger = "", None
    for turn in session.turns:
        if turn.role == "agent":
            last_agent = turn.text
            continue
        state = turn.state
        delta = 0 if previous_anger is None else state.anger - previous_anger
        points.append(
            EmotionPoint(
                turn=turn.index,
                anger=state.anger,
                trust=state.trust,
                mood=state.mood.value,
                delta=delta,
                agent_line=last_agent,
            )
        )
        previous_anger, last_agent = state.anger, ""
    return points
