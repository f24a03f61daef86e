"""stemma: trace news articles to their source across languages and sites."""
from __future__ import annotations

__version__ = "0.1.0"


def extract(page, url: str | None = None):
    """The article in one page: HTML bytes in any encoding, an HTML or plain-text str, or a `stemma.model.Page`.

    Returns `stemma.extraction.Extracted`: title, paragraphs, dates, authors, site, canonical URL, declared language
    and typed boilerplate; `error` says in one line why a page gave nothing. Imported on first call, so that
    `import stemma` stays light."""
    from stemma.extraction import extract as extract_page

    return extract_page(page, url)
