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
from scoring.paraverbal import Paraverbal
from scoring.report import CallReport, render_markdown
from simulator import Call, OfflineEngine
from simulator.session import Session, Turn
from simulator.voice import CustomerEngine
from store import CallConflict, Store, StoreError

MAX_REPLY_CHARS = 1000


class AnswerPending(StoreError):
    """The trainee's reply is stored but the customer's answer could not be; it is voiced on resume."""


class ReplyRejected(ValueError):
    """A reply that is not sent (blank or too long); the message says why, in Chinese."""


def check_reply(text: str) -> str:
    """The reply to send, or ReplyRejected: nothing blank, nothing over MAX_REPLY_CHARS characters."""
    if not text.strip():
        raise ReplyRejected("回复是空白的，没有发送")
    if len(text) > MAX_REPLY_CHARS:
        raise ReplyRejected(
            f"回复最多 {MAX_REPLY_CHARS} 字，这句有 {len(text)} 字，没有发送；请删减或分成几句再发"
        )
    return text


@dataclass
class PracticeCall:
    """A live call, where it is stored, and the call version this copy is at.

    Every write this copy makes is checked against `version` inside the write (and moves it on),
    so a copy that another window overtook — even by a rewind and a new reply that leave the
    turn count as it was — is refused instead of writing over what it never saw."""

    call: Call
    store: Store
    version: int = 0

    def __post_init__(self) -> None:
        self.call.recorder = self._record

    def _record(self, session: Session, turn: Turn) -> None:
        self.store.record_turn(session, turn, version=self.version)
        self.version += 1

    @property
    def id(self) -> str:
        """The call's id (also the Session id)."""
        return self.call.session.id

    @property
    def is_offline(self) -> bool:
        """True on the offline engine (its answers take a millisecond: no need to stream them)."""
        return isinstance(self.call.engine, OfflineEngine)

    def reply(self, text: str) -> Iterator[str]:
        """Send a reply and return the customer's answer, for display (see `send` and `answer`)."""
        self.send(text)
        answer = self.answer()
        assert answer is not None  # send() just stored a reply that is owed an answer
        return answer

    def send(self, text: str, seen_version: int | None = None, voice: Paraverbal | None = None) -> None:
        """Store the trainee's reply (checked first: ReplyRejected). With `seen_version` — the call
        version the trainee saw when typing it — a call that moved on meanwhile (another tab, a
        double submit) refuses it with CallConflict instead of storing it out of turn. `voice` is how a
        spoken reply was delivered (kept with the turn for the report's 语音表现)."""
        check_reply(text)
        if seen_version is not None and seen_version != self.version:
            raise CallConflict(
                "这通电话已在另一个窗口继续（或上一句还在等客户回应），这句没有发送；请刷新页面"
            )
        self.call.reply(text, voice)  # a StoreError here means the reply itself was not saved

    def answer(self) -> Iterator[str] | None:
        """The customer's owed answer as display chunks, or None when nothing is owed. An offline
        answer is stored before its first chunk is shown, a model's the moment its stream completes."""
        pending = self.call.unanswered()
        if pending is None:
            return None
        if not self.is_offline:
            return pending.stream()
        try:
            line = pending.text()
        except CallConflict:
            raise
        except StoreError as exc:
            raise AnswerPending(f"你的回复已保存，客户的回应暂未保存（{exc}）；刷新页面会自动补上") from exc
        return iter([line[i : i + 3] for i in range(0, len(line), 3)])

    def rewind(self, agent_turn: int) -> None:
        """Back to before the trainee's `agent_turn`-th reply; the dropped turns stay in the Store, marked."""
        live = len(self.call.session.turns)
        kept = self.call.session.turns
        self.call.rewind(agent_turn)
        try:
            self.store.rewind(self.id, len(self.call.session.turns), live_turns=live, version=self.version)
        except StoreError:
            self.call.session.turns = kept  # the Store refused: the live copy stays as stored
            raise
        self.version += 1


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
    task_id: int | None = None,
) -> PracticeCall:
    """A new stored call (for the 练习任务 `task_id`, if given); its opening line is voiced and
    stored before it returns."""
    engine, model = make_engine("llm" if llm_config else "offline", llm_config)
    seed = random.randrange(1_000_000) if seed is None else seed
    call, opening = Call.start(case, persona, engine, seed=seed, model=model)
    store.create_call(call.session, user_id, task_id=task_id)
    practice = PracticeCall(call, store, version=0)
    opening.text()
    return practice


def resume(
    store: Store,
    call_id: str,
    cases: CaseLibrary,
    personas: PersonaLibrary,
    llm_config: LLMConfig | None,
    voice_owed: bool = True,
) -> PracticeCall:
    """The stored call rebuilt. With `voice_owed`, a customer answer lost to a restart is voiced and
    stored now; if another window stored it first, the call is simply read again."""
    practice = _rebuild(store, call_id, cases, personas, llm_config)
    if voice_owed:
        owed = practice.call.unanswered()
        try:
            if owed is not None:
                owed.text()
        except CallConflict:
            return _rebuild(store, call_id, cases, personas, llm_config)
    return practice


def _rebuild(
    store: Store, call_id: str, cases: CaseLibrary, personas: PersonaLibrary, llm_config: LLMConfig | None
) -> PracticeCall:
    """The call as the Store holds it, with a live engine."""
    # The version is read first: a write landing in between makes this copy look older than it
    # is, which can only refuse a write, never let a stale one through.
    version = store.call_version(call_id)
    session = store.load_session(call_id)
    engine, _ = make_engine(session.engine, llm_config)
    call = Call(session, case_for(store, cases, session), persona_for(store, personas, session), engine)
    return PracticeCall(call, store, version=version)


def case_for(store: Store, cases: CaseLibrary, session: Session) -> Case:
    """The case at the version the call was started with: a studio case edited since is rebuilt
    from the version the Store keeps (a shipped case has only the version on disk)."""
    case = cases.get(session.case_id)
    if case.version == session.case_version:
        return case
    return store.authored_case(session.case_id, session.case_version) or case


def persona_for(store: Store, personas: PersonaLibrary, session: Session) -> Persona:
    """The persona at the version the call was started with (a tuned one edited since is rebuilt
    from the version the Store keeps)."""
    persona = personas.get(session.persona_id)
    if persona.version == session.persona_version:
        return persona
    return store.authored_persona(session.persona_id, session.persona_version) or persona


def finish(practice: PracticeCall) -> CallReport:
    """End the call: build the report and store it with the call's final scores."""
    report = practice.call.end()
    turns = len(practice.call.session.turns)
    practice.store.finish_call(
        practice.id, report, render_markdown(report), live_turns=turns, version=practice.version
    )
    practice.version += 1
    return report


def pick(
    cases: CaseLibrary,
    personas: PersonaLibrary,
    case_id: str | None = None,
    persona_id: str | None = None,
    rng: random.Random | None = None,
) -> tuple[Case, Persona]:
    """The chosen case and persona; None (the 随机 choice) draws one at random."""
    rng = rng or random.Random()
    case = cases.get(case_id) if case_id else rng.choice(list(cases))
    return case, personas.get(persona_id) if persona_id else rng.choice(list(personas))
