"""Content-farm signals of one page, each with the text that triggered it, and the content_farm flag."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from stemma.judge.lexicon import OUTLETS, PERSONA_STEMS, UI_STRINGS, close, fold_key, transliteration_key
from stemma.model import Article, Flag
from stemma.text import HAN_WRITTEN

SCRIPT_OF = (("Cyrl", re.compile(r"[\u0400-\u04ff]")), ("Latn", re.compile(r"[A-Za-z\u00c0-\u024f]")),
             ("Grek", re.compile(r"[\u0370-\u03ff]")), ("Arab", re.compile(r"[\u0600-\u06ff]")),
             ("Hani", re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")))
# A lower-case letter (or a digit) directly followed by a capitalized word inside one token: "УкрајиниОво", "2001Он".
GLUED = re.compile(r"(?<![\w])(\w*?[^\W\d_A-ZА-ЯЁЂЈЉЊЋЏЄІЇҐ]{2}|\d{4})([A-ZА-ЯЁЂЈЉЊЋЏЄІЇҐ][^\W\d_A-ZА-ЯЁЂЈЉЊЋЏЄІЇҐ]+)(?![\w])")
# Latin name prefixes and brands where a capital inside a word is normal spelling, not a lost space.
NO_SPACE_LANGS = {*HAN_WRITTEN, "th", "ko", "lo", "km", "my"}
NAME_PREFIXES = ("mc", "mac", "mek", "mak", "de", "di", "da", "la", "le", "van", "von", "o", "d", "l", "al", "el", "du")
BRANDS = {"youtube", "playstation", "whatsapp", "linkedin", "tiktok", "paypal", "javascript", "iphone", "ipad",
          "ebay", "wordpress", "spacex", "openai", "blackrock", "fedex", "github", "deepmind", "chatgpt", "mastercard",
          "powerpoint", "facebook", "macbook", "airbnb", "doordash", "smartphone", "covid", "biontech", "easyjet"}
NAME = re.compile(r"\b[A-ZА-ЯЁЂЈЉЊЋЏЄІЇҐ][\w-]+(?:\s+[A-ZА-ЯЁЂЈЉЊЋЏЄІЇҐ][\w-]+){0,2}\b")  # capitalized, up to 3 words
CREDIT_SPLIT = re.compile(r"\s*[/|,;]\s*|\s+(?:via|za|für|pour|для|за)\s+")


@dataclass
class Signal:
    kind: str
    evidence: str
    weight: float  # how strongly this signal alone suggests a content farm (0..1)
    lang: str = ""  # the foreign language the signal points to, when it points to one


def script_of(text: str) -> str:
    counts = {name: len(pattern.findall(text)) for name, pattern in SCRIPT_OF}
    best = max(counts, key=counts.get)
    return best if counts[best] else "Zyyy"


def page_lines(article: Article) -> list[tuple[str, str]]:
    """(kind, line) for every paragraph of the text and every boilerplate item, in order, without repeats."""
    seen: set[str] = set()
    lines: list[tuple[str, str]] = []
    for kind, text in [("text", line) for line in article.text.split("\n")] + [(b.kind, b.text) for b in article.boilerplate]:
        text = text.strip()
        if text and text not in seen:
            seen.add(text)
            lines.append((kind, text))
    return lines


def quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return f"\u201c{text if len(text) <= limit else text[:limit - 1] + '…'}\u201d"


def persona_hits(fragment: str) -> list[str]:
    key = " " + re.sub(r"[^a-z ]", " ", fold_key(fragment)) + " "
    return [stem for stem in PERSONA_STEMS if re.search(r"\b" + re.escape(stem), key)]


def fake_bio_signals(article: Article) -> list[Signal]:
    """A bio made of short nominal fragments with web and pop-culture nouns ("Wannabe beer evangelist. Web fan.")."""
    signals = []
    for kind, line in page_lines(article):
        fragments = [f.strip(" \"'„“”«»") for f in re.split(r"[.!?;|•·]+", line) if f.strip(" \"'„“”«»")]
        if len(fragments) < 3 or len(line) > 400:
            continue
        words = [len(f.split()) for f in fragments]
        if max(words) > 5 or sum(words) / len(words) > 4:
            continue  # real sentences, not a string of labels
        hits = [persona_hits(f) for f in fragments]
        with_hits = sum(1 for h in hits if h)
        if with_hits >= max(2, len(fragments) // 2):
            found = sorted({stem for h in hits for stem in h})
            where = "in the author bio" if kind == "author_bio" else "as a bio-like line"
            signals.append(Signal("fake_author_bio", f"generic author bio {where}: {quote(line)} — {len(fragments)} "
                                  f"label fragments, {with_hits} with persona words ({', '.join(found[:6])})",
                                  0.6 if kind == "author_bio" else 0.5))
    return signals[:1]


@lru_cache(maxsize=1)
def ui_index() -> dict[str, set[str]]:
    """Folded interface string -> the languages that use it (folded, so Cyrillic and Latin spellings meet)."""
    index: dict[str, set[str]] = {}
    for lang, strings in UI_STRINGS.items():
        for string in strings:
            index.setdefault(" ".join(re.sub(r"[^a-z' ]", " ", fold_key(string)).split()), set()).add(lang)
    return index


def ui_string_languages(line: str) -> set[str]:
    return ui_index().get(" ".join(re.sub(r"[^a-z' ]", " ", fold_key(line)).split()), set())


def foreign_ui_signals(article: Article) -> list[Signal]:
    """Interface strings left in another language or script than the page ("More Stories" on a Serbian page)."""
    signals = []
    page_script = article.script if article.script not in ("", "Zyyy") else script_of(article.text)
    for kind, line in page_lines(article):
        if len(line.split()) > 6:
            continue
        langs = ui_string_languages(line)
        if langs and any(close(lang, article.lang) for lang in langs):
            continue  # the page's own language (or a close one) uses this string
        lang = "en" if "en" in langs else min(langs) if langs else None
        if lang:
            signals.append(Signal("foreign_interface_string", f"interface string in {lang} on a {article.lang} page: "
                                  f"{quote(line)}" + (f" ({kind})" if kind != "text" else ""), 0.4, lang))
        elif not lang and kind in ("related_links", "navigation", "share_subscribe", "ad") and page_script == "Cyrl" \
                and script_of(line) == "Latn" and len(line.split()) <= 4 and not any(w[:1].isdigit() for w in line.split()):
            signals.append(Signal("foreign_interface_string", f"{kind} label in Latin script on a Cyrillic page: "
                                  f"{quote(line)}", 0.3, "en" if line.isascii() else ""))  # plain ASCII labels: English templates
    return signals


def outlet_matches(token: str) -> list[tuple[str, str, str, str]]:
    """Outlets whose name sounds like this token (case-insensitive, across scripts)."""
    folded, sound = fold_key(token).strip(), transliteration_key(token)
    out = []
    for name, lang, domain, kind in OUTLETS:
        if folded == fold_key(name) or (len(sound) >= 3 and sound == transliteration_key(name) and len(folded) >= 4
                                        and folded[0] == fold_key(name)[0]):
            out.append((name, lang, domain, kind))
    return out


def credit_tokens(line: str) -> list[str]:
    return [t.strip(" .()[]©:") for t in CREDIT_SPLIT.split(line) if t.strip(" .()[]©:")]


def transliterated_credit_signals(article: Article) -> list[Signal]:
    """Credits of Latin-script agencies written in another script (Гетти Имагес, Ројтерс, АФП, Поол)."""
    found: dict[str, str] = {}
    for kind, line in page_lines(article):
        if kind not in ("photo_credit", "photo_caption", "text") or len(line) > 160:
            continue
        if kind == "text" and ("/" not in line or len(line.split()) > 10):
            continue  # body sentences: only credit-shaped lines ("A/B/C")
        for token in credit_tokens(line):
            if script_of(token) in ("Latn", "Zyyy"):
                continue
            for name, _lang, _domain, _kind in outlet_matches(token):
                if name not in ("TASS", "ITAR-TASS", "RIA Novosti", "Interfax", "Tanjug") or article.script == "Latn":
                    found.setdefault(name, token)
    if not found:
        return []
    listed = ", ".join(f"{written} = {name}" for name, written in found.items())
    return [Signal("transliterated_credit", f"foreign agency credits transliterated into {script_of(next(iter(found.values())))}"
                   f" script: {listed}", min(0.3 + 0.1 * len(found), 0.6))]


def glued_link_signals(article: Article) -> list[Signal]:
    """Link text glued into the next word ("УкрајиниОво", "2001Он"): both halves are words the page also uses
    on their own, which brand names written in camel case ("YouTube", "RailCom") are not."""
    if article.lang in NO_SPACE_LANGS:
        return []
    sentences = article.sentences or article.text.split("\n")
    words = {w.lower() for w in re.findall(r"\w+", "\n".join(sentences))}
    hits = []
    for sentence in sentences:
        for match in GLUED.finditer(sentence):
            token, left, right = match.group(0), match.group(1), match.group(2)
            if token.lower() in BRANDS or fold_key(left).lower() in NAME_PREFIXES or left[:1].islower() and token.isascii():
                continue  # "McCarthy", "YouTube", "iPhone"
            if right.lower() in words and (left.isdigit() or left.lower() in words):
                hits.append(token)
    if not hits:
        return []
    unique = list(dict.fromkeys(hits))
    return [Signal("glued_link_text", f"link text glued into the next word: {', '.join(unique[:5])}",
                   min(0.25 + 0.1 * len(unique), 0.5))]


def has_link_to(article: Article, domain: str) -> bool:
    if not domain:
        return False
    texts = [article.text] + [a.text for a in article.anchors if a.kind == "url"] + [b.text for b in article.boilerplate]
    return any(domain in t.lower() for t in texts)


def outlet_mentions(article: Article) -> list[dict]:
    """Foreign outlets named on the page: name, home language, where (dateline or body), how often, as written."""
    mentions: dict[str, dict] = {}
    lines = page_lines(article)
    for number, (kind, line) in enumerate(lines):
        top = kind in ("dateline", "byline") or (number < 2 and len(line.split()) <= 4)
        if kind in ("photo_credit", "related_links", "author_bio"):
            continue
        spans = [line] if top else NAME.findall(line)
        for token in (" ".join(w[i:j]) for w in (s.split() for s in spans) for i in range(len(w))
                      for j in range(i + 1, min(i + 3, len(w)) + 1)):
            for name, lang, domain, kind_ in outlet_matches(token):
                item = mentions.setdefault(name, {"outlet": name, "lang": lang, "domain": domain, "kind": kind_,
                                                  "written": token, "count": 0, "top": False})
                item["count"] += 1
                item["top"] = item["top"] or top
    return [m for m in mentions.values() if m["kind"] != "photo"]


def unlinked_attribution_signals(article: Article) -> list[Signal]:
    """A foreign outlet named as the source (dateline or top line) with no link to it."""
    signals = []
    for mention in outlet_mentions(article):
        if mention["lang"] == article.lang or has_link_to(article, mention["domain"]):
            continue
        if mention["top"] and mention["kind"] == "outlet":
            signals.append(Signal("unlinked_foreign_attribution", f"credits {mention['outlet']} ({quote(mention['written'])}"
                                  f" at the top of the page) without a link to {mention['domain']}", 0.35))
    return signals


def outlet_label(site: str) -> str:
    """The name part of a site: edition.cnn.com -> cnn, bbc.co.uk -> bbc."""
    labels = site.lower().split(".")
    if len(labels) >= 3 and labels[-2] in ("co", "com", "org", "net", "gov", "ac", "go"):
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else labels[0]


def relation_signals(article: Article, relations) -> list[Signal]:
    """Signals from the index: an uncredited translation of an indexed article; many copies across outlets."""
    signals = []
    page = fold_key(" ".join([article.author, article.text] + [b.text for b in article.boilerplate]))
    # Only the likeliest original (relations come ranked): the page owes no credit to its sibling translations.
    sources = [r for r in relations if getattr(r, "kind", "") in ("translation", "copy")
               and getattr(r, "direction", "") == "query_from_article"][:1]
    for relation in sources:
        other = relation.article
        site_word = outlet_label(other.site or "")
        squeezed = page.replace(" ", "")  # "Meridian Dispatch" credits meridiandispatch.com
        credited = bool(site_word) and (site_word in squeezed
                                        or transliteration_key(site_word) in transliteration_key(squeezed))
        if not credited:
            signals.append(Signal(f"uncredited_{relation.kind}", f"{relation.kind} of {other.url} ({other.site}, "
                                  f"{other.lang}) without naming or linking it", 0.5 if relation.kind == "translation" else 0.4))
    copies = [r for r in relations if getattr(r, "kind", "") in ("translation", "copy")]
    sites = {r.article.site for r in copies if r.article.site and r.article.site != article.site}
    if len(sites) >= 3:
        signals.append(Signal("many_copies", f"the same text appears on {len(sites)} other sites: "
                              f"{', '.join(sorted(sites)[:5])}", 0.3))
    return signals


def content_farm_signals(article: Article, relations=()) -> list[Signal]:
    return (fake_bio_signals(article) + foreign_ui_signals(article) + transliterated_credit_signals(article)
            + glued_link_signals(article) + unlinked_attribution_signals(article) + relation_signals(article, relations))


def content_farm_flag(article: Article, relations=()) -> Flag | None:
    """Flag the page when independent signals add up: two kinds of signal, or one strong one."""
    signals = content_farm_signals(article, relations)
    if not signals:
        return None
    score = 1.0
    for signal in signals:
        score *= 1.0 - signal.weight
    score = 1.0 - score
    kinds = {s.kind for s in signals}
    if len(kinds) < 2 and score < 0.6:
        return None
    return Flag(kind="content_farm", evidence=[s.evidence for s in signals], score=round(score, 3))
