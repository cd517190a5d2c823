"""设置 (admins): the LLM endpoint in use and a connection test. Keys come from secrets/env only."""

from __future__ import annotations

import time

import streamlit as st

from accounts import Role
from llm import LLMError, Message
from views.context import app_context, require


def main() -> None:
    """The page."""
    require(Role.ADMIN)
    config = app_context().llm_config
    st.title("设置")
    st.subheader("大模型接口")
    st.markdown(
        "密钥只从 `.streamlit/secrets.toml` 或环境变量读取，不在页面中输入或保存。可用设置："
        "`OPENAI_API_KEY`、`OPENAI_BASE_URL`（任何 OpenAI 兼容接口）、`COACH_MODEL`，修改后重启应用生效。"
    )
    if config is None:
        st.info("未配置密钥：当前使用离线引擎，练习和评分都可以正常进行。")
        return
    st.markdown(
        f"- 模型：`{config.model}`\n- 接口地址：`{config.base_url or '默认（OpenAI）'}`\n- 密钥：已配置（不显示）"
    )
    if st.button("测试连接", type="primary"):
        from llm.openai_adapter import OpenAIChatModel

        started = time.perf_counter()
        try:
            answer = OpenAIChatModel(config).complete([Message("user", "请只回复“连接正常”。")])
        except LLMError as exc:
            st.error(f"连接失败：{exc}")
        else:
            st.success(
                f"连接正常，用时 {(time.perf_counter() - started) * 1000:.0f} 毫秒。模型回复：{answer[:40]}"
            )


main()
