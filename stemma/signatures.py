"""Cheap signatures that choose candidates: MinHash over romanized word shingles, and a short document vector."""
from __future__ import annotations

import re

import numpy as np
from rensa import RMinHash

from stemma.model import Article
from stemma.text.romanize import fold, romanize

NUM_PERM = 128
SHINGLE_WORDS = 3
MINHASH_SEED = 1729
LEAD_CHARS = 200  # title + lead: about 50-70 tokens, ~60 ms of encoder time per page
WORD = re.compile(r"\w+")


def shingles(text: str, lang: str) -> list[str]:
    words = WORD.findall(fold(romanize(text, lang)))
    if len(words) < SHINGLE_WORDS:
        return [" ".join(words)] if words else []
    return [" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)]


def minhash(text: str, lang: str) -> list[int]:
    hasher = RMinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)
    hasher.update(shingles(text, lang))
    return [int(v) for v in hasher.digest()]


def minhash_similarity(a: list[int], b: list[int]) -> float:
    if not a or not b:
        return 0.0
    return float(np.mean(np.asarray(a) == np.asarray(b)))


def lead_text(article: Article) -> str:
    """Title and first sentences, cut near LEAD_CHARS: what the document vector encodes."""
    parts = [article.title] if article.title else []
    for sentence in article.sentences:
        if sum(len(p) for p in parts) >= LEAD_CHARS:
            break
        parts.append(sentence)
    return " ".join(parts)[: LEAD_CHARS + LEAD_CHARS // 2]


def document_vectors(articles: list[Article]) -> list[np.ndarray]:
    """Each lead's vector, centered on its language (see embed.language_centered); one encoder call per language."""
    from stemma.embed import embed_texts, language_centered

    vectors: list[np.ndarray | None] = [None] * len(articles)
    by_lang: dict[str, list[int]] = {}
    for i, article in enumerate(articles):
        by_lang.setdefault(article.lang, []).append(i)
    for lang, indexes in by_lang.items():
        embedded = language_centered(embed_texts([lead_text(articles[i]) for i in indexes], lang), lang)
        for i, vector in zip(indexes, embedded):
            vectors[i] = vector
    return vectors


def document_vector(article: Article) -> np.ndarray:
    return document_vectors([article])[0]
