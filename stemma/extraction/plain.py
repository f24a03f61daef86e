"""Extract plain-text pages: story paragraphs, with credits, captions, bios and link blocks typed as boilerplate.

Plain text has no markup, so the typing comes from the lines themselves and their neighbours:
a caption is the line beside a photo credit, a related block is the short headline-like lines
under a "More Stories" header, a bio is a run of tiny fragments near the end.
"""
from __future__ import annotations

import re

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


# A text hard-wrapped at a fixed width (an e-mail, a newsletter, a page saved by a text browser) breaks its sentences
# over lines, and every line would be a paragraph: the segmenter never joins across them, so a tracer compared
# fragments ("Port" / "officials said roughly 260,000 tonnes ..."). Such a text is told by how it was wrapped: nearly
# every line that another line follows is long, and the next line's first word would not have fitted on it. Measured
# on every text of ../shared/corpora/wmt (57,427 sources, references and system outputs, one sentence or post a
# line): 1 is taken for hard-wrapped, a garbled system output (with 3 such lines asked for instead of 4: 2). WMT
# news sources rewrapped at 60, 72 and 80 columns (186 documents, paragraphs of three sentences, with and without
# blank lines between them): 84-98 % are told wrapped, and joined, all but 6 of those 1,034 texts give the sentences
# of the unwrapped text (scratch runs).
MIN_WRAP_WIDTH, MAX_WRAP_WIDTH = 40, 100
WRAPPED_SHARE = 0.8  # of the lines another line follows: long and full
OPEN_SHARE = 0.5  # of the same lines: ending inside a sentence, with no closing punctuation
MIN_WRAPPED_JOINTS = 4
CLOSED = re.compile(r"[.!?…:;\"'”’»)\]。！？]$")
WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")  # kana and CJK ideographs: no space where a line is joined


def unwrapped(lines: list[str]) -> list[str]:
    """The paragraphs of a text given as whitespace-squashed lines, blank lines included: the lines that are not
    blank, or, in a hard-wrapped text, each run of lines up to a blank line or a line the next word would have
    fitted on (a paragraph's last), joined."""
    joints = [(line, after) for line, after in zip(lines, lines[1:]) if line and after]
    width = max((len(line) for line, _ in joints), default=0)
    if not hard_wrapped(joints, width):
        return [line for line in lines if line]
    paragraphs: list[str] = []
    current = ""
    for line, after in zip(lines, lines[1:] + [""]):
        if not line:
            continue
        if not current:
            current = line
        elif re.search(r"\w-$", current) or WIDE.match(line) and WIDE.search(current[-1]):
            current += line  # a word broken at its hyphen; or Chinese and Japanese, written without spaces
        else:
            current += " " + line
        if not after or len(line) + 1 + first_word_length(after) <= width:
            paragraphs.append(current)
            current = ""
    return paragraphs


def hard_wrapped(joints: list[tuple[str, str]], width: int) -> bool:
    """Whether lines were broken at `width` (their longest that another line follows) wherever the next word would
    not fit; `joints`: each line with the line after it, both not blank."""
    if len(joints) < MIN_WRAPPED_JOINTS or not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return False
    full = sum(len(line) >= width - 20 and len(line) + 1 + first_word_length(after) > width for line, after in joints)
    open_ended = sum(not CLOSED.search(line) for line, _ in joints)
    return full >= WRAPPED_SHARE * len(joints) and open_ended >= OPEN_SHARE * len(joints)


def first_word_length(line: str) -> int:
    """What the line's first word takes where a wrapper would have put it: Chinese and Japanese break anywhere."""
    word = line.split()[0]
    return 1 if WIDE.match(word) else len(word)


def extract_plain(page: Page) -> Extracted:
    try:
        check_bytes(page.content)
    except ExtractError as err:
        return Extracted(error=str(err))
    # a story is far shorter than these caps; past them the text is cut so typing stays bounded in time
    text = decode(page.content)[:MAX_TEXT_CHARS]
    lines = unwrapped([" ".join(line.split()) for line in text.splitlines()])[:MAX_LINES]
    if not lines:
        return Extracted(title=page.title or "", error="empty page")
    paragraphs, items = split_typed(lines)
    return Extracted(title=page.title or "", paragraphs=paragraphs, boilerplate=items)
