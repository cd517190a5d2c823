"""`python -m scoring evaluate`, corpus part: the shipped model on the test writers' calls.

Everything here reads the test split only to measure; `train` never reads it. Definitions:
- AUC per dimension: the mean of the two ordinal cut points (label ≥ 1, label ≥ 2), ranking
  replies by the expected label; macro-F1 and Cohen's κ on the most likely label.
- Human ceiling: κ between the writers' labels and a second, blind labeller on 315 replies.
- Act F1: per act, does a reply carry it (any clause), over replies of the test split.
- Call scores: Spearman and mean absolute error against trainer scores; pass means ≥ 60.
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr
from sklearn.metrics import cohen_kappa_score, f1_score, roc_auc_score

from scoring.call_score import CallScoreModel, ReplySummary
from scoring.corpus import CORPUS_DIR, corpus_hash, in_split, load_calls, replies_of
from scoring.corpus_schema import LEVELS, CorpusCall
from scoring.reply_model import DIMENSIONS, ReplyModel
from scoring.training import call_turns
from scoring.understanding import ReplyReading, read_call

PASS_LINE = 60
DOUBLE_DIR = CORPUS_DIR.parent / "double"


def evaluate_corpus(model: ReplyModel, split: str = "test") -> dict[str, object]:
    """Every corpus figure for `split`, as plain data."""
    calls = in_split(load_calls(), split)
    readings = {call.call_id: read_call(model, call_turns(call)) for call in calls}
    flat = [
        (reply, reading)
        for call in calls
        for reply, reading in zip(replies_of(call), readings[call.call_id], strict=True)
    ]
    report: dict[str, object] = {"split": split, "calls": len(calls), "replies": len(flat)}
    report["stale"] = model.corpus_hash != corpus_hash()
    report["dimensions"] = {name: _dimension(flat, name) for name in DIMENSIONS}
    report["human_kappa"] = human_kappa()
    report["acts_f1"] = _acts_f1(flat)
    report["stage_accuracy"] = round(
        float(np.mean([r.stage.value == reply.turn.stage for reply, r in flat])), 3
    )
    report["stage_kappa"] = round(
        float(cohen_kappa_score([reply.turn.stage for reply, _ in flat], [r.stage.value for _, r in flat])), 3
    )
    report["human_stage_agreement"] = human_stage_agreement()
    if model.call_score is not None:
        report["calls_scored"] = _calls(calls, readings, CallScoreModel.from_dict(model.call_score))
    return report


def _dimension(flat: list, name: str) -> dict[str, float]:
    labels = np.array([getattr(reply.turn, name) for reply, _ in flat])
    expected = np.array([reading.expected(name) for _, reading in flat])
    predicted = np.array([int(reading.probabilities[name].argmax()) for _, reading in flat])
    auc = np.mean([roc_auc_score(labels >= cut, expected) for cut in (1, 2)])
    return {
        "auc": round(float(auc), 3),
        "macro_f1": round(float(f1_score(labels, predicted, average="macro")), 3),
        "kappa": round(float(cohen_kappa_score(labels, predicted)), 3),
    }


def _acts_f1(flat: list) -> dict[str, float]:
    scores = {}
    for act in sorted({act for reply, _ in flat for act, _ in reply.turn.acts}):
        truth = [any(a == act for a, _ in reply.turn.acts) for reply, _ in flat]
        found = [any(a.act == act for a in reading.acts) for _, reading in flat]
        if sum(truth) >= 5:  # too few to say anything
            scores[act] = round(float(f1_score(truth, found)), 3)
    return scores


def _calls(calls: list[CorpusCall], readings: dict[str, list[ReplyReading]], model: CallScoreModel) -> dict:
    predicted = {
        call.call_id: model.score([ReplySummary.of_reading(r) for r in readings[call.call_id]], call.outcome)
        for call in calls
    }
    truth = np.array([call.trainer_score for call in calls])
    guess = np.array([predicted[call.call_id] for call in calls])
    by_level = defaultdict(list)
    for call in calls:
        by_level[call.level].append(predicted[call.call_id])
    return {
        "spearman": round(float(spearmanr(guess, truth).statistic), 3),
        "mae": round(float(np.abs(guess - truth).mean()), 2),
        "pass_agreement": round(float(np.mean((guess >= PASS_LINE) == (truth >= PASS_LINE))), 3),
        "level_order_cases": _level_order(calls, predicted),
        "level_range": {
            level: [min(by_level[level]), max(by_level[level])] for level in LEVELS if by_level[level]
        },
    }


def _level_order(calls: list[CorpusCall], predicted: dict[str, int]) -> dict[str, int]:
    """Cases where the mean predicted score falls strictly from exemplary to hostile."""
    per_case: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for call in calls:
        per_case[call.case_id][call.level].append(predicted[call.call_id])
    ordered = 0
    for levels in per_case.values():
        means = [np.mean(levels[level]) for level in LEVELS if levels[level]]
        ordered += all(a > b for a, b in itertools.pairwise(means))
    return {"ordered": ordered, "cases": len(per_case)}


def human_kappa(folder: Path = DOUBLE_DIR) -> dict[str, float]:
    """Cohen's κ between the writers and the blind second labeller, per dimension and stage."""
    calls = {call.call_id: call for call in load_calls()}
    pairs: dict[str, tuple[list, list]] = {name: ([], []) for name in (*DIMENSIONS, "stage")}
    for line in (folder / "labels_l1.jsonl").read_text(encoding="utf-8").splitlines():
        second = json.loads(line)
        reply = replies_of(calls[second["call_id"]])[second["reply_index"] - 1]
        for name, (first_labels, second_labels) in pairs.items():
            first_labels.append(getattr(reply.turn, name))
            second_labels.append(second[name])
    return {name: round(float(cohen_kappa_score(a, b)), 3) for name, (a, b) in pairs.items()}


def human_stage_agreement(folder: Path = DOUBLE_DIR) -> float:
    """Share of the double-labelled replies whose two labellers gave the same stage — the ceiling
    the stage accuracy is read against."""
    calls = {call.call_id: call for call in load_calls()}
    same = []
    for line in (folder / "labels_l1.jsonl").read_text(encoding="utf-8").splitlines():
        second = json.loads(line)
        same.append(
            replies_of(calls[second["call_id"]])[second["reply_index"] - 1].turn.stage == second["stage"]
        )
    return round(float(np.mean(same)), 3)


def format_corpus_report(report: dict) -> str:
    """The corpus figures in Chinese, for the terminal."""
    lines = [
        f"语料测试集（写作者留出：{report['split']}）：{report['calls']} 通电话，{report['replies']} 句回复"
    ]
    if report["stale"]:
        lines.append("⚠ 模型不是用当前语料训练的：请运行 python -m scoring train")
    kappa = report["human_kappa"]
    for name, figures in report["dimensions"].items():
        lines.append(
            f"  {name}: AUC {figures['auc']:.3f}  宏F1 {figures['macro_f1']:.3f}  κ {figures['kappa']:.3f}"
            f"（两位标注者之间 κ {kappa[name]:.3f}）"
        )
    lines.append(
        f"  阶段准确率 {report['stage_accuracy']:.3f}  κ {report['stage_kappa']:.3f}"
        f"（两位标注者之间一致率 {report['human_stage_agreement']:.3f}  κ {kappa['stage']:.3f}）"
    )
    acts = report["acts_f1"]
    lines.append(
        f"  行为 F1（宏平均 {np.mean(list(acts.values())):.3f}）："
        + "，".join(f"{a} {f:.2f}" for a, f in acts.items())
    )
    if "calls_scored" in report:
        c = report["calls_scored"]
        order = c["level_order_cases"]
        lines.append(
            f"  整通评分：Spearman {c['spearman']:.3f}  平均绝对误差 {c['mae']:.1f}  及格判断一致 {c['pass_agreement']:.1%}"
            f"  等级顺序正确的案例 {order['ordered']}/{order['cases']}"
        )
        lines.append(
            "  各等级得分范围："
            + "，".join(f"{level} {lo}–{hi}" for level, (lo, hi) in c["level_range"].items())
        )
    return "\n".join(lines)
