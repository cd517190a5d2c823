"""Every exam attempt as CSV for Excel: UTF-8 with a BOM (Excel then reads the Chinese right),
one row per attempt, human local times, the scores and the grading fingerprint for audit."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

HEADER = [
    "考试", "学员账号", "姓名", "第几次", "开始时间", "交卷时间", "状态", "是否超时", "共情", "不争辩",
    "话术规范", "综合", "结果", "客户性格", "种子", "评分指纹",
]  # fmt: skip


def attempts_csv(
    attempts: list[dict[str, Any]],
    show_time: Callable[[float | None], str],
    persona_name: Callable[[str], str] = str,
) -> bytes:
    """The attempts (rows of `Store.attempts`) as CSV bytes; `show_time` renders an epoch time,
    `persona_name` a persona id."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for attempt in attempts:
        row = _row(attempt, show_time)
        row[HEADER.index("客户性格")] = persona_name(attempt["persona_id"])
        writer.writerow(row)
    return out.getvalue().encode("utf-8-sig")


def _row(attempt: dict[str, Any], show_time: Callable[[float | None], str]) -> list[Any]:
    result = json.loads(attempt["result_json"]) if attempt.get("result_json") else {}
    scores = result.get("scores", {})
    finished = attempt["status"] == "finished"
    verdict = ("通过" if attempt["passed"] else "未通过") if finished else "进行中"
    return [
        attempt["title"], attempt["username"], attempt["display_name"], attempt["number"],
        show_time(attempt["started_at"]), show_time(attempt["finished_at"]), "已交卷" if finished else "进行中",
        "是" if attempt["timed_out"] else "否", *(scores.get(d, "") for d in ("empathy", "no_arguing", "script")),
        scores.get("overall", ""), verdict, attempt["persona_id"], attempt["seed"], attempt["fingerprint_json"],
    ]  # fmt: skip
