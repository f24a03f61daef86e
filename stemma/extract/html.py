"""Extract an HTML page with trafilatura: main text as paragraphs plus metadata."""
from __future__ import annotations

import trafilatura

from stemma.extract import Extracted
from stemma.extract.decode import decode
from stemma.model import Page


def extract_html(page: Page) -> Extracted:
    html = decode(page.content, page.headers.get("content-type"))
    doc = trafilatura.bare_extraction(html, url=page.url or None, include_comments=False,
                                      with_metadata=True, include_tables=False)
    if doc is None:
        return Extracted()
    paragraphs = [line.strip() for line in (doc.text or "").split("\n") if line.strip()]
    return Extracted(
        title=doc.title or "",
        paragraphs=paragraphs,
        published_at=doc.date,
        authors=[a.strip() for a in (doc.author or "").split(";") if a.strip()],
        site_name=doc.sitename or "",
        canonical_url=doc.url if doc.url and doc.url != page.url else None,
        declared_lang=doc.language,
    )
