"""What an engine needs to voice one customer turn, and the engine protocol."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from personas.schema import Persona
from scenarios.schema import Case
from scoring.model import ReplyGrade
from simulator.state import CustomerState


@dataclass(frozen=True)
class VoiceContext:
    """The customer's situation for one turn; `grade` is None for the opening line."""

    case: Case
    persona: Persona
    state: CustomerState
    previous: CustomerState | None
    grade: ReplyGrade | None
    agent_reply: str
    history: tuple[tuple[str, str], ...]
    seed: int

    @property
    def said_before(self) -> set[str]:
        """Every customer line already said in this call (lines are never repeated)."""
        return {text for role, text in self.history if role == "customer"}

    @property
    def trainee_said(self) -> str:
        """Everything the trainee has said in the call, this reply included (what the customer
        can take for granted: simulator/presuppose.py)."""
        return "".join(text for role, text in self.history if role == "agent") + self.agent_reply


class CustomerEngine(Protocol):
    """Voices the state as the customer's words; never decides how the customer feels."""

    name: str

    def voice(self, context: VoiceContext) -> Iterator[str]:
        """The customer's line in chunks (for streaming)."""
        ...
