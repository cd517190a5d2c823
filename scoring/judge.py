"""The LLM judge (engine `llm`): a rubric prompt with few-shot calibration examples, temperature 0.

The rules still run first: their hard findings (禁语, asking for an apology, off-task text,
over-promising) cap the judge's scores, and on any model failure the rules' grade is returned,
marked as such, so a grade is never lost.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from datafiles import load_model
from llm import ChatModel, LLMError, Message
from scenarios.fill import fill
from scoring.calibration import CalibrationItem, load_items
from scoring.grader import CAPS, grade_reply
from scoring.model import DIMENSIONS, WEIGHTS, Flag, GradeContext, ReplyGrade

RUBRIC_PATH = Path(__file__).resolve().parent / "judge_rubric.yaml"
HARD_CAPS = {
    "forbidden": "script",
    "case-forbidden": "script",
    "ask-apology": "no_arguing",
    "over-promise": "script",
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
    """The judge's grade, capped by the rules' hard findings; the rules' grade if the model fails."""
    rules = grade_reply(reply, context)
    try:
        verdict = model.structured(judge_messages(reply, context), JudgeVerdict)
    except LLMError as exc:
        return rules.model_copy(update={"engine": "rules", "note": f"大模型评分失败，已改用规则评分：{exc}"})
    return combine(rules, verdict, model.model_id)


def combine(rules: ReplyGrade, verdict: JudgeVerdict, model_id: str) -> ReplyGrade:
    """Judge scores, never above the rules' score on a dimension the rules found a hard fault in."""
    scores = {dim: getattr(verdict, dim) for dim in DIMENSIONS}
    for flag in rules.flags:
        if flag.rule in HARD_CAPS:
            dim = HARD_CAPS[flag.rule]
            scores[dim] = min(scores[dim], getattr(rules, dim))
    overall = round(sum(WEIGHTS[dim] * scores[dim] for dim in DIMENSIONS))
    for flag in rules.flags:
        overall = min(overall, CAPS.get(flag.rule, 100))
    reasons = [
        Flag(rule="llm-judge", dimension="script", span=r[:80], effect=0, label="大模型评语", why=r)
        for r in verdict.reasons
    ]
    return rules.model_copy(
        update={
            **scores,
            "overall": overall,
            "flags": [*rules.flags, *reasons],
            "suggestion": verdict.suggestion.strip() or rules.suggestion,
            "engine": "llm",
            "note": f"大模型评分：{model_id}（规则硬性扣分仍然生效）",
        }
    )


def judge_messages(reply: str, context: GradeContext) -> list[Message]:
    """System rubric, few-shot examples, then the reply in its context."""
    rubric = _rubric()
    system = "\n".join([rubric.system, *(f"- {text}" for text in rubric.dimensions.values()), rubric.output])
    messages = [Message("system", system)]
    for item in few_shot_examples(exclude=reply):
        messages.append(Message("user", _describe(item.reply, item.context())))
        messages.append(Message("assistant", json.dumps(_expected(item), ensure_ascii=False)))
    messages.append(Message("user", _describe(reply, context)))
    return messages


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
