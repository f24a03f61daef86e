"""Page -> main text, metadata and typed boilerplate (the extraction stage)."""
from __future__ import annotations

from dataclasses import dataclass, field

from stemma.extraction.meta import Metadata
from stemma.model import Boilerplate, Page


@dataclass
class Extracted(Metadata):
    """What extraction found in one page, before any language processing: its metadata, text and boilerplate."""

    paragraphs: list[str] = field(default_factory=list)
    boilerplate: list[Boilerplate] = field(default_factory=list)
    error: str | None = None  # one line: why this page gave nothing (binary, too large, ...)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


def extract(page: Page | bytes | str, url: str | None = None) -> Extracted:
    """Extract one page: HTML (bytes in any encoding, or str) or plain text."""
    from stemma.extraction.html import extract_html
    from stemma.extraction.plain import extract_plain

    if not isinstance(page, Page):
        page = Page(url=url or "", content=page)
    elif url and not page.url:
        page.url = url
    try:
        if page.kind == "text":
            return extract_plain(page)
        return extract_html(page)
    except RecursionError:
        return Extracted(error="page nested too deeply to parse")
    except MemoryError:
        return Extracted(error="page too large to parse")
