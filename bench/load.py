"""Load: many simulated trainees at once, each playing a whole call against the real Store on disk.

Each trainee is a thread, as each browser session is in Streamlit. A trainee starts a call, sends
its replies with a short think time between them (real trainees take far longer to type a
Chinese sentence, so this is a harsher load than a classroom), then ends the call. We time every
turn (grade + state update + customer line + both turns committed) and afterwards count, from
the database, every turn that a trainee saw but the Store does not hold: the lost turns.
"""

from __future__ import annotations

import random
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.timing import percentiles_ms
from personas import load_personas
from practice import finish, start
from scenarios import load_library
from scoring import GradeContext, grade_reply
from scoring.calibration import load_items
from store import Store

REPLIES_PER_CALL = 6
# Seconds between the customer's line and the trainee's next reply. People need 10 s or more to
# read a line and type a Chinese answer; 2–5 s makes the load harsher than a real class.
THINK_S = (2.0, 5.0)
P95_LIMIT_MS = 200.0


@dataclass
class LoadRun:
    """What one load run measured."""

    sessions: int
    turn_s: list[float] = field(default_factory=list)
    shown: dict[str, int] = field(default_factory=dict)  # call id → turns its trainee saw
    stored: dict[str, int] = field(default_factory=dict)  # call id → turns the database holds
    errors: list[str] = field(default_factory=list)
    wall_s: float = 0.0

    @property
    def turns_shown(self) -> int:
        """Turns shown to trainees, over all calls."""
        return sum(self.shown.values())

    @property
    def lost_turns(self) -> int:
        """Turns a trainee saw that the database does not hold, call by call."""
        return sum(max(0, count - self.stored.get(call_id, 0)) for call_id, count in self.shown.items())

    def figures(self) -> dict[str, object]:
        """The run as JSON-ready figures."""
        ms = percentiles_ms(self.turn_s) if self.turn_s else {"p50": None, "p95": None}
        return {
            "sessions": self.sessions,
            "turn_ms_p50": ms["p50"],
            "turn_ms_p95": ms["p95"],
            "turns_per_s": round(len(self.turn_s) / self.wall_s, 1) if self.wall_s else 0.0,
            "turns": len(self.turn_s),
            "lost_turns": self.lost_turns,
            "errors": len(self.errors),
            "first_error": self.errors[0][:200] if self.errors else None,
        }


def run_load(
    sessions: int,
    data_dir: Path | None = None,
    replies_per_call: int = REPLIES_PER_CALL,
    think_s: tuple[float, float] = THINK_S,
) -> LoadRun:
    """`sessions` trainees play one call each, all at once, over a fresh Store in `data_dir`."""
    data_dir = data_dir or Path(tempfile.mkdtemp(prefix="coach-load-"))
    _warm_up()
    store = Store(data_dir / "coach.db")
    user_ids = [store.add_user(f"trainee{n:04d}", "x", "trainee")["id"] for n in range(sessions)]
    run = LoadRun(sessions)
    lock = threading.Lock()
    gate = threading.Barrier(sessions + 1)
    threads = [
        threading.Thread(
            target=_trainee, args=(store, uid, n, replies_per_call, think_s, gate, run, lock), daemon=True
        )
        for n, uid in enumerate(user_ids)
    ]
    for thread in threads:
        thread.start()
    gate.wait()  # everyone starts together
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    run.wall_s = time.perf_counter() - began
    run.stored = stored_turns_by_call(store)
    return run


def _trainee(
    store: Store,
    user_id: int,
    n: int,
    replies_per_call: int,
    think_s: tuple[float, float],
    gate: threading.Barrier,
    run: LoadRun,
    lock: threading.Lock,
) -> None:
    """One trainee's whole call; its timings and counts go into `run`."""
    rng = random.Random(n)
    cases, personas, replies = _content()
    gate.wait()
    samples: list[float] = []
    practice = None
    try:
        practice = start(store, user_id, rng.choice(cases), rng.choice(personas), None, seed=n)
        for reply in rng.sample(replies, replies_per_call):
            if practice.call.session.state.ended:
                break
            time.sleep(rng.uniform(*think_s))
            began = time.perf_counter()
            "".join(practice.reply(reply))
            samples.append(time.perf_counter() - began)
        finish(practice)
    except Exception as exc:  # a refused write is reported, never hidden; what was shown still counts
        with lock:
            run.errors.append(f"trainee {n}: {exc!r}")
    with lock:
        run.turn_s += samples
        if practice is not None:  # a Call keeps a turn only after the Store has it: these were shown
            run.shown[practice.id] = len(practice.call.session.turns)


_CONTENT: tuple[list, list, list[str]] | None = None
_CONTENT_LOCK = threading.Lock()


def _content() -> tuple[list, list, list[str]]:
    """Cases, personas and a pool of trainee replies (the calibration set), loaded once."""
    global _CONTENT
    with _CONTENT_LOCK:
        if _CONTENT is None:
            replies = list(dict.fromkeys(item.reply for item in load_items()))
            _CONTENT = (list(load_library()), list(load_personas()), replies)
        return _CONTENT


def _warm_up() -> None:
    """Load the content and grade once, so one-off start-up costs are not counted as turn time."""
    cases, _, replies = _content()
    grade_reply(replies[0], GradeContext(case=cases[0]))


def stored_turns_by_call(store: Store) -> dict[str, int]:
    """Turns the database holds per call (rewound ones excluded; the load never rewinds)."""
    rows = store.db.execute("select call_id, count(*) from turns where rewound = 0 group by call_id")
    return dict(rows.fetchall())


def find_capacity(
    start_at: int = 25, limit: int = 800, think_s: tuple[float, float] = THINK_S
) -> list[dict[str, object]]:
    """Double the number of trainees until turn p95 passes 200 ms (or `limit`); every run's figures."""
    runs: list[dict[str, object]] = []
    sessions = start_at
    while sessions <= limit:
        with tempfile.TemporaryDirectory(prefix="coach-load-") as folder:
            figures = run_load(sessions, Path(folder), think_s=think_s).figures()
        runs.append(figures)
        if figures["turn_ms_p95"] is None or figures["turn_ms_p95"] > P95_LIMIT_MS:
            break
        sessions *= 2
    return runs
