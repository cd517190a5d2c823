"""The 案例精评 report: numbered lines per stage, verdicts, better lines, scores, practice list."""

from __future__ import annotations

import json

from scenarios.vocabulary import Stage
from scoring.report import EmotionPoint, GradedTurn, build_report, md_escape, render_markdown
from tests.scoring_helpers import RINGBACK, grade

CALL = [
    ("喂，你好。终于打通你们的电话了。", "嗯。", Stage.GREETING),
    ("彩铃怎么回事？", "请问您有没有收到过短信？", Stage.CLARIFY),
    ("那怎么现在扣了钱呢？", "我理解您着急，每月1号会返还5元，正好抵扣。", Stage.TURNAROUND),
    ("能取消吗？", "这是规定，我也没办法。", Stage.TURNAROUND),
]


def _report(outcome: str = "unfinished", curve=None):
    turns = [GradedTurn(c, r, grade(r, c, s)) for c, r, s in CALL]
    return build_report(turns, RINGBACK, outcome, curve)


def test_lines_are_numbered_per_stage_with_verdict_and_better_line():
    report = _report()
    turnaround = next(s for s in report.stages if s.stage == Stage.TURNAROUND)
    assert [line.mark for line in turnaround.lines] == ["①", "②"]
    assert turnaround.lines[1].verdict == "失误" and turnaround.lines[1].better
    greeting = report.stages[0]
    assert greeting.lines[0].verdict == "失误" and "久等" in greeting.lines[0].better


def test_scores_coverage_and_three_practice_items():
    report = _report()
    assert set(report.scores) == {"empathy", "no_arguing", "script"} and 0 <= report.overall <= 100
    assert report.coverage["closing"] is False and len(report.practice) == 3


def test_markdown_quotes_lines_with_circled_numbers_and_advice():
    text = render_markdown(_report("hung_up"))
    assert "## 案例精评" in text and "客户挂断" in text
    assert "客服：嗯。①" in text and "建议这样说" in text and "### 接下来练习这三件事" in text


def test_report_is_plain_json():
    data = json.loads(_report().model_dump_json())
    assert data["stages"][0]["lines"][0]["mark"] == "①"


def test_emotion_curve_marks_the_lines_that_moved_the_customer():
    curve = [
        EmotionPoint(turn=1, anger=60, trust=30, mood="angry", delta=-5, agent_line="嗯。"),
        EmotionPoint(
            turn=2, anger=80, trust=20, mood="furious", delta=20, agent_line="这是规定，我也没办法。"
        ),
    ]
    report = _report(curve=curve)
    assert [p.agent_line for p in report.movers] == ["这是规定，我也没办法。"]


def test_user_text_is_inert_in_markdown():
    assert md_escape("![x](http://a) <b>hi</b>") == r"\!\[x\]\(http\:" + "\u2060" + r"//a\) \<b\>hi\</b\>"


def test_bare_urls_and_e_mails_are_kept_from_being_linked_by_an_invisible_joiner():
    escaped = md_escape("见 https://a.cn/x 或 www.b.cn，邮箱 c@d.cn")
    assert "://" not in escaped and "www." not in escaped and "c@" not in escaped
    assert escaped.replace("\u2060", "").replace("\\", "") == "见 https://a.cn/x 或 www.b.cn，邮箱 c@d.cn"


def test_a_call_that_goes_back_a_stage_keeps_its_lines_in_the_order_said():
    """Grouping by stage would move the second clarifying question before the offer."""
    said = [
        ("喂？", "您好，工号1024为您服务。", Stage.GREETING),
        ("彩铃怎么回事？", "请问您有没有收到过短信？", Stage.CLARIFY),
        ("没收到！", "我马上帮您退订，并退还这个月的费用。", Stage.AGREEMENT),
        ("那之前的呢？", "您是几月开始被扣费的？", Stage.CLARIFY),
    ]
    report = build_report([GradedTurn(c, r, grade(r, c, s)) for c, r, s in said], RINGBACK)
    in_report = [line.reply for review in report.stages for line in review.lines]
    assert in_report == [reply for _, reply, _ in said]
    assert [r.stage for r in report.stages if r.lines] == [
        Stage.GREETING,
        Stage.CLARIFY,
        Stage.AGREEMENT,
        Stage.CLARIFY,
    ]
    assert {r.stage for r in report.stages if not r.lines} == {Stage.TURNAROUND, Stage.CLOSING}
    assert set(report.coverage) == {stage.value for stage in Stage}


def test_each_segment_ends_with_a_verdict_on_its_key_points():
    report = _report()
    turnaround = next(s for s in report.stages if s.stage == Stage.TURNAROUND)
    assert turnaround.key_points  # the case's own key points for 转化
    assert "②处有失误" in turnaround.verdict or "还没做到" in turnaround.verdict
    assert all(point in turnaround.verdict for point in turnaround.key_points)
    closing = next(s for s in report.stages if s.stage == Stage.CLOSING)
    assert not closing.lines and closing.verdict.startswith("没有走到这一阶段")
    assert "**本段小结**" in render_markdown(report)


def test_the_call_score_of_learned_grades_separates_calls_a_trainer_passes_from_ones_she_fails():
    """Dev-writer calls (never the test writers'), graded reply by reply as in practice."""
    from scoring import GradeContext, grade_reply
    from scoring.corpus import in_split, load_calls, replies_of
    from tests.sim_helpers import LIBRARY

    for call in in_split(load_calls(), "dev")[:15]:
        case = LIBRARY.get(call.case_id)
        turns = [
            GradedTurn(r.customer, r.text, grade_reply(r.text, GradeContext(r.customer, r.history, case)))
            for r in replies_of(call)
        ]
        overall = build_report(turns, case, str(call.outcome)).overall
        assert (overall >= 60) == (call.trainer_score >= 60), (call.call_id, call.trainer_score, overall)


def test_an_overall_held_down_by_the_ending_says_so():
    """An unfinished call at its cap explains the cap in words; below the cap, or resolved, not."""
    from scoring.call_score import shipped_call_model

    cap = shipped_call_model().cap_for("unfinished")
    at_cap = _report("unfinished").model_copy(update={"overall": cap})
    assert f"综合得分按通话结果封顶（通话未完成：最高 {cap} 分）" in render_markdown(at_cap)
    below = at_cap.model_copy(update={"overall": cap - 1})
    assert "封顶" not in render_markdown(below)
    assert "封顶" not in render_markdown(_report("resolved"))


def test_stage_coverage_is_listed_in_stage_order_whatever_order_the_segments_came_in():
    report = _report()
    shuffled = report.model_copy(
        update={
            "stages": list(reversed(report.stages)),
            "coverage": {stage.value: stage in (Stage.GREETING, Stage.TURNAROUND) for stage in Stage},
        }
    )
    text = render_markdown(shuffled)
    assert "**阶段覆盖**：问候、转化（" in text
