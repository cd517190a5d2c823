"""Shared pieces of the fuzz suites: nasty-text strategies and a time/memory budget per run."""

from __future__ import annotations

import random
import resource
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# The "Proof" issue asks for at least this many generated inputs per component.
REQUIRED_INPUTS = 10_000
# Derandomized and without the example database: CI replays exactly the inputs a developer saw,
# and a run leaves no files behind. The deadline is off because `FuzzBudget` bounds time itself.
FUZZ_SETTINGS = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Every code point Python can hold, surrogates included: a str from a broken clipboard can carry them.
ANY_CHAR = st.characters(exclude_categories=())
CONTROL_CHAR = st.characters(categories=["Cc", "Cf", "Zl", "Zp"])
# Whole emoji sequences, not just code points: ZWJ families, skin tones, flags, keycaps, VS16.
EMOJI_SEQUENCES = ["😀", "😡", "🙏", "👍🏽", "👨‍👩‍👧‍👦", "🇨🇳", "❤️", "1️⃣", "🤬", "🫠", "☎️"]
EMOJI = st.sampled_from(EMOJI_SEQUENCES) | st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF)
WHITESPACE_CHARS = " \t\n\r\x0b\x0c\u3000\u00a0\u2028\u2029\u200b\u180e\ufeff"
WHITESPACE = st.text(st.sampled_from(WHITESPACE_CHARS), max_size=60)
PHRASES = [
    "对不起",
    "非常抱歉",
    "我理解您",
    "这是规定",
    "难道",
    "您好",
    "工号1024",
    "再见",
    "？",
    "没有同意",
    "您同意了",
    "我帮您核实",
    "马上退款",
    "投诉",
    "12315",
    "嗯",
    "，",
    "。",
]
CHINESE_PHRASES = st.sampled_from(PHRASES)


def mixed_text(max_size: int) -> st.SearchStrategy[str]:
    """Chinese phrases spliced with arbitrary, emoji and control characters."""
    piece = CHINESE_PHRASES | EMOJI | CONTROL_CHAR | st.text(ANY_CHAR, max_size=4)
    return st.lists(piece, max_size=max_size).map("".join)


def huge_text(max_chars: int) -> st.SearchStrategy[str]:
    """A short random chunk repeated up to `max_chars` characters (Hypothesis cannot draw that much)."""
    chunk = st.text(ANY_CHAR, min_size=1, max_size=40) | CHINESE_PHRASES | EMOJI
    length = st.integers(min_value=1_000, max_value=max_chars)
    return st.tuples(chunk, length).map(lambda t: (t[0] * (t[1] // len(t[0]) + 1))[: t[1]])


def nasty_text(max_size: int = 300, max_huge: int = 20_000) -> st.SearchStrategy[str]:
    """Empty, whitespace, any unicode, emoji, control characters, Chinese phrases, and huge text."""
    return st.one_of(
        st.just(""),
        WHITESPACE,
        st.text(ANY_CHAR, max_size=max_size),
        st.lists(EMOJI, max_size=max_size // 4).map("".join),
        st.text(CONTROL_CHAR, max_size=max_size // 4),
        mixed_text(max_size // 6),
        huge_text(max_huge),
    )


# The same families for the seeded bulk runs below: C0/C1 controls, DEL, and the format
# characters that hide in pasted text (soft hyphen, zero-width, bidi overrides, BOM, tag characters).
CONTROL_CHARS = "".join(
    chr(c)
    for c in (
        *range(0x00, 0x20),
        *range(0x7F, 0xA0),
        0xAD,
        0x61C,
        *range(0x200B, 0x2010),
        *range(0x2028, 0x202F),
        *range(0x2060, 0x2065),
        *range(0x2066, 0x2070),
        0xFEFF,
        *range(0xFFF9, 0xFFFC),
        0xE0001,
        *range(0xE0020, 0xE0080),
    )
)


def random_nasty_text(rng: random.Random, max_size: int = 300, max_huge: int = 20_000) -> str:
    """One input of the same families as `nasty_text`, drawn from a seeded `random.Random`.

    Hypothesis spends as long drawing a string as the grader spends grading it, so the bulk
    of each ten-thousand-input run comes from here; the weights keep huge inputs rare enough
    for the run to fit the CI budget while still producing hundreds of them.
    """
    kind = rng.choices(
        ["empty", "space", "any", "cjk", "phrases", "emoji", "control", "mixed", "huge"],
        weights=[4, 6, 14, 14, 20, 8, 8, 22, 4],
    )[0]
    size = rng.randrange(max_size + 1)
    if kind == "empty":
        return ""
    if kind == "huge":
        chunk = random_nasty_text(rng, 40, 0) or "喂"
        length = rng.randrange(1_000, max(max_huge, 1_001))
        return (chunk * (length // len(chunk) + 1))[:length]
    pick: dict[str, Callable[[], str]] = {
        "space": lambda: rng.choice(WHITESPACE_CHARS),
        "any": lambda: chr(rng.randrange(0x110000)),
        "cjk": lambda: chr(rng.randrange(0x4E00, 0xA000)),
        "phrases": lambda: rng.choice(PHRASES),
        "emoji": lambda: (
            rng.choice(EMOJI_SEQUENCES) if rng.random() < 0.5 else chr(rng.randrange(0x1F300, 0x1FB00))
        ),
        "control": lambda: rng.choice(CONTROL_CHARS),
    }
    if kind == "mixed":
        families = list(pick.values())
        return "".join(rng.choice(families)() for _ in range(size // 3))
    # Phrases and emoji sequences are several characters each: fewer of them keeps lengths alike.
    count = size // 3 if kind in ("phrases", "emoji") else size
    return "".join(pick[kind]() for _ in range(count))


def peak_rss_mb() -> float:
    """The process's peak resident memory so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# A hang guard, not a speed target: inputs normally take milliseconds, but a busy 2-core CI
# machine has stalled a single one past 1 s (GC, the other core's work). Five seconds still
# catches a component that hangs or expands a bomb.
HANG_SECONDS = 5.0


@dataclass
class FuzzBudget:
    """Counts the inputs of one fuzz run and holds each to a time bound.

    These are sanity bounds, not performance targets: they are generous enough for a slow CI
    machine and only catch inputs that make a component hang or blow up.
    """

    max_seconds: float = HANG_SECONDS
    count: int = 0
    slowest: float = 0.0

    @contextmanager
    def timed(self, what: object) -> Iterator[None]:
        """Count one input and fail if handling it took longer than `max_seconds`."""
        start = time.perf_counter()
        try:
            yield
        except Exception as exc:
            exc.add_note(f"fuzz input: {what!r:.300}")  # the input that broke it, for the report
            raise
        elapsed = time.perf_counter() - start
        self.count += 1
        self.slowest = max(self.slowest, elapsed)
        assert elapsed < self.max_seconds, f"{elapsed:.2f}s for input {what!r:.300}"


def warm_grader() -> None:
    """Load the grader's encoder and model before measuring: a one-time cost of the process
    (`python -m bench` reports it), not memory that grows with the inputs."""
    from scoring import grade_reply

    grade_reply("您好，请问有什么可以帮您？")


@contextmanager
def bounded_memory(max_growth_mb: float = 200) -> Iterator[None]:
    """Fail if the peak resident memory grows by more than `max_growth_mb` during the block.

    The peak only ever rises, so this bounds the block's high-water mark without the 2–3x
    slowdown tracemalloc would put on ten thousand inputs.
    """
    before = peak_rss_mb()
    yield
    growth = peak_rss_mb() - before
    assert growth < max_growth_mb, f"peak memory grew by {growth:.0f} MB (limit {max_growth_mb} MB)"
