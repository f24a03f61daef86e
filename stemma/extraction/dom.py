"""Boilerplate and lead paragraphs found in the markup (selectolax): captions, credits, bios, link blocks, ads.

An element is typed by its tag (figcaption, nav) or its class/id names; size and link-density
limits keep a mislabelled page wrapper from swallowing the article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from selectolax.lexbor import LexborHTMLParser, LexborNode

from stemma.extraction import boilerplate as bp

IMAGE_WORDS = r"(?:photo|image|img|picture|pic|media|figure|foto|slika|slike|fotografije|bild|imagen|immagine|imagem|zdjecie|фото)"
CREDIT_WORDS = r"(?:source|izvor|извор|quelle|fuente|fonte|autor|author|credit|copyright|nachweis|kredit|zrodlo)"
CLASS_KINDS: list[tuple[str, re.Pattern]] = [
    ("photo_credit", re.compile(r"credit|copyright|photographer|bildnachweis|bildquelle|fotograf|"
                                rf"{IMAGE_WORDS}[-_]*{CREDIT_WORDS}|{CREDIT_WORDS}[-_]*{IMAGE_WORDS}")),
    ("photo_caption", re.compile(r"caption|legend|bildunterschrift|image[-_]?desc|img[-_]?desc|photo[-_]?desc|"
                                 r"figure__text|media__text|picture[-_]?text|opis[-_]*slik|slik[-_]*opis|foto[-_]?opis|"
                                 r"didascalia|pie[-_]?de[-_]?foto|подпись")),
    ("author_bio", re.compile(r"author[-_]?bio|about[-_]?(?:the[-_]?)?author|authorbio|author[-_]?desc|bio(?:graphy)?\b|"
                              r"\bbio\b|contributor[-_]?bio|byline[-_]?bio|o[-_]?autoru|autor[-_]?opis|author[-_]?(?:box|info)")),
    ("related_links", re.compile(r"related|more[-_]?(?:stories|news|articles|from|on|in)|read[-_]?(?:next|also)|"
                                 r"also[-_]?read|recommend|you[-_]?may|most[-_]?(?:read|popular|viewed)|trending|"
                                 r"outbrain|taboola|further[-_]?reading|see[-_]?also|povezan|procitaj|lesen[-_]?sie|"
                                 r"weitere[-_]?artikel|a[-_]?lire|leggi[-_]?anche|leia[-_]?tambem|czytaj|"
                                 r"jos[-_]?vesti|vise[-_]?vesti|najcitanij|najnovij|по[-_]?теме")),
    ("share_subscribe", re.compile(r"share|sharing|social|newsletter|subscribe|subscription|sign[-_]?up|"
                                   r"follow[-_]?us|addthis|sharethis|podeli|podijeli|dijeli|teilen|partage|pretplat|"
                                   r"претплат|abonn|suscri|iscriz|assinatura|subskryp|подпис")),
    ("ad", re.compile(r"(?:^|[\s_-])(?:ad|ads|adv)(?:$|[\s_-])|advert|adslot|dfp|google[-_]?ad|adsbygoogle|"
                      r"sponsor|promoted|anzeige|werbung|reklam|реклам|oglas|оглас|publicidad|pubblicit|publicit|"
                      r"commercial")),
    ("navigation", re.compile(r"breadcrumb|(?:^|[\s_-])nav(?:$|[\s_-])|navbar|navigation|(?:^|[\s_-])menu|"
                              r"pagination|pager|skip[-_]?link|(?:^|[\s_-])skip(?:$|[\s_-])|site[-_]?header|(?:^|[\s_-])footer|"
                              r"topbar|podnozje|izbornik|навигац|(?:^|[\s_-])meni(?:$|[\s_-])|menü")),
]
# Literal pieces, one of which every CLASS_KINDS match contains: a cheap filter before the regexes.
NAME_HINTS = ("credit", "copyright", "photog", "fotog", "nachweis", "quelle", "source", "izvor", "извор", "fuente",
              "fonte", "autor", "author", "kredit", "zrodlo", "capt", "legend", "unterschrift", "desc", "text", "opis",
              "didascal", "pie", "подпис", "bio", "related", "more", "read", "also", "recommend", "you", "most",
              "trend", "outbrain", "taboola", "further", "see", "povezan", "procitaj", "lesen", "weitere", "lire",
              "leggi", "leia", "czytaj", "jos", "vise", "najcitan", "najnov", "теме", "shar", "social", "newsletter",
              "subscri", "sign", "follow", "addthis", "podel", "podijel", "dijel", "teilen", "partage", "pretplat",
              "претплат", "abonn", "suscri", "iscriz", "assinatura", "subskryp", "ad", "dfp", "sponsor", "promot",
              "anzeige", "werbung", "reklam", "реклам", "oglas", "оглас", "publicidad", "pubblicit", "publicit",
              "commercial", "crumb", "nav", "menu", "meni", "menü", "pagina", "pager", "skip", "header", "footer",
              "topbar", "podnozje", "izbornik", "навигац")


def prefix_tree_pattern(words: tuple[str, ...]) -> str:
    """A regex matching any of the words, its alternatives nested by shared prefixes: re tries the
    branches of a flat alternation one by one at every position (dev split: 0.62 -> 0.22 ms a page
    for the class and id values). A word that is a prefix of others ends its branch: a search needs
    only the shortest."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        if "" in node:
            return ""
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return pattern(tree)


HINT = re.compile(prefix_tree_pattern(NAME_HINTS))
TAG_KINDS = {"figcaption": "photo_caption", "nav": "navigation", "footer": "navigation"}
MAX_CHARS = {"photo_caption": 700, "photo_credit": 200, "author_bio": 1500, "related_links": 4000,
             "share_subscribe": 400, "ad": 400, "navigation": 3000, "update_notice": 300}
LINK_HEAVY = {"related_links", "navigation"}
LEAD_CLASS = re.compile(r"(?:^|[\s_-])(?:lead|lede|intro|standfirst|summary|teaser|dek|deck|subtitle|sub-title|"
                        r"subheadline|excerpt|perex|chapo|abstract|description|podnaslov|vorspann)(?:$|[\s_-])")
CREDIT_TAIL = re.compile(
    r"(?:[(\[]\s*)?(?:(?:photo(?:graph)?s?|foto|фото|image|bild|credit|crédit|quelle|izvor|извор|fuente|fonte|"
    r"źródło)\s*(?:by\s*)?[:/]|fot\.|©|\(c\))\s*[^.()]{2,90}[)\]]?\s*$", re.I)


@dataclass
class Found:
    kind: str
    text: str
    glued: bool = False  # a link glued to the start of a story paragraph: strip it from that paragraph


def squash(text: str | None) -> str:
    return " ".join((text or "").split())


# Elements that start a new line of text; the others (links, bold, spans) run on inside one
BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "td", "th", "tr", "dd", "dt",
          "ul", "ol", "dl", "table", "caption", "section", "article", "main", "aside", "nav", "figure", "figcaption",
          "br", "hr", "header", "footer", "form", "fieldset", "address", "center", "details", "summary"}
BLOCK_SELECTOR = ",".join(sorted(BLOCKS))


# Scripts written without spaces between words, and Hangul, whose particles are glued to the word before
UNSPACED = re.compile(r"[\u0e00-\u0eff\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def node_text(node: LexborNode) -> str:
    """An element's text with a space between its text nodes, except in Chinese, Japanese, Korean, Thai and Lao
    text without blocks inside: there an inline element is part of a word ("中国<a>人民</a>银行", "<b>서울</b>에서"),
    as a browser shows it. (Looking for blocks costs ~20 µs an element, and elsewhere a space too many before a
    comma changes no word.)"""
    text = node.text(separator=" ")
    if UNSPACED.search(text) and node.css_first(BLOCK_SELECTOR) is None:
        return squash(node.text(separator=""))
    return squash(text)


def link_density(node: LexborNode, text: str) -> float:
    linked = sum(len(squash(a.text(separator=" "))) for a in node.css("a"))
    return linked / len(text) if text else 0.0


def kind_of(node: LexborNode) -> str | None:
    kind = TAG_KINDS.get(node.tag or "")
    if kind:
        return kind
    attrs = node.attributes
    values = [value for value in (attrs.get("class"), attrs.get("id"), attrs.get("itemprop")) if value and value.strip()]
    if not values:
        return None
    if attrs.get("role") == "navigation":
        return "navigation"
    # each attribute on its own: pages repeat each value, which the cache then types once (the three
    # joined would be a new string to match, ~1.5 ms a page)
    kinds = [kind_of_value(value) for value in values]
    return min(filter(None, kinds), key=KIND_ORDER.__getitem__, default=None)


KIND_ORDER = {kind: n for n, (kind, _) in enumerate(CLASS_KINDS)}


@lru_cache(maxsize=16384)
def kind_of_value(value: str) -> str | None:
    """The first kind (in CLASS_KINDS order) whose pattern matches one class, id or itemprop value.
    Most values hold none of the HINT pieces and are rejected by that one search; a first search with
    all the patterns joined instead cost ~0.35 ms a page more than it saved."""
    lowered = value.lower()
    if not HINT.search(lowered):
        return None
    for kind, pattern in CLASS_KINDS:
        if pattern.search(lowered):
            return kind
    return None


def split_credit(caption: str) -> tuple[str, str | None]:
    """A caption with its credit at the end ('… on Wednesday. Photo: Reuters') as (caption, credit)."""
    match = CREDIT_TAIL.search(caption)
    if match and match.start() > 0:
        return caption[:match.start()].strip(), match.group(0).strip(" ()[]")
    head, _, tail = caption.rpartition(". ")
    if head and bp.is_photo_credit(tail):
        return head + ".", tail
    for sep in ("  ", " | ", " — "):
        head, _, tail = caption.rpartition(sep)
        if head and bp.is_photo_credit(tail):
            return head, tail
    return caption, None


def kind_names(node: LexborNode) -> str:
    attrs = node.attributes
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()


def inside(node: LexborNode, tag: str) -> bool:
    parent = node.parent
    for _ in range(60):
        if parent is None:
            return False
        if parent.tag == tag:
            return True
        parent = parent.parent
    return False


# The elements that may be typed, each typed in Python by its class, id and itemprop values (cached).
# A selector of just the typed elements, built from the names a regex found in the markup, cost more:
# the regex over the whole markup and a selector of ~70 parts (dev split: typed_elements 2.7 -> 1.8 ms
# a page). It also missed unquoted names and names written across lines; typed now, they changed 5 dev
# pages' text: l3s-gn1 F1 0.957 -> 0.958, trafilatura 0.946 -> 0.945 (a slideshow whose story is its
# captions).
CANDIDATES = 'figcaption, nav, footer, [role="navigation"], [class], [id]'


def typed_elements(tree: LexborHTMLParser, body_chars: int) -> list[Found]:
    """Boilerplate elements in document order, outermost only, each split into typed items."""
    found: list[Found] = []
    # Candidates are typed once: lexbor returns an element once for each selector of the list it matches
    # (a typed <header class id> made two items, and drop_dom_boilerplate then took a story line that
    # repeats it for boilerplate: 4 of 1,958 pages changed, dev F1 unchanged), and the candidates inside
    # a typed element are part of its item. Marked when it is typed (the candidates come in document
    # order), they are skipped: menus and link lists hold most of a page's named elements. Dev split,
    # with the prefix-tree HINT: 1.9 -> 1.1 ms a page.
    handled: set[int] = set()
    body = tree.body
    if body is None:
        return found
    limit = max(400, body_chars // 2)
    for node in body.css(CANDIDATES):
        if node.mem_id in handled:
            continue
        handled.add(node.mem_id)
        kind = kind_of(node)
        if kind is None:
            continue
        text = node_text(node)
        if not text or len(text) > MAX_CHARS[kind] or len(text) > limit:
            continue
        if kind in LINK_HEAVY and (link_density(node, text) < 0.5 or (len(node.css("a")) < 2 and node.tag != "a")):
            continue
        if kind == "navigation" and (node.tag == "footer" or "footer" in kind_names(node)) and inside(node, "article"):
            continue  # an article's own footer holds its tags and byline, not the site's menu
        if kind == "photo_credit" and bp.COPYRIGHT_NOTICE.search(text):
            continue
        if kind == "share_subscribe" and ("embed" in kind_names(node) or node.css_first("blockquote") is not None):
            continue  # a "social-media-embed": a post quoted in the story, not a share button
        if kind == "author_bio" and not (len(bp.words(text)) >= 12 or bp.is_author_bio(text)):
            continue  # a byline ("By Jane Doe, March 3"), not a biography
        handled.update(inner.mem_id for inner in node.css(CANDIDATES))
        if kind == "photo_caption":
            credit_node = node.css_first('[class*="credit"], [class*="copyright"], [class*="source"], [class*="author"]')
            credit = node_text(credit_node) if credit_node else None
            caption = squash(text.replace(credit, " ")) if credit else text
            if not credit:
                caption, credit = split_credit(text)
            if caption and bp.WORD.search(caption):
                found.append(Found("photo_caption", caption))
            if credit:
                found.append(Found("photo_credit", credit))
        else:
            found.append(Found(kind, text))
    return found


def link_lists(tree: LexborHTMLParser, taken_text: list[str]) -> list[Found]:
    """Untyped lists of links: short items make a menu (navigation), one-link paragraphs of headline
    length inside the story are 'read also' links (related_links)."""
    found: list[Found] = []
    body = tree.body
    if body is None:
        return found
    for node in body.css("ul, ol")[:300]:
        items = node.css("li")
        if len(items) < 4 or len(items) > 60:
            continue
        texts = link_items(items)
        if texts is None:
            continue
        if sum(len(bp.words(t)) for t in texts) / len(texts) <= 3:
            text = " ".join(texts)
            if not any(text in t for t in taken_text):
                found.append(Found("navigation", text))
    for node in body.css("p")[:3000]:
        links = node.css("a")
        if not links:
            continue
        text = node_text(node)
        link = node_text(links[0])
        n = len(bp.words(link))
        if not 4 <= n <= 16 or bp.SENTENCE_END.search(link) or not text.startswith(link):
            continue
        if text == link and len(links) == 1:
            found.append(Found("related_links", text))
        else:
            # "<a>Headline of another story</a>The next sentence…": a related link pasted into the text
            raw = node.text(separator="")
            after = raw[len(link):len(link) + 1] if raw.startswith(link) else ""
            if after.isalpha() and after.isupper():
                found.append(Found("related_links", link, glued=True))
    return found


def link_items(items: list[LexborNode]) -> list[str] | None:
    """The list items' texts when each is exactly the text of its first link, else None (found at the first item
    that is not: most lists are not menus)."""
    texts = []
    for item in items:
        link = item.css_first("a")
        text = node_text(item)
        if link is None or node_text(link) != text:
            return None
        texts.append(text)
    return texts


def link_text_test(tree: LexborHTMLParser) -> Callable[[str], bool]:
    """A test of whether a line of the page text is a line of a link's text: the links' text is cut
    into lines the way the page text is (a line per text node, and at line breaks inside one), so a
    line is looked up whole. The links are read on the first call only (most pages have no
    related-links header)."""
    lines: set[str] = set()

    def is_link(line: str) -> bool:
        if not lines:
            body = tree.body
            for a in body.css("a") if body is not None else ():
                lines.update("".join(piece.split()) for piece in a.text(separator="\n").split("\n"))
            lines.add("\x00")  # read: a page without links is not read again
        return "".join(line.split()) in lines

    return is_link


def lead_candidates(tree: LexborHTMLParser) -> list[str]:
    """Standfirst/lead paragraphs marked as such; trafilatura often drops them with the header."""
    leads: list[str] = []
    body = tree.body
    if body is None:
        return leads
    for node in body.css("p[class], div[class], h2[class], span[class], p[itemprop], div[itemprop]")[:3000]:
        attrs = node.attributes
        names = f"{attrs.get('class') or ''} {attrs.get('itemprop') or ''}".lower()
        if not LEAD_CLASS.search(names):
            continue
        text = node_text(node)
        if 60 <= len(text) <= 1200 and len(bp.words(text)) >= 10 and link_density(node, text) < 0.3:
            leads.append(text)
        if len(leads) >= 3:
            break
    return leads


# Lines of the page text that announce boilerplate on their own ("Advertisement", "Share this",
# "This story will be updated", "Фото: …", a "Most read" header): found by one scan of the text.
# The alternatives are all lowercase, so it is matched without re.I against lowercased lines.
CUE = re.compile("^(?:" + "|".join(f"(?:{p.pattern})" for p in (
    bp.AD_LINE, bp.SHARE_START, bp.RELATED_HEADER, bp.RELATED_INLINE, bp.CREDIT_START, bp.SKIP_LINK,
    bp.SOURCE_LINE)) + ")")
MENU_SEPARATORS = (" | ", " · ", " • ")
MAX_BLOCK_LINES = 12
MAX_CUE_LINE = 400  # longer lines are story text: boilerplate.line_kind types none of them
MAX_CUE_CHARS = 400_000  # page text scanned for cues; the rest of a giant page is not boilerplate evidence


def cue_starts(text: str) -> list[int]:
    """Offsets of cues in the text. Update notices are found by their word stems with str.find:
    their regex has cues anywhere in a line, and scanning a page with it costs ~70 ms."""
    # One anchored match per line, on lowercased text with a case-sensitive pattern: scanning every
    # position, or matching with re.I, costs several ms a page.
    starts = []
    at = 0
    lower = text.lower()
    for line, lowered in zip(text.split("\n"), lower.split("\n")):
        if len(line) <= MAX_CUE_LINE and CUE.match(lowered):
            starts.append(at)
        at += len(line) + 1
    for stem in bp.UPDATE_STEMS + MENU_SEPARATORS:
        at = lower.find(stem)
        while at >= 0 and len(starts) < 5000:
            starts.append(at)
            at = lower.find(stem, at + len(stem))
    return sorted(set(starts))


def cue_lines(text: str, is_link: Callable[[str], bool] | None = None) -> list[Found]:
    """Typed items for short lines of the page text (one text node per line) that carry a cue.
    `is_link` tells whether a line is (part of) a link's text: the lines under a related-links header
    are then taken only while they are links (see related_block)."""
    found: list[Found] = []
    done = -1
    text = text[:MAX_CUE_CHARS]
    for offset in cue_starts(text):
        start = text.rfind("\n", 0, offset) + 1
        if start <= done:
            continue
        end = text.find("\n", offset)
        end = len(text) if end < 0 else end
        line = squash(text[start:end])
        done = end
        kind = bp.line_kind(line)
        if kind is None:
            continue
        if kind == "related_links" and bp.is_related_header(line):
            block, done = related_block(text, end, line, is_link)
            found.append(Found(kind, block))
        else:
            found.append(Found(kind, line))
    return found


def related_block(text: str, end: int, header: str, is_link: Callable[[str], bool] | None = None) -> tuple[str, int]:
    """A related-links header and the headline-like lines under it, as one item. On a page (is_link
    given) the block ends at the first line with words that is not link text: a text node is a line,
    so a story paragraph with a link or a line break in it comes as short pieces, which look like
    headlines. Dev pages (l3s-gn1) had 3 story paragraphs typed as related links that way."""
    lines = [header]
    pos = end
    while len(lines) <= MAX_BLOCK_LINES and pos < len(text):
        nxt = text.find("\n", pos + 1)
        nxt = len(text) if nxt < 0 else nxt
        line = squash(text[pos:nxt])
        if line:
            n = len(bp.words(line))
            if n > 30 or (n > 8 and bp.SENTENCE_END.search(line)) or (n and is_link and not is_link(line)):
                break
            lines.append(line)
        pos = nxt
    return " ".join(lines), pos
