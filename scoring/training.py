"""Fit the reply model on corpus calls (`python -m scoring train` calls `train` on train + dev).

Dimensions and the stage are learned per reply; acts per clause, each clause taking the acts
whose labelled span it carries.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_matrix

from scoring.acts import act_catalogue
from scoring.call_score import CallScoreModel, ReplySummary, call_features
from scoring.clauses import Clause, split_clauses
from scoring.corpus import LabelledReply, all_replies, replies_of
from scoring.corpus_schema import ACTS, CorpusCall
from scoring.encoder import Encoder, default_encoder
from scoring.features import CharNgrams, Featurizer, stack
from scoring.linear import STAGE_C, OneVsRest, Softmax
from scoring.reply_model import DIMENSIONS, STAGES, ReplyModel, reply_act_vector, stage_features
from scoring.understanding import read_call


def train(calls: Sequence[CorpusCall], corpus_hash: str, encoder: Encoder | None = None) -> ReplyModel:
    """A model fitted on every labelled reply of `calls`."""
    replies = all_replies(calls)
    texts = [reply.text for reply in replies]
    featurizer = Featurizer(CharNgrams.fit(texts), encoder or default_encoder())
    features = featurizer.transform(texts)
    dimensions = {
        name: Softmax.fit(features, np.array([getattr(r.turn, name) for r in replies])) for name in DIMENSIONS
    }
    acts = fit_acts(replies, featurizer.ngrams)
    stages = np.array([STAGES.index(r.turn.stage) for r in replies])
    stage = Softmax.fit(_stage_rows(replies, features, featurizer.ngrams), stages, c=STAGE_C)
    transitions, start = stage_transitions(calls)
    prior = np.bincount(stages, minlength=len(STAGES)) / len(stages)
    model = ReplyModel(featurizer, dimensions, acts, stage, transitions, start, prior, corpus_hash)
    model.act_effects = act_effects(replies)
    return model


def _stage_rows(replies: Sequence[LabelledReply], features: csr_matrix, ngrams: CharNgrams) -> csr_matrix:
    """The stage model's input rows for training replies (see `reply_model.stage_features`)."""
    customer = ngrams.transform([r.customer for r in replies])
    previous = ngrams.transform([previous_reply(r) for r in replies])
    acts = cross_fitted_reply_acts(replies, ngrams)
    return stack(stage_features([features], customer, previous, acts, [r.number for r in replies]))


def fit_acts(replies: Sequence[LabelledReply], ngrams: CharNgrams) -> OneVsRest:
    """The clause act model: one binary model per act over the clauses' n-grams."""
    clauses, targets = clause_examples(replies)
    return OneVsRest.fit(ngrams.transform([c.text for c in clauses]), targets)


def cross_fitted_reply_acts(replies: Sequence[LabelledReply], ngrams: CharNgrams) -> np.ndarray:
    """Each reply's act vector (highest probability per act over its clauses), read by an act
    model that never saw the reply's writer — as unsure as the acts of a reply never seen. With a
    single writer, in sample."""
    rows = np.zeros((len(replies), len(ACTS)))
    for writer in sorted({r.call.writer for r in replies}):
        model = fit_acts([r for r in replies if r.call.writer != writer] or list(replies), ngrams)
        for index, reply in enumerate(replies):
            clauses = split_clauses(reply.text) if reply.call.writer == writer else []
            if clauses:
                clause_rows = model.probabilities(ngrams.transform([c.text for c in clauses]))
                rows[index] = reply_act_vector(clause_rows, len(ACTS))
    return rows


def previous_reply(reply: LabelledReply) -> str:
    """The trainee's reply before `reply` in its call ("" for the first)."""
    return next((text for role, text in reversed(reply.history) if role == "agent"), "")


def act_effects(replies: Sequence[LabelledReply]) -> dict[str, int]:
    """Per act, how far the writers' label on the act's dimension sits (0–100 scale) between
    replies carrying the act and replies without it: the `effect` its flag reports."""
    catalogue = act_catalogue()
    effects = {}
    for act, info in catalogue.items():
        carried = np.array([any(a == act for a, _ in r.turn.acts) for r in replies])
        labels = np.array([getattr(r.turn, info.dimension) for r in replies]) * 50
        if carried.any() and not carried.all():
            effects[act] = round(float(labels[carried].mean() - labels[~carried].mean()))
    return effects


def stage_transitions(calls: Sequence[CorpusCall], smoothing: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    """How the labelled stage moves from one reply to the next, and where calls start (smoothed)."""
    transitions = np.full((len(STAGES), len(STAGES)), smoothing)
    start = np.full(len(STAGES), smoothing)
    for call in calls:
        sequence = [STAGES.index(reply.stage) for reply in call.replies]
        start[sequence[0]] += 1
        for before, after in itertools.pairwise(sequence):
            transitions[before, after] += 1
    return transitions / transitions.sum(axis=1, keepdims=True), start / start.sum()


def clause_examples(replies: Sequence[LabelledReply]) -> tuple[list[Clause], dict[str, np.ndarray]]:
    """Every clause of `replies`, and per act a 0/1 column: does the clause carry that act."""
    clauses: list[Clause] = []
    rows: list[set[str]] = []
    for reply in replies:
        pieces = split_clauses(reply.text)
        carried = clause_acts(reply, pieces)
        clauses += pieces
        rows += carried
    targets = {act: np.array([act in row for row in rows], dtype=np.int64) for act in ACTS}
    return clauses, targets


def clause_acts(reply: LabelledReply, clauses: Sequence[Clause]) -> list[set[str]]:
    """For each clause, the labelled acts whose span covers at least half of it (or of the span);
    a span covering no clause that well goes to the clause it overlaps most."""
    carried: list[set[str]] = [set() for _ in clauses]
    for act, span in reply.turn.acts:
        start = reply.text.find(span)
        end = start + len(span)
        overlaps = [max(0, min(end, c.end) - max(start, c.start)) for c in clauses]
        hits = [
            i
            for i, (c, o) in enumerate(zip(clauses, overlaps, strict=True))
            if o and o >= 0.5 * min(c.end - c.start, len(span))
        ]
        if not hits and any(overlaps):
            hits = [int(np.argmax(overlaps))]
        for i in hits:
            carried[i].add(act)
    return carried


def out_of_fold_call_model(calls: Sequence[CorpusCall], encoder: Encoder | None = None) -> CallScoreModel:
    """The call-score model, fitted on readings each made by a reply model that never saw that
    call's writer (leave one writer out): in-sample readings are overconfident and would teach
    the call model to trust them too much."""
    features, scores, levels, outcomes = [], [], [], []
    for writer in sorted({call.writer for call in calls}):
        held_out = [call for call in calls if call.writer == writer]
        model = train([call for call in calls if call.writer != writer], "fold", encoder)
        for call in held_out:
            readings = read_call(model, call_turns(call))
            features.append(call_features([ReplySummary.of_reading(r) for r in readings], call.outcome))
            scores.append(call.trainer_score)
            levels.append(call.level)
            outcomes.append(ending_for_caps(call))
    return CallScoreModel.fit(np.array(features), np.array(scores, dtype=float), levels, outcomes)


def ending_for_caps(call: CorpusCall) -> str:
    """The call's ending as the score caps read it: "unfinished" caps a call the customer left
    without agreeing to anything, so a call labelled unfinished in which the customer did agree
    (a writer's reading of an open ending) is not one (it would lift that cap from 31 to 52)."""
    return "agreed" if call.outcome == "unfinished" and call.agreement else call.outcome


def call_turns(call: CorpusCall) -> list[tuple[str, str]]:
    """(customer line before it, reply) for every reply of the call."""
    return [(reply.customer, reply.text) for reply in replies_of(call)]
