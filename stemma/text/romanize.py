"""Romanize text into one Latin key space across scripts, and fold keys for case and diacritics."""
from __future__ import annotations

import re
import unicodedata

import cyrtranslit
from anyascii import anyascii

# National romanization rules for Cyrillic (cyrtranslit's codes); Latin-script relatives of Serbian use its table.
CYRTRANSLIT_CODES = {"sr": "sr", "bs": "sr", "hr": "sr", "sh": "sr", "me": "me", "mk": "mk", "ru": "ru",
                     "uk": "ua", "bg": "bg", "be": "by", "mn": "mn", "tg": "tj"}
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
NON_LATIN_RUN = re.compile(r"[^\u0000-\u024f\u1e00-\u1eff\u2000-\u206f]+")
# Letters that only some Cyrillic alphabets have: enough to pick the national rules when no language is given.
CYRILLIC_MARKERS = (("ђћ", "sr"), ("ѓќѕ", "mk"), ("іїєґ", "uk"), ("ў", "be"), ("јљњџ", "sr"), ("ыэё", "ru"))
FOLD_EXTRA = str.maketrans({"đ": "dj", "Đ": "Dj", "ß": "ss", "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O"})


def has_cyrillic(text: str) -> bool:
    return CYRILLIC.search(text) is not None


def guess_cyrillic_lang(text: str) -> str:
    """The Cyrillic alphabet a text is written in, from letters only that alphabet has (default Russian)."""
    lower = text.lower()
    for letters, lang in CYRILLIC_MARKERS:
        if any(letter in lower for letter in letters):
            return lang
    if "ъ" in lower or "щ" in lower:
        return "bg" if "ы" not in lower else "ru"
    return "ru"


def romanize(text: str, lang: str = "") -> str:
    """Latin-script text in the language's own romanization (Путин -> Putin, Ушаков -> Ušakov, 北京 -> BeiJing)."""
    if text.isascii():
        return text
    if has_cyrillic(text):
        code = CYRTRANSLIT_CODES.get(lang.split("-")[0]) or CYRTRANSLIT_CODES[guess_cyrillic_lang(text)]
        text = cyrtranslit.to_latin(text, code)
    # Whatever cyrtranslit left (other scripts, letters outside the national table) goes through anyascii,
    # while Latin letters keep their diacritics (ušakov stays readable; fold() removes them for keys).
    return NON_LATIN_RUN.sub(lambda m: anyascii(m.group()), text)


def unmarked(text: str, form: str = "NFKD") -> str:
    """The text decomposed (`form`: NFKD, or NFD to keep compatibility characters) without its combining marks:
    accents, tone marks, viramas."""
    return "".join(c for c in unicodedata.normalize(form, text) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """An ASCII, lower-case key: Ušakov -> usakov, Džong -> dzong, Đoković -> djokovic, 北京 -> beijing."""
    return anyascii(unmarked(text.translate(FOLD_EXTRA))).lower()
