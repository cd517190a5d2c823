"""`python -m simulator play --scenario ID --persona ID [--engine offline|llm] [--seed N] --replies FILE|- [--json]`
and `python -m simulator selftest [--split test] [--json]`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from datafiles import DataFileError
from llm import load_llm_config
from personas import load_personas
from scenarios import load_library
from simulator.offline import OfflineEngine
from simulator.session import Call, Turn
from simulator.voice import CustomerEngine


def play(call: Call, replies: list[str]) -> int:
    """Feed the replies until they run out or the customer ends the call; returns replies unused."""
    for used, reply in enumerate(replies):
        if call.session.state.ended:
            return len(replies) - used
        call.reply(reply).text()
    return 0


def turn_json(turn: Turn) -> dict[str, object]:
    """One turn as the DESIGN.md contract shows it."""
    state = turn.state
    data: dict[str, object] = {
        "role": turn.role,
        "text": turn.text,
        "state": {
            "anger": state.anger,
            "trust": state.trust,
            "mood": state.mood.value,
            "stage": state.stage.value,
            "needs": state.needs.model_dump(),
            "turns_without_progress": state.turns_without_progress,
            "agreed": state.agreed,
            "outcome": state.outcome.value if state.outcome else None,
            "move": state.move.model_dump() if state.move else None,
        },
    }
    if turn.grade is not None:
        data["grade"] = turn.grade.contract_dict()
    if turn.note:
        data["note"] = turn.note
    return data


def _engine(name: str) -> tuple[CustomerEngine, str | None]:
    if name == "llm":
        config = load_llm_config()
        if config is not None:
            from llm.openai_adapter import OpenAIChatModel
            from simulator.llm_engine import LLMEngine

            return LLMEngine(OpenAIChatModel(config, temperature=0.7)), config.model
        print("未配置大模型（OPENAI_API_KEY），本次使用离线引擎。", file=sys.stderr)
    return OfflineEngine(), None


def _read_replies(source: str) -> list[str]:
    text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def _cmd_play(args: argparse.Namespace) -> int:
    case = load_library().get(args.scenario)
    persona = load_personas().get(args.persona)
    engine, model = _engine(args.engine)
    call, opening = Call.start(case, persona, engine, seed=args.seed, model=model)
    opening.text()
    unused = play(call, _read_replies(args.replies))
    report = call.end()
    if args.json:
        out = {
            "scenario": case.id,
            "persona": persona.id,
            "engine": engine.name,
            "seed": args.seed,
            "outcome": call.session.outcome,
            "turns": [turn_json(turn) for turn in call.session.turns],
            "report": report.model_dump(mode="json"),
            "unused_replies": unused,
        }
        print(json.dumps(out, ensure_ascii=False))
    else:
        _print_transcript(call, unused)
    return 0


def _print_transcript(call: Call, unused: int) -> None:
    for turn in call.session.turns:
        who = "客户" if turn.role == "customer" else "客服"
        extra = (
            f"  [怒气 {turn.state.anger} 信任 {turn.state.trust}]"
            if turn.role == "customer"
            else f"  [综合 {turn.grade.overall}]"
        )
        print(f"{who}：{turn.text}{extra}")
    print(f"结果：{call.session.outcome}" + (f"（客户已结束通话，{unused} 句回复未使用）" if unused else ""))


def _cmd_selftest(args: argparse.Namespace) -> int:
    from simulator.selftest import format_selftest, run_selftest, totals

    summaries = run_selftest(args.split)
    if args.json:
        print(json.dumps({"split": args.split, "totals": totals(summaries)}, ensure_ascii=False))
    else:
        print(format_selftest(summaries))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface (its help text is part of the contract)."""
    parser = argparse.ArgumentParser(
        prog="python -m simulator", description="客诉陪练模拟客户：用一组回复跑完一通电话"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    play_cmd = sub.add_parser("play", help="按顺序发送回复（每行一句），输出通话记录与点评")
    play_cmd.add_argument("--scenario", required=True, help="案例编号（python -m scenarios list）")
    play_cmd.add_argument("--persona", required=True, help="客户性格编号（python -m personas list）")
    play_cmd.add_argument(
        "--engine", choices=["offline", "llm"], default="offline", help="客户引擎（默认离线）"
    )
    play_cmd.add_argument("--seed", type=int, default=0, help="随机种子：相同种子和回复得到相同通话（离线）")
    play_cmd.add_argument("--replies", required=True, help="回复文件，每行一句；- 表示标准输入")
    play_cmd.add_argument("--json", action="store_true", help="以 JSON 输出整通电话")
    play_cmd.set_defaults(run=_cmd_play)
    check = sub.add_parser(
        "selftest",
        help="用语料里的整通电话（默认测试写作者的）当脚本学员，跑遍每个案例 × 每种性格，打印连贯性检查",
    )
    check.add_argument(
        "--split", choices=["train", "dev", "test"], default="test", help="用哪一部分语料（默认 test）"
    )
    check.add_argument("--json", action="store_true", help="只输出合计数字（JSON）")
    check.set_defaults(run=_cmd_selftest)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; unknown ids and unreadable files become one-line errors."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyError as exc:
        print(f"错误：{exc.args[0]}", file=sys.stderr)
    except OSError as exc:
        print(f"错误：无法读取回复文件（{exc.strerror}）", file=sys.stderr)
    except DataFileError as exc:
        print(exc, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
