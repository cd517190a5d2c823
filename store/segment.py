"""jieba segmentation for Chinese full-text search (the default FTS tokeniser splits Chinese poorly)."""

from __future__ import annotations

import logging
import re

import jieba

jieba.setLogLevel(logging.WARNING)
_WORD = re.compile(r"\w+")


def segment(text: str) -> str:
    """Words separated by spaces, search-engine style (long words also as their parts)."""
    return " ".join(word for word in jieba.cut_for_search(text) if _WORD.fullmatch(word))


def fts_query(query: str) -> str:
    """An FTS5 MATCH expression: every segmented word of the query, quoted, all required."""
    words = [w for w in jieba.cut(query.strip()) if _WORD.fullmatch(w)]
    return " ".join('"' + w.replace('"', "") + '"' for w in words)
