"""The encoder's warm vocabulary: written by training, read at load, same vectors either way."""

import numpy as np

from scoring.corpus import corpus_hash
from scoring.encoder import UsemEncoder
from scoring.encoder_warmup import stored_warm_tokens, warm_from_file, write_warm_tokens
from scoring.reply_model import MODEL_DIR
from tests.fakes import HashingEncoder

TEXTS = ["您好，这边是客服中心，请问有什么可以帮您？", "非常理解您的心情，我马上帮您查一下。"]


def test_a_warmed_encoder_gives_the_same_vectors_as_a_cold_one(tmp_path):
    cold, warmed = UsemEncoder(), UsemEncoder()
    assert write_warm_tokens(warmed, TEXTS, "hash", tmp_path) > 10
    added = warm_from_file(warmed, tmp_path)
    assert added == len(stored_warm_tokens(tmp_path)["token_ids"])
    assert np.abs(cold.encode(TEXTS) - warmed.encode(TEXTS)).max() < 1e-6
    assert warm_from_file(warmed, tmp_path) == 0  # nothing new the second time


def test_an_encoder_that_cannot_be_warmed_is_left_alone(tmp_path):
    assert write_warm_tokens(HashingEncoder(), TEXTS, "hash", tmp_path) == 0
    assert stored_warm_tokens(tmp_path) is None
    assert warm_from_file(HashingEncoder(), tmp_path) == 0


def test_the_shipped_warm_vocabulary_was_written_from_the_corpus_as_it_is_now():
    record = stored_warm_tokens(MODEL_DIR)
    assert record is not None and record["encoder"] == UsemEncoder.name
    assert record["corpus_sha256"] == corpus_hash(), (
        "语料已改动：请运行 python -m scoring train 并提交 scoring/models/"
    )
    assert record["token_ids"] == sorted(set(record["token_ids"]))
