"""Trace one analyzed article against the index: candidates, alignment, relation, report."""
from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import accumulate

import numpy as np

from stemma.embed import embed_texts
from stemma.model import DERIVED_KINDS, AlignedPair, Article, Relation, Report
from stemma.signatures import document_vector
from stemma.store import Store
from stemma.trace.candidates import FIRM_PRIORITY, MIN_PRIORITY, VECTOR_BASE, VECTOR_SCALE, Candidate, find_candidates
from stemma.trace.relate import (AGREEMENT_BONUS, agreement, comparable_vectors, direction, drift, lexical_vectors,
                                  links_through, aware_time, names_outlet, one_language, rank, relation_kind, same_part,
                                  same_story, sentence_links, statements_alike)

VERIFY = 8  # candidates that get sentence alignment: the encoder is the scarce resource
# ... unless every one verified so far is a version of the query: a story published in many languages (NTREX has 128)
# would otherwise fill the budget with its translations in the languages closest to the query's, and its original,
# in a language further away, would go unverified. Verification then goes on down the candidates, to this many: a
# story in more languages than NTREX's has each of them verified (PER_LANGUAGE bounds the versions of one language).
MAX_VERIFY = 20 * VERIFY
# Candidates ranked before they are lined up by language (see diverse). Cut at MAX_VERIFY instead, a story's versions
# took every place: 20 WMT23 train documents with all 75 system outputs of their 6 languages indexed (scratch run),
# a held-out output of each language found its English source as the first relation in English for 70 of 120
# queries: the source ranked 32nd to 61st among the candidates. With the versions lined up by language, 120 of 120.
CANDIDATES = 256
# ... and one candidate among them that is no version does not end it: WMT's support chats paste the same instructions
# into many documents, whose versions then fill the first rounds alongside the query's own; one look-alike verified
# left the original unverified behind them (WMT train en-uk, 7 of 8 verified were versions).
STRAYS = 1
PER_LANGUAGE = 2
COPIES_BAND = 0.9  # of the best candidate's priority in its language: near-equal, as a story's copies are
MAX_COPIES_BAND = 64  # looked at for the outlet the query names: ~2 ms a site
# A version of the query found by verification proposes its own nearest documents: a machine translation can be far
# from its original in vector space (WMT train: a Japanese social-media post at cosine 0.25 to its English source, out
# of every candidate pool) while a human translation of it in a third language is close to both (0.50). A neighbour is
# proposed only as firmly as its cosine with the version makes it (candidates.Candidate.priority), so a weak one is
# still held to a near-complete alignment.
EXPANDED_VERSIONS = 3  # versions per trace that propose their neighbours: each costs one vector search
VERSION_NEIGHBOURS = 8  # nearest documents of each
MAX_SENTENCES = 80  # longer articles are aligned on their first sentences ...
# ... unless the page is no longer than that and its facts lie further on in the article: a page that copies or
# translates a later part of a long one (a live blog's entry, the second half of a report) is compared with the
# MAX_SENTENCES sentences of the article that hold the most of its figures, dates and names, when those hold this
# many more than the first ones.
WINDOW_LEAD = 3
# A candidate the query does not align with is tried again through the query's first versions (see docs/design.md).
# On WMT train the English machine translation of a Japanese chat linked none of its sentences to the source: one of
# its lines ('Write "From ○○".') is closer to every source sentence than most are to their own translations. It is a
# rewrite of the human English translation, which aligns with the source; joined through that, its sentence pairs are
# translations. The version's sentence vectors are at hand, so this costs alignments, not encoder time.
PIVOTS = 3
PIVOT_KINDS = ("copy", "rewrite", "translation")  # an excerpt holds too little of the query to stand in for it
# Where the PER_LANGUAGE candidates verified in a language are all versions of the page, that language's next
# candidates are verified too while they are: this many more at most (see Tracer.more_versions).
MORE_VERSIONS = 16
# Near-duplicates of the page (proposed by MinHash LSH) that the per-language budget left unverified are compared by
# their characters, which costs no encoder time: a newsroom's story copied by twelve sites in its language has all
# twelve found, not the first few. At most this many.
MORE_COPIES = 64


def sentence_vectors(article: Article) -> np.ndarray:
    return embed_texts(article.sentences[:MAX_SENTENCES], article.lang)


def told_part(query: Article, article: Article) -> int:
    """The first of the MAX_SENTENCES sentences of a long article to compare with the query: those around the stretch
    of the query's length that holds the most of its anchors, when they hold WINDOW_LEAD more than the article's first
    ones and the query is short enough to be compared whole; else 0."""
    if len(article.sentences) <= MAX_SENTENCES or len(query.sentences) > MAX_SENTENCES:
        return 0
    keys = {anchor.key for anchor in query.anchors}
    hits = [0] * len(article.sentences)
    for anchor in article.anchors:
        if 0 <= anchor.sentence < len(hits) and anchor.key in keys:
            hits[anchor.sentence] += 1
    held = list(accumulate(hits, initial=0))  # held[b] - held[a]: the hits of sentences a to b - 1
    width = max(len(query.sentences), 1)
    dense = max(range(len(hits) - width + 1), key=lambda at: (held[at + width] - held[at], -at))
    start = min(max(dense - (MAX_SENTENCES - width) // 2, 0), len(hits) - MAX_SENTENCES)
    return start if held[start + MAX_SENTENCES] - held[start] >= held[MAX_SENTENCES] + WINDOW_LEAD else 0


def part_of(article: Article, start: int) -> Article:
    """The article's MAX_SENTENCES sentences from `start` on, as an article of their own: what the relation aligns and
    counts coverage of (its sentence numbers count from `start`; the relation reports them in the whole article)."""
    end = start + MAX_SENTENCES
    anchors = [replace(a, sentence=a.sentence - start) for a in article.anchors if start <= a.sentence < end]
    return replace(article, sentences=article.sentences[start:end], paragraph_of=article.paragraph_of[start:end],
                   anchors=anchors)


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

    def columns(self, numbers: list[int], names: str) -> dict[int, tuple]:
        """Article number -> the stored `names` (columns of the articles table, comma-separated)."""
        # a few hundred candidates at most: well under SQLite's limit of bound values
        rows = self.store.db.execute(f"SELECT n, {names} FROM articles WHERE n IN ({','.join('?' * len(numbers))})",
                                     numbers) if numbers else []
        return {row[0]: row[1:] for row in rows}

    def languages(self, numbers: list[int]) -> dict[int, str]:
        return {n: lang for n, (lang,) in self.columns(numbers, "lang").items()}

    def diverse(self, candidates: list, query: Article | None = None) -> list:
        """Candidates in the order they are verified, up to PER_LANGUAGE of each language, the best of each language
        first: a widely translated story has many versions, and its original must not be crowded out of verification
        by its own translations. Within a language, the query's original goes first among its copies (see
        originals_first)."""
        langs = self.languages([c.n for c in candidates])
        rounds: dict[str, list] = {}
        for candidate in candidates:
            candidate.lang = langs.get(candidate.n, "")
            rounds.setdefault(candidate.lang, []).append(candidate)
        if query is not None:
            rounds = {lang: self.originals_first(group, query) for lang, group in rounds.items()}
        chosen = []
        for depth in range(PER_LANGUAGE):
            chosen += [group[depth] for group in rounds.values() if len(group) > depth]
        return chosen[:MAX_VERIFY]

    def originals_first(self, group: list, query: Article) -> list:
        """One language's candidates with those of about the best's priority (COPIES_BAND: a story's copies are
        near-equal candidates) reordered: first any whose outlet the query names, then the earliest published. Only
        PER_LANGUAGE of a language are verified, and a wire story republished by thirty sites left its original out:
        the content-farm page of the demo, with thirty English republications indexed, was traced to two of them."""
        band = [c for c in group[:MAX_COPIES_BAND] if c.priority >= COPIES_BAND * group[0].priority]
        if len(band) <= PER_LANGUAGE:
            return group
        stored = self.columns([c.n for c in band], "site, published_at")
        site = {n: s or "" for n, (s, _) in stored.items()}
        published = {n: aware_time(t) for n, (_, t) in stored.items()}
        named = {s for s in set(site.values()) if s and s != query.site and names_outlet(query, s)}

        def order(candidate) -> tuple:
            at = published.get(candidate.n)
            return site.get(candidate.n) not in named, at is None, at.timestamp() if at is not None else 0.0

        return sorted(band, key=order) + group[len(band):]

    def propose_neighbours(self, version: int, url: str, query_vector: np.ndarray | None, candidates: list,
                           start: int, seen: set, found_langs: set[str]) -> None:
        """Let a verified version of the query vouch for its nearest documents. A waiting candidate among them
        (candidates[start:]) is proposed as firmly as its cosine with the version makes it. It, or one not yet proposed,
        is lined up by that priority if it is in a language where no version has been found and it outranks every firm
        candidate waiting in its language: the version is there to reach the originals the candidate stage
        missed or ranked low, not to fill the budget with look-alikes of itself (WMT's support chats paste the same
        instructions into many documents). WMT train, en-ja (80 queries): an English source at cosine 0.66 to a
        Czech version waited behind an English look-alike proposed by the query; once it may outrank such a
        candidate, recall 0.875 -> 0.888."""
        vector = self.store.document_vector(version)
        if vector is None:
            return
        near = self.store.vectors.nearest(vector, VERSION_NEIGHBOURS + 1)
        def reason(similarity: float) -> str:
            return f"close to a version of the page, {url} (cosine {similarity:.2f})"

        waiting = candidates[start:]
        raised = []
        for candidate in waiting:
            similarity = near.get(candidate.n, 0.0)
            before = candidate.priority
            candidate.version_similarity = max(candidate.version_similarity, similarity)
            if candidate.priority > before:
                candidate.reasons.append(reason(similarity))
                raised.append(candidate)
        firmest: dict[str, float] = {}  # per language, the priority of its firmest waiting candidate
        for candidate in waiting:
            if candidate.priority >= FIRM_PRIORITY:
                firmest[candidate.lang] = max(firmest.get(candidate.lang, 0.0), candidate.priority)
        # Left in its place, a waiting candidate the version vouches for waited behind the round of each language's
        # best: WMT dev en-ja, an English chat's source, proposed weakly by the query, stayed unverified behind a
        # look-alike chat while four of its translations were found (scratch, dev 10 documents per pair: recall
        # 0.965 -> 0.971; train 14 documents, seed 23: unchanged)
        moved = {id(c) for c in raised if c.lang not in found_langs and c.priority >= firmest.get(c.lang, 0.0)}
        waiting = [c for c in waiting if id(c) not in moved]
        new = [n for n in near if n not in seen and (near[n] - VECTOR_BASE) * VECTOR_SCALE >= MIN_PRIORITY]
        langs = self.languages(new)
        to_query = self.store.vector_similarities(query_vector, new) if query_vector is not None and new else {}
        proposed: list[Candidate] = [c for c in raised if id(c) in moved]
        for n in sorted(new, key=lambda n: -near[n]):
            lang = langs.get(n, "")
            candidate = Candidate(n, [reason(near[n])], vector_similarity=to_query.get(n, 0.0),
                                  version_similarity=near[n], lang=lang)
            if (lang not in found_langs and candidate.priority > firmest.get(lang, 0.0)
                    and sum(c.lang == lang for c in proposed) < PER_LANGUAGE):
                proposed.append(candidate)
                seen.add(n)
        proposed.sort(key=lambda c: -c.priority)
        line = []  # each one lined up goes in before the first waiting candidate it outranks
        for candidate in waiting:
            while proposed and proposed[0].priority > candidate.priority:
                line.append(proposed.pop(0))
            line.append(candidate)
        candidates[start:] = line + proposed

    def trace(self, query: Article, exclude: frozenset[int] = frozenset()) -> Report:
        """The query's relations in the index; `exclude` hides articles as if they were not indexed (benchmarks)."""
        vector = self.store.adjusted(document_vector(query), query.lang) if query.sentences else None
        candidates = find_candidates(query, vector, self.store, CANDIDATES + len(exclude)) if query.sentences else []
        pool = [c for c in candidates if c.n not in exclude]
        candidates = self.diverse(pool, query)
        relations: list[Relation] = []
        own = self.store.number_of(query.id)
        if not candidates:
            query_vectors = None
        elif own is not None:  # an indexed page: its sentence vectors may be cached already
            query_vectors = self.stored_sentence_vectors(own, query)
        else:
            query_vectors = sentence_vectors(query)
        versions = expanded = 0
        seen = {c.n for c in candidates} | set(exclude) | {own}
        found_langs: set[str] = set()  # languages of the versions found
        pivots: list[tuple[Article, np.ndarray, list]] = []  # versions found directly, with their links (see PIVOTS)
        unvouched: list[Verified] = []
        tried: dict[int, str | None] = {}  # candidates verified -> the kind of relation found
        for verified, candidate in enumerate(candidates):  # grows as versions propose their neighbours
            if verified >= VERIFY and versions < verified - STRAYS or verified >= MAX_VERIFY:
                break
            tried[candidate.n] = None
            verified_one = self.verify(query, query_vectors, candidate, pivots)
            if verified_one is None:
                continue
            checked, found, links, through = verified_one
            if through is None and found[0] in (None, "same_story"):
                unvouched.append(checked)
            relation = related(query, checked, found, links, through)
            if relation is None:
                continue
            relations.append(relation)
            tried[candidate.n] = relation.kind
            if relation.kind == "same_story":
                continue
            versions += 1
            found_langs.add(checked.article.lang)
            if relation.kind in PIVOT_KINDS and through is None and len(pivots) < PIVOTS:
                pivots.append((checked.article, checked.article_vectors, links))
            if expanded < EXPANDED_VERSIONS:
                expanded += 1
                self.propose_neighbours(candidate.n, checked.article.url, vector, candidates, verified + 1, seen,
                                        found_langs)
        # A candidate verified before a version was found is tried through the versions found after it: the order of
        # verification must not decide (WMT train: a Chinese chat's English source was verified before the human
        # Chinese translation that copies the query and translates the source).
        for checked in unvouched:
            vouched = through_versions(query, checked, pivots[checked.pivots_tried:])
            if vouched:
                relations = [r for r in relations if r.article.id != checked.article.id]  # taken for the same story
                relations.append(related(query, checked, *vouched))
                tried[checked.candidate.n] = vouched[0][0]
        relations += self.more_versions(query, query_vectors, pool, tried, pivots)
        relations += self.copies_left(query, [c for c in pool if c.lsh_bands and c.n not in tried])
        self.store.commit()  # keep the sentence vectors computed for candidates
        return judged(Report(query=query, relations=rank(relations)))

    def verify(self, query: Article, query_vectors: np.ndarray, candidate: Candidate,
               pivots: list) -> tuple[Verified, tuple, list, Article | None] | None:
        """Align a candidate with the query: (what was compared, relation_kind's answer, the links it was given, the
        version of the query that vouches for it or None), or None for an article with no text."""
        article = self.store.article(candidate.n)
        if article is None or not article.sentences:
            return None
        whole, start = article, told_part(query, article)
        if start:
            candidate.reasons.append(f"compared by its sentences {start + 1}-{start + MAX_SENTENCES} of "
                                     f"{len(article.sentences)}, which hold the most of the page's figures and names")
            article = part_of(article, start)
            article_vectors = sentence_vectors(article)
        else:
            article_vectors = self.stored_sentence_vectors(candidate.n, article)
        compared_query, compared_article, langs = comparable_vectors(query, article, query_vectors, article_vectors)
        links = sentence_links(compared_query, compared_article, langs=langs)
        checked = Verified(candidate, article, article_vectors, compared_query, compared_article, links, len(pivots),
                           whole, start)
        found = relation_kind(query, article, links, checked.sizes, candidate.vector_similarity,
                              weak=candidate.priority < FIRM_PRIORITY)
        if found[0] in (None, "same_story"):
            vouched = through_versions(query, checked, pivots)
            if vouched:
                return checked, *vouched
        return checked, found, links, None

    def more_versions(self, query: Article, query_vectors: np.ndarray | None, pool: list[Candidate],
                      tried: dict[int, str | None], pivots: list) -> list[Relation]:
        """Versions of the page past PER_LANGUAGE in one language: where the candidates verified in a language were
        PER_LANGUAGE or more and every one a version, the next ones in it are verified while they are (MORE_VERSIONS
        verified in all). Ten sites' machine translations of a story into one language are ten versions; the first
        two were reported. A story with one version in each of many languages (NTREX) is not verified further."""
        found: list[Relation] = []
        budget = MORE_VERSIONS
        for lang in dict.fromkeys(c.lang for c in pool if tried.get(c.n) in DERIVED_KINDS):
            group = [c for c in pool if c.lang == lang]
            kinds = [tried[c.n] for c in group if c.n in tried]
            if len(kinds) < PER_LANGUAGE or any(kind not in DERIVED_KINDS for kind in kinds):
                continue
            for candidate in [c for c in group if c.n not in tried]:
                if budget == 0:
                    return found
                budget -= 1
                tried[candidate.n] = None
                verified_one = self.verify(query, query_vectors, candidate, pivots)
                relation = verified_one and related(query, verified_one[0], *verified_one[1:])
                if not relation or relation.kind not in DERIVED_KINDS:
                    break
                tried[candidate.n] = relation.kind
                found.append(relation)
        return found

    def copies_left(self, query: Article, waiting: list[Candidate]) -> list[Relation]:
        """The relations of near-duplicates of the page left unverified (see MORE_COPIES), aligned by their characters:
        only near-identical sentences link so, and only copies and excerpts are claimed (no rewording is seen)."""
        if not waiting:
            return []
        query_vectors = lexical_vectors(query.sentences[:MAX_SENTENCES], query.lang)
        found = []
        for candidate in waiting[:MORE_COPIES]:
            article = self.store.article(candidate.n)
            if article is None or not article.sentences:
                continue
            article_vectors = lexical_vectors(article.sentences[:MAX_SENTENCES], article.lang)
            compared_query, compared_article = same_part(query.sentences, query_vectors, article.sentences,
                                                         article_vectors)
            links = sentence_links(compared_query, compared_article)
            checked = Verified(candidate, article, article_vectors, compared_query, compared_article, links, 0)
            kind = relation_kind(query, article, links, checked.sizes, candidate.vector_similarity)
            if kind[0] in ("copy", "excerpt"):
                found.append(related(query, checked, kind, links, None))
        return found


@dataclass
class Verified:
    """A candidate as verification left it: its sentence vectors and the query's links to it, and how many of the
    query's versions it was tried through."""
    candidate: Candidate
    article: Article
    article_vectors: np.ndarray
    compared_query: np.ndarray
    compared_article: np.ndarray
    links: list
    pivots_tried: int
    whole: Article | None = None  # the article, when `article` is its part from sentence `start` on (see part_of)
    start: int = 0

    @property
    def sizes(self) -> tuple[int, int]:
        return len(self.compared_query), len(self.compared_article)


def related(query: Article, checked: Verified, found: tuple, links: list, through: Article | None) -> Relation | None:
    """The relation relation_kind `found` for a verified candidate, with its evidence; for no kind, the same story
    when enough statements are alike in any order, else None."""
    article = checked.article
    kind, score, cov_q, cov_a, story_evidence = found
    paired = [f"{len(links)} aligned sentence pairs"]
    if kind is None:
        alike = statements_alike(checked.compared_query, checked.compared_article,
                                 one_language(query.lang, article.lang))
        story = (same_story(query, article, alike, checked.sizes, checked.candidate.vector_similarity)
                 if len(alike) > len(links) else None)
        if story is None:
            return None
        # in any order, not aligned: the story's evidence counts them as the things both state
        (kind, score, cov_q, cov_a, story_evidence), links, paired = story, alike, []
    derived = kind != "same_story"
    way, evidence = direction(query, article, kind) if derived else ("unknown", [])
    if through is not None:
        evidence = [f"vouched for by {through.url}, a version of the page that is also one of this article", *evidence]
    agreeing, anchors = agreement(query, article, links) if derived else (0.0, [])
    if anchors:
        score = round(min(1.0, score + AGREEMENT_BONUS * agreeing), 3)
        evidence = [f"{agreeing:.0%} of aligned pairs agree on figures or names: {', '.join(anchors[:6])}"] + evidence
    drifted = drift(query, article, links, derived)
    if checked.start:  # numbered in the whole article, which the report shows
        links = [AlignedPair(p.query, [j + checked.start for j in p.article], p.similarity) for p in links]
        drifted = [replace(d, article_sentence=d.article_sentence + checked.start) if d.article_sentence is not None
                   else d for d in drifted]
        article = checked.whole
    return Relation(article=article, kind=kind, direction=way, score=score,
                    coverage_query=round(cov_q, 3), coverage_article=round(cov_a, 3),
                    alignment=links if derived or cov_q > 0 else [], drift=drifted,
                    evidence=checked.candidate.reasons + paired + story_evidence + evidence)


def through_versions(query: Article, checked: Verified, pivots: list) -> tuple | None:
    """(relation_kind's answer, the links it was given, the version) for a candidate that a version of the query
    vouches for (see PIVOTS), or None. Vouched for, the candidate is no longer weak: the query's own links to it are
    tried first, then the links through the version."""
    for version, version_vectors, to_version in pivots:
        onward = version_links(version, version_vectors, checked.article, checked.article_vectors)
        if not onward:
            continue
        for tried in (checked.links,
                      links_through(to_version, onward, checked.compared_query, checked.compared_article)):
            found = relation_kind(query, checked.article, tried, checked.sizes, checked.candidate.vector_similarity)
            if found[0] not in (None, "same_story"):
                return found, tried, version
    return None


def version_links(version: Article, version_vectors: np.ndarray, article: Article, article_vectors: np.ndarray) -> list:
    """A version of the query's links to an article (see PIVOTS), or [] when it is no copy, rewrite or translation of
    it."""
    compared_version, compared_article, langs = comparable_vectors(version, article, version_vectors, article_vectors)
    links = sentence_links(compared_version, compared_article, langs=langs)
    sizes = (len(version_vectors), len(article_vectors))
    return links if relation_kind(version, article, links, sizes, 0.0)[0] in PIVOT_KINDS else []


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
