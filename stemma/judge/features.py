"""Hashed text features for the machine-translation model: character n-grams, word n-grams, style counts."""
from __future__ import annotations

import re
import unicodedata
import zlib

import cyrtranslit
import numpy as np

DIM = 2 ** 18  # hashed feature space per block; collisions are cheap noise at this size
CHAR_ORDERS = (1, 2, 3, 4)
# Serbian is written in two scripts: romanize so that script never becomes a proxy for "machine" or "human".
ROMANIZED = {"sr", "bs", "me", "mk", "sh", "hbs"}
# Words, with Japanese split where the script changes (kanji | hiragana | katakana): a crude but useful word
# segmentation for a language written without spaces.
TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+|[\u3040-\u309f]+|[\u30a0-\u30ff\u30fc]+|\w+|[^\w\s]")
_MIX = np.uint64(0x9E3779B97F4A7C15)


def normalize(text: str, lang: str) -> str:
    """One canonical surface: NFC, the language's Latin form where it has two scripts, digits as 0."""
    text = unicodedata.normalize("NFC", text)
    if lang in ROMANIZED:
        text = cyrtranslit.to_latin(text, "sr")  # called directly: the model must not drift with shared code
    return re.sub(r"\d", "0", " ".join(text.split()))


def _mix(values: np.ndarray, salt: int, dim: int) -> np.ndarray:
    with np.errstate(over="ignore"):
        h = (values ^ np.uint64(salt * 0x100000001B3)) * _MIX
    return ((h >> np.uint64(29)) % np.uint64(dim)).astype(np.int64)


def char_ngram_ids(text: str, orders=CHAR_ORDERS, dim: int = DIM) -> np.ndarray:
    """Hashed ids of every character n-gram (with spaces and padding at the ends), vectorized in numpy."""
    codes = np.frombuffer((" " + text + " ").encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    out = []
    with np.errstate(over="ignore"):
        for n in orders:
            if len(codes) < n:
                break
            h = np.zeros(len(codes) - n + 1, dtype=np.uint64)
            for k in range(n):
                h = h * np.uint64(1000003) + codes[k:len(codes) - n + 1 + k]
            out.append(_mix(h, n, dim))
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)


def word_ngram_ids(text: str, dim: int = DIM) -> np.ndarray:
    """Hashed ids of lower-cased word (and punctuation) unigrams and bigrams."""
    tokens = TOKEN.findall(text.lower())
    if not tokens:
        return np.zeros(0, dtype=np.int64)
    codes = np.array([zlib.crc32(t.encode("utf-8")) for t in tokens], dtype=np.uint64)
    ids = [_mix(codes, 11, dim)]
    if len(codes) > 1:
        with np.errstate(over="ignore"):
            ids.append(_mix(codes[:-1] * np.uint64(2654435761) + codes[1:], 12, dim))
    return np.concatenate(ids)


def tf_vector(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sparse (index, value) with sublinear term frequency, L2-normalized: long and short texts compare."""
    if len(ids) == 0:
        return ids, np.zeros(0, dtype=np.float32)
    index, counts = np.unique(ids, return_counts=True)
    values = 1.0 + np.log(counts)
    values /= np.sqrt((values ** 2).sum())
    return index, values.astype(np.float32)


def shape(text: str) -> str:
    """The text's typography with the words blanked: letters as a/A, digits as 0, punctuation and spaces kept."""
    out = []
    for char in text:
        if char.isalpha():
            out.append("A" if char.isupper() else "a")
        elif char.isdigit():
            out.append("0")
        else:
            out.append(char)
    # runs of lower-case letters say nothing about style beyond word length; squeeze them
    return re.sub(r"a{3,}", "aaa", "".join(out))


def shape_ngram_ids(text: str, dim: int = DIM) -> np.ndarray:
    return char_ngram_ids(shape(text), orders=(1, 2, 3, 4, 5), dim=dim)
