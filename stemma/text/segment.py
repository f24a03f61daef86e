"""Split text into sentences, aware of ordinal dots and abbreviations."""
from __future__ import annotations

import re

# A sentence ends at . ! ? (plus closing quotes/brackets) followed by space and an upper-case letter or opening quote,
# unless the dot follows a number (ordinal: "19. јуна") or a short abbreviation.
BOUNDARY = re.compile(r"(?<=[.!?…])[\"'»”“’)\]]*\s+(?=[\"'«„“‘(\[]?[A-ZА-ЯЁЂЈЉЊЋЏЄІЇҐ0-9])")
ABBREVIATION = re.compile(r"(?:\b(?:[A-Za-zА-Яа-я]{1,3}|Mr|Mrs|Ms|Dr|Prof|Sen|Gov|Gen|Rep|St|Jr|Sr|tzv|npr|itd|др|тзв|нпр|итд|г|гг|ул|им)\.|\b\d{1,4}\.)$")


def split_sentences(paragraph: str, lang: str = "") -> list[str]:
    paragraph = " ".join(paragraph.split())
    if not paragraph:
        return []
    if lang in ("zh", "ja"):
        return [s for s in re.split(r"(?<=[。！？])", paragraph) if s.strip()]
    sentences: list[str] = []
    start = 0
    for match in BOUNDARY.finditer(paragraph):
        candidate = paragraph[start:match.start()].rstrip()
        if ABBREVIATION.search(candidate) and not candidate.endswith(("!", "?")):
            continue
        sentences.append(paragraph[start:match.end()].strip())
        start = match.end()
    sentences.append(paragraph[start:].strip())
    return [s for s in sentences if s]
