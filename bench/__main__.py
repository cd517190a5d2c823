"""`python -m bench`: print the benchmark figures as one JSON object."""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

from bench.learned import learned_figures
from bench.llm_overhead import llm_overhead_figures
from bench.load import find_capacity, run_load
from bench.server_load import MAX_TRAINEES, REPLIES, THINK_S, TIME_BUDGET_S, ramp, ramp_levels
from bench.timing import percentiles_ms, rss_mb, time_calls
from bench.voice import voice_figures
from personas import load_personas
from scenarios import load_library
from scoring import grade_reply
from scoring.calibration import load_items
from scoring.learned_grade import forget_readings
from scoring.text import clear_caches
from simulator import Call, OfflineEngine


def content_figures(repeat: int = 20) -> dict[str, object]:
    """How long loading and checking the whole content library takes."""
    cases = load_library()
    return {
        "cases": len(cases),
        "load_cases_ms": percentiles_ms(time_calls(load_library, repeat)),
        "load_personas_ms": percentiles_ms(time_calls(load_personas, repeat)),
    }


def grading_figures(rounds: int = 10) -> dict[str, object]:
    """Per-reply grading latency (the default, learned grader) and single-core throughput over the
    calibration replies, each round as if new."""
    items = list(load_items())
    contexts = [(item.reply, item.context()) for item in items]
    for reply, context in contexts:  # warm caches (lexicons, compiled patterns, case library)
        grade_reply(reply, context)
    samples: list[float] = []
    elapsed = 0.0
    for _ in range(rounds):
        # Each round grades the replies as if new: per-reply caches would flatter later rounds.
        clear_caches()
        forget_readings()
        start = time.perf_counter()
        for reply, context in contexts:
            t0 = time.perf_counter()
            grade_reply(reply, context)
            samples.append(time.perf_counter() - t0)
        elapsed += time.perf_counter() - start
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

    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        os.environ.update({"COACH_DATA_DIR": folder, "COACH_DEMO": "1"})
        return {"apptest_turn_ms": percentiles_ms(_apptest_turns(AppTest, turns))}


def _apptest_turns(app_test: type, turns: int) -> list[float]:
    """Seconds per reply of one AppTest call (log in, start, reply until done or ended)."""
    app = app_test.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=60).run()
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
    return samples


def concurrency_figures(quick: bool) -> dict[str, object]:
    """Concurrent trainees on one Store: the largest load whose turn p95 stays ≤ 200 ms, and the ramp."""
    if quick:
        with tempfile.TemporaryDirectory(prefix="coach-load-") as folder:
            run = run_load(10, Path(folder), replies_per_call=3, think_s=(0.05, 0.2)).figures()
        return {"concurrent": _concurrent_summary(run), "concurrent_ramp": [run]}
    ramp = find_capacity()
    passing = [run for run in ramp if run["turn_ms_p95"] is not None and run["turn_ms_p95"] <= 200]
    return {"concurrent": _concurrent_summary(passing[-1] if passing else ramp[0]), "concurrent_ramp": ramp}


def _concurrent_summary(run: dict[str, object]) -> dict[str, object]:
    keys = ("sessions", "turn_ms_p50", "turn_ms_p95", "turns_per_s", "lost_turns", "errors")
    return {key: run[key] for key in keys}


def server_figures(args: argparse.Namespace) -> dict[str, object]:
    """The real Streamlit server under simulated browsers: the full ramp with --server, else a
    short run of 10 and 25 trainees; --quick: 3 trainees, 2 replies, almost no think time."""
    think = tuple(args.think) if args.think else (0.0, 0.1) if args.quick else THINK_S
    replies = args.replies or (2 if args.quick else REPLIES)
    levels = [3] if args.quick else ramp_levels(args.max_trainees) if args.server else [10, 25]
    return ramp(levels, args.processes, replies, think, args.budget)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line (help text in Chinese, for the people who run it)."""
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="打印性能基准数据（一个 JSON 对象）：评分、离线一轮、并发学员、大模型额外开销、内存，"
        "以及通过 websocket 驱动真实 Streamlit 服务的模拟浏览器负载（键 server）。",
    )
    parser.add_argument("--quick", action="store_true", help="少量样本快速跑一遍（测试用；数字不具代表性）")
    parser.add_argument(
        "--server",
        action="store_true",
        help="只跑真实服务负载：学员数 10、25、50、100、200… 逐级增加，直到轮次 p95 超过 1 秒或达到上限",
    )
    parser.add_argument(
        "--max-trainees",
        type=int,
        default=MAX_TRAINEES,
        metavar="N",
        help=f"--server 的学员数上限（默认 {MAX_TRAINEES}）",
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        metavar="P",
        help="Streamlit 进程数；大于 1 时经 nginx 粘性会话分流（默认 1）",
    )
    parser.add_argument(
        "--replies", type=int, metavar="K", help=f"每名学员每通电话回复几句（默认 {REPLIES}）"
    )
    parser.add_argument(
        "--think", type=float, nargs=2, metavar=("MIN", "MAX"), help="两句回复之间的思考时间（秒，默认 2 5）"
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=TIME_BUDGET_S,
        metavar="S",
        help=f"服务负载总时长上限（秒，默认 {TIME_BUDGET_S:.0f}）",
    )
    args = parser.parse_args(argv)
    if args.processes < 1 or args.max_trainees < 1 or (args.replies is not None and args.replies < 1):
        parser.error("--processes、--max-trainees、--replies 必须是正整数")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark (or, with --server, only the server load) and print one JSON object."""
    args = parse_args(argv)
    quick = args.quick
    figures: dict[str, object] = {"python": platform.python_version(), "machine": platform.machine()}
    figures["quick"] = quick
    if args.server:
        figures["server"] = server_figures(args)
        print(json.dumps(figures, ensure_ascii=False))
        return 0
    figures.update(content_figures(repeat=2 if quick else 20))
    figures.update(grading_figures(rounds=1 if quick else 10))
    figures.update(learned_figures(replies=20 if quick else 400))
    figures.update(offline_turn_figures(calls=6 if quick else 40))
    figures.update(llm_overhead_figures(turns=6 if quick else 60))
    figures.update(apptest_turn_figures(turns=3 if quick else 12))
    figures.update(voice_figures(calls=2 if quick else 12))
    figures.update(concurrency_figures(quick))
    figures["server"] = server_figures(args)
    figures["rss_mb"] = rss_mb()
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
