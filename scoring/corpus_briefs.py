"""Writer briefs for the independent corpus: what a writer may know about a case, and nothing else.

A writer gets the case's situation, the customer's story and the company's policy — never our stage
key points, reference scripts, forbidden phrases, lexicons or grader output — so the calls they write
(and the labels they give) are independent of the rules they will later test.
"""

from __future__ import annotations

from pathlib import Path

from scenarios.fill import fill
from scenarios.schema import Case

BRIEFS_DIR = Path(__file__).resolve().parent / "corpus" / "briefs"


def render_brief(case: Case) -> str:
    """The case as a writer sees it, in Chinese Markdown, placeholders filled."""
    sections = [
        f"# 案例 {case.id}：{fill(case.title, case)}",
        f"- 行业：{case.industry}\n- 公司：{case.company}\n- 客服坐席工号：1024（可自拟姓名）",
        "## 来电情况\n" + fill(case.brief.summary, case),
        "## 来电客户\n" + fill(case.brief.caller, case),
        "## 客户自己的经历（客户知道、客服一开始不知道）\n" + fill(case.customer.story, case),
        _bullets("客户想要的", case.customer.wants, case),
        _bullets("客户可能的误解", case.customer.misunderstandings, case),
        _bullets("客户被问到时能说出的事实", [fact.answer for fact in case.customer.known_facts], case),
        _bullets("公司政策与系统记录（客服可查到）", case.policy.facts, case),
        _bullets("客服有权提供的处理", case.policy.may_offer, case),
        _bullets("客服不得承诺的事", [limit.text for limit in case.policy.must_not_promise], case),
        _regulator(case),
    ]
    return "\n\n".join(sections) + "\n"


def _bullets(title: str, items: list[str], case: Case) -> str:
    return f"## {title}\n" + "\n".join(f"- {fill(item, case)}" for item in items)


def _regulator(case: Case) -> str:
    regulator = case.policy.regulator
    hotline = f"（电话 {regulator.hotline}）" if regulator.hotline else ""
    return f"## 客户可能投诉到的监管部门\n{regulator.name}{hotline}"


def write_briefs(cases: list[Case], folder: Path = BRIEFS_DIR) -> list[Path]:
    """Write one `<case id>.md` brief per case into `folder`; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for case in cases:
        path = folder / f"{case.id}.md"
        path.write_text(render_brief(case), encoding="utf-8")
        written.append(path)
    return written
