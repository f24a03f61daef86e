"""Boilerplate and lead paragraphs found in the markup (selectolax): captions, credits, bios, link blocks, ads.

An element is typed by its tag (figcaption, nav) or its class/id names; size and link-density
limits keep a mislabelled page wrapper from swallowing the article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from stemma.extract import boilerplate as bp

CLASS_KINDS: list[tuple[str, re.Pattern]] = [
    ("photo_caption", re.compile(r"caption|legend|bildunterschrift|image[-_]?desc|img[-_]?desc|photo[-_]?desc|"
                                 r"figure__text|media__text|picture[-_]?text|foto[-_]?opis|potpis")),
    ("photo_credit", re.compile(r"credit|copyright|photographer|image[-_]?source|photo[-_]?source|bildnachweis|"
                                r"bildquelle|fotograf|foto[-_]?izvor|autor[-_]?fotografije")),
    ("author_bio", re.compile(r"author[-_]?bio|about[-_]?(?:the[-_]?)?author|authorbio|author[-_]?desc|bio(?:graphy)?\b|"
                              r"\bbio\b|contributor[-_]?bio|byline[-_]?bio|o[-_]?autoru")),
    ("related_links", re.compile(r"related|more[-_]?(?:stories|news|articles|from|on|in)|read[-_]?(?:next|also)|"
                                 r"also[-_]?read|recommend|you[-_]?may|most[-_]?(?:read|popular|viewed)|trending|"
                                 r"outbrain|taboola|further[-_]?reading|see[-_]?also|povezan|procitaj|lesen[-_]?sie|"
                                 r"weitere[-_]?artikel|a[-_]?lire|leggi[-_]?anche|leia[-_]?tambem|czytaj|по[-_]?теме")),
    ("share_subscribe", re.compile(r"share|sharing|social|newsletter|subscribe|subscription|sign[-_]?up|"
                                   r"follow[-_]?us|addthis|sharethis|podeli|teilen|partage")),
    ("ad", re.compile(r"(?:^|[\s_-])(?:ad|ads|adv)(?:$|[\s_-])|advert|adslot|dfp|google[-_]?ad|adsbygoogle|"
                      r"sponsor|promoted|anzeige|werbung|reklam|commercial")),
    ("navigation", re.compile(r"breadcrumb|(?:^|[\s_-])nav(?:$|[\s_-])|navbar|navigation|(?:^|[\s_-])menu|"
                              r"pagination|pager|skip[-_]?link|site[-_]?header|site[-_]?footer|topbar")),
]
ANY_NAME = re.compile("|".join(pattern.pattern for _, pattern in CLASS_KINDS), re.I)
NAME_ATTR = re.compile(r"""\s(class|id)\s*=\s*["']([^"'\\\n<>]{1,300})["']""", re.I)
TAG_KINDS = {"figcaption": "photo_caption", "nav": "navigation"}
MAX_CHARS = {"photo_caption": 700, "photo_credit": 200, "author_bio": 1500, "related_links": 4000,
             "share_subscribe": 400, "ad": 400, "navigation": 3000, "update_notice": 300}
LINK_HEAVY = {"related_links", "navigation"}
LEAD_CLASS = re.compile(r"(?:^|[\s_-])(?:lead|lede|intro|standfirst|summary|teaser|dek|deck|subtitle|sub-title|"
                        r"subheadline|excerpt|perex|chapo|abstract|description|podnaslov|vorspann)(?:$|[\s_-])")
CREDIT_TAIL = re.compile(
    r"(?:[(\[]\s*)?(?:(?:photo(?:graph)?s?|foto|фото|image|bild|credit|crédit|quelle|izvor|извор|fuente|fonte|"
    r"źródło)\s*(?:by\s*)?[:/]|©|\(c\))\s*[^.()]{2,90}[)\]]?\s*$", re.I)


@dataclass
class Found:
    kind: str
    text: str


def squash(text: str | None) -> str:
    return " ".join((text or "").split())


def node_text(node: LexborNode) -> str:
    return squash(node.text(separator=" "))


def link_density(node: LexborNode, text: str) -> float:
    linked = sum(len(squash(a.text(separator=" "))) for a in node.css("a"))
    return linked / len(text) if text else 0.0


def kind_of(node: LexborNode) -> str | None:
    kind = TAG_KINDS.get(node.tag or "")
    if kind:
        return kind
    attrs = node.attributes
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''} {attrs.get('itemprop') or ''}".lower()
    if not names.strip():
        return None
    if attrs.get("role") == "navigation":
        return "navigation"
    return kind_of_names(names)


@lru_cache(maxsize=4096)
def kind_of_names(names: str) -> str | None:
    """The first kind (in CLASS_KINDS order) whose pattern matches the class/id names; pages repeat them."""
    for kind, pattern in CLASS_KINDS:
        if pattern.search(names):
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


def has_typed_ancestor(node: LexborNode, taken: set[int]) -> bool:
    parent = node.parent
    for _ in range(60):
        if parent is None:
            return False
        if parent.mem_id in taken:
            return True
        parent = parent.parent
    return False


def candidate_selector(html: str) -> str:
    """A selector for just the elements whose class or id names a kind: the names are found in the
    markup by one regex scan, so no per-element Python work is spent on the rest of the page."""
    parts = ["figcaption", "nav", '[role="navigation"]']
    for attr, value in set(NAME_ATTR.findall(html)):
        if ANY_NAME.search(value) and kind_of_names(value.lower()):
            parts.append(f'[{attr.lower()}="{value}"]')
    return ", ".join(parts)


def typed_elements(tree: LexborHTMLParser, html: str, body_chars: int) -> list[Found]:
    """Boilerplate elements in document order, outermost only, each split into typed items."""
    found: list[Found] = []
    taken: set[int] = set()
    body = tree.body
    if body is None:
        return found
    limit = max(400, body_chars // 2)
    for node in body.css(candidate_selector(html)):
        kind = kind_of(node)
        if kind is None or has_typed_ancestor(node, taken):
            continue
        text = node_text(node)
        if not text or len(text) > MAX_CHARS[kind] or len(text) > limit:
            continue
        if kind in LINK_HEAVY and link_density(node, text) < 0.5:
            continue
        if kind == "author_bio" and len(bp.words(text)) < 6:
            continue
        taken.add(node.mem_id)
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
