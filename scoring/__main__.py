"""`python -m scoring grade|evaluate|train` — grade JSON lines (learned grader by default), measure the graders, fit the model."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from llm import ChatModel, load_llm_config
from scenarios import load_library
from scoring.engines import DEFAULT_ENGINE, OFFLINE_ENGINES, grader_for
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
        print("未配置大模型（OPENAI_API_KEY），本次使用学习模型评分。", file=sys.stderr)
        return None
    from llm.openai_adapter import OpenAIChatModel

    return OpenAIChatModel(config)


def _grade(reply: str, context: GradeContext, model: ChatModel | None, engine: str) -> ReplyGrade:
    if engine in OFFLINE_ENGINES:
        return grader_for(engine)(reply, context)
    if model is None:
        grade = grader_for(DEFAULT_ENGINE)(reply, context)
        return grade.model_copy(update={"note": "未配置大模型，已使用学习模型评分"})
    from scoring.judge import judge_reply

    return judge_reply(reply, context, model)


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from scoring.calibration import evaluate, format_report

    report = evaluate()
    text, corpus = _corpus_section(args.json)
    if args.json:
        print(json.dumps(report | {"corpus": corpus}, ensure_ascii=False, indent=2))
    else:
        print(format_report(report) + "\n\n" + text)
    return 0 if report["passed"] and not corpus["stale"] else 1


def _cmd_train(args: argparse.Namespace) -> int:
    from scoring.corpus import all_replies, corpus_hash, in_split, load_calls
    from scoring.encoder_warmup import write_warm_tokens
    from scoring.reply_model import MODEL_DIR, save
    from scoring.training import out_of_fold_call_model, train

    # Only the train and dev writers: the test writers' calls are never used to fit anything.
    calls = in_split(load_calls(), "train", "dev")
    print(f"训练：{len(calls)} 通电话（训练与验证写作者）……", file=sys.stderr)
    model = train(calls, corpus_hash())
    print("整通评分模型：按写作者留一交叉拟合……", file=sys.stderr)
    model.call_score = out_of_fold_call_model(calls).to_dict()
    save(model, MODEL_DIR)
    texts = [reply.text for reply in all_replies(calls)]
    write_warm_tokens(model.featurizer.encoder, texts, model.corpus_hash, MODEL_DIR)
    print(f"已保存到 {MODEL_DIR}（语料 SHA-256 {model.corpus_hash[:12]}…）")
    return 0


def _corpus_section(as_json: bool) -> tuple[str, dict]:
    from scoring.corpus_eval import evaluate_corpus, format_corpus_report
    from scoring.reply_model import shipped_model

    report = evaluate_corpus(shipped_model())
    return ("" if as_json else format_corpus_report(report)), report


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
        "--engine",
        choices=["rules", "learned", "llm"],
        default=DEFAULT_ENGINE,
        help="评分引擎：learned 语料训练的学习模型（默认，离线）；rules 规则词表（离线，供对比）；"
        "llm 大模型（失败或未配置时回退到学习模型）",
    )
    grade.add_argument("--scenario", help="默认案例编号（输入行里的 scenario 优先）")
    grade.set_defaults(run=_cmd_grade)
    evaluate = sub.add_parser(
        "evaluate",
        help="评估评分器：校准集上的规则评分，以及学习模型在语料测试集（留出的写作者）上的各项指标",
    )
    evaluate.add_argument("--json", action="store_true", help="以 JSON 输出")
    evaluate.set_defaults(run=_cmd_evaluate)
    train = sub.add_parser(
        "train", help="用语料的训练与验证写作者拟合学习模型（不读测试写作者），保存到 scoring/models/"
    )
    train.set_defaults(run=_cmd_train)
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
