"""Benchmarks of the learned grader: model load, one reply at a time, and batches."""

from __future__ import annotations

import time

from bench.timing import percentiles_ms, rss_mb
from scoring.corpus import all_replies, in_split, load_calls


def learned_figures(replies: int = 400) -> dict[str, object]:
    """Load time and memory of the encoder and model; grade latency per new reply; batch rate."""
    rss_before, start = rss_mb(), time.perf_counter()
    from scoring.learned_grade import forget_readings
    from scoring.learned_grader import grade_reply_learned
    from scoring.model import GradeContext
    from scoring.reply_model import shipped_model
    from scoring.understanding import read_call

    model = shipped_model()
    model.features(["您好"])  # the encoder loads its weights on first use
    load_s = time.perf_counter() - start
    # The test writers' replies: the model (and the encoder's warm vocabulary) never saw them,
    # so every reply is new text, as in a live call.
    sample = all_replies(in_split(load_calls(), "test"))[:replies]
    samples = []
    for reply in sample:
        t0 = time.perf_counter()
        grade_reply_learned(reply.text, GradeContext(customer=reply.customer))
        samples.append(time.perf_counter() - t0)
    forget_readings()
    t0 = time.perf_counter()
    read_call(model, [(reply.customer, reply.text) for reply in sample])
    batch_s = time.perf_counter() - t0
    return {
        "learned_load_s": round(load_s, 2),
        "learned_rss_added_mb": round(rss_mb() - rss_before, 1),
        "learned_grade_ms": percentiles_ms(samples),
        "learned_batch_per_s": round(len(sample) / batch_s),
    }
