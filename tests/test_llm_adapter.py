"""The OpenAI adapter against a local fake OpenAI-compatible server: answers, streams and every failure."""

from __future__ import annotations

import json

import pytest
from pydantic import BaseModel

from llm import LLMConfig, LLMError, Message
from llm.fake_server import Behaviour, FakeOpenAIServer
from llm.openai_adapter import OpenAIChatModel

ASK = [Message("system", "你是客户"), Message("user", "您好")]


class Answer(BaseModel):
    score: int


@pytest.fixture
def server():
    with FakeOpenAIServer() as fake:
        yield fake


def _model(base_url: str, timeout: float = 2.0) -> OpenAIChatModel:
    return OpenAIChatModel(
        LLMConfig(api_key="test", base_url=base_url, model="fake", timeout=timeout, max_retries=0)
    )


def test_complete_sends_messages_and_temperature_zero(server):
    server.enqueue(Behaviour(content="我要投诉！"))
    assert _model(server.base_url).complete(ASK) == "我要投诉！"
    request = server.requests[-1]
    assert request["temperature"] == 0 and request["messages"][0] == {"role": "system", "content": "你是客户"}


def test_stream_yields_chunks_in_order(server):
    server.enqueue(Behaviour(content="你们这服务也太差了吧", chunk_chars=3))
    chunks = list(_model(server.base_url).stream(ASK))
    assert len(chunks) > 1 and "".join(chunks) == "你们这服务也太差了吧"


def test_structured_output_uses_json_schema(server):
    server.enqueue(Behaviour(content=json.dumps({"score": 7})))
    assert _model(server.base_url).structured(ASK, Answer).score == 7
    assert server.requests[-1]["response_format"]["type"] == "json_schema"


@pytest.mark.parametrize(
    ("behaviour", "words"),
    [
        (Behaviour(status=500), "500"),
        (Behaviour(status=429), "429"),
        (Behaviour(garbage=True), "失败"),
        (Behaviour(delay=1.5), "超时"),
    ],
)
def test_failures_become_llm_errors(server, behaviour, words):
    server.enqueue(behaviour)
    with pytest.raises(LLMError) as caught:
        _model(server.base_url, timeout=0.5).complete(ASK)
    assert words in str(caught.value)


def test_malformed_structured_answer_is_an_llm_error(server):
    server.enqueue(Behaviour(content="{score: oops"))
    with pytest.raises(LLMError):
        _model(server.base_url).structured(ASK, Answer)


def test_a_stream_cut_off_halfway_is_an_llm_error(server):
    server.enqueue(Behaviour(content="一二三四五六七八九十", chunk_chars=2, cut_stream_after=2))
    with pytest.raises(LLMError) as caught:
        list(_model(server.base_url).stream(ASK))
    assert "中途断开" in str(caught.value)


def test_connection_refused_is_an_llm_error():
    with pytest.raises(LLMError) as caught:
        _model("http://127.0.0.1:9/v1").complete(ASK)
    assert "无法连接" in str(caught.value)
