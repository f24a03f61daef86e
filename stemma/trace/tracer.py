"""Trace one analyzed article against the index: candidates, alignment, relation, report."""
from __future__ import annotations

import numpy as np

from stemma.embed import embed_texts
from stemma.model import Article, Relation, Report
from stemma.signatures import document_vector
from stemma.store import Store
from stemma.trace.candidates import FIRM_PRIORITY, find_candidates
from stemma.trace.relate import (AGREEMENT_BONUS, agreement, direction, drift, rank, relation_kind,
                                  sentence_links)

VERIFY = 8  # candidates that get sentence alignment: the encoder is the scarce resource
# ... unless every one verified so far is a version of the query: a story published in many languages (NTREX has 128)
# would otherwise fill the budget with its translations in the languages closest to the query's, and its original,
# in a language further away, would go unverified. Verification then goes on down the candidates, to this many.
MAX_VERIFY = 4 * VERIFY
PER_LANGUAGE = 2
MAX_SENTENCES = 80  # longer articles are aligned on their first sentences


def sentence_vectors(article: Article) -> np.ndarray:
    return embed_texts(article.sentences[:MAX_SENTENCES], article.lang)


class Tracer:
    """Holds the index open so a batch of pages loads models and files once."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def stored_sentence_vectors(self, n: int, article: Article) -> np.ndarray:
        cached = self.store.sentence_vectors(n)
        if cached is None or len(cached) != min(len(article.sentences), MAX_SENTENCES):
            cached = sentence_vectors(article)
            self.store.cache_sentence_vectors(n, cached)
        return cached

    def diverse(self, candidates: list) -> list:
        """Candidates in the order they are verified, up to PER_LANGUAGE of each language, the best of each language
        first: a widely translated story has many versions, and its original must not be crowded out of verification
        by its own translations."""
        numbers = [c.n for c in candidates]  # tens of candidates: well under SQLite's limit of bound values
        langs = dict(self.store.db.execute(
            f"SELECT n, lang FROM articles WHERE n IN ({','.join('?' * len(numbers))})", numbers)) if numbers else {}
        rounds: dict[str, list] = {}
        for candidate in candidates:
            rounds.setdefault(langs.get(candidate.n, ""), []).append(candidate)
        chosen = []
        for depth in range(PER_LANGUAGE):
            chosen += [group[depth] for group in rounds.values() if len(group) > depth]
        return chosen[:MAX_VERIFY]

    def trace(self, query: Article, exclude: frozenset[int] = frozenset()) -> Report:
        """The query's relations in the index; `exclude` hides articles as if they were not indexed (benchmarks)."""
        vector = document_vector(query) if query.sentences else None
        candidates = find_candidates(query, vector, self.store, MAX_VERIFY + len(exclude)) if query.sentences else []
        candidates = self.diverse([c for c in candidates if c.n not in exclude])
        relations: list[Relation] = []
        own = self.store.number_of(query.id)
        if not candidates:
            query_vectors = None
        elif own is not None:  # an indexed page: its sentence vectors may be cached already
            query_vectors = self.stored_sentence_vectors(own, query)
        else:
            query_vectors = sentence_vectors(query)
        versions = 0
        for verified, candidate in enumerate(candidates):
            if verified >= VERIFY and versions < verified:
                break
            article = self.store.article(candidate.n)
            if article is None or not article.sentences:
                continue
            article_vectors = self.stored_sentence_vectors(candidate.n, article)
            links = sentence_links(query_vectors, article_vectors, langs=(query.lang, article.lang))
            kind, score, cov_q, cov_a, story_evidence = relation_kind(
                query, article, links, (len(query_vectors), len(article_vectors)), candidate.vector_similarity,
                weak=candidate.priority < FIRM_PRIORITY)
            if kind is None:
                continue
            derived = kind != "same_story"
            versions += derived
            way, evidence = direction(query, article, kind) if derived else ("unknown", [])
            agreeing, anchors = agreement(query, article, links) if derived else (0.0, [])
            if anchors:
                score = round(min(1.0, score + AGREEMENT_BONUS * agreeing), 3)
                agreed = f"{agreeing:.0%} of aligned pairs agree on figures or names: {', '.join(anchors[:6])}"
                evidence = [agreed] + evidence
            relations.append(Relation(
                article=article, kind=kind, direction=way, score=score,
                coverage_query=round(cov_q, 3), coverage_article=round(cov_a, 3),
                alignment=links if derived or cov_q > 0 else [],
                drift=drift(query, article, links, derived),
                evidence=candidate.reasons + [f"{len(links)} aligned sentence pairs"] + story_evidence + evidence))
        self.store.commit()  # keep the sentence vectors computed for candidates
        return judged(Report(query=query, relations=rank(relations)))


def judged(report: Report) -> Report:
    """Add the verdicts about the page itself: machine translation, content farm, and a source hint when no
    original of the page is indexed."""
    from stemma.judge.farm import content_farm_flag
    from stemma.judge.hint import source_hint
    from stemma.judge.mt import machine_translation_flag, mt_likelihood

    query = report.query
    if not query.sentences:
        return report
    mt = mt_likelihood(query)
    report.mt_likelihood = mt.score
    report.flags = [flag for flag in (machine_translation_flag(query, mt), content_farm_flag(query, report.relations))
                    if flag is not None]
    has_original = any(r.kind != "same_story" and r.direction != "article_from_query" for r in report.relations)
    if not has_original:
        report.source_hint = source_hint(query)
    return report
