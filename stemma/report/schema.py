"""The report as JSON (schema 1, documented in docs/report-schema.md)."""
from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING

from stemma.model import Article, Report

if TYPE_CHECKING:
    from stemma.extraction import Extracted

SCHEMA = 1


def article_summary(article: Article) -> dict:
    return {"id": article.id, "url": article.url, "site": article.site, "title": article.title,
            "lang": article.lang, "published_at": article.published_at}


def query_dict(article: Article) -> dict:
    return {
        "url": article.url, "site": article.site, "title": article.title, "lang": article.lang,
        "script": article.script, "published_at": article.published_at, "author": article.author,
        "sentences": article.sentences,
        "anchors": [{"kind": a.kind, "text": a.text, "key": a.key, "sentence": a.sentence, "caption": a.caption}
                    for a in article.anchors],
        "boilerplate": [asdict(b) for b in article.boilerplate],
    }


def extract_dict(extracted: Extracted, article: Article) -> dict:
    """`stemma extract --json`: the analyzed article, with what extraction read from the markup besides."""
    return {**query_dict(article), "paragraphs": extracted.paragraphs, "authors": extracted.authors,
            "updated_at": extracted.updated_at, "site_name": extracted.site_name,
            "canonical_url": extracted.canonical_url, "declared_lang": extracted.declared_lang}


def error_dict(source: str, message: str) -> dict:
    """A page that could not be read or analyzed, in its place among the JSON lines of trace and extract."""
    return {"schema": SCHEMA, "source": source, "error": message}


def report_dict(report: Report) -> dict:
    query = query_dict(report.query)
    if report.mt_likelihood is not None:
        query["mt_likelihood"] = round(report.mt_likelihood, 3)
    return {
        "schema": SCHEMA,
        "query": query,
        "relations": [{
            "article": article_summary(r.article),
            "kind": r.kind,
            "direction": r.direction,
            "score": r.score,
            "coverage": {"query": r.coverage_query, "article": r.coverage_article},
            "alignment": [{"query": p.query, "article": p.article, "similarity": round(p.similarity, 3)}
                          for p in r.alignment],
            "drift": [asdict(d) for d in r.drift],
            "evidence": r.evidence,
        } for r in report.relations],
        "flags": [{"kind": f.kind, "score": f.score, "evidence": f.evidence} for f in report.flags],
        "source_hint": report.source_hint,
    }
