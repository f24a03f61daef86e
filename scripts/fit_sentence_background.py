"""Fit the per-language sentence background that tells a specific sentence from a generic one; saves
stemma/models/sentence_background.npz.

    python scripts/fit_sentence_background.py [--corpus ../shared/corpora/wmt] [--split train] [--sentences 4000]

Why: texts of a few sentences have no neighbourhood of their own to measure a margin against, so a pair of
greetings from two different support chats ("Thank you for contacting us") looks as close as a real translation.
How close a sentence is to ordinary sentences of the other language says how generic it is
(the margin of Artetxe & Schwenk, 2019, taken against a fixed background instead of a whole corpus). The
background is k-means centroids of sentences from WMT sources and human references (news, chats, reviews,
social posts), so it stores no sentence of the corpus. Deterministic: seeded sampling and seeded k-means.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stemma.analyze import analyze  # noqa: E402
from stemma.embed import embed_texts  # noqa: E402
from stemma.model import Page  # noqa: E402

from fit_language_means import split_texts  # noqa: E402  (this folder, first on the path of a script)

PER_DOCUMENT = 4  # a few sentences from many documents: every domain shapes it, not only the longest news stories
CENTROIDS = 256
MIN_SENTENCES = 1000  # a language with fewer gets no background: the short-text rule falls back (relate.py)


def sample_sentences(texts: list[str], lang: str, wanted: int, rng: random.Random) -> list[str]:
    rng.shuffle(texts)
    chosen: list[str] = []
    for text in texts:
        sentences = analyze(Page(url="background", content=text, kind="text", lang=lang)).sentences
        chosen += rng.sample(sentences, min(PER_DOCUMENT, len(sentences)))
        if len(chosen) >= wanted:
            break
    return chosen[:wanted]


def kmeans(vectors: np.ndarray, k: int, rounds: int = 25, seed: int = 0) -> np.ndarray:
    """Spherical k-means: unit centroids, assignment by cosine."""
    rng = np.random.default_rng(seed)
    centroids = vectors[rng.choice(len(vectors), k, replace=False)].copy()
    for _ in range(rounds):
        nearest = (vectors @ centroids.T).argmax(axis=1)
        for c in range(k):
            members = vectors[nearest == c]
            if len(members):
                mean = members.mean(axis=0)
                centroids[c] = mean / np.linalg.norm(mean)
    return centroids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "wmt")
    parser.add_argument("--split", default="train", choices=["train", "dev"])
    parser.add_argument("--sentences", type=int, default=4000, help="sampled sentences per language")
    parser.add_argument("--out", type=Path, default=ROOT / "stemma" / "models" / "sentence_background.npz")
    args = parser.parse_args()

    rng = random.Random(7)
    langs, backgrounds = [], []
    for lang, texts in sorted(split_texts(args.corpus, args.split).items()):
        sentences = sample_sentences(texts, lang, args.sentences, rng)
        if len(sentences) < MIN_SENTENCES:
            print(f"{lang}: {len(sentences)} sentences, too few: no background", flush=True)
            continue
        vectors = np.asarray(embed_texts(sentences, lang), dtype=np.float32)  # as tracer.sentence_vectors does
        backgrounds.append(kmeans(vectors, CENTROIDS).astype(np.float16))
        langs.append(lang)
        print(f"{lang}: {len(sentences)} sentences -> {CENTROIDS} centroids", flush=True)
    np.savez_compressed(args.out, langs=np.array(langs), centroids=np.stack(backgrounds))
    print(f"saved {args.out}")


if __name__ == "__main__":
    main()
