"""Test doubles: a recording fake chat model (no network, no HTTP)."""

from __future__ import annotations

import itertools
import zlib
from collections import deque
from collections.abc import Iterator

import numpy as np

from llm import LLMError, Message
from llm.protocol import Schema


class RecordingChatModel:
    """A ChatModel that answers from a queue and records every call (`history`)."""

    def __init__(self, model_id: str = "fake-model"):
        self.model_id = model_id
        self.history: list[list[Message]] = []
        self._answers: deque[str | Exception] = deque()

    def enqueue(self, *answers: str | Exception) -> None:
        """Script the next answers; an Exception is raised instead of answering."""
        self._answers.extend(answers)

    def _next(self, messages: list[Message]) -> str:
        self.history.append(messages)
        answer = self._answers.popleft() if self._answers else "好的。"
        if isinstance(answer, Exception):
            raise answer
        return answer

    def complete(self, messages: list[Message]) -> str:
        return self._next(messages)

    def stream(self, messages: list[Message]) -> Iterator[str]:
        text = self._next(messages)
        yield from (text[i : i + 3] for i in range(0, len(text), 3))

    def structured(self, messages: list[Message], schema: type[Schema]) -> Schema:
        text = self._next(messages)
        try:
            return schema.model_validate_json(text)
        except ValueError as exc:
            raise LLMError(f"结构不符：{exc}") from exc


class HashingEncoder:
    """An `Encoder` for fast tests: character bigrams hashed into a few dimensions (no model load)."""

    name = "hashing-test"
    dimensions = 16

    def encode(self, texts):
        """Rows of hashed bigram counts, L2-normalised."""
        rows = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            for a, b in itertools.pairwise(text):
                rows[row, zlib.crc32((a + b).encode()) % self.dimensions] += 1
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms == 0, 1, norms)
