"""Bounds for hostile pages: binary content, oversized markup, absurdly deep nesting, a title that swallows the page.

Everything here is linear in the input and runs before any parser sees the page, so that
parsing and extraction stay bounded in time and memory whatever the page holds.
"""
from __future__ import annotations

import re
from itertools import accumulate

MAX_INPUT_BYTES = 60 * 1024 * 1024  # larger inputs are refused outright
MAX_HTML_CHARS = 3_000_000  # markup kept for parsing after scripts and styles are dropped
MAX_TAGS = 40_000  # markup past this many tags is cut: extraction time grows with the element count
MAX_TAG_CHARS = 4000  # a longer start tag (thousands of attributes) keeps only its name
MAX_DEPTH = 200  # deeper container nesting is flattened (libxml2 gives up past 256, parsers slow down)
CONTAINERS = ("div", "span", "section", "article", "aside", "main", "header", "footer", "nav", "table", "ul", "ol",
              "blockquote", "form", "figure", "a", "b", "i", "em", "strong", "font", "center", "small", "big", "u")
CONTAINER_TAG = re.compile(r"<(/?)(%s)\b[^>]*>" % "|".join(CONTAINERS), re.I)
CONTAINER_SLASH = re.compile(r"<(/?)(?:%s)\b" % "|".join(CONTAINERS), re.I)
LONG_TAG = re.compile(r"<([a-zA-Z][\w:-]{0,30})[^<>]{%d,}>" % MAX_TAG_CHARS)
LONG_TAG_START = re.compile(r"<[a-zA-Z][^<>]{%d}" % MAX_TAG_CHARS)
TAG_START = re.compile(r"<[a-zA-Z/!]")
CONTROL_BYTES = bytes([*range(9), *range(14, 32)])  # bytes that plain text and markup (almost) never hold
RAW_TEXT_OPEN = re.compile(r"<(script|style|svg|noscript|template)\b", re.I)
CODE_OPEN = re.compile(r"<(script|style)\b(?![^>]*ld\+json)", re.I)  # JSON-LD scripts hold metadata: kept
TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.I)
TITLE_CLOSE = re.compile(r"</title", re.I)


class ExtractError(ValueError):
    """A page that cannot be extracted; the message is one line for the user."""


def check_bytes(data: bytes | str) -> None:
    """Refuse inputs that are too large or are not text at all."""
    if len(data) > MAX_INPUT_BYTES:
        raise ExtractError(f"page larger than {MAX_INPUT_BYTES // 2**20} MB")
    if isinstance(data, bytes) and looks_binary(data):
        raise ExtractError("binary content, not text or HTML")


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the head: an image, archive or executable, not a page."""
    head = data[:8192]
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text has NULs by design
        return False
    controls = len(head) - len(head.translate(None, CONTROL_BYTES))
    return b"\x00" in head[:1024] or controls > len(head) * 0.05


def drop_raw_text(html: str, opening: re.Pattern = RAW_TEXT_OPEN, keep_tags: bool = False) -> str:
    """Remove the elements whose start tags `opening` matches (by default <script>, <style>, <svg>,
    <noscript> and <template>) with a linear scan; with keep_tags, only their content."""
    out: list[str] = []
    pos = 0
    while True:
        match = opening.search(html, pos)
        if not match:
            out.append(html[pos:])
            break
        # the closing tag is searched for case-blind from here: lowercasing a whole page with non-ASCII
        # text costs ~2 ms
        closing = re.compile(f"</{match.group(1)}", re.I).search(html, match.end())
        end = closing.start() if closing else -1
        if keep_tags:
            open_end = html.find(">", match.end())
            if 0 <= open_end < end:  # the closing tag is copied with the next stretch
                out.append(html[pos:open_end + 1])
                pos = end
                continue
        out.append(html[pos:match.start()])
        if end < 0:  # unterminated: the rest is the element's content
            break
        close = html.find(">", end)
        pos = len(html) if close < 0 else close + 1
    return "".join(out)


def bound_html(html: str) -> str:
    """Markup small and shallow enough to parse quickly, with a lost </title> restored (see close_title); ordinary
    pages come back unchanged."""
    if len(html) > MAX_HTML_CHARS:
        html = drop_raw_text(html)[:MAX_HTML_CHARS]
    else:
        # Scripts and styles are no text of the page, and every extractor drops them; emptied before
        # parsing, they cost neither parser nor the scans of the markup and of the page text anything.
        # The tags stay: a page whose head holds nothing else would otherwise lose its head, and
        # trafilatura takes a page without <html> and with a single top element for no HTML at all.
        html = drop_raw_text(html, CODE_OPEN, keep_tags=True)
    # the substitution costs ~2 ms a page; finding whether there is any long tag at all is cheaper
    if len(html) > MAX_TAG_CHARS and LONG_TAG_START.search(html):
        html = shorten_long_tags(html)
    html = close_title(cut_tags(html))
    if max_depth(html) > MAX_DEPTH:
        html = flatten_deep(html)
    return html


def close_title(html: str) -> str:
    """The page with its <title> ended before the first tag inside it. A title's text runs to its end tag, so a page
    whose </title> is lost or mangled ("</titavaScript" src=...>") is all title to every parser and has no body
    (one L3S-GN1 dev page: nothing found by stemma, trafilatura or resiliparse)."""
    opening = TITLE_OPEN.search(html)
    if not opening:
        return html
    closing = TITLE_CLOSE.search(html, opening.end())
    end = closing.start() if closing else len(html)
    inner_tag = TAG_START.search(html, opening.end(), end)
    return html if not inner_tag else f"{html[:inner_tag.start()]}</title>{html[inner_tag.start():]}"


def shorten_long_tags(html: str) -> str:
    """Each start tag longer than MAX_TAG_CHARS as its bare name. Found from where LONG_TAG_START
    matches: LONG_TAG run over the whole page backtracks through the name of every tag (~4 ms)."""
    pieces: list[str] = []
    pos = 0
    for start in LONG_TAG_START.finditer(html):
        tag = LONG_TAG.match(html, start.start())
        if tag and start.start() >= pos:
            pieces += [html[pos:start.start()], f"<{tag.group(1)}>"]
            pos = tag.end()
    return "".join(pieces) + html[pos:]


def cut_tags(html: str) -> str:
    """The markup up to its MAX_TAGS-th tag."""
    if html.count("<") <= MAX_TAGS:
        return html
    for number, match in enumerate(TAG_START.finditer(html)):
        if number == MAX_TAGS:
            return html[:match.start()]
    return html


def max_depth(html: str) -> int:
    """Deepest nesting of container tags, counted from the tags alone (no parse)."""
    slashes = CONTAINER_SLASH.findall(html)
    if len(slashes) <= MAX_DEPTH:
        return len(slashes)
    return max(accumulate(-1 if s else 1 for s in slashes))


def flatten_deep(html: str) -> str:
    """Drop container tags nested deeper than MAX_DEPTH; their text stays where it was."""
    depth = 0

    def keep(match: re.Match) -> str:
        nonlocal depth
        closing = match.group(1) == "/"
        if closing:
            depth = max(0, depth - 1)
            return match.group(0) if depth < MAX_DEPTH else ""
        depth += 1
        return match.group(0) if depth <= MAX_DEPTH else ""

    return CONTAINER_TAG.sub(keep, html)
