"""The data model of stemma: plain records that flow from reading to reporting."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Page:
    """One fetched document, uninterpreted: what a reader produces."""

    url: str
    content: bytes | str  # raw HTML bytes, or already-extracted plain text
    kind: str = "html"  # "html" or "text"
    source: str = ""  # where it was read: a file path, "warc:offset", "jsonl:line"
    fetched_at: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    # Metadata a caller already knows (JSONL input); it wins over what extraction finds.
    title: str | None = None
    published_at: str | None = None
    lang: str | None = None


@dataclass
class Boilerplate:
    """A piece of a page that is not the story but is evidence about the page."""

    # photo_caption, photo_credit, author_bio, related_links, update_notice, share_subscribe, navigation,
    # ad, source_line ('Source: Reuters', 'Извор: Танјуг'), dateline ('CNN —' atop the story)
    kind: str
    text: str
    position: int  # index of the paragraph it stood before, in article order


@dataclass
class Anchor:
    """A fact that survives translation, with a language-independent key."""

    kind: str  # number, year, date, percent, money, entity, quote, url
    text: str  # surface form as written
    key: str  # normalized: "10.000" -> "10000", "Путина" -> "putin"
    sentence: int = -1  # index into Article.sentences; -1 for captions
    caption: bool = False


@dataclass
class Article:
    """Everything stemma knows about one page after analysis."""

    id: str
    url: str
    site: str
    title: str = ""
    author: str = ""
    published_at: str | None = None
    lang: str = "und"
    script: str = "Zyyy"
    text: str = ""
    sentences: list[str] = field(default_factory=list)
    paragraph_of: list[int] = field(default_factory=list)  # sentence index -> paragraph index
    boilerplate: list[Boilerplate] = field(default_factory=list)
    anchors: list[Anchor] = field(default_factory=list)
    minhash: list[int] = field(default_factory=list)
    lang_shares: dict[str, float] = field(default_factory=dict)


@dataclass
class AlignedPair:
    """Sentences of the query and of the other article that say the same thing."""

    query: list[int]
    article: list[int]
    similarity: float


@dataclass
class Drift:
    """A fact that differs between two aligned sentences, or a sentence only one side has."""

    kind: str  # number (figures and dates), name, quote, added_sentence, dropped_sentence
    query: str | None
    article: str | None
    query_sentence: int | None = None
    article_sentence: int | None = None


DERIVED_KINDS = ("copy", "rewrite", "translation", "excerpt")  # relations that say one text was made from the other


@dataclass
class Relation:
    """How the query article relates to one indexed article, with the evidence."""

    article: Article
    kind: str  # copy, rewrite, translation, excerpt, same_story
    direction: str  # query_from_article, article_from_query, unknown
    score: float
    coverage_query: float
    coverage_article: float
    alignment: list[AlignedPair] = field(default_factory=list)
    drift: list[Drift] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)


@dataclass
class Flag:
    """A judgement about the query page itself (machine translation, content farm)."""

    kind: str
    evidence: list[str] = field(default_factory=list)
    score: float | None = None


@dataclass
class Report:
    """The answer for one traced page."""

    query: Article
    relations: list[Relation] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    mt_likelihood: float | None = None
    source_hint: dict | None = None
