"""Romanize text into one key space across scripts, and fold keys for case and diacritics."""
from __future__ import annotations

import unicodedata

import cyrtranslit
from anyascii import anyascii

CYRTRANSLIT_LANGS = {"sr": "sr", "mk": "mk", "ru": "ru", "uk": "ua", "bg": "bg", "me": "me"}
CYRILLIC_DEFAULT = "ru"


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in text)


def romanize(text: str, lang: str = "") -> str:
    """Latin-script text readable in the language's own romanization (Путин -> Putin, Ушаков -> Ušakov)."""
    if has_cyrillic(text):
        return cyrtranslit.to_latin(text, CYRTRANSLIT_LANGS.get(lang, CYRILLIC_DEFAULT))
    return text


def fold(text: str) -> str:
    """An ASCII, lower-case key: Ušakov -> usakov, Džong -> dzong, 北京 -> beijing."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return anyascii(stripped).lower()
