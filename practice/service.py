"""Glue between the Store and the simulator for the app: every turn is stored before it is shown.

Nothing here keeps state between Streamlit reruns: a call is rebuilt from the Store each time,
so a browser refresh or a server restart resumes exactly where the trainee was.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from llm import LLMConfig
from personas import Persona, PersonaLibrary
from scenarios import Case, CaseLibrary
from scoring.report import CallReport, render_markdown
from simulator import Call, OfflineEngine
from simulator.voice import CustomerEngine
from store import Store, StoreError


class AnswerPending(StoreError):
    """The trainee's reply is stored but the customer's answer could not be; it is voiced on resume."""


@dataclass
class PracticeCall:
    """A live call and where it is stored."""

    call: Call
    store: Store

    @property
    def id(self) -> str:
        """The call's id (also the Session id)."""
        return self.call.session.id

    def reply(self, text: str) -> Iterator[str]:
        """The customer's answer, for display. The trainee's reply is stored at once; an offline
        answer is stored before its first chunk is shown, a model's the moment its stream completes."""
        pending = self.call.reply(text)  # a StoreError here means the reply itself was not saved
        if not isinstance(self.call.engine, OfflineEngine):
            return pending.stream()
        try:
            line = pending.text()
        except StoreError as exc:
            raise AnswerPending(f"你的回复已保存，客户的回应暂未保存（{exc}）；刷新页面会自动补上") from exc
        return iter([line[i : i + 3] for i in range(0, len(line), 3)])

    def rewind(self, agent_turn: int) -> None:
        """Back to before the trainee's `agent_turn`-th reply; the dropped turns stay in the Store, marked."""
        self.call.rewind(agent_turn)
        self.store.rewind(self.id, len(self.call.session.turns))


def make_engine(engine: str, llm_config: LLMConfig | None) -> tuple[CustomerEngine, str | None]:
    """The customer engine to use: the LLM one when asked for and configured, else offline."""
    if engine == "llm" and llm_config is not None:
        from llm.openai_adapter import OpenAIChatModel
        from simulator.llm_engine import LLMEngine

        return LLMEngine(OpenAIChatModel(llm_config, temperature=0.7)), llm_config.model
    return OfflineEngine(), None


def start(
    store: Store,
    user_id: int,
    case: Case,
    persona: Persona,
    llm_config: LLMConfig | None,
    seed: int | None = None,
) -> PracticeCall:
    """A new stored call; its opening line is voiced and stored before it returns."""
    engine, model = make_engine("llm" if llm_config else "offline", llm_config)
    seed = random.randrange(1_000_000) if seed is None else seed
    call, opening = Call.start(case, persona, engine, seed=seed, recorder=store.record_turn, model=model)
    store.create_call(call.session, user_id)
    opening.text()
    return PracticeCall(call, store)


def resume(
    store: Store, call_id: str, cases: CaseLibrary, personas: PersonaLibrary, llm_config: LLMConfig | None
) -> PracticeCall:
    """The stored call rebuilt; a customer answer lost to a restart is voiced and stored now."""
    session = store.load_session(call_id)
    engine, _ = make_engine(session.engine, llm_config)
    call = Call(
        session,
        cases.get(session.case_id),
        personas.get(session.persona_id),
        engine,
        recorder=store.record_turn,
    )
    owed = call.unanswered()
    if owed is not None:
        owed.text()
    return PracticeCall(call, store)


def finish(practice: PracticeCall) -> CallReport:
    """End the call: build the report and store it with the call's final scores."""
    report = practice.call.end()
    practice.store.finish_call(practice.id, report, render_markdown(report))
    return report


def pick_random(
    cases: CaseLibrary, personas: PersonaLibrary, rng: random.Random | None = None
) -> tuple[Case, Persona]:
    """A random case and persona (the 随机 choice)."""
    rng = rng or random.Random()
    return rng.choice(list(cases)), rng.choice(list(personas))
