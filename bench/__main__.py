"""`python -m bench`: print the benchmark figures as one JSON object."""

from __future__ import annotations

import json
import platform
import sys
import time
from pathlib import Path

from bench.timing import percentiles_ms, rss_mb, time_calls
from personas import load_personas
from scenarios import load_library
from scoring import grade_reply
from scoring.calibration import load_items
from simulator import Call, OfflineEngine


def content_figures() -> dict[str, object]:
    """How long loading and checking the whole content library takes."""
    cases = load_library()
    return {
        "cases": len(cases),
        "load_cases_ms": percentiles_ms(time_calls(load_library, 20)),
        "load_personas_ms": percentiles_ms(time_calls(load_personas, 20)),
    }


def grading_figures(rounds: int = 10) -> dict[str, object]:
    """Per-reply grading latency and single-core throughput over the calibration replies."""
    items = list(load_items())
    contexts = [(item.reply, item.context()) for item in items]
    for reply, context in contexts:  # warm caches (lexicons, compiled patterns, case library)
        grade_reply(reply, context)
    samples: list[float] = []
    start = time.perf_counter()
    for _ in range(rounds):
        for reply, context in contexts:
            t0 = time.perf_counter()
            grade_reply(reply, context)
            samples.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - start
    return {"grade_ms": percentiles_ms(samples), "grade_per_s": round(len(samples) / elapsed)}


def offline_turn_figures(calls: int = 40) -> dict[str, object]:
    """One offline turn = grade + state update + the customer's line, over whole calls."""
    cases, personas = list(load_library()), list(load_personas())
    replies = [item.reply for item in load_items()]
    samples: list[float] = []
    for n in range(calls):
        call, opening = Call.start(
            cases[n % len(cases)], personas[n % len(personas)], OfflineEngine(), seed=n
        )
        opening.text()
        for reply in replies[n * 7 % len(replies) :][:8]:
            if call.session.state.ended:
                break
            t0 = time.perf_counter()
            call.reply(reply).text()
            samples.append(time.perf_counter() - t0)
    return {"turn_offline_ms": percentiles_ms(samples), "turns_measured": len(samples)}


def apptest_turn_figures(turns: int = 12) -> dict[str, object]:
    """One practice turn through the real page script in AppTest (offline engine, temp database)."""
    import os
    import tempfile

    from streamlit.testing.v1 import AppTest

    os.environ.update({"COACH_DATA_DIR": tempfile.mkdtemp(prefix="bench-"), "COACH_DEMO": "1"})
    app = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=60).run()
    app.text_input[0].input("xiaowang")
    app.text_input[1].input("lianxi123")
    next(b for b in app.button if b.label == "登录").click().run()
    next(b for b in app.button if b.label == "开始通话").click().run()
    samples = []
    for n in range(turns):
        t0 = time.perf_counter()
        app.chat_input[0].set_value(f"我理解您的心情，我马上帮您核实第{n}个问题。").run()
        samples.append(time.perf_counter() - t0)
        if not app.chat_input:
            break
    return {"apptest_turn_ms": percentiles_ms(samples)}


def main() -> int:
    """Run every benchmark and print one JSON object."""
    figures: dict[str, object] = {"python": platform.python_version(), "machine": platform.machine()}
    figures.update(content_figures())
    figures.update(grading_figures())
    figures.update(offline_turn_figures())
    figures.update(apptest_turn_figures())
    figures["rss_mb"] = rss_mb()
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
