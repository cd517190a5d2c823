"""The LLM customer speaks the agenda the code decided: the move is in its prompt, and a line that
accepts an offer nobody made, or says goodbye while the agenda is open, never reaches the trainee (against the local fake OpenAI server)."""

from __future__ import annotations

import pytest

from llm import LLMConfig
from llm.fake_server import Behaviour, FakeOpenAIServer
from llm.openai_adapter import OpenAIChatModel
from simulator import Call
from simulator.guard import SentenceGuard
from tests.sim_helpers import LIBRARY, PERSONAS

JACKET = LIBRARY.get("retail-down-jacket-thin")
GREETING = "您好，瑞丰商场客服中心，工号1024，请问有什么可以帮您？"
ACCEPTING = "行，那就这样，谢谢你帮我安排。"


@pytest.fixture
def server():
    with FakeOpenAIServer(default=Behaviour(content="我就想要件暖和的羽绒服。", chunk_chars=4)) as fake:
        yield fake


def _call(base_url: str) -> Call:
    model = OpenAIChatModel(LLMConfig(api_key="k", base_url=base_url, model="m", max_retries=0), 0.7)
    from simulator.llm_engine import LLMEngine

    call, opening = Call.start(JACKET, PERSONAS.get("sanguine"), LLMEngine(model), seed=1, model="m")
    opening.text()
    return call


def _system_prompt(server) -> str:
    return next(m["content"] for m in server.requests[-1]["messages"] if m["role"] == "system")


def test_the_prompt_says_what_this_line_does_and_that_nothing_is_on_the_table(server):
    _call(server.base_url).reply(GREETING).text()
    prompt = _system_prompt(server)
    assert "这一句你要做的事：说出你的诉求" in prompt
    assert "还没有提出任何方案" in prompt


def test_a_line_accepting_an_unmade_offer_is_replaced_by_the_offline_line(server):
    call = _call(server.base_url)
    server.enqueue(Behaviour(content=ACCEPTING))
    text = call.reply(GREETING).text()
    assert ACCEPTING not in text and text
    assert call.session.turns[-1].engine == "llm→offline"


def test_once_the_code_accepts_the_offer_the_model_may_say_so(server):
    call = _call(server.base_url)
    call.reply(GREETING).text()
    call.reply("杨阿姨，这么冷的天让您穿着不暖和，真是对不起，给您添麻烦了。").text()
    server.enqueue(Behaviour(content=ACCEPTING))
    call.reply("我们把衣服送到厂家检测，缺多少补多少，免费补绒返工，10到15天就好，我约同事上门取。").text()
    assert call.session.state.agreed and call.session.state.move.kind == "resolved"
    assert call.session.turns[-1].text == ACCEPTING and call.session.turns[-1].engine == "llm"


@pytest.mark.parametrize("refusal", ["我不接受了，这算什么办法。", "我没答应你这个。"])
def test_a_refusal_is_not_mistaken_for_accepting(refusal):
    guard = SentenceGuard("", 80, may_agree=False, may_accept=False)
    assert guard.allow(refusal) == refusal


GOODBYE = "行了行了，没别的事了，再见。"


def test_a_goodbye_while_the_agenda_is_open_is_replaced_by_the_offline_line(server):
    call = _call(server.base_url)
    server.enqueue(Behaviour(content=GOODBYE))
    text = call.reply(GREETING).text()
    assert call.session.state.move.kind == "raise" and not call.session.state.ended
    assert GOODBYE not in text and text
    assert call.session.turns[-1].engine == "llm→offline"


@pytest.mark.parametrize("line", ["没别的事了。", "那就先这样，再见！", "拜拜。", "我先挂了啊。"])
def test_closing_lines_pass_only_when_the_code_closes_the_call(line):
    assert SentenceGuard("", 80, may_agree=True, may_close=False).allow(line) == ""
    assert SentenceGuard("", 80, may_agree=True, may_close=True).allow(line) == line


def test_a_line_that_merely_mentions_the_problem_is_not_a_goodbye():
    guard = SentenceGuard("", 80, may_agree=False, may_close=False)
    line = "这件事没那么简单，我还有问题要问。"
    assert guard.allow(line) == line
