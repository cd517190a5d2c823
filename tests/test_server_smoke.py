"""`make run`'s server starts offline and answers its health check."""

from __future__ import annotations

import urllib.request

from tests.server_helpers import running_app


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=2) as response:
        return response.read().decode()


def test_server_starts_without_key_and_answers_health(tmp_path):
    with running_app(tmp_path / "data", demo=False) as url:  # running_app drops every OPENAI_ setting
        assert _get(f"{url}/_stcore/health") == "ok"
        assert "<html" in _get(f"{url}/").lower()
