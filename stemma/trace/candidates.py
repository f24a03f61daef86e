"""Candidate generation from indexes that cost microseconds: LSH buckets, shared anchors, nearest document vectors."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from stemma.model import Article
from stemma.store import Store
from stemma.store.db import fingerprint

ANCHOR_POOL = 50
# A story indexed in many versions (copies, translations: NTREX has 128 languages) fills the nearest vectors with
# them; the pool must reach past them to its original (rank 79 of a query's nearest, in the scratch run at
# tracer.CANDIDATES). The articles in it are also scored by anchors (Store.anchor_candidates' `among`).
VECTOR_POOL = 256
MIN_SHARED_BANDS = 2
# Verification embeds every sentence of a candidate (the encoder is the scarce resource), so weak candidates are
# dropped first. Language-centered lead vectors on WMT dev (bench/results/language_centering_dev.md): a translation
# and its source have cosine 0.41 / 0.62 / 0.81 (5th / 50th / 95th percentile), the nearest unrelated page 0.24 / 0.35 /
# 0.55.
VECTOR_BASE = 0.3  # a cosine below this adds nothing
VECTOR_SCALE = 5.0  # a median translation-source cosine is worth about one strong anchor match
# Candidates above FIRM_PRIORITY are verified as usual. Between MIN_PRIORITY and it, a candidate is verified too but
# is a derivation only if nearly all of both texts align (relate.relation_kind's `weak`): on WMT train and dev, 6 of
# 153 sources had a cosine of 0.36-0.42 and no shared anchor, so priority 0.29-0.58; each aligned 93-100 % of both
# sides. Verified with no such condition, documents proposed this weakly were claimed at 50-88 % alignment.
MIN_PRIORITY = 0.2
FIRM_PRIORITY = 0.6
# anchor_score is the store's cosine-like fingerprint score (Store.anchor_candidates). Within one WMT dev pair (sources
# indexed, references as queries) a source scores 0.72 / 1.91 / 3.06 (50th / 75th / 95th percentile) and the best
# unrelated article 0.08 / 0.17 / 0.48; with this unit a source weighs in priority what it did under the earlier
# unnormalized score and its unit of 20 (median 0.24 vs 0.17, 75th percentile 0.64 vs 0.65). Candidate recall,
# 136 MT outputs of WMT dev against an index of every dev source and human reference (bench wmt_tracing's pages):
# the source among the first 8 candidates for 0.971 (unit 1.5: 0.963, 6: 0.949; the anchor-only index: 0.926).
ANCHOR_UNIT = 3.0
# No floor relative to the best candidate: the same-language versions of a story always lead (MinHash bands, closer
# vectors), and a relative floor dropped the original in another language for 8 of 51 WMT dev translations.


@dataclass
class Candidate:
    n: int
    reasons: list[str] = field(default_factory=list)
    lsh_bands: int = 0
    anchor_score: float = 0.0
    vector_similarity: float = 0.0
    version_similarity: float = 0.0  # cosine with a version of the query found by verification (tracer.Tracer.trace)
    lang: str = ""  # set when candidates are lined up for verification

    @property
    def priority(self) -> float:
        """Rank for verification: near-duplicates first, then agreement of the two cross-language signals. A document
        close to a verified version of the query counts as close to the query itself."""
        return (self.lsh_bands / 8 + min(self.anchor_score / ANCHOR_UNIT, 1.5)
                + max(max(self.vector_similarity, self.version_similarity) - VECTOR_BASE, 0) * VECTOR_SCALE)


def find_candidates(query: Article, vector: np.ndarray | None, store: Store, limit: int) -> list[Candidate]:
    """Every article a signal proposes is scored by all of them: outside one signal's pool is not the same as absent.
    In a crowded index the source of a translation can fall out of the anchor pool behind articles with fewer,
    heavier keys while its vector is the nearest; scored by one signal only, it then ranked behind them."""
    near = store.vectors.nearest(vector, VECTOR_POOL) if vector is not None else {}
    anchors = store.anchor_candidates(fingerprint(query), ANCHOR_POOL, among=near)
    if vector is not None:
        near.update(store.vector_similarities(vector, set(anchors) - set(near)))
    return combine(store.lsh_candidates(query.minhash), anchors, near, store.number_of(query.id), limit)


def combine(lsh: dict[int, int], anchors: dict[int, float], near: dict[int, float], own: int | None,
            limit: int) -> list[Candidate]:
    """One Candidate per article proposed by any signal, ranked by priority; the weak ones and the query itself dropped."""
    found: dict[int, Candidate] = {}

    def candidate(n: int) -> Candidate:
        return found.setdefault(n, Candidate(n))

    for n, bands in lsh.items():
        if bands >= MIN_SHARED_BANDS:
            candidate(n).lsh_bands = bands
            candidate(n).reasons.append(f"near-duplicate text: {bands} of 32 MinHash bands shared")
    for n, score in anchors.items():
        candidate(n).anchor_score = score
        candidate(n).reasons.append(f"shared anchors (weight {score:.1f})")
    for n, similarity in near.items():
        candidate(n).vector_similarity = similarity
        if similarity > VECTOR_BASE:
            candidate(n).reasons.append(f"close document vector (cosine {similarity:.2f})")
    found.pop(own, None)
    ranked = sorted(found.values(), key=lambda c: -c.priority)
    return [c for c in ranked if c.priority >= MIN_PRIORITY][:limit]
