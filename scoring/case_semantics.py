"""A case's 禁语 said in other words: an arguing clause whose meaning is one of the case's
forbidden phrases counts as that phrase.

Only clauses the learned model reads as arguing are compared (sentence embeddings are blind to
negation: 「不是您没问清楚」 sits next to 「是您自己没问清楚」), so the check costs an encoder pass
only for the few clauses that argue. Picked on the train and dev writers' clauses (never the
test writers'): at cosine ≥ 0.80 to a 禁语, 44 clauses, 23 of them labelled with an arguing act;
of those between 0.80 and 0.85 every one says the 禁语 in other words (「规定就是规定」 for
「这是规定」, 「那就找厂家去说」 for 「您去找厂家吧」); requiring the act removes the rest.
Offers are matched by meaning too (`offered_by_meaning`, for the customer). The same check was
tried for what a case must not promise
and dropped: an allowed promise (「质检确认后给您退款」) and a forbidden one differ by a
condition the embedding does not see (1 of 45 clauses at ≥ 0.7 was a labelled over-promise).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from scenarios.fill import fill
from scenarios.schema import Case
from scoring.acts import arguing_acts
from scoring.case_checks import check_flag
from scoring.model import Flag
from scoring.reply_model import shipped_model
from scoring.understanding import ReplyReading

SIMILAR_AT = 0.80
# An offer in other words: the reply's clauses read as an offer or a commitment, taken together,
# whose embedding is this close to a resolution's text. Picked on the train and dev writers with
# `python -m simulator selftest`: exemplary/good calls resolved (train) 93.6 % with words only →
# 95.6 % at 0.55, poor/hostile still never; every sampled reply at 0.55–0.65 offers that
# resolution (at 0.50–0.55 some only name it under a condition).
OFFERING_ACTS = ("offer_remedy", "commit_time")
OFFER_SIMILAR_AT = 0.55


def paraphrased_forbidden_flags(reading: ReplyReading, case: Case | None) -> list[Flag]:
    """Per arguing clause that means one of the case's 禁语 (and does not already say it word for
    word): the 话术 and 不争辩 flags of a 禁语, quoting the clause."""
    if case is None:
        return []
    arguing = arguing_acts()
    clauses = list(dict.fromkeys(act.span for act in reading.acts if act.act in arguing))
    clauses = [c for c in clauses if not any(phrase in c for phrase in case.forbidden_phrases)]
    if not clauses:
        return []
    similarity = _encode(tuple(clauses)) @ _phrase_vectors(case.id, tuple(case.forbidden_phrases)).T
    flags = []
    for clause, row in zip(clauses, similarity, strict=True):
        if row.max() >= SIMILAR_AT:
            phrase = case.forbidden_phrases[int(row.argmax())]
            flags += [
                _paraphrase_flag(rule, clause, phrase)
                for rule in ("case-forbidden", "case-forbidden-arguing")
            ]
    return flags


def offered_by_meaning(reading: ReplyReading, case: Case | None) -> list[str]:
    """Ids of the case's resolutions that a clause read as an offer (or a commitment) means in
    other words — for the customer, who hears an offer however it is worded."""
    if case is None or not case.resolutions:
        return []
    clauses = list(dict.fromkeys(act.span for act in reading.acts if act.act in OFFERING_ACTS))
    if not clauses:
        return []
    # A resolution is usually said over two clauses (what, then when): they are read together,
    # in one encoder pass.
    texts = tuple(fill(resolution.text, case) for resolution in case.resolutions)
    similarity = _encode(("，".join(clauses),)) @ _phrase_vectors(case.id, texts).T
    return [
        r.id for r, score in zip(case.resolutions, similarity[0], strict=True) if score >= OFFER_SIMILAR_AT
    ]


def _paraphrase_flag(rule: str, clause: str, phrase: str) -> Flag:
    flag = check_flag(rule, clause)
    return flag.model_copy(update={"why": f"{flag.why}（换了说法，意思同本案禁语「{phrase}」）"})


@lru_cache(maxsize=64)
def _phrase_vectors(case_id: str, phrases: tuple[str, ...]) -> np.ndarray:
    """The case's 禁语 embedded once per process (keyed by the case and its phrases)."""
    return _encode(phrases)


def _encode(texts: tuple[str, ...]) -> np.ndarray:
    return shipped_model().featurizer.encoder.encode(list(texts))
