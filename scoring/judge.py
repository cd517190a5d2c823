"""The LLM judge (engine `llm`): a rubric prompt with few-shot calibration examples, temperature 0.

The learned grader (the default engine) still runs first: the judge is shown the dialogue acts it
found (the same acts, quoted), its hard findings (禁语, demanding an apology, off-task text,
over-promising) cap the judge's scores, and on any model failure the learned grade is returned,
marked as such, so a grade is never lost.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from datafiles import load_model
from llm import ChatModel, LLMError, Message
from scenarios.fill import fill
from scoring.acts import arguing_acts
from scoring.calibration import CalibrationItem, load_items
from scoring.engines import DEFAULT_ENGINE, grader_for
from scoring.grader import CAPS
from scoring.model import DIMENSIONS, WEIGHTS, Flag, GradeContext, ReplyGrade
from scoring.suggest import same_words

RUBRIC_PATH = Path(__file__).resolve().parent / "judge_rubric.yaml"
HARD_CAPS = {
    "forbidden": "script",
    "case-forbidden": "script",
    "ask-apology": "no_arguing",
    "act-demand_apology": "no_arguing",
    "over-promise": "script",
    "off-task": "script",
}
FEW_SHOT = 6


class JudgeVerdict(BaseModel):
    """What the judge must answer."""

    empathy: int = Field(ge=0, le=100)
    no_arguing: int = Field(ge=0, le=100)
    script: int = Field(ge=0, le=100)
    reasons: list[str] = Field(default_factory=list, max_length=5)
    suggestion: str = ""


def judge_reply(reply: str, context: GradeContext, model: ChatModel) -> ReplyGrade:
    """The judge's grade, capped by the learned grade's hard findings; the learned grade if the
    model fails."""
    base = grader_for(DEFAULT_ENGINE)(reply, context)
    try:
        verdict = model.structured(judge_messages(reply, context, base.flags), JudgeVerdict)
    except LLMError as exc:
        return base.model_copy(update={"note": f"大模型评分失败，已改用学习模型评分：{exc}"})
    return combine(base, verdict, model.model_id, reply)


def combine(base: ReplyGrade, verdict: JudgeVerdict, model_id: str, reply: str = "") -> ReplyGrade:
    """Judge scores, never above the learned grade's score on a dimension it found a hard fault
    in — its hard findings, and any arguing act it quoted (for 不争辩). The judge's better line
    counts unless it is the reply said back."""
    scores = {dim: getattr(verdict, dim) for dim in DIMENSIONS}
    arguing = {f"act-{act}" for act in arguing_acts()}
    for flag in base.flags:
        dim = HARD_CAPS.get(flag.rule) or ("no_arguing" if flag.rule in arguing else None)
        if dim:
            scores[dim] = min(scores[dim], getattr(base, dim))
    overall = round(sum(WEIGHTS[dim] * scores[dim] for dim in DIMENSIONS))
    for flag in base.flags:
        overall = min(overall, CAPS.get(flag.rule, 100))
    reasons = [
        Flag(rule="llm-judge", dimension="script", span=r[:80], effect=0, label="大模型评语", why=r)
        for r in verdict.reasons
    ]
    return base.model_copy(
        update={
            **scores,
            "overall": overall,
            "flags": [*base.flags, *reasons],
            "suggestion": _better_line(verdict.suggestion.strip(), reply) or base.suggestion,
            "engine": "llm",
            "note": f"大模型评分：{model_id}（禁语、过度承诺等硬性扣分仍然生效）",
        }
    )


def _better_line(line: str, reply: str) -> str:
    """The judge's suggestion, or "" when it only repeats the trainee's reply."""
    return "" if same_words(line, reply) else line


def judge_messages(reply: str, context: GradeContext, found: Sequence[Flag] = ()) -> list[Message]:
    """System rubric, few-shot examples, then the reply in its context with the acts `found` in it."""
    rubric = _rubric()
    system = "\n".join([rubric.system, *(f"- {text}" for text in rubric.dimensions.values()), rubric.output])
    messages = [Message("system", system)]
    for item in few_shot_examples(exclude=reply):
        messages.append(Message("user", _describe(item.reply, item.context())))
        messages.append(Message("assistant", json.dumps(_expected(item), ensure_ascii=False)))
    messages.append(Message("user", _describe(reply, context) + _acts_found(found)))
    return messages


def _acts_found(flags: Sequence[Flag]) -> str:
    """The dialogue acts the learned model found, each with the clause that carries it."""
    acts = [f"{flag.label}「{flag.span}」" for flag in flags if flag.rule.startswith("act-")]
    return "\n学习模型识别出的对话行为（供参考，请以原话为准）：" + "；".join(acts) if acts else ""


class Rubric(BaseModel):
    """The judge's rubric file."""

    model_config = ConfigDict(extra="forbid")
    system: str
    dimensions: dict[Literal["empathy", "no_arguing", "script"], str]
    output: str


@cache
def _rubric() -> Rubric:
    return load_model(RUBRIC_PATH, Rubric)


def few_shot_examples(exclude: str = "") -> list[CalibrationItem]:
    """A fixed, balanced handful of calibration items: a good and a bad example per dimension."""
    chosen: list[CalibrationItem] = []
    for dim in DIMENSIONS:
        for label in ("good", "bad"):
            item = next(
                (
                    i
                    for i in load_items()
                    if getattr(i.labels, dim) == label and i not in chosen and i.reply != exclude
                ),
                None,
            )
            if item:
                chosen.append(item)
    return chosen[:FEW_SHOT]


def _expected(item: CalibrationItem) -> dict[str, object]:
    score = {"good": 80, "bad": 30}
    return {
        **{dim: score[getattr(item.labels, dim)] for dim in DIMENSIONS},
        "reasons": [item.reason],
        "suggestion": "",
    }


def _describe(reply: str, context: GradeContext) -> str:
    parts = [f"阶段：{context.stage.label if context.stage else '未知'}"]
    if context.case:
        case = context.case
        guide = getattr(case.stages, context.stage.value) if context.stage else None
        parts.append(f"案例：{case.title}（{case.industry}）")
        parts.append("政策：" + "；".join(fill(f, case) for f in case.policy.facts))
        parts.append("不能承诺：" + "；".join(limit.text for limit in case.policy.must_not_promise))
        parts.append("本案禁语：" + "；".join(case.forbidden_phrases))
        if guide:
            parts.append("本阶段要点：" + "；".join(fill(p, case) for p in guide.key_points))
    history = "\n".join(
        f"{'客户' if role == 'customer' else '客服'}：{text}" for role, text in context.history[-6:]
    )
    if history:
        parts.append(f"此前对话：\n{history}")
    parts.append(f"客户刚说：{context.customer or '（无）'}")
    parts.append(f"客服回复（待评分）：<<<{reply}>>>")
    return "\n".join(parts)
