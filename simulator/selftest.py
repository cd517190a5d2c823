"""`python -m simulator selftest`: play scripted trainees against every case × persona, count
what a trainer would notice.

The scripted trainees are the labelled corpus' calls (scoring/corpus/, five quality levels), by
default the test writers' — never used to write the agenda, tune the customer or fit a model.
Each call's replies are fed, in order, to the offline customer of its case under each of the four
temperaments. Counted per call: the outcome, how many replies it took to resolve, the anger
curve, and the customer lines that break coherence — a direct question about a fact the customer
knows not answered in the next line, an offer accepted (or thanked for) before any was made, and
a line that is not one whole line of the banks (stitched fragments).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from personas import load_personas
from personas.schema import Persona
from scenarios import load_library
from scenarios.common_facts import facts_of
from scenarios.fill import fill, strings_in
from scenarios.schema import Case
from scoring.corpus import in_split, load_calls
from scoring.corpus_schema import AgentTurn, CorpusCall
from simulator.offline import OfflineEngine
from simulator.session import Call
from simulator.state import CustomerState

LEVELS = ("exemplary", "good", "flawed", "poor", "hostile")
SUCCESS_LEVELS = ("exemplary", "good")
FAILING_LEVELS = ("poor", "hostile")


@dataclass(frozen=True)
class PlayedCall:
    """One corpus call played against one persona."""

    case_id: str
    persona_id: str
    level: str
    outcome: str
    replies_used: int
    anger: tuple[int, ...]  # after the opening, then after each customer line
    questions: int  # direct questions about a known fact
    questions_answered: int  # … answered in the very next customer line
    early_accepts: int  # accept / thanks lines before any offer was on the table
    stitched: int  # lines that are not one whole bank line


def play_corpus_call(corpus_call: CorpusCall, case: Case, persona: Persona, seed: int = 0) -> PlayedCall:
    """Feed the corpus call's replies to the offline customer until they run out or it ends."""
    call, opening = Call.start(case, persona, OfflineEngine(), seed=seed)
    opening.text()
    anger = [call.session.state.anger]
    questions = answered = early = stitched = used = 0
    whole_lines = bank_lines(case, persona)
    said = {call.session.turns[0].text}
    for turn in corpus_call.turns:
        if not isinstance(turn, AgentTurn) or call.session.state.ended:
            continue
        line = call.reply(turn.text).text()
        used += 1
        grade, state = call.session.turns[-2].grade, call.session.state
        anger.append(state.anger)
        if _new_fact_question(grade.signals.asked_about, case, said) and not state.ended:
            questions += 1
            answered += only_fact_answers(line, case)
        said.add(line)
        early += _accepts_unoffered(line, state, case)
        stitched += line not in whole_lines and not only_fact_answers(line, case)
    return PlayedCall(
        case.id, persona.id, corpus_call.level, call.session.outcome, used, tuple(anger),
        questions, answered, early, stitched,
    )  # fmt: skip


def _new_fact_question(topics: list[str], case: Case, said: set[str]) -> bool:
    """The reply asks about a fact the customer knows and has not told yet."""
    answers = {fact.topic: fill(fact.answer, case) for fact in facts_of(case)}
    return any(not any(answers[topic] in line for line in said) for topic in topics)


def only_fact_answers(line: str, case: Case) -> bool:
    """The line is one or more of the customer's fact answers, whole (two questions, two answers)."""
    rest = line
    for answer in sorted({fill(f.answer, case) for f in facts_of(case)}, key=len, reverse=True):
        rest = rest.replace(answer, "")
    return rest != line and not rest.strip()


def _accepts_unoffered(line: str, state: CustomerState, case: Case) -> bool:
    """An accepting line while nothing is on the table, this reply's offers included."""
    accepting = {fill(x, case) for d in case.agenda.demands for x in d.accept}
    accepting |= {fill(x, case) for x in case.lines.outcomes.resolved}
    return line in accepting and not state.agenda.offered


def bank_lines(case: Case, persona: Persona) -> set[str]:
    """Every whole line the offline customer may say in this case with this persona (filled)."""
    texts = set(strings_in(case.model_dump()["lines"])) | set(strings_in(case.model_dump()["agenda"]))
    texts |= set(strings_in(persona.model_dump()["templates"]))
    texts |= {fact.answer for fact in facts_of(case)}  # answers to its questions
    filled = {fill(text, case) for text in texts}
    return filled | {f"{word}……你说吧。" for word in persona.speech.interjections}


@dataclass
class CaseSummary:
    """What the selftest prints for one case."""

    played: list[PlayedCall] = field(default_factory=list)

    def resolved_share(self, levels: tuple[str, ...]) -> tuple[int, int]:
        """(resolved, played) over calls of `levels`."""
        calls = [p for p in self.played if p.level in levels]
        return sum(p.outcome == "resolved" for p in calls), len(calls)


def run_selftest(split: str = "test") -> dict[str, CaseSummary]:
    """Every corpus call of `split` against its case under every persona, grouped by case."""
    library, personas = load_library(), list(load_personas())
    summaries: dict[str, CaseSummary] = defaultdict(CaseSummary)
    for corpus_call in in_split(load_calls(), split):
        case = library.get(corpus_call.case_id)
        for persona in personas:
            summaries[case.id].played.append(play_corpus_call(corpus_call, case, persona))
    return dict(sorted(summaries.items()))


def totals(summaries: dict[str, CaseSummary]) -> dict[str, float | int]:
    """The acceptance figures over every case."""
    played = [p for s in summaries.values() for p in s.played]
    good = [p for p in played if p.level in SUCCESS_LEVELS]
    bad = [p for p in played if p.level in FAILING_LEVELS]
    questions = sum(p.questions for p in played)
    return {
        "calls": len(played),
        "good_resolved": round(sum(p.outcome == "resolved" for p in good) / max(1, len(good)), 3),
        "bad_resolved": sum(p.outcome == "resolved" for p in bad),
        "bad_ended_calmer": sum(p.anger[-1] < p.anger[0] for p in bad),
        "questions": questions,
        "questions_answered": round(sum(p.questions_answered for p in played) / max(1, questions), 3),
        "early_accepts": sum(p.early_accepts for p in played),
        "stitched": sum(p.stitched for p in played),
    }


def format_selftest(summaries: dict[str, CaseSummary]) -> str:
    """Per case and in total, in Chinese, for the terminal."""
    lines = []
    for case_id, summary in summaries.items():
        by_level = []
        for level in LEVELS:
            resolved, count = summary.resolved_share((level,))
            if count:
                by_level.append(f"{level} {resolved}/{count}")
        done = [p.replies_used for p in summary.played if p.outcome == "resolved"]
        turns = f"{sum(done) / len(done):.1f}" if done else "—"
        lines.append(f"{case_id:<32} 解决：{'，'.join(by_level)}；解决平均用 {turns} 句；{_curve(summary)}")
    t = totals(summaries)
    lines.append(
        f"合计 {t['calls']} 通（电话 × 性格）：范例/良好解决 {t['good_resolved']:.1%}；"
        f"较差/恶劣解决 {t['bad_resolved']} 通、结束时比开始更平静 {t['bad_ended_calmer']} 通；"
        f"直接问到已知事实 {t['questions']} 次，下一句就回答 {t['questions_answered']:.1%}；"
        f"没提方案就接受/道谢 {t['early_accepts']} 句；拼接句 {t['stitched']} 句"
    )
    return "\n".join(lines)


def _curve(summary: CaseSummary) -> str:
    """Mean anger at the start and the end, by level."""
    parts = []
    for level in LEVELS:
        calls = [p for p in summary.played if p.level == level]
        if calls:
            start = sum(p.anger[0] for p in calls) / len(calls)
            end = sum(p.anger[-1] for p in calls) / len(calls)
            parts.append(f"{level} {start:.0f}→{end:.0f}")
    return "怒气 " + "，".join(parts)
