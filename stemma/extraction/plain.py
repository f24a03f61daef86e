"""Extract plain-text pages: story paragraphs, with credits, captions, bios and link blocks typed as boilerplate.

Plain text has no markup, so the typing comes from the lines themselves and their neighbours:
a caption is the line beside a photo credit, a related block is the short headline-like lines
under a "More Stories" header, a bio is a run of tiny fragments near the end.
"""
from __future__ import annotations

from stemma.extraction import Extracted
from stemma.extraction import boilerplate as bp
from stemma.extraction.decode import decode
from stemma.extraction.guard import ExtractError, check_bytes
from stemma.model import Boilerplate, Page

MAX_CAPTION_WORDS = 60
MAX_HEADLINE_WORDS = 30
MAX_RELATED_LINES = 20
MAX_TEXT_CHARS = 1_000_000
MAX_LINES = 4000


def is_caption_like(line: str) -> bool:
    n = len(bp.words(line))
    return 3 <= n <= MAX_CAPTION_WORDS and len(line) <= 450 and bp.sentence_count(line) <= 2


def is_headline_like(line: str) -> bool:
    """Headlines do not end with a full stop; story sentences under a misplaced header do."""
    n = len(bp.words(line))
    return 0 < n <= MAX_HEADLINE_WORDS and not bp.SENTENCE_END.search(line)


def is_dateline(lines: list[str], i: int) -> bool:
    """'CNN —' / 'ЦНН' + '—' at the very top: an outlet attribution, not a paragraph of the story."""
    if i > 1:
        return False
    line = lines[i].strip()
    n = len(bp.words(line))
    if not 0 < n <= 3 or bp.SENTENCE_END.search(line):
        return False
    nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
    return line.endswith(("—", "–", " -")) or (nxt != "" and not bp.WORD.search(nxt))


def type_lines(lines: list[str], neighbour_captions: bool = True) -> list[str | None]:
    """A boilerplate kind (or None for story text) for every line, using each line's neighbours.
    neighbour_captions: take the line beside a photo credit for its caption (plain text has no other clue)."""
    kinds: list[str | None] = [bp.line_kind(line) for line in lines]
    count = len(lines)
    for i, line in enumerate(lines):
        if not bp.WORD.search(line):
            kinds[i] = "separator"
        elif kinds[i] is None and is_dateline(lines, i):
            kinds[i] = "dateline"
    # related block: a header, then the headline-like lines under it
    for i in range(count):
        if kinds[i] == "related_links" and bp.is_related_header(lines[i]):
            j = i + 1
            while j < count and j - i <= MAX_RELATED_LINES and kinds[j] in (None, "related_links", "separator") \
                    and is_headline_like(lines[j]):
                if kinds[j] is None:
                    kinds[j] = "related_links"
                j += 1
    # caption: the untyped line beside a photo credit (after it when that fits, else before it)
    for i in range(count if neighbour_captions else 0):
        if kinds[i] != "photo_credit":
            continue
        for j in (i + 1, i - 1):
            if 0 <= j < count and kinds[j] is None and is_caption_like(lines[j]):
                kinds[j] = "photo_caption"
                break
    # author bio: anywhere for the fragment-run shape, else only in the tail of the text
    tail = max(3, int(count * 0.7))
    for i, line in enumerate(lines):
        if kinds[i] is None and (bp.is_bio_shape(line) and i >= 2 or i >= tail and bp.is_author_bio(line)):
            kinds[i] = "author_bio"
    return kinds


def split_typed(lines: list[str]) -> tuple[list[str], list[Boilerplate]]:
    """Story paragraphs and the typed boilerplate, each item at the index of the paragraph after it."""
    paragraphs: list[str] = []
    items: list[Boilerplate] = []
    for line, kind in zip(lines, type_lines(lines)):
        if kind is None:
            paragraphs.append(line)
        elif kind != "separator":
            items.append(Boilerplate(kind=kind, text=line, position=len(paragraphs)))
    return paragraphs, items


def extract_plain(page: Page) -> Extracted:
    try:
        check_bytes(page.content)
    except ExtractError as err:
        return Extracted(error=str(err))
    # a story is far shorter than these caps; past them the text is cut so typing stays bounded in time
    text = decode(page.content)[:MAX_TEXT_CHARS]
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line][:MAX_LINES]
    if not lines:
        return Extracted(title=page.title or "", error="empty page")
    paragraphs, items = split_typed(lines)
    return Extracted(title=page.title or "", paragraphs=paragraphs, boilerplate=items)
