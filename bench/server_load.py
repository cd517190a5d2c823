"""Server load: simulated trainees drive the real Streamlit server over its websocket, as browsers do.

Per load level a fresh server (or several behind nginx, `processes` > 1) runs over a throw-away
database holding one admin (so the first-admin form does not show) and N trainee accounts. Each
trainee is an asyncio task with one websocket (`bench/ws_client.py`): it opens the app, logs in
(用户名 / 密码 / 登录), starts a call (开始通话, random case and persona), sends its replies through
the chat input with a think time between them, then ends the call (结束通话). Trainees arrive at
random over the first ARRIVAL_S seconds: a class that starts together. A reply is timed from
sending its BackMsg to the `script_finished` of the rerun that shows the customer's answer; a login
from the submit to the practice page. Exceptions and error boxes on any page count as errors.
After the servers stop we count, call by call, the turns each trainee saw against the database.
"""

from __future__ import annotations

import asyncio
import os
import random
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, suppress
from dataclasses import dataclass, field
from pathlib import Path

from accounts.service import create_user
from bench.server_proc import (
    ROOT,
    Cluster,
    cluster,
    cpu_seconds,
    first_traceback,
    nginx_missing_reason,
    peak_rss_mb,
)
from bench.timing import percentile_points_ms
from bench.ws_client import Page, ProtocolError, StreamlitClient
from scoring.calibration import load_items
from store import Store

PASSWORD = "Lianxi-2026"  # ≥ 8 characters, not only digits, not the username
REPLIES = 6
THINK_S = (2.0, 5.0)  # like bench/load.py: harsher than real trainees, who need 10 s or more
ARRIVAL_S = 5.0
RERUN_TIMEOUT_S = 60.0
P95_LIMIT_MS = 1000.0
LEVELS = (10, 25, 50, 100, 200)
MAX_TRAINEES = 200
TIME_BUDGET_S = 1200.0


@dataclass
class LoadOptions:
    """One load level: how many trainees, on how many server processes, doing what."""

    trainees: int
    processes: int = 1
    replies: int = REPLIES
    think_s: tuple[float, float] = THINK_S
    arrival_s: float = ARRIVAL_S
    timeout_s: float = RERUN_TIMEOUT_S


@dataclass
class TraineeResult:
    """What one simulated trainee did and saw."""

    username: str
    page_load_s: float | None = None
    login_s: float | None = None
    start_call_s: float | None = None
    end_call_s: float | None = None
    turn_s: list[float] = field(default_factory=list)
    audio_s: list[float] = field(default_factory=list)  # fetching the customer's audio after a reply
    audio_missing: int = 0  # replies after which the page had no audio to play
    replies_sent: int = 0
    answered: int = 0  # replies after which the page showed both the reply and an answer
    shown: int = 0  # turns (chat messages) on the last call page the trainee saw
    errors: list[str] = field(default_factory=list)


# --- one trainee -------------------------------------------------------------------------------


def reply_pool() -> list[str]:
    """Trainee replies from the calibration set; the well-rated ones, so that customers rarely hang
    up before a trainee has sent all its replies (runs stay comparable)."""
    items = list(load_items())
    good = [i.reply for i in items if i.labels.empathy == "good" and i.labels.no_arguing == "good"]
    return list(dict.fromkeys(good or [i.reply for i in items]))


def _checked(result: TraineeResult, page: Page) -> Page:
    """Record the page's exceptions and error boxes as errors; the page."""
    result.errors += [f"{result.username}: 页面异常 {text}" for text in page.exceptions]
    result.errors += [f"{result.username}: 页面报错 {text}" for text in page.error_alerts]
    return page


async def _log_in(client: StreamlitClient, result: TraineeResult) -> None:
    """Open the app and log in; ProtocolError unless the practice page follows."""
    result.page_load_s = _checked(result, await client.open()).elapsed_s
    client.type_text("用户名", result.username)
    client.type_text("密码", PASSWORD)
    page = _checked(result, await client.click("登录"))
    if page.widget("button", "开始通话") is None:
        raise ProtocolError("登录后没有出现「开始通话」")
    result.login_s = page.elapsed_s


async def _reply(client: StreamlitClient, result: TraineeResult, text: str) -> None:
    """Send one reply; the page must then show it and the customer's answer (two more turns)."""
    before = client.page.chat_messages
    page = _checked(result, await client.chat(text))
    result.replies_sent += 1
    result.turn_s.append(page.elapsed_s)
    result.shown = page.chat_messages
    await _fetch_audio(client, result, page)
    if page.chat_messages == before + 2:
        result.answered += 1
    else:
        result.errors.append(f"{result.username}: 回复后页面显示 {page.chat_messages} 句（之前 {before} 句）")


async def _fetch_audio(client: StreamlitClient, result: TraineeResult, page: Page) -> None:
    """Fetch the customer's audio the page names, as the browser's player does; empty is an error."""
    if not page.audio_url:
        result.audio_missing += 1
        return
    data, seconds = await client.fetch(page.audio_url)
    if data:
        result.audio_s.append(seconds)
    else:
        result.errors.append(f"{result.username}: 客户语音为空（{page.audio_url}）")


async def _call(
    client: StreamlitClient, result: TraineeResult, replies: list[str], options: LoadOptions
) -> None:
    """Start a call, send the replies with think time, end the call."""
    rng = random.Random(result.username)
    page = _checked(result, await client.click("开始通话"))
    result.start_call_s, result.shown = page.elapsed_s, page.chat_messages
    for text in replies:
        if not any(w.kind == "chat_input" for w in client.page.widgets):
            break  # the customer ended the call (hung up, went to a regulator): no reply box
        await asyncio.sleep(rng.uniform(*options.think_s))
        await _reply(client, result, text)
    page = _checked(result, await client.click("结束通话"))
    result.end_call_s = page.elapsed_s


async def play_trainee(
    url: str, username: str, replies: list[str], options: LoadOptions, delay: float
) -> TraineeResult:
    """One trainee's whole visit; failures are recorded in the result, never raised."""
    result = TraineeResult(username)
    await asyncio.sleep(delay)
    client = StreamlitClient(url, timeout=options.timeout_s)
    try:
        await _log_in(client, result)
        await _call(client, result, replies, options)
    except Exception as exc:  # whatever stops one trainee is its error; the others go on
        result.errors.append(f"{username}: {type(exc).__name__} {exc}"[:300])
    finally:
        with suppress(Exception):  # closing a broken connection may fail too: nothing to report
            await client.close()
    return result


async def play_all(url: str, usernames: Sequence[str], options: LoadOptions) -> list[TraineeResult]:
    """Every trainee at once, arriving at random over `options.arrival_s`."""
    pool = reply_pool()
    rng = random.Random(len(usernames))
    tasks = [
        play_trainee(
            url,
            name,
            rng.sample(pool, min(options.replies, len(pool))),
            options,
            rng.uniform(0, options.arrival_s),
        )
        for name in usernames
    ]
    return list(await asyncio.gather(*tasks))


# --- accounts and counting ---------------------------------------------------------------------


def seed_accounts(db_path: Path, usernames: Iterable[str]) -> None:
    """One admin (so no first-admin form) and the trainee accounts, straight into the database.
    Two threads: scrypt releases the GIL, and hashing is most of the time here."""
    store = Store(db_path)
    create_user(store, "benchadmin", "Guanli-2026", "admin", "管理员")

    def trainee(name: str) -> None:
        create_user(store, name, PASSWORD, "trainee", f"学员{name[-4:]}")

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(trainee, usernames))


def stored_turns(db_path: Path) -> dict[str, dict[str, list[int]]]:
    """username → call id → the `idx` of each of that call's turn rows with rewound = 0."""
    sql = (
        "select u.username, t.call_id, t.idx from turns t join calls c on c.id = t.call_id "
        "join users u on u.id = c.user_id where t.rewound = 0"
    )
    stored: dict[str, dict[str, list[int]]] = {}
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as conn:
        for username, call_id, idx in conn.execute(sql):
            stored.setdefault(username, {}).setdefault(call_id, []).append(idx)
    return stored


def turn_discrepancies(shown: dict[str, int], stored: dict[str, dict[str, list[int]]]) -> tuple[int, int]:
    """(lost, duplicated) turns over the trainees in `shown` (username → turns its page showed).

    Lost: shown turns the database does not hold. Duplicated: extra rows for one (call, idx), plus
    distinct rows beyond what the trainee was shown."""
    lost = duplicated = 0
    for username, count in shown.items():
        calls = stored.get(username, {})
        distinct = sum(len(set(indexes)) for indexes in calls.values())
        repeats = sum(len(indexes) - len(set(indexes)) for indexes in calls.values())
        lost += max(0, count - distinct)
        duplicated += repeats + max(0, distinct - count)
    return lost, duplicated


# --- one level ---------------------------------------------------------------------------------


async def warm_up(running: Cluster) -> None:
    """One short call on every backend first: imports, content and jieba load once per process, and
    that one-off start-up should not count as the first trainees' latency."""
    options = LoadOptions(trainees=1, replies=1, think_s=(0.0, 0.0), timeout_s=120.0)
    results = await asyncio.gather(
        *(
            play_trainee(url, f"warmup{n:04d}", reply_pool()[:1], options, 0.0)
            for n, url in enumerate(running.backends)
        )
    )
    errors = [e for r in results for e in r.errors]
    if errors:
        raise RuntimeError(f"预热失败：{errors[0]}")


def _ms(samples: list[float | None], points: tuple[int, ...]) -> dict[str, float | None]:
    values = [s for s in samples if s is not None]
    if not values:
        return {f"p{p}": None for p in points}
    return percentile_points_ms(values, points)


def level_figures(
    options: LoadOptions, results: list[TraineeResult], measured: dict[str, float]
) -> dict[str, object]:
    """One level's results as JSON-ready figures (`measured` holds wall, CPU, RSS, lost, duplicated)."""
    turns = [s for r in results for s in r.turn_s]
    errors = [e for r in results for e in r.errors]
    flat: dict[str, object] = {"trainees": options.trainees, "processes": options.processes}
    flat |= {"logged_in": sum(r.login_s is not None for r in results), "turns": len(turns)}
    flat["answered"] = sum(r.answered for r in results)
    flat["audio_missing"] = sum(r.audio_missing for r in results)
    for name, samples, points in (
        ("turn_ms", turns, (50, 95, 99)),
        ("audio_fetch_ms", [s for r in results for s in r.audio_s], (50, 95)),
        ("login_ms", [r.login_s for r in results], (50, 95)),
        ("page_load_ms", [r.page_load_s for r in results], (50, 95)),
        ("start_call_ms", [r.start_call_s for r in results], (50, 95)),
        ("end_call_ms", [r.end_call_s for r in results], (50, 95)),
    ):
        flat |= {f"{name}_{key}": value for key, value in _ms(samples, points).items()}
    wall = measured["wall_s"]
    flat["turns_per_s"] = round(len(turns) / wall, 2) if wall else 0.0
    flat |= {key: round(value, 2) for key, value in measured.items() if key not in ("lost", "duplicated")}
    flat |= {"errors": len(errors), "first_errors": errors[:3]}
    flat |= {"lost_turns": int(measured["lost"]), "duplicated_turns": int(measured["duplicated"])}
    return flat


def run_level(options: LoadOptions, app_dir: Path = ROOT) -> dict[str, object]:
    """Start the app over a fresh database, run `options.trainees` trainees, stop it; the figures."""
    usernames = [f"trainee{n:04d}" for n in range(options.trainees)]
    with tempfile.TemporaryDirectory(prefix="coach-server-load-") as folder:
        data_dir = Path(folder)
        seed_accounts(
            data_dir / "coach.db", [*usernames, *(f"warmup{n:04d}" for n in range(options.processes))]
        )
        with cluster(data_dir, options.processes, app_dir) as running:
            asyncio.run(warm_up(running))
            results, measured = _measure(running, usernames, options)
        shown = {r.username: r.shown for r in results}
        lost, duplicated = turn_discrepancies(shown, stored_turns(data_dir / "coach.db"))
        traceback = first_traceback(data_dir)
    figures = level_figures(options, results, measured | {"lost": lost, "duplicated": duplicated})
    return figures | {"server_traceback": traceback}


def _measure(
    running: Cluster, usernames: list[str], options: LoadOptions
) -> tuple[list[TraineeResult], dict[str, float]]:
    """Run the trainees against `running`; their results and the server's wall, CPU and memory."""
    cpu_before = [cpu_seconds([pid]) for pid in running.pids]
    client_before, began = _own_cpu_s(), time.perf_counter()
    results = asyncio.run(play_all(running.url, usernames, options))
    wall = time.perf_counter() - began
    cpu = [cpu_seconds([pid]) - before for pid, before in zip(running.pids, cpu_before, strict=True)]
    measured = {
        "wall_s": wall,
        "server_cpu_s": sum(cpu),
        "server_rss_peak_mb": peak_rss_mb(running.pids),
        "client_cpu_s": _own_cpu_s() - client_before,  # the load generator shares the machine
    }
    if len(cpu) > 1:  # how evenly the sticky sessions spread: each Streamlit process, and nginx
        names = [f"streamlit{n}" for n in range(options.processes)] + ["nginx"]
        measured |= {f"server_cpu_s_{name}": value for name, value in zip(names, cpu, strict=True)}
    return results, measured


def _own_cpu_s() -> float:
    times = os.times()
    return times.user + times.system


# --- the ramp ----------------------------------------------------------------------------------


def ramp_levels(cap: int) -> list[int]:
    """10, 25, 50, 100, 200, then doubling, up to `cap` (which is always the last level)."""
    levels = list(LEVELS)
    while levels[-1] * 2 <= cap:
        levels.append(levels[-1] * 2)
    chosen = [n for n in levels if n < cap]
    return [*chosen, cap]


def ramp(
    levels: Sequence[int],
    processes: int = 1,
    replies: int = REPLIES,
    think_s: tuple[float, float] = THINK_S,
    budget_s: float = TIME_BUDGET_S,
) -> dict[str, object]:
    """Run `levels` in turn until turn p95 passes P95_LIMIT_MS or the time budget is spent; the
    figures of every level run, and the largest level that stayed within the limit."""
    head: dict[str, object] = {"processes": processes, "replies": replies, "think_s": list(think_s)}
    if processes > 1 and (reason := nginx_missing_reason()):
        return head | {"skipped": reason}
    began = time.monotonic()
    runs, stopped = _climb(levels, lambda n: LoadOptions(n, processes, replies, think_s), began + budget_s)
    ok = [r for r in runs if _within_limit(r)]
    head |= {"p95_limit_ms": P95_LIMIT_MS, "capacity": ok[-1]["trainees"] if ok else 0}
    return head | {"stopped": stopped, "elapsed_s": round(time.monotonic() - began, 1), "ramp": runs}


def _within_limit(run: dict[str, object]) -> bool:
    p95 = run.get("turn_ms_p95")
    return p95 is not None and p95 <= P95_LIMIT_MS


def _climb(
    levels: Sequence[int], options: Callable[[int], LoadOptions], deadline: float
) -> tuple[list[dict[str, object]], str]:
    """Each level's figures, up to the first one past the limit; and why the climb stopped."""
    runs: list[dict[str, object]] = []
    for trainees in levels:
        if time.monotonic() > deadline:
            return runs, "时间预算已用完"
        try:
            runs.append(run_level(options(trainees)))
        except RuntimeError as exc:  # the app did not start or warm up: say so, keep what was measured
            runs.append({"trainees": trainees, "failed": str(exc)[:800]})
            return runs, f"{trainees} 人这一级未能运行"
        if not _within_limit(runs[-1]):
            return runs, f"{trainees} 人时轮次 p95 超过 {P95_LIMIT_MS:.0f} ms"
    return runs, "已跑完全部负载级别"
