"""Where to look for the original when it is not indexed: likely source language, outlet, and a search query."""
from __future__ import annotations

import re
from collections import Counter

import cyrtranslit

from stemma.judge.farm import foreign_ui_signals, outlet_mentions, transliterated_credit_signals
from stemma.judge.lexicon import english_exonym, english_spelling, fold_key
from stemma.model import Article

# Letter sequences that a translator into a Cyrillic language would never write but a letter-by-letter
# transliteration of English spelling produces ("Линцх" for Lynch, "Поол" for Pool, "Ваннабе" for wannabe).
ENGLISH_SPELLING_IN_CYRILLIC = re.compile(r"\w*(?:цх|сх(?=[аеиоу\b])|тх|гх|оо|ее|нн(?=[аеиоу])|кк|уе)\w*", re.I)
QUERY_ENTITIES = 5
MAX_YEARS = 4


def language_votes(article: Article) -> tuple[Counter, list[str]]:
    """Votes for the source language, each with the clue that cast it."""
    votes: Counter = Counter()
    clues: list[str] = []
    for signal in foreign_ui_signals(article):
        if signal.lang:
            votes[signal.lang] += 2
        clues.append(signal.evidence)
    for mention in outlet_mentions(article):
        if mention["lang"] != article.lang and mention["top"]:
            votes[mention["lang"]] += 2
            clues.append(f"{mention['outlet']} named at the top of the page")
    for signal in transliterated_credit_signals(article):
        votes["en"] += 1  # credit lines keep the English format of picture agencies ("Name/Pool/Agency")
        clues.append(signal.evidence)
    if article.script == "Cyrl" and article.lang != "en":
        names = [w for w in ENGLISH_SPELLING_IN_CYRILLIC.findall(article.text + "\n" + "\n".join(b.text for b in article.boilerplate))
                 if w[:1].isupper()]
        if len(set(names)) >= 2:
            votes["en"] += 1
            clues.append(f"names transliterated letter by letter from English spelling: {', '.join(sorted(set(names))[:5])}")
    return votes, clues


def entity_names(article: Article) -> list[tuple[str, int]]:
    """Named entities in the common English form where one is known, most frequent first."""
    entities = [a for a in article.anchors if a.kind == "entity"]
    by_sentence: dict[int, list[str]] = {}
    for anchor in entities:
        by_sentence.setdefault(anchor.sentence, []).append(anchor.text)
    counts: Counter = Counter()
    surfaces: dict[str, list[str]] = {}
    for anchor in entities:
        if any(anchor.text != other and anchor.text in other.split() or
               anchor.text != other and anchor.text in other for other in by_sentence[anchor.sentence]):
            continue  # "Кореја" inside "Северна Кореја" in the same sentence
        counts[anchor.key] += 1
        surfaces.setdefault(anchor.key, []).append(anchor.text)
    english: Counter = Counter()
    for key, count in counts.items():
        surface = min(surfaces[key], key=len)  # the shortest form is usually the nominative (Ким, not Киму)
        english[english_form(surface)] += count
    return english.most_common()


def english_form(surface: str) -> str:
    latin = cyrtranslit.to_latin(surface, "sr") if re.search(r"[\u0400-\u04ff]", surface) else surface
    words = latin.split()
    known = english_exonym([fold_key(w) for w in words])
    if known and known[1] == len(words):
        return known[0]
    return " ".join(english_spelling(w) for w in words)


def pick_entities(names: list[tuple[str, int]], limit: int = QUERY_ENTITIES) -> list[str]:
    """Most frequent names; a one-word name inside an already chosen longer one adds nothing."""
    chosen: list[str] = []
    for name, count in names:
        if count < 2 and chosen:
            break
        words = name.split()
        if any(name in other.split() or name == other for other in chosen):
            continue
        if len(words) > 1 and all(any(w in other.split() for other in chosen) for w in words):
            continue
        chosen.append(name)
        if len(chosen) == limit:
            break
    return chosen


def source_hint(article: Article) -> dict | None:
    """{lang, outlet, query, evidence} when the page carries clues of a foreign original, else None."""
    votes, clues = language_votes(article)
    if not votes:
        return None
    lang = votes.most_common(1)[0][0]
    mentions = sorted(outlet_mentions(article), key=lambda m: (not m["top"], m["kind"] != "outlet", -m["count"]))
    outlets = [m for m in mentions if m["lang"] == lang or m["top"]]
    outlet = outlets[0]["outlet"] if outlets else None
    agencies = [m["outlet"] for m in mentions if m["kind"] == "agency" and m["outlet"] != outlet]
    years = Counter(a.key for a in article.anchors if a.kind == "year" and not a.caption)
    repeated = [y for y, n in years.most_common(MAX_YEARS) if n >= 2] or [y for y, _ in years.most_common(2)]
    terms = pick_entities(entity_names(article)) + agencies[:2] + sorted(repeated)
    query = " ".join(dict.fromkeys(t for t in terms if t))
    return {"lang": lang, "outlet": outlet, "query": query, "evidence": clues}
