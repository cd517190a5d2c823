"""LLM overhead: our time on top of the model's, against a local fake OpenAI-compatible server.

The server waits a fixed delay and then streams the answer. For each turn we time (a) the bare
streamed HTTP request to the server, and (b) a whole LLM-engine turn: grading, the state update,
the prompt, langchain-openai's streaming client, the guard and recording. The overhead is (b) − (a),
measured in pairs so that drift on a noisy machine cancels out. (c) The same-sized prompt through
the chat client alone (langchain-openai over the openai SDK) shows how much of (b) − (a) is the
client library's own request and stream handling rather than ours.
"""

from __future__ import annotations

import http.client
import json
import time
from urllib.parse import urlsplit

from bench.timing import percentiles_ms
from llm import LLMConfig
from llm.fake_server import Behaviour, FakeOpenAIServer
from llm.openai_adapter import OpenAIChatModel
from llm.protocol import Message
from personas import load_personas
from scenarios import load_library
from scoring.calibration import load_items
from simulator import Call
from simulator.llm_engine import LLMEngine

DELAY_S = 0.05
ANSWER = "你说的这些我听明白了一点，可我还是想知道，这个钱到底什么时候能退给我？"


def raw_request_s(base_url: str) -> float:
    """Seconds for one bare streamed chat request, read to the end (the floor we cannot go under)."""
    parts = urlsplit(base_url)
    body = json.dumps({"model": "m", "stream": True, "messages": [{"role": "user", "content": "你好"}]})
    began = time.perf_counter()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    conn.request("POST", f"{parts.path}/chat/completions", body, {"Content-Type": "application/json"})
    conn.getresponse().read()
    conn.close()
    return time.perf_counter() - began


def llm_overhead_figures(turns: int = 40, delay_s: float = DELAY_S) -> dict[str, object]:
    """p50/p95 of (LLM-engine turn − bare request) in ms, over `turns` paired samples."""
    case, persona = next(iter(load_library())), next(iter(load_personas()))
    replies = [item.reply for item in load_items()]
    overheads: list[float] = []
    client_only: list[float] = []
    with FakeOpenAIServer(default=Behaviour(content=ANSWER, delay=delay_s)) as server:
        config = LLMConfig(api_key="bench", base_url=server.base_url, model="m", timeout=10, max_retries=0)
        model = OpenAIChatModel(config, temperature=0.7)
        engine = LLMEngine(model)
        call = _fresh_call(case, persona, engine)
        for n in range(turns + 1):
            if call.session.state.ended or len(call.session.turns) > 16:
                call = _fresh_call(case, persona, engine)
            floor = raw_request_s(server.base_url)
            began = time.perf_counter()
            call.reply(replies[n % len(replies)]).text()
            turn = time.perf_counter() - began
            began = time.perf_counter()
            list(model.stream(server_messages(call)))  # the same prompt through the client alone
            client = time.perf_counter() - began
            if n:  # the first turn pays one-off costs (HTTP client, imports): not counted
                overheads.append(turn - floor)
                client_only.append(client - floor)
    return {
        "llm_overhead_ms": percentiles_ms(overheads),
        "llm_client_overhead_ms": percentiles_ms(client_only),
        "llm_server_delay_ms": round(delay_s * 1000),
    }


def server_messages(call: Call) -> list[Message]:
    """A prompt the size of a real turn's: a system prompt and the last 12 lines of the call."""
    system = Message("system", "你是一位来电投诉的客户。" * 40)
    roles = {"customer": "assistant", "agent": "user"}
    return [system, *(Message(roles[role], text) for role, text in call.session.history[-12:])]


def _fresh_call(case, persona, engine) -> Call:
    call, opening = Call.start(case, persona, engine, seed=1, model="m")
    opening.text()
    return call
