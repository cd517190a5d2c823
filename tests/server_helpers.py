"""Starting the real Streamlit server for end-to-end tests (loopback only), as the benchmark does."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.server_proc import streamlit_process


@contextmanager
def running_app(data_dir: Path, demo: bool = True, env: dict[str, str] | None = None) -> Iterator[str]:
    """`make run`'s server on a free port over `data_dir` (with `env` added); yields its base URL.

    Its output goes to `<data folder>-streamlit.log` beside the data folder (read it when a test fails)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    log = data_dir.parent / f"{data_dir.name}-streamlit.log"
    with streamlit_process(data_dir, log, demo=demo, extra_env=env) as (
        url,
        _,
    ):
        yield url
