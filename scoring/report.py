"""The coach's report (案例精评): per stage, the trainee's lines numbered ①②, verdict, why, better line.

Built from the graded turns of a call; the simulator adds the outcome and the emotion curve.
Renders to Markdown for the app and to plain JSON.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pydantic import BaseModel, Field

from scenarios.fill import fill
from scenarios.schema import Case
from scenarios.vocabulary import Stage
from scoring.acts import act_catalogue, acts_delivering
from scoring.call_score import ReplySummary, shipped_call_model
from scoring.case_checks import reference_lines
from scoring.lexicon import load_lexicons
from scoring.model import DIMENSION_LABELS, DIMENSIONS, GOOD_AT, WEIGHTS, ReplyGrade
from scoring.paraverbal import Paraverbal
from scoring.text import similarity
from scoring.voice_review import VoiceSummary, voice_notes, voice_summary

STAGE_ORDER = list(Stage)
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
OUTCOME_LABELS = {
    "resolved": "圆满解决",
    "escalated": "客户要求升级",
    "hung_up": "客户挂断",
    "unfinished": "通话未完成",
}
HARD_RULES = {
    "forbidden",
    "case-forbidden",
    "ask-apology",
    "filler-only",
    "off-task",
    "not-chinese",
    "over-promise",
}


@dataclass(frozen=True)
class GradedTurn:
    """One trainee reply with the customer line it answered and its grade."""

    customer: str
    reply: str
    grade: ReplyGrade
    voice: Paraverbal | None = None  # how it was spoken (None: typed)


class LineReview(BaseModel):
    """The trainer's comment on one numbered line."""

    mark: str
    reply: str
    customer: str
    verdict: str
    why: list[str]
    better: str
    scores: dict[str, int]
    acts: list[str] = Field(default_factory=list)  # the dialogue acts the grader read in the line
    voice: Paraverbal | None = None  # how a spoken line was delivered
    voice_notes: list[str] = Field(default_factory=list)  # the delivery advice for it


class StageReview(BaseModel):
    """One stage of the call: its lines and whether its key points were reached."""

    stage: Stage
    label: str
    covered: bool
    lines: list[LineReview]
    key_points: list[str] = Field(default_factory=list)  # what this stage needed (the case's key points)
    verdict: str = ""  # the segment as a whole, against its key points


class EmotionPoint(BaseModel):
    """The customer's state after a turn; `agent_line` marks the line that moved it."""

    turn: int
    anger: int
    trust: int
    mood: str
    delta: int = 0
    agent_line: str = ""


class CallReport(BaseModel):
    """The whole critique of one call."""

    case_id: str | None
    case_title: str
    outcome: str
    outcome_label: str
    scores: dict[str, int]
    overall: int
    stages: list[StageReview]
    coverage: dict[str, bool]
    emotion_curve: list[EmotionPoint] = Field(default_factory=list)
    movers: list[EmotionPoint] = Field(default_factory=list)
    practice: list[str]
    voice: VoiceSummary | None = None  # the spoken replies' pace (None: all typed)


def build_report(
    turns: list[GradedTurn],
    case: Case | None = None,
    outcome: str = "unfinished",
    emotion_curve: list[EmotionPoint] | None = None,
) -> CallReport:
    """The 案例精评 for a call: every trainee line reviewed, scores, coverage, curve, practice list."""
    stages = stage_segments(turns, case)
    curve = emotion_curve or []
    return CallReport(
        case_id=case.id if case else None,
        case_title=case.title if case else "自由练习",
        outcome=outcome,
        outcome_label=OUTCOME_LABELS.get(outcome, outcome),
        scores=_mean_scores(turns),
        overall=_overall(turns, outcome),
        stages=stages,
        coverage={stage.value: any(r.covered for r in stages if r.stage == stage) for stage in Stage},
        emotion_curve=curve,
        movers=sorted((p for p in curve if p.agent_line and abs(p.delta) >= 8), key=lambda p: -abs(p.delta))[
            :5
        ],
        practice=practice_next(turns, stages, case),
        voice=voice_summary([turn.voice for turn in turns]),
    )


def stage_segments(turns: list[GradedTurn], case: Case | None = None) -> list[StageReview]:
    """The lines in the order they were said, in contiguous runs of one stage (like a trainer's
    点评点 1–5), numbered ①② within each segment; then an empty review for each stage the call
    never reached, so the report says what was missed. A call that goes back to an earlier stage
    gets a second segment of it rather than having its lines moved out of order. Each segment
    ends with a verdict on what its stage's key points needed."""
    segments: list[StageReview] = []
    for turn in turns:
        stage = turn.grade.stage
        if not segments or segments[-1].stage != stage:
            segments.append(StageReview(stage=stage, label=stage.label, covered=False, lines=[]))
        number = len(segments[-1].lines)
        mark = CIRCLED[number] if number < len(CIRCLED) else f"({number + 1})"
        segments[-1].lines.append(_line_review(mark, turn))
        segments[-1].covered = segments[-1].covered or turn.grade.script >= GOOD_AT
    reached = {segment.stage for segment in segments}
    missed = [StageReview(stage=s, label=s.label, covered=False, lines=[]) for s in Stage if s not in reached]
    everything = segments + missed
    return [_with_verdict(segment, case, _delivered_elsewhere(segment, segments)) for segment in everything]


@dataclass(frozen=True)
class Delivery:
    """A good line in another segment that already did a stage's key work."""

    place: str  # e.g. "「协议」②（复述确认）"
    line: LineReview


def _delivered_elsewhere(segment: StageReview, segments: list[StageReview]) -> Delivery | None:
    """The latest good line of another segment, from the stage just before this one on, carrying an
    act that delivers this stage's key point (a recap the tracker placed in the agreement is still
    the closing's recap); None when no line did or the segment did the work itself."""
    if segment.covered:
        return None
    wanted, labels = acts_delivering(segment.stage.value), act_catalogue()
    # Only from the stage just before on: a "recap" of amounts before anything was agreed is an
    # explanation, not the closing's recap.
    earliest = max(STAGE_ORDER.index(segment.stage) - 1, 0)
    nearby = [
        other for other in segments if other is not segment and STAGE_ORDER.index(other.stage) >= earliest
    ]
    for other in reversed(nearby):  # the latest such line: the one a trainer would point to
        for line in reversed(other.lines):
            done = [a for a in line.acts if a in wanted]
            if done and line.verdict != "失误" and line.scores.get("script", 0) >= GOOD_AT:
                place = f"「{other.label}」{line.mark}（{'、'.join(labels[a].label for a in done)}）"
                return Delivery(place, line)
    return None


def _with_verdict(segment: StageReview, case: Case | None, delivery: Delivery | None = None) -> StageReview:
    """The segment with its stage's key points and a one-line verdict against them; `delivery`
    is a line in another stage that already did this stage's key work."""
    points = (
        [fill(point, case) for point in getattr(case.stages, segment.stage.value).key_points] if case else []
    )
    needed = f"这一阶段需要：{'；'.join(points)}。" if points else ""
    slips = "".join(line.mark for line in segment.lines if line.verdict == "失误")
    if delivery:
        verdict = f"要点已在{delivery.place}做到{f'，但{slips}处有失误' if slips else ''}。{needed}"
        references = reference_lines(case, segment.stage, "", with_points=False) if case else []
        lines = [_not_owed_again(line, delivery, references) for line in segment.lines]
        return segment.model_copy(
            update={"key_points": points, "verdict": verdict, "covered": True, "lines": lines}
        )
    if not segment.lines:
        verdict = f"没有走到这一阶段。{needed}"
    elif segment.covered and not slips:
        verdict = f"这一段做到了要点。{needed}"
    elif segment.covered:
        verdict = f"要点做到了，但{slips}处有失误。{needed}"
    else:
        verdict = f"这一段的要点还没做到。{needed}"
    return segment.model_copy(update={"key_points": points, "verdict": verdict})


def _not_owed_again(line: LineReview, delivery: Delivery, references: list[str]) -> LineReview:
    """A line said once the stage's key work was done elsewhere is not told it missed the key
    point, nor offered that work again as the better line (the stage's reference least like the
    delivered line instead); when the key point was all it was faulted for, it is a good line."""
    missed_point = load_lexicons().dimension_hints.get("script", "")
    why = [reason for reason in line.why if reason != missed_point]
    if not why and line.verdict != "失误":
        return line.model_copy(
            update={"verdict": "好", "why": [f"要点已在{delivery.place}做到，这句接得自然。"], "better": ""}
        )
    return line.model_copy(
        update={"why": why or line.why, "better": _other_than(line.better, delivery, references)}
    )


def _other_than(better: str, delivery: Delivery, references: list[str]) -> str:
    """The better line with the reference that repeats the delivered line swapped for the one least
    like it (unchanged when it repeats none)."""
    if len(references) < 2:
        return better
    ranked = sorted(references, key=lambda ref: similarity(ref, delivery.line.reply))
    repeated, alternative = ranked[-1], ranked[0]
    return better.replace(repeated, alternative) if repeated in better else better


def _line_review(mark: str, turn: GradedTurn) -> LineReview:
    grade = turn.grade
    negatives = [f for f in grade.flags if f.effect < 0]
    hard = any(f.rule in HARD_RULES or f.dimension == "no_arguing" for f in negatives)
    if hard or grade.overall < 50:
        verdict = "失误"
    elif grade.overall >= 75 and not negatives:
        verdict = "好"
    else:
        verdict = "可改进"
    why = list(dict.fromkeys(f.why for f in sorted(negatives, key=lambda f: f.effect)))[:3]
    if verdict != "好" and not why:
        # A slip with no fault flag (the learned grader scores low without a rule firing): say
        # which dimensions fell short — never praise under the word 失误.
        hints = load_lexicons().dimension_hints
        why = [hints[dim] for dim in DIMENSIONS if getattr(grade, dim) < GOOD_AT and dim in hints]
    if not why:
        good = [f.label for f in grade.flags if f.effect > 0 and f.label]
        why = [f"做得好：{'、'.join(dict.fromkeys(good))}。" if good else "回应得体。"]
    return LineReview(
        mark=mark,
        reply=turn.reply,
        customer=turn.customer,
        verdict=verdict,
        why=why,
        better="" if verdict == "好" else grade.suggestion,
        scores={dim: getattr(grade, dim) for dim in (*DIMENSIONS, "overall")},
        acts=list(grade.signals.acts),
        voice=turn.voice,
        voice_notes=voice_notes(turn.voice, grade.stage),
    )


def _mean_scores(turns: list[GradedTurn]) -> dict[str, int]:
    if not turns:
        return dict.fromkeys(DIMENSIONS, 0)
    return {dim: round(sum(getattr(t.grade, dim) for t in turns) / len(turns)) for dim in DIMENSIONS}


def _overall(turns: list[GradedTurn], outcome: str) -> int:
    """The call score: the corpus-fitted call model (scoring/call_score.py) over the grades and how
    the call ended; for calls graded by the old rule engine, its weighted mean."""
    if not turns:
        return 0
    if all(t.grade.engine != "rules" for t in turns):
        return shipped_call_model().score([ReplySummary.of_grade(t.grade) for t in turns], outcome)
    scores = _mean_scores(turns)
    by_weight = sum(WEIGHTS[dim] * scores[dim] for dim in DIMENSIONS)
    return round(min(by_weight, sum(t.grade.overall for t in turns) / len(turns) + 10))


def _weak_dimension_tips(turns: list[GradedTurn]) -> list[str]:
    """A tip for each dimension the call averaged below the pass line on, whether or not a fault
    rule fired (「保持现在的水平」 under a failing 共情 contradicts the score above it)."""
    if not turns:
        return []
    scores, hints = _mean_scores(turns), load_lexicons().dimension_hints
    return [
        f"练习{DIMENSION_LABELS[dim]}（这通平均 {scores[dim]} 分）：{hints[dim].split('：', 1)[-1]}"
        for dim in DIMENSIONS
        if scores[dim] < GOOD_AT and dim in hints
    ]


def practice_next(turns: list[GradedTurn], stages: list[StageReview], case: Case | None) -> list[str]:
    """The three things to practise next: the costliest recurring faults, then uncovered stages."""
    cost: Counter[str] = Counter()
    for turn in turns:
        for flag in turn.grade.flags:
            if flag.effect < 0:
                cost[flag.rule] += -flag.effect
    tips = [tip for rule, _ in cost.most_common() if (tip := _practice_tip(rule))]
    tips += _weak_dimension_tips(turns)
    for review in stages:
        if not review.covered and case is not None:
            points = "；".join(getattr(case.stages, review.stage.value).key_points)
            tips.append(f"练习「{review.label}」阶段：{points}")
    return list(dict.fromkeys(tips))[:3]


def _practice_tip(rule_id: str) -> str:
    lexicon = load_lexicons()
    for group in (lexicon.rules, lexicon.checks, lexicon.expectations, lexicon.stage_requirements):
        for item in group:
            if item.id == rule_id:
                return item.practice
    return ""


# ":" and "@" too: escaped, they no longer let GitHub's bare-URL autolinks swallow the
# backslashes after them (「http://example\.com\)」 on screen) nor make Streamlit's :emoji: and
# :red[…] directives.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:@])")
# The browser still links bare URLs and e-mail addresses in the rendered text; an invisible word
# joiner (U+2060) inside "://", before "@" and after "www" keeps them text.
WORD_JOINER = "\u2060"
_AUTOLINK_STARTS = re.compile(r"(?i)(://|@|www\.)")


# The critique quotes a reply whole up to this length (replies are capped at 1,000 characters;
# older calls may hold longer ones, and printing those made a report take seconds to open).
QUOTE_CHARS = 300


def quote(text: str, limit: int = 40) -> str:
    """`text` cut to `limit` characters with an ellipsis (and its full length) when longer."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…（共 {len(text)} 字）"


def md_escape(text: str) -> str:
    """User text made inert in Markdown (no links, images, HTML or formatting)."""
    unlinked = _AUTOLINK_STARTS.sub(lambda m: _joined(m.group(1)), text)
    return _MD_SPECIAL.sub(r"\\\1", unlinked).replace("\n", " ")


def _joined(start: str) -> str:
    """An autolink start with the word joiner inside it: after the colon of "://", before "@",
    between "www" and its dot."""
    if start == "://":
        return f":{WORD_JOINER}//"
    return f"{WORD_JOINER}@" if start == "@" else f"{start[:3]}{WORD_JOINER}."


def _joined_reasons(reasons: list[str]) -> str:
    """Several reasons as one sentence: each ends with 。 (some are written without)."""
    return "".join(reason if reason.endswith(("。", "！", "？")) else reason + "。" for reason in reasons)


def render_markdown(report: CallReport) -> str:
    """The report as Markdown, in the form trainers use (quoted line, ①, 评析, better line)."""
    scores = " · ".join(f"{DIMENSION_LABELS[d]} {report.scores[d]}" for d in DIMENSIONS)
    out = [f"## 案例精评：{md_escape(report.case_title)}", ""]
    out.append(f"**通话结果**：{report.outcome_label}　**综合得分**：{report.overall}　（{scores}）")
    out += _cap_note(report)
    covered = "、".join(Stage(s).label for s, reached in report.coverage.items() if reached) or "无"
    out += ["", f"**阶段覆盖**：{covered}（共 {sum(report.coverage.values())}/5 个阶段达到要点）", ""]
    for review in report.stages:
        out += _render_stage(review)
    if report.voice is not None:
        out += _render_voice(report.voice)
    count = "一两三"[len(report.practice) - 1] if 1 <= len(report.practice) <= 3 else ""
    out += [f"### 接下来练习这{count}件事" if count else "### 接下来练习", ""]
    out += [f"{i}. {md_escape(tip)}" for i, tip in enumerate(report.practice, start=1)] or [
        "1. 保持现在的水平。"
    ]
    return "\n".join(out) + "\n"


def _render_stage(review: StageReview) -> list[str]:
    out = [f"### {review.label}", ""]
    if not review.lines:
        return [*out, "（本阶段没有对应的回复）", "", f"**本段小结**：{md_escape(review.verdict)}", ""]
    for line in review.lines:
        if line.customer:
            out.append(f"> 客户：{md_escape(line.customer)}  ")
        out += [f"> 客服：{md_escape(quote(line.reply, QUOTE_CHARS))}{line.mark}", ""]
    out.append("**评析：**")
    out.append("")
    for line in review.lines:
        out.append(f"- {line.mark}处 **{line.verdict}**：{md_escape(_joined_reasons(line.why))}")
        if line.better:
            out.append(f"  建议这样说：“{md_escape(line.better)}”")
        if line.voice_notes:
            out.append(f"  语音：{md_escape(''.join(line.voice_notes))}")
    return [*out, "", f"**本段小结**：{md_escape(review.verdict)}", ""]


def _cap_note(report: CallReport) -> list[str]:
    """Why a call with good line scores has a low overall: its ending capped it."""
    cap = shipped_call_model().cap_for(report.outcome)
    if cap >= 100 or report.overall < cap:
        return []
    return [
        "",
        f"综合得分按通话结果封顶（{report.outcome_label}：最高 {cap} 分）——逐句得分再高，"
        "客户没有接受方案的通话，培训师也不会判及格。",
    ]


def _render_voice(voice: VoiceSummary) -> list[str]:
    low, high = voice.comfortable_cps
    return [
        "### 语音表现",
        "",
        f"语音回复 {voice.spoken} 句，共说了 {voice.speaking_s:g} 秒；语速每秒约 {voice.chars_per_s:.1f} 字"
        f"（{voice.pace_label}，舒适的语速是每秒 {low:g}–{high:g} 字）；较长的停顿 {voice.long_pauses} 处。",
        "",
    ]
