"""The learned reply model: three dimensions, clause acts and the reply's stage, fitted on the corpus.

Stored as `scoring/models/reply_model.json` (vocabulary, labels, settings, the corpus hash it was
fitted on) beside `reply_model.npz` (the arrays; loaded with `allow_pickle=False`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

from scenarios.vocabulary import Stage
from scoring.clauses import Clause
from scoring.encoder import Encoder, default_encoder
from scoring.features import EMBEDDING_WEIGHT, MIN_DF, NGRAMS, Blocks, CharNgrams, Featurizer
from scoring.linear import STAGE_C, C, OneVsRest, Softmax

MODEL_DIR = Path(__file__).resolve().parent / "models"
DIMENSIONS = ("empathy", "no_arguing", "script")
STAGES = tuple(stage.value for stage in Stage)
POSITION_BINS = (1, 2, 3, 4, 6, 9, 12)  # reply number n falls in the last bin with start <= n
POSITION_WEIGHT = 0.5
CUSTOMER_WEIGHT = 0.6  # the customer's line before the reply, for the stage (picked on the dev writer)
# For the stage, also the reply's acts (each act's highest probability over its clauses) and the
# trainee's previous reply: on the dev writer stage accuracy 0.836 → 0.851 with both at 0.5.
ACT_WEIGHT = 0.5
PREVIOUS_WEIGHT = 0.5


class ModelMissing(RuntimeError):
    """No fitted model on disk: run `python -m scoring train`."""


@dataclass
class ReplyModel:
    """Everything learned from the corpus, ready to apply."""

    featurizer: Featurizer
    dimensions: dict[str, Softmax]
    acts: OneVsRest
    stage: Softmax
    transitions: np.ndarray  # stage × stage: P(this reply's stage | the previous reply's)
    start: np.ndarray  # P(first reply's stage)
    stage_prior: np.ndarray  # share of each stage among training replies
    corpus_hash: str
    call_score: dict | None = None  # `CallScoreModel.to_dict()`, fitted after the reply model
    act_effects: dict[str, int] = field(default_factory=dict)  # see `training.act_effects`

    def features(self, texts: list[str]) -> Blocks:
        """Feature rows of replies: n-grams and the sentence embedding."""
        return self.featurizer.blocks(texts)

    def light_features(self, texts: list[str]) -> csr_matrix:
        """Feature rows of clauses and customer lines: n-grams only. On the dev writer the embedding
        added nothing there (act F1 0.649 with it, 0.652 without) and cost an encoder pass a clause."""
        return self.featurizer.ngrams.transform(texts)

    def dimension_probabilities(self, features: Blocks) -> dict[str, np.ndarray]:
        """Per dimension, rows of P(label = 0, 1, 2)."""
        return {name: model.probabilities(features) for name, model in self.dimensions.items()}

    def act_probabilities(self, clauses: list[Clause]) -> np.ndarray:
        """Rows (clauses) × columns (`self.acts.labels`) of act probabilities."""
        if not clauses:
            return np.zeros((0, len(self.acts.labels)))
        return self.acts.probabilities(self.light_features([clause.text for clause in clauses]))

    def reply_acts(self, act_rows: np.ndarray) -> np.ndarray:
        """One reply's act vector from its clauses' act rows (see `reply_act_vector`)."""
        return reply_act_vector(act_rows, len(self.acts.labels))

    def stage_probabilities(self, features: Blocks, inputs: StageInputs) -> np.ndarray:
        """Rows of P(stage) for replies (their features) — from each reply and what is around it;
        `StageTracker` adds the call so far."""
        customer = self.light_features(inputs.customer_lines)
        previous = self.light_features(inputs.previous_replies)
        return self.stage.probabilities(
            stage_features(features, customer, previous, inputs.acts, inputs.numbers)
        )


def reply_act_vector(act_rows: np.ndarray, acts: int) -> np.ndarray:
    """A reply's act vector from its clauses' act rows: each act's highest probability (zeros
    for a reply with no clause)."""
    return act_rows.max(axis=0) if len(act_rows) else np.zeros(acts)


@dataclass(frozen=True)
class StageInputs:
    """What the stage of each reply is read from besides the reply itself."""

    customer_lines: list[str]  # the customer's line before each reply
    previous_replies: list[str]  # the trainee's reply before each ("" for the first)
    acts: np.ndarray  # replies × acts: `ReplyModel.reply_acts` of each reply
    numbers: list[int]  # each reply's 1-based number in its call


def stage_features(
    reply: Blocks, customer: csr_matrix, previous: csr_matrix, acts: np.ndarray, numbers: list[int]
) -> Blocks:
    """The reply's feature blocks, the weighted customer line's and previous reply's n-grams, the
    reply's acts, and a one-hot bin of the reply number."""
    bins = np.zeros((len(numbers), len(POSITION_BINS)), dtype=np.float32)
    for row, number in enumerate(numbers):
        column = max(i for i, start in enumerate(POSITION_BINS) if start <= max(number, 1))
        bins[row, column] = POSITION_WEIGHT
    context = [CUSTOMER_WEIGHT * customer, PREVIOUS_WEIGHT * previous, ACT_WEIGHT * acts.astype(np.float32)]
    return [*reply, *context, bins]


def save(model: ReplyModel, folder: Path = MODEL_DIR) -> None:
    """Write the model's JSON and arrays into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    arrays = {"idf": model.featurizer.ngrams.idf}
    for name, softmax in [*model.dimensions.items(), ("stage", model.stage)]:
        arrays |= {
            f"{name}_classes": softmax.classes,
            f"{name}_w": softmax.weights,
            f"{name}_b": softmax.intercepts,
        }
    arrays |= {"acts_w": model.acts.weights, "acts_b": model.acts.intercepts}
    arrays |= {"transitions": model.transitions, "start": model.start, "stage_prior": model.stage_prior}
    np.savez_compressed(folder / "reply_model.npz", **arrays)
    meta = {
        "corpus_sha256": model.corpus_hash,
        "encoder": model.featurizer.encoder.name,
        "settings": {
            "ngrams": list(NGRAMS),
            "min_df": MIN_DF,
            "embedding_weight": EMBEDDING_WEIGHT,
            "customer_weight": CUSTOMER_WEIGHT,
            "previous_weight": PREVIOUS_WEIGHT,
            "act_weight": ACT_WEIGHT,
            "C": C,
            "stage_C": STAGE_C,
        },
        "acts": model.acts.labels,
        "call_score": model.call_score,
        "act_effects": model.act_effects,
        "vocabulary": model.featurizer.ngrams.vocabulary,
    }
    (folder / "reply_model.json").write_text(json.dumps(meta, ensure_ascii=False, indent=0), encoding="utf-8")


def load(folder: Path = MODEL_DIR, encoder: Encoder | None = None) -> ReplyModel:
    """The stored model (ModelMissing when there is none)."""
    try:
        meta = json.loads((folder / "reply_model.json").read_text(encoding="utf-8"))
        arrays = np.load(folder / "reply_model.npz", allow_pickle=False)
    except FileNotFoundError as exc:
        raise ModelMissing(f"没有找到评分模型（{folder}）：请先运行 python -m scoring train") from exc

    def softmax(name: str) -> Softmax:
        return Softmax(arrays[f"{name}_classes"], arrays[f"{name}_w"], arrays[f"{name}_b"])

    featurizer = Featurizer(CharNgrams(meta["vocabulary"], arrays["idf"]), encoder or default_encoder())
    return ReplyModel(
        featurizer,
        {name: softmax(name) for name in DIMENSIONS},
        OneVsRest(meta["acts"], arrays["acts_w"], arrays["acts_b"]),
        softmax("stage"),
        arrays["transitions"],
        arrays["start"],
        arrays["stage_prior"],
        meta["corpus_sha256"],
        meta.get("call_score"),
        meta.get("act_effects", {}),
    )


@lru_cache(maxsize=1)
def shipped_model() -> ReplyModel:
    """The committed model, loaded once per process, its encoder warmed with the fitted vocabulary."""
    from scoring.encoder_warmup import warm_from_file

    model = load()
    warm_from_file(model.featurizer.encoder, MODEL_DIR)
    return model
