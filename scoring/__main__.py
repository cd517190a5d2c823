"""`python -m scoring grade|evaluate` — grade JSON lines, or measure the grader on the calibration set."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from llm import ChatModel, load_llm_config
from scenarios import load_library
from scoring.grader import grade_reply
from scoring.model import GradeContext, ReplyGrade
from scoring.requests import RequestError, parse_request


def _cmd_grade(args: argparse.Namespace) -> int:
    library = load_library()
    if args.scenario:
        library.get(args.scenario)  # fail fast on an unknown default scenario
    model = _judge_model() if args.engine == "llm" else None
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            reply, context = parse_request(line, library, args.scenario)
        except RequestError as exc:
            print(json.dumps({"error": str(exc), "line": number}, ensure_ascii=False), flush=True)
            continue
        grade = _grade(reply, context, model, args.engine)
        print(json.dumps(grade.contract_dict(), ensure_ascii=False), flush=True)
    return 0


def _judge_model() -> ChatModel | None:
    """The configured model for `--engine llm` (config is read here, in the CLI, and passed down)."""
    config = load_llm_config()
    if config is None:
        print("未配置大模型（OPENAI_API_KEY），本次使用规则评分。", file=sys.stderr)
        return None
    from llm.openai_adapter import OpenAIChatModel

    return OpenAIChatModel(config)


def _grade(reply: str, context: GradeContext, model: ChatModel | None, engine: str) -> ReplyGrade:
    if model is None:
        grade = grade_reply(reply, context)
        return (
            grade if engine == "rules" else grade.model_copy(update={"note": "未配置大模型，已使用规则评分"})
        )
    from scoring.judge import judge_reply

    return judge_reply(reply, context, model)


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from scoring.calibration import evaluate, format_report

    report = evaluate()
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else format_report(report))
    return 0 if report["passed"] else 1


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface (its help text is part of the contract)."""
    parser = argparse.ArgumentParser(prog="python -m scoring", description="客诉陪练评分：逐句评分与校准评估")
    sub = parser.add_subparsers(dest="command", required=True)
    grade = sub.add_parser(
        "grade",
        help="从标准输入逐行读取 JSON 请求，逐行输出评分 JSON",
        description='每行输入 {"reply": 文本, "customer": 文本?, "history": [[角色, 文本], ...]?, '
        '"stage": 阶段?, "scenario": 案例编号?}；格式错误的行输出 {"error": 说明, "line": 行号}，其余照常评分。',
    )
    grade.add_argument(
        "--engine", choices=["rules", "llm"], default="rules", help="评分引擎（默认 rules，离线）"
    )
    grade.add_argument("--scenario", help="默认案例编号（输入行里的 scenario 优先）")
    grade.set_defaults(run=_cmd_grade)
    evaluate = sub.add_parser("evaluate", help="用校准集评估评分器：各维度准确率、宏F1、两两排序一致率")
    evaluate.add_argument("--json", action="store_true", help="以 JSON 输出")
    evaluate.set_defaults(run=_cmd_evaluate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyError as exc:
        print(f"错误：{exc.args[0]}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
