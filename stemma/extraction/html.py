"""Extract an HTML page: trafilatura's main text, recovered leads, typed boilerplate and markup metadata."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from copy import copy
from typing import Callable

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.readability_lxml import DIV_TO_P_PREFIXES
from trafilatura.readability_lxml import REGEXES as READABILITY_REGEXES
from trafilatura.readability_lxml import Document as ReadabilityDocument
from trafilatura.settings import Extractor
from selectolax.lexbor import LexborHTMLParser

from stemma.extraction import Extracted
from stemma.extraction import boilerplate as bp
from stemma.extraction import dom
from stemma.extraction.decode import decode
from stemma.extraction.guard import ExtractError, bound_html, check_bytes
from stemma.extraction.meta import TITLE_SEPARATOR, read_metadata
from stemma.extraction.parse import parse
from stemma.extraction.plain import type_lines
from stemma.model import Boilerplate, Page

MAX_PARAGRAPHS = 4000  # no story is longer; the cap keeps typing and locating bounded on hostile pages
WORD = re.compile(r"\w+")
KEY_PREFIX = 48  # characters of a paragraph used to find it again in the page text


def key(text: str) -> str:
    """Text without any whitespace: trafilatura and selectolax join inline elements differently."""
    return "".join(text.split())


def main_paragraphs(tree: HtmlElement | None, url: str | None, html: str = "", page_key: str = "",
                    is_link: Callable[[str], bool] | None = None) -> tuple[list[str], list[str]]:
    """The story's paragraphs: trafilatura in fast mode, or a readability-style pick of the page when
    that one looks like the tighter or the fuller story (see choose), or, when both found next to
    nothing, trafilatura's full cascade; and the lines of the candidates left out of them, which may
    still hold typed boilerplate (a bio, a source line). The lxml tree is used up; `page_key` is the
    page's text without whitespace and `is_link` the test for link text (see choose)."""
    if tree is None:
        return [], []
    # Fast mode skips trafilatura's own readability/jusText comparison; the comparison made here reads
    # the same readability pick but chooses with a rule measured on the dev split. Tables on: with that
    # choice, which drops layout-table menus by taking the readability pick, keeping table text measured
    # better. Dev mean F1 over the five datasets: trafilatura's own comparison, tables off 0.942; fast
    # mode and tables, no choice 0.939; with the choice 0.947 (l3s-gn1 0.925 -> 0.945).
    drop_unread(tree)
    unwrap_source_lines(tree)
    doc = trafilatura.bare_extraction(tree, options=trafilatura_options(url))  # works on a copy of the tree
    lines = text_lines(doc)
    picked = readability_paragraphs(tree)  # mutates the tree, which is not used again
    story = choose(lines, picked, page_key, is_link)
    if html and sum(map(len, story)) < MIN_STORY_CHARS:
        story = max(story, full_cascade(html, url), key=lambda found: sum(map(len, found)))
    kept = key(" ".join(story))
    left_out = list(dict.fromkeys(line for line in lines[:MAX_PARAGRAPHS] + picked[:MAX_PARAGRAPHS]
                                  if key(line) not in kept))
    return story[:MAX_PARAGRAPHS], left_out


def text_lines(doc) -> list[str]:
    """The lines of a trafilatura result, whitespace squashed."""
    return [" ".join(line.split()) for line in doc.text.split("\n") if line.strip()] if doc and doc.text else []


# Shorter, the story is taken for missed: trafilatura's own threshold for trying its other extractors
MIN_STORY_CHARS = 250


def full_cascade(html: str, url: str | None) -> list[str]:
    """trafilatura with all its fallbacks (its readability comparison, jusText, the recall retry), on a
    new parse of the page: ~40 ms, spent on the few pages (1 in 90 on the dev split) where fast mode
    and the readability pick both found next to nothing. Dev F1 without / with: trafilatura 0.937 / 0.938,
    others unchanged (at 500 characters: 0.937, four pages changed, two for the worse)."""
    options = Extractor(output_format="python", comments=False, tables=True, url=url or None)
    try:
        doc = trafilatura.bare_extraction(parse(html), options=options)
    except Exception:  # a last try: its failure leaves the story as it was
        return []
    return text_lines(doc)


def trafilatura_options(url: str | None) -> Extractor:
    """trafilatura in fast mode, comments off, tables on, without its recall retry. The retry (a second
    extraction when the text is short against the page) first renders the whole page as text to
    measure it, ~10 ms a page; the readability pick here already stands in for a short extraction
    (choose, case b). Dev split, retry on / off: mean F1 0.948 / 0.948 (l3s-gn1 0.943 / 0.944), stemma
    63.5 / 53.1 ms a page. trafilatura has no switch for it: the retry runs only under its "balanced"
    focus, and every other test of the focus is for "precision" or "recall", so a focus of another
    name is balanced in all but the retry. Built once and copied: building one reads a dozen settings
    from trafilatura's config parser (~0.1 ms a page)."""
    options = copy(FAST_OPTIONS)
    options.url = options.source = url or None
    return options


FAST_OPTIONS = Extractor(output_format="python", fast=True, comments=False, tables=True)
FAST_OPTIONS.focus = "balanced-without-retry"


def shingles(lines: list[str]) -> Counter:
    """4-word shingles of a text: overlap of two texts in order, not just in vocabulary."""
    tokens = WORD.findall(" ".join(lines))
    return Counter(zip(tokens, tokens[1:], tokens[2:], tokens[3:])) if len(tokens) > 3 else Counter([tuple(tokens)])


def choose(main: list[str], picked: list[str], page_key: str = "",
           is_link: Callable[[str], bool] | None = None) -> list[str]:
    """trafilatura's paragraphs, or, in this order:
    (a) trafilatura's paragraphs with the pick's other paragraphs of prose (see merged), when the pick
        holds nearly all of trafilatura's text and more: trafilatura dropped some of the story. Also
        when the pick is over twice as long, if trafilatura's text is a story itself (100 words or
        more): such a pick may be the whole page (dev F1, l3s-gn1 0.946 -> 0.950: one page was 0.06).
        The pick itself when trafilatura's text is a layout table (see is_layout_table): its rows run the
        story's paragraphs and the nested tables' cells together, and merging finds the pick's lines inside
        them (dev: readability lwn-1 0.907 -> 0.985, 3 l3s-gn1 pages better, none worse);
    (b) both, in page order, when they share nothing and one follows the other on the page (see halves);
    (c) the pick, when it is more than twice as long: trafilatura missed most of the story;
    (d) the part of trafilatura's paragraphs the pick spans (see spanned), when the pick is mostly
        inside them and not longer: trafilatura kept related links, comments or teasers around it;
    (e) that part too when the pick is under half as long, if what it leaves out is mostly links and
        teaser lists (see leaves_out_furniture), or the pick when trafilatura took a layout table.
    `page_key` is the page's text without whitespace, to place the two texts on the page (b only);
    `is_link` tells whether a line is a link's text (e only).
    Thresholds chosen on the dev split (a grid of them; neighbouring values score within 0.001 mean F1)."""
    if not picked:
        return main
    ours, theirs = shingles(main), shingles(picked)
    n_ours, n_theirs = sum(ours.values()), sum(theirs.values())
    shared = sum((ours & theirs).values())
    if shared >= 0.9 * n_ours and n_theirs > n_ours and (n_theirs <= 2 * n_ours or n_ours >= MIN_MERGE_SHINGLES):
        return picked if is_layout_table(main) else merged(main, picked)
    if page_key and shared <= 0.05 * min(n_ours, n_theirs) and min(n_ours, n_theirs) >= MIN_MERGE_SHINGLES:
        both = halves(main, picked, page_key)
        if both:
            return both
    if n_theirs > 2 * n_ours:
        return picked
    if shared >= 0.7 * n_theirs and 0.5 * n_ours <= n_theirs <= n_ours:
        return spanned(main, picked)
    if shared >= 0.7 * n_theirs and n_theirs < 0.5 * n_ours:
        span = spanned(main, picked)
        if span is picked and is_layout_table(main) or is_link and leaves_out_furniture(main, span, is_link):
            return span
    return main


def is_layout_table(lines: list[str]) -> bool:
    """Whether most of a text is table rows ('| a | b |'): trafilatura took a page laid out as a table,
    a row holding the story cell and its neighbours, so none of its lines is inside the pick, which is
    that cell (one dev page, l3s-gn1, F1 0.65 -> 1.0)."""
    return sum(len(line) for line in lines if line.startswith("|")) >= 0.5 * sum(map(len, lines))


def leaves_out_furniture(main: list[str], span: list[str], is_link: Callable[[str], bool]) -> bool:
    """Whether what a much shorter pick leaves out of trafilatura's lines is mostly page furniture: link
    text (menus, teaser headlines) or, after the story, list items (teaser lists: a headline and its
    summary). Then trafilatura took a whole layout table or a page of teasers around the story; when
    the rest is prose or headings that are not links, the pick is one section of a longer text. Dev F1
    (case e): l3s-gn1 0.951 -> 0.956 (5 pages better, none worse; taking the span whatever the rest:
    4 trafilatura pages worse, one from 1.0 to 0.5), others unchanged."""
    kept = set(span)
    inside = [n for n, line in enumerate(main) if line in kept]
    after = set(main[inside[-1] + 1:]) if inside else set()
    left_out = [line for line in main if line not in kept]
    furniture = sum(len(line) for line in left_out
                    if is_link(line) or (line in after and line.startswith("- ")))
    return bool(left_out) and furniture >= 0.5 * sum(map(len, left_out))


MIN_MERGE_SHINGLES = 100  # a text of trafilatura's this long is a story, not a stray lead or caption
MAX_HALVES_GAP = 200  # characters (whitespace left out) of page text between two halves of a story


def halves(main: list[str], picked: list[str], page_key: str) -> list[str]:
    """Two texts that share nothing, one right after the other on the page (at most MAX_HALVES_GAP
    characters between them: a share bar, an ad label), as one text in page order, or [] when they are
    apart. A story split into two sibling blocks by an ad or a newsletter box: trafilatura takes one,
    the readability pick the other (readability-lxml merges such segments for the same reason).
    One dev page (scrapinghub, F1 0.62 -> 0.98); the nearest other disjoint pair is 645 characters
    apart, and is another article."""
    ours, theirs = text_span(main, page_key), text_span(picked, page_key)
    if ours is None or theirs is None:
        return []
    if 0 <= theirs[0] - ours[1] <= MAX_HALVES_GAP:
        return main + picked
    if 0 <= ours[0] - theirs[1] <= MAX_HALVES_GAP:
        return picked + main
    return []


def text_span(lines: list[str], page_key: str) -> tuple[int, int] | None:
    """Where a text starts and ends in the page text (whitespace left out), from its first and last
    lines long enough to be found by their own; None when they are not found in order."""
    long_lines = [line for line in lines if len(key(line)) >= MIN_ANCHOR_CHARS]
    if not long_lines:
        return None
    start = locate(long_lines[0], page_key, 0)
    end = locate(long_lines[-1], page_key, max(start, 0))
    if start < 0 or end < start:
        return None
    return start, end + len(key(long_lines[-1]))


MERGE_WINDOW = 50  # lines of trafilatura's searched ahead for a line of the pick: bounded on huge pages


def merged(main: list[str], picked: list[str]) -> list[str]:
    """trafilatura's lines with the pick's prose lines it lacks, each put after the line of trafilatura's
    the pick has before it: paragraphs trafilatura dropped inside the story, or its lead. Not after its
    last line: what follows the story in the pick is related-story teasers and copyright notices. Only
    prose: the pick's other extra lines are mostly captions, bylines and share prompts, which trafilatura
    dropped on purpose. Dev F1 without / with it (for picks up to twice as long): scrapinghub 0.965 /
    0.966, trafilatura 0.941 / 0.942, readability 0.965 / 0.968, l3s-gn1 0.945 / 0.946,
    cleanportaleval 0.952 / 0.952 (what it adds there is captions, typed and dropped later); appending
    after the last line too: readability 0.965; not before the first line: trafilatura 0.940."""
    keys = [key(line) for line in main]
    have = key(" ".join(main))
    after: dict[int, list[str]] = {}
    last = -1
    for line in picked:
        k = key(line)
        for n in range(last + 1, min(len(main), last + 1 + MERGE_WINDOW)) if len(k) >= MIN_ANCHOR_CHARS else ():
            if len(keys[n]) >= MIN_ANCHOR_CHARS and (keys[n] in k or k in keys[n]):
                last = n
                break
        else:
            if k not in have and is_prose(line):
                after.setdefault(last, []).append(line)
    out = after.get(-1, [])  # a lead trafilatura dropped
    for n, line in enumerate(main):
        out.append(line)
        if n < last:  # after trafilatura's last line, the pick's prose is teasers and notices
            out.extend(after.get(n, []))
    return out


MIN_ANCHOR_CHARS = 20  # a shorter line ("Share", a date) may be found in the pick by chance


def spanned(main: list[str], picked: list[str]) -> list[str]:
    """trafilatura's lines from the first to the last that the pick holds, after the prose lines before
    it (a lead the pick left out); the pick itself when no line is in it. trafilatura splits and keeps
    the story's own lines better (list items, a caption inside it, a quote); what it has after the
    pick is teasers, related links and comments. Dev F1, pick / span: readability 0.958 / 0.967,
    trafilatura 0.933 / 0.937, cleanportaleval 0.947 / 0.952, scrapinghub and l3s-gn1 unchanged
    (0.958, 0.944). A list of trafilatura's right after the span whose items are not links (a closing
    list of takeaways) was once taken too: it changed two dev pages, both in one half of the dev split
    (hash of the id), so it was dropped as fit to those pages (trafilatura 0.9463 -> 0.9452)."""
    picked_key = key(" ".join(picked))
    inside = [n for n, line in enumerate(main) if len(key(line)) >= MIN_ANCHOR_CHARS and key(line) in picked_key]
    if not inside:
        return picked
    first, last = inside[0], inside[-1]
    lead = [n for n in range(first) if is_prose(main[n])]
    # Short lines next to the span that the pick has as lines of its own are the story's too (a letter's
    # salutation and signature, a closing line), when they follow it or lie between it and a prose lead
    # kept before it: right before the story's first line they are its byline, date or headline.
    picked_lines = {key(line) for line in picked}
    while lead and first - 1 > lead[-1] and key(main[first - 1]) in picked_lines:
        first -= 1
    while last + 1 < len(main) and key(main[last + 1]) in picked_lines:
        last += 1
    return [main[n] for n in lead] + main[first:last + 1]


def is_prose(line: str) -> bool:
    """A paragraph of running text, not a menu, a teaser headline or a table row."""
    return len(line) > 80 and bool(bp.SENTENCE_END.search(line)) and not line.startswith("|")


class Pick(ReadabilityDocument):
    """trafilatura's port of readability that keeps the element it picked: summary() returns it as
    markup, which would have to be parsed again (~1 ms a page). When no element scores at all, the
    port returns the whole page; that is no pick, and `article` stays None."""

    __slots__ = ("article", "found")

    def __init__(self, doc: HtmlElement) -> None:
        super().__init__(doc, min_text_length=25)
        self.article, self.found = None, False

    def select_best_candidate(self, candidates: dict):
        best = super().select_best_candidate(candidates)
        self.found = best is not None
        return best

    def sanitize(self, node: HtmlElement, candidates: dict) -> str:
        self.article = node if self.found else None  # cleaned in place by sanitize
        return super().sanitize(node, candidates)

    def transform_misused_divs_into_paragraphs(self) -> None:
        """The port puts a div's loose text, and each tail in it, in a <p> of its own: a paragraph written
        straight into a div around a link came out as three lines ("... In the past, the", "Supreme Court",
        "has found that ..."), none of which reads as prose when the pick's lines are merged into
        trafilatura's. Here such a paragraph is one <p> first, in the divs the port keeps as divs (those
        holding a block), as Readability.js makes it. Dev F1: readability 0.9717 -> 0.9729 (yahoo-3 0.91 ->
        0.95), no other page's score changed. Wrapping every run of inline elements as Readability.js does,
        also those that start with an element, not with text, made new paragraphs the port never scores:
        a comment form's notice then outscored an l3s-gn1 story (0.96 -> 0.70), l3s-gn1 0.9592 -> 0.9583."""
        for div in list(self.doc.iter("div")):
            if runs_on(div) and any(str(e.tag).startswith(DIV_TO_P_PREFIXES) for e in div.iterdescendants("*")):
                wrap_loose_runs(div)
        super().transform_misused_divs_into_paragraphs()

    def remove_unlikely_candidates(self) -> None:
        """Drop the elements whose class or id names page furniture (header, sidebar, comments, ...), as
        the port does, but not one that holds an <article> or <main>: a page wrapper named "site_header"
        or "panel-two-col-sidebar" would take the whole story with it (5 dev pages lost it that way; the
        pick alone, dev F1 on readability 0.889 -> 0.958, scrapinghub 0.921 -> 0.940)."""
        holders = None
        verdicts: dict[tuple, bool] = {}  # by (class, id): pages repeat them, and most elements are kept
        for el in NAMED(self.doc):  # a list: dropping while iterating would end the walk
            named = (el.get("class"), el.get("id"))
            unlikely = verdicts.get(named)
            if unlikely is None:
                names = " ".join(filter(None, named))
                low = names.lower()
                unlikely = verdicts[named] = len(names) >= 2 and bool(UNLIKELY.search(low)) and not MAYBE.search(low)
            if unlikely and el.tag not in ("html", "body"):
                if holders is None:
                    holders = {up for frame in self.doc.iter("article", "main") for up in frame.iterancestors()}
                if el not in holders:
                    el.drop_tree()


NAMED = etree.XPath(".//*[@class or @id]")  # only the named elements, found in C
# The elements with a style that may hide them (the regex then reads only those) or a hidden
# attribute: ~0.4 ms a page, against ~0.8 ms for testing every style in an XPath predicate.
HIDDEN = etree.XPath("//@style[contains(., 'none') or contains(., 'hidden')]/.. | //*[@hidden]")


UNLIKELY, MAYBE = READABILITY_REGEXES["unlikelyCandidatesRe"], READABILITY_REGEXES["okMaybeItsACandidateRe"]
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def drop_hidden(tree: HtmlElement) -> None:
    """Remove the elements a browser does not show (hidden, display:none): schema.org copies of the
    headline and dates, cookie and paywall dialogs, collapsed menus. Readability.js skips them too.
    Dev F1 of the choice without / with: scrapinghub 0.958 / 0.965, l3s-gn1 0.941 / 0.941,
    readability 0.972 / 0.970 (one page: a wiki that hides part of its formulas)."""
    for el in HIDDEN(tree):
        if (el.get("hidden") is not None or HIDDEN_STYLE.search(el.get("style") or "")) and el.getparent() is not None:
            el.drop_tree()


# What neither trafilatura nor the readability pick reads: the head (its JSON-LD aside: trafilatura
# tells forum threads by it), code and vector graphics. Both walk the whole tree, trafilatura with a
# dozen XPath prunes before its own cleaning drops these; removed once here, those cost less. Dev split:
# 19.1 -> 17.7 ms a page (CPU time, same run), no page's text changed. Menus, asides and footers are
# not removed: on a page with an unclosed <aside> the story lies inside one (0.8 ms less, one dev page
# lost its story). Found by tag (lxml's iter), in about half the time of an XPath.
UNREAD = ("script", "style", "svg", "noscript")


def drop_unread(tree: HtmlElement) -> None:
    head = tree.find("head")
    for el in dict.fromkeys([*tree.iter(*UNREAD), *(head if head is not None else ())]):
        if isinstance(el.tag, str) and not (el.tag == "script" and el.get("type") == "application/ld+json"):
            el.drop_tree()


# Elements that make trafilatura keep the page source's line breaks in the rest of their paragraph: a paragraph typed
# wrapped at 80 columns (Markdown sites: mdBook, Jekyll, Hugo) with an inline <code> in it came out as several lines,
# and each line is a paragraph to stemma, so its sentences were cut where the source wrapped ("... shows a" /
# "struct that stores ..."). A browser shows such a break as a space; in <pre> it is kept.
SOURCE_LINES_KEPT = ("code", "q", "s", "del", "strike")
WHITESPACE = re.compile(r"\s+")


def unwrap_source_lines(tree: HtmlElement) -> None:
    """The line breaks of the page source in the paragraphs holding those elements, made spaces as a browser shows
    them."""
    done = set()
    for el in tree.iter(*SOURCE_LINES_KEPT):  # a third of the time an XPath with the same tests takes
        block = next((up for up in el.iterancestors() if up.tag in dom.BLOCKS), None)
        if block is None or block in done or block.tag == "pre":
            continue
        done.add(block)
        for inner in block.iter():
            in_pre = inner.tag == "pre" or any(up.tag == "pre" for up in inner.iterancestors())
            if wrapped(inner.text) and not in_pre:
                inner.text = WHITESPACE.sub(" ", inner.text)
            if inner is not block and wrapped(inner.tail) and (inner.tag == "pre" or not in_pre):
                inner.tail = WHITESPACE.sub(" ", inner.tail)


def wrapped(text: str | None) -> bool:
    """Words with a line break among them (a break between two tags is left: trafilatura reads those as it does)."""
    return bool(text) and "\n" in text and not text.isspace()


def runs_on(div: HtmlElement) -> bool:
    """Whether loose text in a div runs on into an inline element, where the port would cut it (a cheap first
    test: most divs have no loose text)."""
    text = div.text
    for child in div:
        if text and not text.isspace() and isinstance(child.tag, str) and child.tag not in dom.BLOCKS:
            return True
        text = child.tail
    return False


def wrap_loose_runs(div: HtmlElement) -> None:
    """Put each run of a div's children that starts with loose text (the div's own, or a block's tail) in a <p>
    of its own, with the inline elements and tails that follow it up to the next block; a <br> ends a run and
    goes."""
    children = list(div)
    run_text, run = div.text or "", []
    div.text = None
    for child in children:
        div.remove(child)  # its tail goes with it

    def flush() -> None:
        if run_text.strip():
            paragraph = div.makeelement("p", {})
            paragraph.text = run_text
            paragraph.extend(run)
            div.append(paragraph)
        else:  # blank: kept where it was, so the words on either side of a dropped <br> stay apart
            if len(div):
                div[-1].tail = (div[-1].tail or "") + run_text
            else:
                div.text = (div.text or "") + run_text
            div.extend(run)
        run.clear()

    for child in children:
        if is_block(child):
            flush()
            run_text, child.tail = child.tail or "", None
            if child.tag != "br":
                div.append(child)
        else:
            run.append(child)
    flush()


def is_block(element: HtmlElement) -> bool:
    """A block element, or an inline one holding a block (a <span> around <div>s), which cannot go in a <p>;
    a <br> inside is no block."""
    if not isinstance(element.tag, str):
        return False
    return element.tag in dom.BLOCKS or any(isinstance(inner.tag, str) and inner.tag in dom.BLOCKS and inner.tag != "br"
                                            for inner in element.iterdescendants())


def readability_paragraphs(tree: HtmlElement) -> list[str]:
    """Lines of the readability-style pick (trafilatura's port of readability), one per block element.
    readability's second try (a new parse, furniture-named elements kept) when the pick is next to
    nothing changed the pick on 4 dev pages and the chosen story on none: not made."""
    drop_hidden(tree)
    pick = Pick(tree)
    try:
        pick.summary()
    except Exception:  # the port fails on some broken trees: then there is no second opinion
        return []
    root = pick.article
    if root is None:
        return []
    return block_lines(root)


# Soft hyphens and zero-width characters: trafilatura drops them, so the pick must too, or the two texts
# share no words on a page that hyphenates its text with &shy; (and the choice compares nothing)
INVISIBLE = str.maketrans("", "", "\xad\u200b\u200c\u200d\u2060\ufeff")


def block_lines(root: HtmlElement) -> list[str]:
    """The text of an element, one line per block element."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = " ".join("".join(current).split()).translate(INVISIBLE)
        if line:
            lines.append(line)
        current.clear()

    # iterative walk: ("open", element) emits its text and schedules its children and tail
    stack: list[tuple[str, object]] = [("open", root)]
    while stack:
        step, item = stack.pop()
        if step == "text":
            current.append(item)
            continue
        if step == "close":
            flush()
            continue
        el = item
        if not isinstance(el.tag, str):  # comments, processing instructions
            if el.tail:
                stack.append(("text", el.tail))
            continue
        block = el.tag in dom.BLOCKS
        if block:
            flush()
        if el.tail:
            stack.append(("text", el.tail))
        if block:
            stack.append(("close", None))
        for child in reversed(el):
            stack.append(("open", child))
        if el.text:
            current.append(el.text)
    flush()
    return lines


def locate(needle: str, haystack: str, start: int) -> int:
    """Offset of a text in the page text, searching forward first; -1 when it is not there."""
    probe = key(needle)[:KEY_PREFIX]
    if not probe:
        return -1
    found = haystack.find(probe, start)
    return found if found >= 0 else haystack.find(probe)


def drop_dom_boilerplate(paragraphs: list[str], items: list[dom.Found], page_key: str = "",
                         is_link: Callable[[str], bool] | None = None) -> list[str]:
    """Paragraphs that are not (part of) a boilerplate element the markup typed. Given the page's text
    without whitespace (`page_key`) and the test for link text, a paragraph that is not a link and whose
    text the page has more often than its typed elements do is kept whole: the story has its own copy,
    as a lead that a photo caption repeats. (A teaser headline shown twice is a link both times.)
    Dev F1: l3s-gn1 0.9557 -> 0.9565 (one page's lead was cut as a caption: 0.955 -> 1.0); without the
    link test, 0.9555 (teasers listed twice came back)."""
    keys = [(key(item.text), item.kind) for item in items]
    kept = []
    for paragraph in paragraphs:
        k = key(paragraph)
        holders = [item_key for item_key, _ in keys if k == item_key or (len(k) >= 20 and k in item_key)]
        if not holders:
            kept.append(cut_items(paragraph, items) if len(k) > MIN_CUT_CHARS else paragraph)
        elif (page_key and is_link and len(k) >= MIN_ANCHOR_CHARS and not is_link(paragraph)
              and page_key.count(k) > sum(h.count(k) for h in holders)):
            kept.append(paragraph)
    return kept


MIN_CUT_CHARS = 25  # shorter item texts ("Share", "Ad") could be words of the story itself


def cut_items(paragraph: str, items: list[dom.Found]) -> str:
    """A paragraph without the typed items pasted inside it: a table cell flattened into one line holds
    the credits, related links and bio that sat between the story's paragraphs."""
    for item in items:
        if len(item.text) >= MIN_CUT_CHARS and item.text in paragraph:
            paragraph = " ".join(paragraph.replace(item.text, " ").split())
    return paragraph


def unglue(paragraphs: list[str], items: list[dom.Found]) -> list[str]:
    """Remove related-link headlines pasted onto the start of story paragraphs."""
    glued = [item.text for item in items if item.glued]
    if not glued:
        return paragraphs
    out = []
    for paragraph in paragraphs:
        for link in glued:
            if paragraph.startswith(link) and len(paragraph) > len(link):
                paragraph = paragraph[len(link):].lstrip()
                break
        out.append(paragraph)
    return out


def add_leads(paragraphs: list[str], leads: list[str], title: str, page_key: str) -> list[str]:
    """Put lead paragraphs that trafilatura dropped back in front of the story. Not a block that holds
    the headline: that is the page's header (section, headline, standfirst, byline run together),
    not a lead. Dev F1 without / with that test: readability 0.9675 / 0.9689, scrapinghub 0.9661 /
    0.9666, trafilatura 0.9416 / 0.9421, others unchanged."""
    if not paragraphs:
        return paragraphs
    story = key(" ".join(paragraphs))
    headline = key(title)
    first = locate(paragraphs[0], page_key, 0)
    front = []
    for lead in leads:
        k = key(lead)
        if k in story or k in headline or any(k in key(f) or key(f) in k for f in front):
            continue
        if len(headline) >= MIN_ANCHOR_CHARS and headline in k:
            continue
        at = locate(lead, page_key, 0)
        if 0 <= at and (first < 0 or at < first):
            front.append(lead)
    return front + paragraphs


def without_headline(paragraphs: list[str], title: str) -> list[str]:
    """The story without a first paragraph that is the headline: the headline is the article's title,
    not a paragraph of its text. A paragraph counts as the headline when the title holds it and it is
    most of the title (the title may end with the site's name). Dev pages where the first paragraph
    is the headline: l3s-gn1 24 and scrapinghub 4, none of which have it in their truth; trafilatura
    27, of which 1 has it as a snippet to keep and 2 as one to leave out."""
    if not paragraphs or not title:
        return paragraphs
    first = key(paragraphs[0])
    for headline in map(key, [title, *TITLE_SEPARATOR.split(title)]):  # the title may hold a section or site name
        if len(first) >= 10 and first in headline and len(first) > 0.6 * len(headline):
            return paragraphs[1:]
    return paragraphs


def is_table_row(line: str) -> bool:
    """A row of a table in the story, as trafilatura writes it ('| Men | 33 | 42 |'): its short cells look
    like a menu to the line typing, but a menu on the page is typed from the markup (nav, link lists).
    Dev F1 with data rows kept: scrapinghub 0.9723 -> 0.9727, trafilatura 0.9441 -> 0.9447, l3s-gn1
    0.9558 -> 0.9562, readability 0.9692 -> 0.9691 (one page: a layout table's menu row)."""
    return line.startswith("|") and line.endswith("|")


def extract_html(page: Page) -> Extracted:
    try:
        check_bytes(page.content)
    except ExtractError as err:
        return Extracted(error=str(err))
    html = bound_html(decode(page.content, page.headers.get("content-type")))
    if not html.strip():
        return Extracted(error="empty page")
    tree = LexborHTMLParser(html)
    # one lxml parse, shared by htmldate (which copies it) and then trafilatura and readability
    lxml_tree = parse(html)
    meta = read_metadata(tree, html, page.url or None, lxml_tree)
    body = tree.body
    # one squashed text node per line: the cue scan's "^\s*" must not wade through whitespace runs
    raw_text = body.text(separator="\n") if body is not None else ""
    page_text = "\n".join(line for line in (" ".join(part.split()) for part in raw_text.split("\n")) if line)
    page_key = key(page_text)
    items = dom.typed_elements(tree, len(page_key))
    item_keys = [key(item.text) for item in items]
    is_link = dom.link_text_test(tree)
    cues = dom.cue_lines(page_text, is_link)
    for found in cues + dom.link_lists(tree, [item.text for item in items]):
        k = key(found.text)
        if k and not any(k in other for other in item_keys):
            items.append(found)
            item_keys.append(k)

    chosen, left_out = main_paragraphs(lxml_tree, page.url, html, page_key, is_link)
    paragraphs = unglue(drop_dom_boilerplate(chosen, items, page_key, is_link), items)
    kinds = type_lines(paragraphs, neighbour_captions=False)  # the markup already told where captions are
    kinds = [None if kind == "navigation" and is_table_row(p) else kind for p, kind in zip(paragraphs, kinds)]
    story = [p for p, kind in zip(paragraphs, kinds) if kind is None]
    line_items = [(p, kind, n) for n, (p, kind) in enumerate(zip(paragraphs, kinds)) if kind not in (None, "separator")]
    # Lines only the other extractor kept are not story, but a bio or source line among them is
    # evidence. Typed one by one (re-typing the whole text with them costs ~3 ms a page); the bio
    # rule for a text's tail applies, as they mostly come from the end of the page.
    for line in drop_dom_boilerplate(left_out, items):
        kind = bp.line_kind(line) or ("author_bio" if bp.is_author_bio(line) else None)
        if kind:
            line_items.append((line, kind, len(paragraphs)))
    story = without_headline(add_leads(story, dom.lead_candidates(tree), meta.title, page_key), meta.title)

    offsets, last = [], 0
    for paragraph in story:
        at = locate(paragraph, page_key, last)
        offsets.append(at if at >= 0 else last)
        last = max(last, offsets[-1])
    boilerplate: list[Boilerplate] = []
    seen: set[str] = set()
    for text, kind, index in [(f.text, f.kind, None) for f in items] + line_items:
        if key(text) in seen:
            continue
        seen.add(key(text))
        at = locate(text, page_key, 0)
        position = bisect_right(offsets, at) if at >= 0 else min(index or 0, len(story))
        boilerplate.append(Boilerplate(kind=kind, text=text, position=position))
    boilerplate.sort(key=lambda b: b.position)

    return Extracted(**vars(meta), paragraphs=story, boilerplate=boilerplate)
