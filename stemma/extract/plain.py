"""Extract plain-text pages: one paragraph per non-empty line."""
from __future__ import annotations

from stemma.extract import Extracted
from stemma.extract.decode import decode
from stemma.model import Page


def extract_plain(page: Page) -> Extracted:
    text = decode(page.content)
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    return Extracted(title=page.title or "", paragraphs=paragraphs)
