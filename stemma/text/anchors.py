"""Find anchors that survive translation (numbers, years, dates, names) with language-independent keys."""
from __future__ import annotations

import re

from stemma.model import Anchor
from stemma.text.romanize import fold, romanize

NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:[.,  ]\d{3})+(?![\d])|(?<![\w.,])\d+(?:[.,]\d+)?(?![\d])")
CAPITALIZED = re.compile(r"\b[A-ZА-ЯЁЂЈЉЊЋЏЄІЇҐČĆŠŽĐ][\w'-]+(?:\s+[A-ZА-ЯЁЂЈЉЊЋЏЄІЇҐČĆŠŽĐ][\w'-]+)*")
SLAVIC_ENDINGS = ("ima", "ama", "om", "em", "u", "a", "e", "i", "y", "ov", "oj")


def number_key(surface: str) -> str:
    digits = surface.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):
        return digits.replace(".", "").replace(",", "")
    return digits.replace(",", ".")


def entity_key(surface: str, lang: str) -> str:
    words = fold(romanize(surface, lang)).split()
    return " ".join(stem_word(w) for w in words)


def stem_word(word: str) -> str:
    for ending in SLAVIC_ENDINGS:
        if len(word) > len(ending) + 3 and word.endswith(ending):
            return word[: -len(ending)]
    return word


def find_anchors(sentences: list[str], lang: str) -> list[Anchor]:
    anchors: list[Anchor] = []
    for index, sentence in enumerate(sentences):
        for match in NUMBER.finditer(sentence):
            key = number_key(match.group())
            kind = "year" if re.fullmatch(r"(1[89]|20)\d\d", key) else "number"
            anchors.append(Anchor(kind, match.group(), key, index))
        for match in CAPITALIZED.finditer(sentence):
            if match.start() == 0 and " " not in match.group():
                continue  # a capital that only starts the sentence
            anchors.append(Anchor("entity", match.group(), entity_key(match.group(), lang), index))
    return anchors
