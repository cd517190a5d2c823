"""The printable certificate of a passed exam attempt: one self-contained HTML page with a print
stylesheet (A4 landscape, no browser chrome needed), every value escaped."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from scoring.model import DIMENSION_LABELS, DIMENSIONS

LABELS = {**DIMENSION_LABELS, "overall": "综合"}

STYLE = """
@page { size: A4 landscape; margin: 18mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
       color: #1f2937; margin: 0; background: #f3f4f6; }
.sheet { max-width: 960px; margin: 24px auto; background: #fff; border: 6px double #b45309;
         padding: 48px 64px; text-align: center; }
h1 { font-size: 40px; letter-spacing: 12px; color: #92400e; margin: 0 0 8px; }
.sub { color: #6b7280; margin-bottom: 32px; }
.name { font-size: 30px; font-weight: bold; border-bottom: 1px solid #9ca3af; display: inline-block;
        padding: 0 32px 4px; margin: 12px 0 20px; }
table { margin: 24px auto; border-collapse: collapse; }
td, th { border: 1px solid #d1d5db; padding: 6px 18px; }
.meta { color: #6b7280; font-size: 12px; margin-top: 28px; word-break: break-all; }
.print { margin: 16px; padding: 8px 20px; font-size: 16px; }
@media print { body { background: #fff; } .sheet { margin: 0; max-width: none; } .print { display: none; } }
"""


@dataclass(frozen=True)
class CertificateFacts:
    """What a certificate states."""

    candidate: str
    exam_title: str
    case_title: str
    passed_on: str  # a human date, e.g. 2026-12-03
    scores: dict[str, int]
    thresholds: dict[str, int]
    attempt_id: int
    fingerprint: dict[str, object]


def certificate_html(facts: CertificateFacts) -> str:
    """The certificate page (open it in a browser and print, or save as PDF from the print dialog)."""
    rows = "".join(
        f"<tr><td>{LABELS[dim]}</td><td>{facts.scores[dim]}</td><td>{_mark(facts.thresholds[dim])}</td></tr>"
        for dim in ("overall", *DIMENSIONS)
    )
    audit = escape(audit_line(facts.fingerprint))
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>合格证书 · {escape(facts.exam_title)}</title>
<style>{STYLE}</style></head>
<body><div class="sheet">
<h1>合格证书</h1>
<div class="sub">客诉陪练 · 客户投诉处理认证考试</div>
<div>兹证明</div>
<div class="name">{escape(facts.candidate)}</div>
<div>于 {escape(facts.passed_on)} 通过认证考试「{escape(facts.exam_title)}」（案例：{escape(facts.case_title)}），成绩如下：</div>
<table><tr><th>维度</th><th>得分</th><th>合格线</th></tr>{rows}</table>
<div class="meta">证书编号 CC-{facts.attempt_id:06d} · 复核信息：{audit}</div>
</div>
<div style="text-align:center"><button class="print" onclick="window.print()">打印 / 另存为 PDF</button></div>
</body></html>
"""


def _mark(threshold: int) -> str:
    return f"≥ {threshold}" if threshold else "不设要求"


def audit_line(fingerprint: dict[str, object]) -> str:
    """What re-grading needs, short: the seed, the case version and the first characters of the
    model and grader hashes (the full fingerprint is kept with the attempt)."""
    short = {key: str(fingerprint.get(key, ""))[:12] for key in ("model_sha256", "grader_code_sha256")}
    return (
        f"种子 {fingerprint.get('seed')} · 案例 {fingerprint.get('case_id')} 第 {fingerprint.get('case_version')} 版"
        f" · 模型 {short['model_sha256']} · 评分程序 {short['grader_code_sha256']}"
    )
