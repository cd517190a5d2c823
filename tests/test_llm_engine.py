"""The LLM customer against a local fake OpenAI server: it streams, and every failure keeps the call going."""

from __future__ import annotations

import pytest

from llm import LLMConfig
from llm.fake_server import Behaviour, FakeOpenAIServer
from llm.openai_adapter import OpenAIChatModel
from simulator import Call
from simulator.llm_engine import LLMEngine, system_prompt
from simulator.voice import VoiceContext
from tests.sim_helpers import EMPATHIC, PERSONAS, RINGBACK

LINE = "我说了我没同意，你们凭什么扣我钱？我要个说法。"


@pytest.fixture
def server():
    with FakeOpenAIServer(default=Behaviour(content=LINE, chunk_chars=3)) as fake:
        yield fake


def _call(base_url: str, timeout: float = 1.0) -> Call:
    model = OpenAIChatModel(
        LLMConfig(api_key="k", base_url=base_url, model="m", timeout=timeout, max_retries=0), 0.7
    )
    call, opening = Call.start(RINGBACK, PERSONAS.get("choleric"), LLMEngine(model), seed=1, model="m")
    opening.text()
    return call


def test_customer_line_streams_sentence_by_sentence(server):
    call = _call(server.base_url)
    pending = call.reply(EMPATHIC[0])
    chunks = list(pending.stream())
    assert len(chunks) >= 2 and "".join(chunks) == LINE
    assert call.session.turns[-1].text == LINE and call.session.turns[-1].engine == "llm"
    assert server.requests[-1]["stream"] is True


@pytest.mark.parametrize(
    "failure",
    [
        Behaviour(status=500),
        Behaviour(status=429),
        Behaviour(delay=2.5),
        Behaviour(garbage=True),
        Behaviour(content="一二三四五六七八九十。好。", cut_stream_after=0),
    ],
    ids=["500", "429", "timeout", "garbage", "cut-off"],
)
def test_any_failure_is_voiced_offline_and_no_turn_is_lost(server, failure):
    call = _call(server.base_url)
    server.enqueue(failure)
    text = call.reply(EMPATHIC[0]).text()
    turns = call.session.turns
    assert text and turns[-1].role == "customer" and turns[-1].text == text
    assert turns[-1].engine == "llm→offline" and "离线引擎" in turns[-1].note
    assert [t.role for t in turns] == ["customer", "agent", "customer"]
    assert call.reply(EMPATHIC[1]).text() == LINE  # the call goes on with the model once it recovers


def test_connection_refused_keeps_the_call_going():
    call = _call("http://127.0.0.1:9/v1")
    text = call.reply(EMPATHIC[0]).text()
    assert text and call.session.turns[-1].engine == "llm→offline"


def test_system_prompt_carries_persona_case_side_and_state_in_words():
    persona = PERSONAS.get("phlegmatic")
    from simulator import initial_state

    prompt = system_prompt(VoiceContext(RINGBACK, persona, initial_state(persona), None, None, "", (), 0))
    assert "粘液质" in prompt and "王先生" in prompt and "怒气" in prompt and "不要说满意" in prompt


def test_overlong_model_answer_is_cut_to_the_personas_length(server):
    server.enqueue(Behaviour(content="我很生气。" * 40))
    text = _call(server.base_url).reply(EMPATHIC[0]).text()
    assert len(text) <= PERSONAS.get("choleric").speech.max_chars + 2
