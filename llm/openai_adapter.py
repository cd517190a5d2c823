"""The one module that imports langchain: `ChatModel` over langchain-openai's ChatOpenAI.

Works with any OpenAI-compatible endpoint through `base_url` (DeepSeek, Qwen/DashScope, GLM,
Moonshot, Ollama, vLLM). Every failure becomes an LLMError with a Chinese message.
"""

from __future__ import annotations

from collections.abc import Iterator

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_openai import ChatOpenAI

from llm.config import LLMConfig
from llm.protocol import LLMError, Message, Schema, as_llm_error

_ROLES = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}


class OpenAIChatModel:
    """A ChatModel backed by ChatOpenAI (temperature 0 unless told otherwise)."""

    def __init__(self, config: LLMConfig, temperature: float = 0.0):
        self.model_id = config.model
        self._chat = ChatOpenAI(
            model=config.model,
            base_url=config.base_url,
            api_key=config.api_key,
            timeout=config.timeout,
            max_retries=config.max_retries,
            temperature=temperature,
        )

    def complete(self, messages: list[Message]) -> str:
        """The whole answer as text."""
        try:
            return _text(self._chat.invoke(_convert(messages)).content)
        except Exception as exc:
            raise as_llm_error(exc) from exc

    def stream(self, messages: list[Message]) -> Iterator[str]:
        """The answer in chunks as they arrive; a stream that stops without finishing is an error."""
        finished = False
        try:
            for chunk in self._chat.stream(_convert(messages)):
                finished = finished or bool(chunk.response_metadata.get("finish_reason"))
                text = _text(chunk.content)
                if text:
                    yield text
        except Exception as exc:
            raise as_llm_error(exc) from exc
        if not finished:
            raise LLMError("模型输出中途断开（没有收到结束标记）")

    def structured(self, messages: list[Message], schema: type[Schema]) -> Schema:
        """The answer parsed into `schema` (json_schema structured output)."""
        try:
            result = self._chat.with_structured_output(schema).invoke(_convert(messages))
        except Exception as exc:
            raise as_llm_error(exc) from exc
        if not isinstance(result, schema):
            raise LLMError(f"模型返回的结构不符合要求：{type(result).__name__}")
        return result


def _convert(messages: list[Message]) -> list[BaseMessage]:
    return [_ROLES[m.role](content=m.content) for m in messages]


def _text(content: object) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    return str(content)
