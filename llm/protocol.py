"""What the rest of the code needs from a chat model, and the one error it raises."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, Protocol, TypeVar

from pydantic import BaseModel

Schema = TypeVar("Schema", bound=BaseModel)


@dataclass(frozen=True)
class Message:
    """One chat message."""

    role: Literal["system", "user", "assistant"]
    content: str


class LLMError(Exception):
    """Any failure of a model call (network, status, timeout, unparsable answer), in Chinese."""


class ChatModel(Protocol):
    """A chat model: complete, stream, or answer in a pydantic schema. Raises LLMError."""

    model_id: str

    def complete(self, messages: list[Message]) -> str:
        """The whole answer."""
        ...

    def stream(self, messages: list[Message]) -> Iterator[str]:
        """The answer in chunks as they arrive."""
        ...

    def structured(self, messages: list[Message], schema: type[Schema]) -> Schema:
        """The answer parsed into `schema`."""
        ...


def as_llm_error(exc: Exception, what: str = "模型") -> LLMError:
    """Any SDK or network failure of a call to `what` (模型, 语音转写) as an LLMError in Chinese."""
    name = type(exc).__name__
    if "Timeout" in name:
        return LLMError(f"{what}接口超时（{name}）")
    if "Connection" in name:
        return LLMError(f"无法连接{what}接口（{name}）")
    status = getattr(exc, "status_code", None)
    if status:
        return LLMError(f"{what}接口返回错误 {status}（{name}）")
    return LLMError(f"{what}调用失败（{name}：{str(exc)[:120]}）")
