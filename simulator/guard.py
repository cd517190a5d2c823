"""Post-check an LLM customer's words: stay in role, stay in length, never agree, accept an
offer or say goodbye before the state does.

Works sentence by sentence so streaming can continue while each sentence is checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from scoring.lexicon import compile_patterns
from scoring.text import bigrams, chinese_ratio, containment
from simulator.presuppose import unsaid

GUARD_PATH = Path(__file__).resolve().parent / "guard.yaml"
SENTENCE_END = re.compile(r"[^。！？!?…\n]*[。！？!?…\n]+")
ECHO_AT = 0.5  # share of a sentence found in the system prompt that makes it an echo


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = yaml.safe_load(GUARD_PATH.read_text(encoding="utf-8"))
    return {name: compile_patterns(items) for name, items in data.items()}


def closes_call(text: str) -> bool:
    """True when the customer's text says goodbye or "nothing else" (guard.yaml's closing list)."""
    return bool(_patterns()["closing"].search(text))


@dataclass
class SentenceGuard:
    """Decides, sentence by sentence, what of the model's text the trainee may hear."""

    system_prompt: str
    max_chars: int
    may_agree: bool
    may_accept: bool = True  # False: a sentence accepting or thanking for an offer is dropped
    may_close: bool = True  # False: a goodbye or "nothing else" is dropped (the agenda is not done)
    # What the trainee has said in the call: a sentence taking for granted something it never
    # said (a ticket number, a time, a callback) is dropped. None: not checked.
    trainee_said: str | None = None
    history: tuple[tuple[str, str], ...] | None = None  # the call before this line (None: not checked)
    kept_chars: int = 0
    dropped: int = 0

    def allow(self, sentence: str) -> str:
        """The sentence if it passes (possibly cut to the length cap), else ''."""
        text = sentence.strip()
        if not text or self.kept_chars >= self.max_chars or self._breaks_role(text):
            self.dropped += bool(text)
            return ""
        if not self.may_agree and _patterns()["satisfied"].search(text):
            self.dropped += 1
            return ""
        if self._contradicts_agenda(text) or self._presupposes_unsaid(text):
            self.dropped += 1
            return ""
        room = self.max_chars - self.kept_chars
        kept = text if len(text) <= room else text[:room].rstrip("，,、") + "……"
        self.kept_chars += len(kept)
        return kept

    def _contradicts_agenda(self, text: str) -> bool:
        """Accepting an offer, or closing the call, before the code decided this line does."""
        patterns = _patterns()
        return (not self.may_accept and bool(patterns["accepting"].search(text))) or (
            not self.may_close and closes_call(text)
        )

    def _presupposes_unsaid(self, text: str) -> bool:
        return self.trainee_said is not None and unsaid(text, self.trainee_said, self.history) is not None

    def _breaks_role(self, text: str) -> bool:
        if _patterns()["role_breaking"].search(text) or chinese_ratio(text) < 0.5:
            return True
        grams = bigrams(text)
        return sum(grams.values()) >= 6 and containment(grams, bigrams(self.system_prompt)) >= ECHO_AT


def split_sentences(buffer: str) -> tuple[list[str], str]:
    """Complete sentences in `buffer`, and the unfinished rest."""
    sentences = SENTENCE_END.findall(buffer)
    rest = buffer[sum(len(s) for s in sentences) :]
    return sentences, rest
