"""A local OpenAI-compatible HTTP server for tests and benchmarks — never the network.

Serves `POST /v1/chat/completions` (plain and streamed), `POST /v1/audio/transcriptions`
(multipart, answers `{"text": ...}` with the behaviour's content) and `GET /v1/models` on 127.0.0.1.
Each request takes the next scripted `Behaviour` from a queue (or the default), so a test
can script answers, HTTP errors, garbage, timeouts and streams cut off halfway.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Responder = Callable[[dict[str, Any]], str]


@dataclass
class Behaviour:
    """What the server does for one request."""

    content: str | Responder = "好的。"
    status: int = 200
    delay: float = 0.0
    garbage: bool = False
    cut_stream_after: int | None = None  # chunks sent before the connection is dropped
    chunk_chars: int = 4


@dataclass
class FakeOpenAIServer:
    """Start with `with FakeOpenAIServer() as server:`; use `server.base_url`."""

    default: Behaviour = field(default_factory=Behaviour)
    requests: list[dict[str, Any]] = field(default_factory=list)
    transcriptions: list[dict[str, Any]] = field(default_factory=list)  # model, language, audio bytes
    _queue: deque[Behaviour] = field(default_factory=deque)

    def enqueue(self, *behaviours: Behaviour) -> None:
        """Script the next requests, in order."""
        self._queue.extend(behaviours)

    def next_behaviour(self) -> Behaviour:
        """The behaviour for the request being served."""
        return self._queue.popleft() if self._queue else self.default

    @property
    def base_url(self) -> str:
        """The OpenAI-style base URL (ends in /v1)."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def __enter__(self) -> FakeOpenAIServer:
        handler = type("Handler", (_Handler,), {"fake": self})
        self._httpd = _QuietServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


class _QuietServer(ThreadingHTTPServer):
    """A client that gave up (a timeout test) is expected: no traceback for its closed socket."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    fake: FakeOpenAIServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:  # keep test output clean
        return

    def do_GET(self) -> None:
        if self.path.rstrip("/").endswith("/models"):
            self._send_json(200, {"object": "list", "data": [{"id": "fake-model", "object": "model"}]})
        else:
            self._send_json(404, {"error": {"message": "not found"}})

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path.rstrip("/").endswith("/audio/transcriptions"):
            self._transcribe(raw)
            return
        body = json.loads(raw or b"{}")
        self.fake.requests.append(body)
        behaviour = self.fake.next_behaviour()
        time.sleep(behaviour.delay)
        if behaviour.status != 200:
            self._send_json(behaviour.status, {"error": {"message": f"fake status {behaviour.status}"}})
            return
        if behaviour.garbage:
            self._send_raw(200, b"<<not json at all>>", "application/json")
            return
        content = behaviour.content(body) if callable(behaviour.content) else behaviour.content
        if body.get("stream"):
            self._stream(body, content, behaviour)
        else:
            self._send_json(200, _completion(body, content))

    def _transcribe(self, raw: bytes) -> None:
        fields = _form_fields(self.headers.get("Content-Type", ""), raw)
        self.fake.transcriptions.append(fields)
        behaviour = self.fake.next_behaviour()
        time.sleep(behaviour.delay)
        if behaviour.status != 200:
            self._send_json(behaviour.status, {"error": {"message": f"fake status {behaviour.status}"}})
            return
        content = behaviour.content(fields) if callable(behaviour.content) else behaviour.content
        self._send_json(200, {"text": content})

    def _stream(self, body: dict[str, Any], content: str, behaviour: Behaviour) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        pieces = [
            content[i : i + behaviour.chunk_chars] for i in range(0, len(content), behaviour.chunk_chars)
        ]
        for index, piece in enumerate(pieces):
            if behaviour.cut_stream_after is not None and index >= behaviour.cut_stream_after:
                self.wfile.flush()
                self.close_connection = True
                return
            self._event(_chunk(body, {"content": piece}, None))
        self._event(_chunk(body, {}, "stop"))
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()
        self.close_connection = True

    def _event(self, payload: dict[str, Any]) -> None:
        self.wfile.write(b"data: " + json.dumps(payload, ensure_ascii=False).encode() + b"\n\n")
        self.wfile.flush()

    def _send_json(self, status: int, payload: dict[str, Any]) -> None:
        self._send_raw(status, json.dumps(payload, ensure_ascii=False).encode(), "application/json")

    def _send_raw(self, status: int, data: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _completion(body: dict[str, Any], content: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": body.get("model", "fake-model"),
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _chunk(body: dict[str, Any], delta: dict[str, str], finish: str | None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": body.get("model", "fake-model"),
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def _form_fields(content_type: str, raw: bytes) -> dict[str, Any]:
    """A multipart form's text fields by name, and the uploaded file as `file` (bytes)."""
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + raw)
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        fields[name] = payload if part.get_filename() else payload.decode("utf-8")
    return fields
