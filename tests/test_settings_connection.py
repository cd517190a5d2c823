"""设置 → 测试连接: always offered, tests any OpenAI-compatible endpoint an admin types in (the local
fake server, never the network), says in Chinese what failed, and keeps the typed key nowhere."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from llm.config import base_url_problem
from llm.fake_server import Behaviour, FakeOpenAIServer
from tests.app_helpers import all_text, log_in, new_app

KEY = "sk-typed-only-for-this-test-7f3a9c"


def settings_page(monkeypatch, tmp_path: Path, env: dict[str, str] | None = None) -> AppTest:
    """The settings page, as the demo admin, with no secrets file and only `env` configured."""
    env = {"COACH_SECRETS": str(tmp_path / "no-secrets.toml"), **(env or {})}
    app = log_in(new_app(monkeypatch, tmp_path, env=env), "admin", "guanli123")
    app.switch_page("views/settings.py")
    return app.run()


def text_input(app: AppTest, label: str):
    """The text box with this label."""
    return next(t for t in app.text_input if t.label == label)


def submit_typed(app: AppTest, base_url: str, model: str = "fake-model", key: str = KEY) -> AppTest:
    """Fill 测试其他接口 and press its 测试连接."""
    text_input(app, "接口地址").input(base_url)
    text_input(app, "模型名").input(model)
    text_input(app, "密钥").input(key)
    return app.button(key="test-typed").click().run()


def closed_port_url() -> str:
    """A local address nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def test_without_a_key_the_page_offers_the_test_form_and_explains_the_setup(monkeypatch, tmp_path):
    app = settings_page(monkeypatch, tmp_path)
    assert not app.exception and app.title[0].value == "设置"
    assert "测试连接" in [s.value for s in app.subheader]
    assert {"接口地址", "模型名", "密钥"} <= {t.label for t in app.text_input}
    assert text_input(app, "密钥").proto.type == text_input(app, "密钥").proto.PASSWORD
    text = all_text(app)
    assert "未配置密钥" in text and "密钥只用于这一次测试，不会保存" in text
    for setting in (".streamlit/secrets.toml", "OPENAI_API_KEY", "OPENAI_BASE_URL", "COACH_MODEL", "重启"):
        assert setting in text
    assert [b.label for b in app.button if b.label == "测试连接"] == ["测试连接"]  # the form's only


def test_a_configured_key_adds_a_test_of_the_endpoint_in_use(monkeypatch, tmp_path):
    with FakeOpenAIServer(default=Behaviour(content="连接正常")) as server:
        env = {"OPENAI_API_KEY": "configured-key", "OPENAI_BASE_URL": server.base_url, "COACH_MODEL": "fake"}
        app = settings_page(monkeypatch, tmp_path, env=env)
        first = next(b for b in app.button if b.label == "测试连接")
        assert first.key == "test-configured" and app.button(key="test-typed").label == "测试连接"
        app = first.click().run()
    assert "连接正常" in app.success[0].value and server.requests[0]["model"] == "fake"
    assert "configured-key" not in all_text(app) + app.success[0].value


def test_a_typed_endpoint_that_answers_shows_the_time_and_the_reply(monkeypatch, tmp_path):
    app = settings_page(monkeypatch, tmp_path)
    with FakeOpenAIServer(default=Behaviour(content="连接正常")) as server:
        app = submit_typed(app, server.base_url)
    assert not app.exception and not app.error
    message = app.success[0].value
    assert "连接正常" in message and "毫秒" in message and "模型回复：连接正常" in message
    assert len(server.requests) == 1 and server.requests[0]["model"] == "fake-model"


@pytest.mark.parametrize(("status", "words"), [(401, "密钥被拒绝"), (404, "模型名"), (500, "服务端出错")])
def test_an_endpoint_answering_an_error_says_what_to_fix(monkeypatch, tmp_path, status, words):
    app = settings_page(monkeypatch, tmp_path)
    with FakeOpenAIServer(default=Behaviour(status=status)) as server:
        app = submit_typed(app, server.base_url)
    assert not app.exception and not app.success
    message = app.error[0].value
    assert message.startswith("连接失败") and str(status) in message and words in message
    assert "Traceback" not in message and "Error" not in message


def test_a_closed_port_says_the_address_cannot_be_reached(monkeypatch, tmp_path):
    app = submit_typed(settings_page(monkeypatch, tmp_path), closed_port_url())
    assert not app.exception and not app.success
    assert "连不上这个地址" in app.error[0].value and "端口" in app.error[0].value


def test_an_answer_that_is_not_openai_format_says_so(monkeypatch, tmp_path):
    app = settings_page(monkeypatch, tmp_path)
    with FakeOpenAIServer(default=Behaviour(garbage=True)) as server:
        app = submit_typed(app, server.base_url)
    assert not app.exception and "不像 OpenAI 兼容接口" in app.error[0].value


def test_a_malformed_address_is_refused_before_anything_is_sent(monkeypatch, tmp_path):
    app = submit_typed(settings_page(monkeypatch, tmp_path), "127.0.0.1:8000/v1")
    assert not app.exception and not app.success
    assert "无法测试" in app.error[0].value and "http://" in app.error[0].value


def test_a_missing_model_name_is_refused(monkeypatch, tmp_path):
    app = submit_typed(settings_page(monkeypatch, tmp_path), "http://127.0.0.1:8000/v1", model="  ")
    assert "请填写模型名" in app.error[0].value


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("", "请填写"),
        ("ftp://example.com/v1", "http://"),
        ("localhost:8000/v1", "http://"),
        ("http:///v1", "主机名"),
        ("http://127.0.0.1:99999/v1", "端口"),
        ("http://127.0.0.1:abc/v1", "端口"),
        ("http://exa mple.com/v1", "空格"),
        ("https://api.example.com/v1/chat/completions", "/v1"),
    ],
)
def test_base_url_problems_are_named(url, words):
    assert words in base_url_problem(url)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/v1", "https://api.deepseek.com/v1", "HTTPS://x.cn"])
def test_good_base_urls_pass(url):
    assert base_url_problem(url) is None


def test_the_typed_key_is_never_stored_shown_or_kept(monkeypatch, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    app = settings_page(monkeypatch, tmp_path)
    with FakeOpenAIServer(default=Behaviour(content=f"回声 {KEY}")) as server:
        app = submit_typed(app, server.base_url)
        app = submit_typed(app, closed_port_url())
    assert not app.exception
    files = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert any(path.name == "coach.db" for path in files)
    assert all(KEY.encode() not in path.read_bytes() for path in files)
    assert KEY not in all_text(app) + "".join(s.value for s in app.success)
    assert KEY not in repr(app.session_state.to_dict())
    assert KEY not in caplog.text
