"""A small bilingual lexicon into English term keys: words of a translation that keep no name or number."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from stemma.text import HAN_WRITTEN
from stemma.text.anchors import TERM_WORD, term_key

# Chat turns, reviews and many short news items share no anchor or loan word with their translation ('Bitte
# warten Sie auf die Bestellung' / 'Please wait for the order'). Frequent content words, mapped to the English term
# key their translations most often carry, give such pairs keys in common. Learned by scripts/fit_lexicon.py from
# aligned segments of the WMT train split.
LEXICON = Path(__file__).resolve().parents[1] / "models" / "lexicon.tsv"
HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,}")


def units(text: str, lang: str) -> set[str]:
    """What the lexicon is keyed by: term keys of words, or, in Chinese and Japanese (no spaces between words),
    pairs of adjacent Han characters (停电 'power failure', 政府 'government')."""
    if lang in HAN_WRITTEN:
        return {run[i:i + 2] for run in HAN_RUN.findall(text) for i in range(len(run) - 1)}
    found = {term_key(word, lang) for word in TERM_WORD.findall(text)}
    return {key for key in found if len(key) >= 3}


@lru_cache(maxsize=1)
def lexicon() -> dict[str, dict[str, str]]:
    """lang -> unit -> English term key."""
    table: dict[str, dict[str, str]] = {}
    if LEXICON.exists():
        for line in LEXICON.read_text(encoding="utf-8").splitlines():
            lang, unit, key = line.split("\t")
            table.setdefault(lang, {})[unit] = key
    return table


def english_keys(sentences: list[str], lang: str) -> set[str]:
    """English term keys of the words of a non-English text that the lexicon knows."""
    lang = (lang or "").split("-")[0].lower()
    known = lexicon().get(lang)
    if not known:
        return set()
    return {known[unit] for unit in units("\n".join(sentences), lang) if unit in known}
