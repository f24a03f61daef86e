"""analyze: the one pure function Page -> Article; the only place where a page is understood."""
from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from stemma.extraction import Extracted, extract
from stemma.model import Article, Page
from stemma.signatures import minhash
from stemma.text.anchors import find_anchors
from stemma.text.language import detect, language_code
from stemma.text.segment import split_sentences


def page_id(url: str, content: bytes | str) -> str:
    """Re-ingesting the same page at the same URL gives the same id: ingest is idempotent."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.sha256(url.encode("utf-8") + b"\0" + data).hexdigest()[:20]


def site_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def analyze(page: Page) -> Article:
    """The page's article; an empty one for a page with nothing to read (extract() says why)."""
    return article_of(page, extract(page))


def article_of(page: Page, extracted: Extracted) -> Article:
    url = extracted.canonical_url or page.url
    text = extracted.text
    language = detect(text)
    lang = language_code(page.lang or "") or language.lang  # the page's own word before the guess
    sentences: list[str] = []
    paragraph_of: list[int] = []
    for number, paragraph in enumerate(extracted.paragraphs):
        for sentence in split_sentences(paragraph, lang):
            sentences.append(sentence)
            paragraph_of.append(number)
    return Article(
        id=page_id(page.url, page.content),
        url=url,
        site=site_of(url) or site_of(page.url),
        title=page.title or extracted.title,
        author=", ".join(extracted.authors),
        published_at=page.published_at or extracted.published_at,
        lang=lang,
        script=language.script,
        text=text,
        sentences=sentences,
        paragraph_of=paragraph_of,
        boilerplate=extracted.boilerplate,
        anchors=find_anchors(sentences, lang),
        minhash=minhash(text, lang),
    )
