"""The customer's move in words, for the LLM engine's prompt: what this line does, and what it
must not do yet (accept or thank for an offer nobody made, say goodbye with the agenda open)."""

from __future__ import annotations

from scenarios.agenda import Agenda
from scenarios.fill import fill
from scenarios.schema import Case
from simulator.agenda import Move, demand
from simulator.state import CustomerState

ACCEPTING_MOVES = frozenset({"accept", "resolved", "recap", "confirm", "outcome"})
# Agreeing ("resolved") is not closing: the call goes on until the trainee closes it.
CLOSING_MOVES = frozenset({"nothing_else", "outcome"})


def move_words(case: Case, state: CustomerState, event_label: str) -> str:
    """What the customer's next line must do, and the offers on the table, in Chinese."""
    agenda, move = case.agenda, state.move
    if agenda is None or move is None or move.kind in ("open", "outcome", "resolved"):
        return ""
    task = _task(agenda, move, event_label)
    return f"这一句你要做的事：{fill(task, case)}\n{offers_on_table(case, state)}"


def offers_on_table(case: Case, state: CustomerState) -> str:
    """Which offers the trainee has made — the only ones the customer may react to."""
    offered = [fill(r.text, case) for r in case.resolutions if r.id in state.agenda.offered]
    if not offered:
        return "客服到现在还没有提出任何方案：不要感谢、接受或提到任何方案，也不要自己替客服提方案。"
    return f"客服已经提出的方案：{'；'.join(offered)}。只对这些方案表态，不要接受或提到客服没说过的补偿、退款或比例。"


def may_accept(state: CustomerState) -> bool:
    """True when the customer's line may accept an offer (the code decided it accepts)."""
    return state.agreed or (state.move is not None and state.move.kind in ACCEPTING_MOVES)


def may_close(state: CustomerState) -> bool:
    """True when the customer's line may close the call: nothing left to say, or ending. Having
    agreed is not enough — a goodbye in the line that says yes leaves a call that goes on."""
    return state.ended or (state.move is not None and state.move.kind in CLOSING_MOVES)


def _task(agenda: Agenda, move: Move, event_label: str) -> str:
    if move.kind in ("accept", "bargain", "refuse"):
        want = demand(agenda, move.item).want
        return {
            "accept": f"接受客服刚提的方案，它满足了你的诉求（{want}），一句话表示可以。",
            "bargain": f"客服的方案能解决你的诉求（{want}），但你还不放心：要一个保证、时间或细节，不提政策外的要求，先不要答应。",
            "refuse": f"客服说的办法解决不了你的诉求（{want}），说明为什么不行。",
        }[move.kind]
    if move.kind == "raise":
        return _raise_task(agenda, move.item)
    item = _item_text(agenda, move.item)
    return {
        "cleared": f"你原来以为「{item}」，客服解释清楚了：表示明白了。",
        "answered": f"客服回答了你的问题（{item}）：表示听明白了。",
        "answer": "回答客服刚问的问题，用你知道的事实；你不知道的就说不知道，不要编。",
        "recap": "客服在复述处理方案：确认没错。",
        "confirm": "客服问你这样处理行不行：你已经同意了，说可以，不要再提新的要求。",
        "correct_name": "客服把你的姓或称呼叫错了：先纠正他，你是{customer}。",
        "correct_fact": "客服说的金额和你知道的对不上：指出这个数不对，请他核对清楚，不要自己编一个数。",
        "nothing_else": "客服问还有没有别的事：说没有了。",
        "ultimatum": "你的耐心已经到头了：下最后通牒，说清楚客服要是还这样拖着不办，你就要采取行动（找领导、投诉或者不谈了），这一句先不要真的挂断。",
    }.get(move.kind, f"回应客服刚才的做法（{event_label}），按你现在的情绪说一句。")


def _raise_task(agenda: Agenda, item_id: str) -> str:
    for found in agenda.demands:
        if found.id == item_id:
            return f"说出你的诉求：{found.want}。"
    for found in agenda.misunderstandings:
        if found.id == item_id:
            return f"说出你心里的想法（你是这么以为的）：{found.belief}。"
    question = next(q for q in agenda.questions if q.id == item_id)
    return f"问客服一个问题：{question.ask[0]}"


def _item_text(agenda: Agenda, item_id: str) -> str:
    for found in agenda.misunderstandings:
        if found.id == item_id:
            return found.belief
    return next((q.ask[0] for q in agenda.questions if q.id == item_id), "")
