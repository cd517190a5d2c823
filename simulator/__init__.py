"""The simulated customer: state and its transitions, the offline and LLM engines, the call session."""

from simulator.offline import OfflineEngine
from simulator.session import Call, CallEnded, PendingTurn, Session, StaleAnswer, Turn
from simulator.state import CustomerState, initial_state, update

__all__ = [
    "Call",
    "CallEnded",
    "CustomerState",
    "OfflineEngine",
    "PendingTurn",
    "Session",
    "StaleAnswer",
    "Turn",
    "initial_state",
    "update",
]
