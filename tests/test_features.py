"""The stored n-gram features transform exactly as scikit-learn's TF-IDF would, with no fitted object."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from scoring.features import MIN_DF, NGRAMS, CharNgrams

TRAIN = [
    "您好，请问有什么可以帮您？",
    "真对不起，让您久等了。",
    "您好，这个我马上帮您查。",
    "您别着急，我帮您查一下。",
] * 2
NEW = ["您好，我帮您查一下", "完全没见过的句子", "", "Hello  World  OK！"]


def test_the_transform_matches_scikit_learn_tfidf_on_new_texts() -> None:
    reference = TfidfVectorizer(analyzer="char", ngram_range=NGRAMS, min_df=MIN_DF, sublinear_tf=True).fit(
        TRAIN
    )
    ours = CharNgrams.fit(TRAIN)
    assert np.allclose(reference.transform(NEW).toarray(), ours.transform(NEW).toarray(), atol=1e-6)


def test_a_text_with_no_known_ngram_is_a_zero_row() -> None:
    row = CharNgrams.fit(TRAIN).transform(["完全陌生"]).toarray()[0]
    assert not row.any()
