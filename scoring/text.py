"""Text measures for grading Chinese replies: normalising, n-grams, similarity, questions."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache, lru_cache

import jieba

from scoring.lexicon import load_lexicons

jieba.setLogLevel(logging.WARNING)

_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_PUNCT = re.compile(
    r"[\s\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65!-/:-@\[-`{-~…—·“”‘’]+"
)
_DIGITS = re.compile(r"\d+")
_QUESTION = re.compile(
    r"[？?]|吗[。！!]?$|么[。！!]?$|怎么|为什么|为啥|什么|多少|哪(里|儿|个|天|些)|(?<![这那前后好十近])几(个|天|号|点|块|次)"
    r"|能不能|可不可以|是不是|有没有|行不行|会不会|要不要|啥时候|咋"
)


def han_count(text: str) -> int:
    """How many Chinese characters `text` holds."""
    return len(_HAN.findall(text))


def chinese_ratio(text: str) -> float:
    """Chinese characters over all letters and characters (punctuation and digits ignored)."""
    han = han_count(text)
    latin = sum(len(word) for word in _LATIN_WORD.findall(text))
    return han / (han + latin) if han + latin else 0.0


# A question word said twice around a verb is the correlative "as much as / whatever", not a
# question: 「缺多少补多少」「要什么给什么」「哪里坏了修哪里」.
_CORRELATIVE = re.compile(r"(多少|什么|哪里|哪儿|怎么)[^，,。！!？?；;]{1,6}?\1")


def is_question(text: str) -> bool:
    """True when the line asks something (a correlative 「缺多少补多少」 without a question mark
    does not)."""
    text = text.strip()
    return bool(_QUESTION.search(text if "？" in text or "?" in text else _CORRELATIVE.sub("", text)))


# The stock offer of help a call opens and closes with (「请问有什么可以帮您？」「还有什么需要帮忙的吗？」):
# a question in form that asks the customer nothing in particular.
_STOCK_OFFER = re.compile(
    r"(?:请问)?(?:您)?(?:还)?有(?:什么|啥|其他|别的)(?:事情?|问题)?(?:可以|能|需要)?(?:我)?"
    r"(?:帮助|帮忙|协助|帮|为)(?:到)?(?:您|你)?(?:做)?(?:的)?(?:吗|呢|么)?[？?]?"
    r"|(?:请问)?(?:您)?还有(?:什么|其他|别的)(?:问题|事情?|需要)(?:吗|呢|么)?[？?]?"
)


def asks_beyond_stock_offer(text: str) -> bool:
    """True when the text asks something other than the stock 「有什么可以帮您？」."""
    return is_question(_STOCK_OFFER.sub("", text))


# A question that only asks whether the customer agrees to what was just proposed
# (「您看这样保留着行吗？」「这样处理可以吗？」): it asks for a yes, not for something the customer knows.
_CONSENT = re.compile(
    r"(?:行|可以|好|成|满意|同意|接受)(?:吗|么|嘛|不)[？?]*$"
    r"|(?:行不行|可不可以|好不好|成不成|同不同意|满不满意|怎么样|如何)[？?]*$"
)
# One sentence with its closing marks (the question checks read a reply sentence by sentence).
SENTENCE = re.compile(r"[^。！？!?；;]+[。！？!?；;]*")


def asks_only_consent(text: str) -> bool:
    """True when the text asks something and every question in it asks for consent."""
    questions = [s.strip() for s in SENTENCE.findall(text) if is_question(s)]
    return bool(questions) and all(_CONSENT.search(q) for q in questions)


@cache
def _synonym_map() -> tuple[tuple[str, str], ...]:
    """(variant, canonical) pairs, longest variant first so 不好意思 wins over shorter words."""
    pairs = [(word, group[0]) for group in load_lexicons().synonyms for word in group[1:]]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Strip punctuation, mask digits and map synonyms to one word, for comparing phrasing.
    Cached: one grade normalises the same reply for n-grams, questions and stuffing checks."""
    text = _DIGITS.sub("#", _PUNCT.sub("", text))
    for variant, canonical in _synonym_map():
        if variant in text:
            text = text.replace(variant, canonical)
    return text


@lru_cache(maxsize=16384)
def bigrams(text: str) -> Counter[str]:
    """Character bigrams of normalised text (unigrams for one-character text). Cached: the same
    reference lines and facts are compared with every reply; callers must not mutate the result."""
    norm = normalise(text)
    if len(norm) < 2:
        return Counter(norm)
    return Counter(norm[i : i + 2] for i in range(len(norm) - 1))


def overlap(a: Counter[str], b: Counter[str]) -> int:
    """Size of the multiset intersection of two n-gram counts. Same as `sum((a & b).values())`
    but walks only the smaller side and builds no new Counter: grading calls it thousands of times."""
    if len(a) > len(b):
        a, b = b, a
    return sum(min(n, b[gram]) for gram, n in a.items() if gram in b)


def dice(a: Counter[str], b: Counter[str]) -> float:
    """Dice overlap of two n-gram multisets, 0–1."""
    total = a.total() + b.total()
    return 2 * overlap(a, b) / total if total else 0.0


def containment(reference: Counter[str], reply: Counter[str]) -> float:
    """Share of the reference's n-grams that the reply contains, 0–1 (long replies not punished)."""
    size = reference.total()
    return overlap(reference, reply) / size if size else 0.0


@lru_cache(maxsize=8192)
def similarity(reply: str, reference: str) -> float:
    """How close a reply is to a reference line, tolerant to paraphrase: max of dice and containment.
    Cached: the script-match credit and the suggested line compare one reply with the same lines."""
    a, b = bigrams(reply), bigrams(reference)
    return max(dice(a, b), 0.8 * containment(b, a))


_QUESTION_WORDS = re.compile(r"(你们|我们|这个|那个|怎么|什么|为什么|是不是|能不能|可不可以|吗|呢|啊|吧|呀)")


def content_words(question: str) -> str:
    """The question without its question words (怎么、什么、是不是、吗…)."""
    return _QUESTION_WORDS.sub("", question)


def shared_question_words(question: str, text: str, ignore: Iterable[str] = ()) -> set[str]:
    """The question's words of two or more characters (jieba, question words and `ignore`
    left out) that `text` takes up, both normalised: 「按三包规定是不是该给我换车？」 and
    「三包规定里……换车需要评估」 share 三包、规定、换车, which a bigram share of the whole question
    (diluted by 都修、定就、车了) misses."""
    words = {w for w in jieba.lcut(normalise(content_words(question))) if len(w) >= 2}
    said = normalise(text)
    return {w for w in words - set(ignore) if w in said}


def clear_caches() -> None:
    """Forget every cached text measure (benchmarks: each round must grade replies as if new)."""
    for cached in (normalise, bigrams, similarity):
        cached.cache_clear()
