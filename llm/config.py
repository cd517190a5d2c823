"""LLM configuration: explicit values, then the secrets file, then the environment.

The secrets file is the app's own `.streamlit/secrets.toml` (next to app.py, whatever the current
directory), or the file COACH_SECRETS names.

Only `app.py` and the CLIs call `load_llm_config`; they pass the result down. Without an API
key the product runs on the offline engine (a local server such as Ollama takes any key).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_MODEL = "gpt-4o-mini"
APP_SECRETS = Path(__file__).resolve().parent.parent / ".streamlit" / "secrets.toml"


def default_secrets(environ: Mapping[str, str] | None = None) -> Path:
    """COACH_SECRETS when set, else the app's own `.streamlit/secrets.toml`."""
    environ = os.environ if environ is None else environ
    return Path(environ["COACH_SECRETS"]) if environ.get("COACH_SECRETS") else APP_SECRETS


_KEYS = {"api_key": "OPENAI_API_KEY", "base_url": "OPENAI_BASE_URL", "model": "COACH_MODEL"}


@dataclass(frozen=True)
class LLMConfig:
    """Where and how to reach an OpenAI-compatible chat endpoint."""

    api_key: str = field(repr=False)
    base_url: str | None = None
    model: str = DEFAULT_MODEL
    timeout: float = 20.0
    max_retries: int = 1

    def describe(self) -> str:
        """A line for the UI: which model at which endpoint (never the key)."""
        return f"{self.model} @ {self.base_url or 'OpenAI 官方接口'}"

    def __repr__(self) -> str:
        # Logs and tracebacks print reprs: the key appears masked, never whole.
        return (
            f"LLMConfig(api_key={mask(self.api_key)!r}, base_url={self.base_url!r}, model={self.model!r}, "
            f"timeout={self.timeout!r}, max_retries={self.max_retries!r})"
        )


def mask(key: str) -> str:
    """A key shown safely: its last four characters at most, the rest starred."""
    return "****" + key[-4:] if len(key) >= 12 else "****"


def base_url_problem(url: str) -> str | None:
    """What is wrong with `url` as an OpenAI-compatible base URL (in Chinese), or None if it looks right."""
    example = "例如 `http://127.0.0.1:8000/v1` 或 `https://api.deepseek.com/v1`"
    if not url or any(char.isspace() for char in url):
        return f"请填写接口地址（不含空格），{example}。"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"接口地址要以 `http://` 或 `https://` 开头，{example}。"
    try:
        port_ok = parts.port != 0
    except ValueError:  # not a number, or out of range
        port_ok = False
    if not port_ok:
        return f"接口地址的端口不对：端口是 1–65535 之间的数字，{example}。"
    if not parts.hostname:
        return f"接口地址缺少主机名或 IP，{example}。"
    if parts.path.rstrip("/").endswith("/chat/completions"):
        return "接口地址只填到 `/v1` 这一级，不要带 `/chat/completions`。"
    return None


def load_llm_config(
    explicit: Mapping[str, str | None] | None = None,
    secrets_path: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> LLMConfig | None:
    """The configuration in force, or None when no API key is set anywhere (offline)."""
    environ = os.environ if environ is None else environ
    secrets = _read_secrets(secrets_path or default_secrets(environ))
    explicit = explicit or {}
    values = {
        field: explicit.get(field) or secrets.get(env_name) or secrets.get(field) or environ.get(env_name)
        for field, env_name in _KEYS.items()
    }
    if not values["api_key"]:
        return None
    return LLMConfig(
        api_key=values["api_key"], base_url=values["base_url"] or None, model=values["model"] or DEFAULT_MODEL
    )


def _read_secrets(path: Path) -> dict[str, str]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    return {key: str(value) for key, value in data.items() if isinstance(value, str | int | float)}


def read_setting(
    name: str,
    default: str = "",
    secrets_path: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """Any other setting (e.g. COACH_DATA_DIR): the secrets file first, then the environment."""
    environ = os.environ if environ is None else environ
    return _read_secrets(secrets_path or default_secrets(environ)).get(name) or environ.get(name) or default
