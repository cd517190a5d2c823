"""设置 (admins): the LLM endpoint in use, how to set one, and a connection test for it or for any
OpenAI-compatible endpoint an admin types in.

The app's own key comes from secrets/env only. A key typed into the test form goes into that one
request and nowhere else: not the database, not session_state (beyond the password box itself),
not the page, not the log. Texts shown after a test are scrubbed of it.
"""

from __future__ import annotations

import time
from dataclasses import replace

import streamlit as st

from accounts import Role
from llm import LLMConfig, LLMError, Message
from llm.config import base_url_problem, mask
from scoring.report import md_escape
from views.context import app_context, require

TEST_TIMEOUT = 10.0  # seconds: a tiny request answers well within this
PING = [Message("user", "请只回复“连接正常”。")]
NO_KEY = "no-key"  # sent when the key box is left empty: local servers take any key
SETUP_EXAMPLE = """OPENAI_API_KEY = "你的密钥"
OPENAI_BASE_URL = "https://api.deepseek.com/v1"
COACH_MODEL = "deepseek-chat"
"""
STATUS_HINTS = {
    401: "密钥被拒绝：请检查密钥是否完整、是否属于这个接口。",
    403: "没有权限：请检查这个密钥是否开通了该模型，或账户是否受限。",
    404: "地址或模型名不对：接口地址通常以 `/v1` 结尾，模型名要与服务商提供的完全一致。",
    429: "请求过多或额度不足：请稍后再试，或检查账户余额和限额。",
}


def main() -> None:
    """The page."""
    require(Role.ADMIN)
    config = app_context().llm_config
    st.title("设置")
    st.subheader("大模型接口")
    configured_endpoint(config)
    st.subheader("测试连接")
    if config is not None and st.button("测试连接", type="primary", key="test-configured"):
        show_test(replace(config, timeout=TEST_TIMEOUT, max_retries=0))
    typed_endpoint_form()


def configured_endpoint(config: LLMConfig | None) -> None:
    """The endpoint in use (never its key), or that there is none, and how to set one for good."""
    if config is None:
        st.info("未配置密钥：当前使用离线引擎，练习和评分都可以正常进行。")
    else:
        st.markdown(
            f"- 模型：`{config.model}`\n- 接口地址：`{config.base_url or '默认（OpenAI）'}`\n- 密钥：已配置（不显示）"
        )
    st.markdown(
        "应用使用的密钥只从 `.streamlit/secrets.toml` 或环境变量读取，页面不会保存任何密钥。"
        "要长期使用大模型，请在 `.streamlit/secrets.toml` 中写入（或设置同名环境变量）"
        "`OPENAI_API_KEY`（密钥）、`OPENAI_BASE_URL`（任何 OpenAI 兼容接口的地址）和 `COACH_MODEL`（模型名），"
        "然后重启应用。例如："
    )
    st.code(SETUP_EXAMPLE, language="toml")


def typed_endpoint_form() -> None:
    """测试其他接口: any OpenAI-compatible endpoint, with a key used for this one request only."""
    with st.form("test-endpoint"):
        st.markdown("**测试其他接口**")
        st.markdown(
            "接口地址例如 `http://127.0.0.1:8000/v1`（本机服务）或 `https://api.deepseek.com/v1`；"
            "模型名例如 `gpt-4o-mini`、`deepseek-chat`、`qwen-plus`。"
        )
        base_url = st.text_input("接口地址", max_chars=500)
        model = st.text_input("模型名", max_chars=200)
        key = st.text_input("密钥", type="password", max_chars=500)
        st.caption(
            "密钥只用于这一次测试，不会保存，也不会显示或写入日志。本地服务（如 `Ollama`）不校验密钥，可留空。"
        )
        submitted = st.form_submit_button("测试连接", key="test-typed")
    if submitted:
        config = typed_config(base_url, model, key)
        if config is not None:
            show_test(config)


def typed_config(base_url: str, model: str, key: str) -> LLMConfig | None:
    """The typed endpoint as a one-request configuration, or None after saying what to fix."""
    base_url, model, key = base_url.strip(), model.strip(), key.strip()
    problem = form_problem(base_url, model, key)
    if problem:
        st.error(f"无法测试：{problem}")
        return None
    return LLMConfig(
        api_key=key or NO_KEY, base_url=base_url, model=model, timeout=TEST_TIMEOUT, max_retries=0
    )


def form_problem(base_url: str, model: str, key: str) -> str | None:
    """What is wrong with the typed values (in Chinese), or None when they can be sent."""
    if problem := base_url_problem(base_url):
        return problem
    if not model:
        return "请填写模型名，例如 `gpt-4o-mini`、`deepseek-chat` 或 `qwen-plus`。"
    if not key.isascii() or any(char.isspace() for char in key):
        return "密钥里有中文、空格或全角字符，请从服务商处重新复制。"
    return None


def show_test(config: LLMConfig) -> None:
    """Send one tiny request to `config`'s endpoint; show the time and the reply, or what failed."""
    started = time.perf_counter()
    try:
        answer = ping(config)
    except LLMError as exc:
        st.error(scrub(failure_message(exc), config.api_key))
        return
    elapsed = (time.perf_counter() - started) * 1000
    reply = md_escape(scrub(answer.strip(), config.api_key)[:40]) or "（空）"
    st.success(f"连接正常，用时 {elapsed:.0f} 毫秒（{md_escape(config.describe())}）。模型回复：{reply}")


def ping(config: LLMConfig) -> str:
    """One tiny request; every failure, building the client included, is an LLMError."""
    from llm.openai_adapter import OpenAIChatModel  # langchain loads only when a test runs

    try:
        return OpenAIChatModel(config).complete(PING)
    except LLMError:
        raise
    except Exception as exc:
        raise LLMError(f"无法发出请求（{type(exc).__name__}）") from exc


def failure_message(exc: LLMError) -> str:
    """连接失败: what failed, said plainly, and how to fix it."""
    cause = exc.__cause__
    name = type(cause).__name__ if cause is not None else ""
    status = getattr(cause, "status_code", None)
    if "Timeout" in name:
        return (
            f"连接失败：接口在 {TEST_TIMEOUT:.0f} 秒内没有回复。"
            "请检查这台服务器能否访问该地址、网络或代理设置，或稍后再试。"
        )
    if "Connection" in name:
        return "连接失败：连不上这个地址。请检查主机名和端口是否正确、接口服务是否已经启动、防火墙是否放行。"
    if isinstance(status, int):
        return f"连接失败：接口返回错误 {status}。{status_hint(status)}"
    return f"连接失败：{exc}。这个地址的回复不像 OpenAI 兼容接口，请确认地址正确（通常以 `/v1` 结尾）。"


def status_hint(status: int) -> str:
    """How to fix an HTTP error status."""
    if status in STATUS_HINTS:
        return STATUS_HINTS[status]
    if status >= 500:
        return "接口服务端出错：请稍后再试，或联系接口的提供方。"
    return "接口拒绝了这个请求：请检查模型名，并确认这是 OpenAI 兼容接口。"


def scrub(text: str, key: str) -> str:
    """`text` with the key masked, should an endpoint echo it back."""
    return text.replace(key, mask(key)) if len(key) >= 4 else text


main()
