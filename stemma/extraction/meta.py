"""Page metadata from markup: title, dates, authors, site name, canonical URL, declared language.

Read from <meta> tags, JSON-LD, the page's address, <time> elements and bylines with selectolax (fast);
htmldate is asked only when none gives a publication date, and without its slow free-text date parsing.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import SplitResult, urljoin, urlsplit

from lxml.html import HtmlElement
from selectolax.lexbor import LexborHTMLParser

from stemma.extraction.dom import kind_names

MAX_JSONLD_CHARS = 200_000  # a JSON-LD block larger than this is not metadata, skip it
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?")
TITLE_SEPARATOR = re.compile(r"\s+[|–—·•»:-]\s+")

PUBLISHED_META = ("article:published_time", "og:published_time", "datePublished", "pubdate", "publishdate",
                  "publish-date", "publish_date", "dc.date", "dc.date.issued", "dcterms.created", "date",
                  "sailthru.date", "parsely-pub-date", "article.published", "cxenseparse:recs:publishtime")
UPDATED_META = ("article:modified_time", "og:updated_time", "dateModified", "last-modified", "dcterms.modified",
                "article.updated", "lastmod")
AUTHOR_META = ("author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author", "twitter:creator")
NOT_AUTHOR = re.compile(r"^(https?://|www\.|@)|facebook\.com", re.I)


@dataclass
class Metadata:
    title: str = ""
    published_at: str | None = None
    updated_at: str | None = None
    authors: list[str] = field(default_factory=list)
    site_name: str = ""
    canonical_url: str | None = None
    declared_lang: str | None = None


def clean(text: str | None) -> str:
    return " ".join((text or "").split())


def iso_date(value: str | None) -> str | None:
    """The ISO date (and time, when given) at the start of a machine-readable date value."""
    match = ISO_DATE.search(value or "")
    if not match:
        return None
    year, month, day, hhmm, zone = match.groups()
    if not (1990 <= int(year) <= 2100 and 1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None
    date = f"{year}-{month}-{day}"
    if hhmm:
        date += "T" + (hhmm if hhmm.count(":") == 2 else hhmm + ":00")
        if zone:
            date += "+00:00" if zone == "Z" else (zone if ":" in zone else zone[:3] + ":" + zone[3:])
    return date


def meta_values(tree: LexborHTMLParser) -> dict[str, list[str]]:
    """content of every <meta> by its lowercased name/property/itemprop, in page order."""
    found: dict[str, list[str]] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or attrs.get("http-equiv")
        value = attrs.get("content") or attrs.get("datetime")
        if key and value:
            found.setdefault(key.strip().lower(), []).append(value.strip())
    return found


def jsonld_objects(tree: LexborHTMLParser) -> list[dict]:
    """Every JSON object in the page's JSON-LD blocks, flattened out of lists and @graph."""
    objects: list[dict] = []

    def walk(value: object, depth: int) -> None:
        if depth > 6 or len(objects) > 200:  # hostile or machine-generated graphs: stop early
            return
        if isinstance(value, list):
            for item in value:
                walk(item, depth + 1)
        elif isinstance(value, dict):
            objects.append(value)
            if "@graph" in value:
                walk(value["@graph"], depth + 1)

    for node in tree.css('script[type="application/ld+json"]'):
        text = node.text() or ""
        if len(text) > MAX_JSONLD_CHARS:
            continue
        try:
            walk(json.loads(text), 0)
        except (ValueError, RecursionError):
            continue
    return objects


def is_article(obj: dict) -> bool:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and ("Article" in k or k in ("BlogPosting", "Report", "WebPage")) for k in kinds)


def names(value: object) -> list[str]:
    """Person names from a JSON-LD author value (string, object or list of them)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return names(value.get("name"))
    if isinstance(value, list):
        return [n for item in value[:10] for n in names(item)]
    return []


def split_authors(values: list[str]) -> list[str]:
    authors: list[str] = []
    for value in values:
        for name in re.split(r"\s*(?:;|,|\band\b|\bund\b|\bи\b|\bi\b|&)\s*", clean(value)):
            name = re.sub(r"^(?:by|von|par|por|di|od|аутор|autor|piše|пише)\s*:?\s+", "", name, flags=re.I).strip(" .")
            if 2 < len(name) < 80 and not NOT_AUTHOR.search(name) and name.lower() not in (a.lower() for a in authors):
                authors.append(name)
    return authors


# A byline is an element named for the author ("byline", "td-post-author-name", "entry-content__authors") that is not
# a commenter's name, an author's photo or bio, or a form field, and is short: a longer one is the author's profile.
BYLINE = ", ".join(f"[{attribute}*={word} i]" for attribute in ("class", "id") for word in ("author", "byline", "autor"))
NOT_BYLINE = re.compile(r"(?<![a-z])(?:comment(?:s|list)?|avatar|bio|form|reply|respond)(?![a-z])", re.I)
MAX_BYLINE_CHARS = 100
MAX_BYLINES = 20
MAX_BYLINE_READ = 200_000  # characters read from candidates: twenty nested ones around a 1 MB story took 0.8 s
BYLINE_PIECES = re.compile(r"\s[-–—|·•]\s|[|·•—–]")
BY = re.compile(r"\b(?:by|von|por|par)\b\s*:?\s*", re.I)  # "Veröffentlicht am 8. Februar 2022 von PETA-Team"
BYLINE_LABEL = re.compile(r"^(?:post |article )?(?:author|autor|autorin|text|texto|story|written|posted|erstellt|"
                          r"geschrieben|verfasst)?\s*(?:by|von|por|par|di|door|av|af|od)?\s*:?\s*", re.I)
PERSON_NAME = re.compile(r"[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){0,3}")


def byline_names(tree: LexborHTMLParser) -> list[str]:
    """The author names of the first byline on the page that holds any. A byline runs the names together with labels,
    dates and handles ("29. Juni 2017 · von Tobi", "Por Williams Perdomo @wperdomod -"), which are cut away. Asked
    where the markup names no author (no JSON-LD, meta or rel=author). Trafilatura dataset, dev split, authors right
    0.434 -> 0.663 (trafilatura's metadata 0.646; bench/results/metadata-dev.md)."""
    read = 0
    for node in tree.css(BYLINE)[:MAX_BYLINES]:
        raw = node.text(separator=" ")
        read += len(raw)
        if read > MAX_BYLINE_READ:
            break
        text = clean(raw)
        if len(text) > MAX_BYLINE_CHARS or any(NOT_BYLINE.search(kind_names(up)) for up in ancestors(node, 8)):
            continue
        for piece in BYLINE_PIECES.split(text):
            piece = " ".join(word for word in BY.split(piece, 1)[-1].split() if "@" not in word)  # handles, e-mails
            piece = BYLINE_LABEL.sub("", piece.strip(" ,:|-"))
            found = [name for name in split_authors([piece]) if PERSON_NAME.fullmatch(name)]
            if found:
                return found
    return []


def ancestors(node, levels: int):
    """The node and its parents, `levels` of them at most."""
    for _ in range(levels + 1):
        if node is None or node.tag in ("body", "html"):
            return
        yield node
        node = node.parent


def first(*values: object) -> str | None:
    for value in values:
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def page_title(tree: LexborHTMLParser, meta: dict[str, list[str]], site_name: str, url: str | None = None) -> str:
    h1 = tree.css_first("h1")
    h1_text = clean(h1.text(separator=" ")) if h1 else ""
    candidate = first(meta.get("og:title"), meta.get("twitter:title"), meta.get("headline"))
    if not candidate:
        title_node = tree.css_first("title")
        candidate = clean(title_node.text()) if title_node else ""
    candidate = clean(candidate)
    if h1_text and (not candidate or h1_text in candidate):
        return h1_text
    return without_site(candidate, site_name, url)


def without_site(title: str, site_name: str, url: str | None) -> str:
    """A title without the site's name before or after it ("Headline | Site", "Site - Headline"): a part is the site's
    when it is its name or its host ("DOMRADIO.DE", "EnBW" on enbw.com). Other parts stay, dashes and all ("Minecraft
    1.8 - The Bountiful Update"), but for the longest of those a pipe parts: a pipe sets off a section or a site. Dev
    split, titles right (the longest part before): trafilatura dataset 0.743 -> 0.782, readability 0.679 -> 0.786."""
    host = (address(url).hostname or "").removeprefix("www.")
    site = {squeezed(site_name), squeezed(host), squeezed(host.rsplit(".", 1)[0])} - {""}
    cuts = list(TITLE_SEPARATOR.finditer(title))
    starts = [0] + [cut.end() for cut in cuts]
    ends = [cut.start() for cut in cuts] + [len(title)]
    parts = list(zip(starts, ends))
    while len(parts) > 1 and squeezed(title[slice(*parts[-1])]) in site:
        parts.pop()
    while len(parts) > 1 and squeezed(title[slice(*parts[0])]) in site:
        parts.pop(0)
    kept = title[parts[0][0]:parts[-1][1]]
    if "|" in kept:
        return max((part.strip() for part in kept.split("|")), key=len)
    return kept


def squeezed(text: str) -> str:
    return re.sub(r"[\W_]", "", text.lower())


def read_metadata(tree: LexborHTMLParser, html: str, url: str | None, markup: HtmlElement | None = None) -> Metadata:
    """Metadata from the selectolax tree; markup, the same page parsed by lxml, spares htmldate a parse."""
    meta = meta_values(tree)
    objects = jsonld_objects(tree)
    articles = [o for o in objects if is_article(o)] or objects
    data = Metadata()

    publisher = next((o.get("publisher") for o in articles if isinstance(o.get("publisher"), dict)), {})
    data.site_name = clean(first(meta.get("og:site_name"), meta.get("application-name"),
                                 publisher.get("name") if isinstance(publisher, dict) else None) or "")
    data.title = page_title(tree, meta, data.site_name, url)

    times = [n.attributes.get("datetime") for n in tree.css("time[datetime]")[:20]]
    published = [*(meta.get(k.lower(), [None])[0] for k in PUBLISHED_META),
                 *(o.get("datePublished") for o in articles), *(o.get("dateCreated") for o in articles)]
    updated = [*(meta.get(k.lower(), [None])[0] for k in UPDATED_META), *(o.get("dateModified") for o in articles)]
    data.published_at = next((d for d in map(iso_date, [p for p in published if isinstance(p, str)]) if d), None)
    if not data.published_at:
        # the date in the address (/2019/10/22/) is the story's; a <time> may be a comment's or a teaser's
        timed, dated = [d for d in map(iso_date, times) if d], url_date(url)
        data.published_at = next((d for d in timed if d[:10] == dated), dated) if dated else next(iter(timed), None)
    if not data.published_at:
        data.published_at = htmldate_guess(html if markup is None else markup, url)
    data.updated_at = next((d for d in map(iso_date, [u for u in updated if isinstance(u, str)]) if d), None)
    if data.updated_at == data.published_at:
        data.updated_at = None

    author_values = [n for o in articles for n in names(o.get("author"))]
    if not author_values:
        author_values = [v for k in AUTHOR_META for v in meta.get(k, [])]
    if not author_values:
        author_values = [clean(n.text(separator=" ")) for n in tree.css('[rel="author"], [itemprop="author"]')[:5]]
    data.authors = split_authors(author_values) or byline_names(tree)

    canonical = tree.css_first('link[rel="canonical"]')
    href = canonical.attributes.get("href") if canonical else None
    data.canonical_url = clean(first(href, meta.get("og:url"))) or None
    if data.canonical_url and url and not data.canonical_url.startswith(("http://", "https://")):
        data.canonical_url = urljoin(url, data.canonical_url)

    root = tree.css_first("html")
    lang = (root.attributes.get("lang") or root.attributes.get("xml:lang")) if root else None
    lang = lang or first(meta.get("content-language"), meta.get("og:locale"), meta.get("language"))
    data.declared_lang = clean(lang).replace("_", "-") or None if lang else None
    return data


URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/-]|\.html?$|$)")


def url_date(url: str | None) -> str | None:
    """The date a page's address gives its story (/2019/10/22/slug, /2019-10-22-slug), as YYYY-MM-DD."""
    match = URL_DATE.search(address(url).path)
    return iso_date("{}-{:0>2}-{:0>2}".format(*match.groups())) if match else None


def address(url: str | None) -> SplitResult:
    """A page's address in parts; a malformed one ("http://[abc/") has none."""
    try:
        return urlsplit(url or "")
    except ValueError:
        return urlsplit("")


def htmldate_guess(html: str | HtmlElement, url: str | None) -> str | None:
    """htmldate's guess from the markup, without its slow free-text date parser."""
    try:
        from htmldate import find_date

        return find_date(html, url=url, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except Exception:  # htmldate fails on some broken trees; a missing date is not an error
        return None
