"""Judges on real pages: the seed (a machine-translated CNN copy on a content farm) and human translations."""
from __future__ import annotations

import json

import pytest

from stemma.analyze import analyze
from stemma.judge.farm import content_farm_flag, content_farm_signals, glued_link_signals
from stemma.judge.hint import source_hint
from stemma.judge.mt import machine_translation_flag, mt_likelihood
from stemma.model import Article, Page, Relation

from conftest import SHARED

WMT = SHARED / "corpora" / "wmt"


def text_article(text: str, lang: str | None = None, url: str = "file:///page.txt") -> Article:
    return analyze(Page(url=url, content=text.encode("utf-8"), kind="text", lang=lang))


@pytest.fixture(scope="module")
def human_pages() -> list[Article]:
    """Human references of the WMT test split (one per target language), as plain-text pages."""
    if not WMT.exists():
        pytest.skip("WMT corpus not available")
    pages, seen = [], set()
    for path in sorted(WMT.glob("en-*.jsonl")):
        for line in path.open(encoding="utf-8"):
            record = json.loads(line)
            refs = record.get("refs") or {}
            if record["split"] != "test" or record.get("domain") != "news" or not refs or record["tgt_lang"] in seen:
                continue
            text = next(iter(refs.values()))
            if len(text) > 800:
                seen.add(record["tgt_lang"])
                pages.append(text_article(text, record["tgt_lang"], f"file:///{record['doc_id']}.txt"))
    return pages


def test_seed_is_machine_translated(seed):
    result = mt_likelihood(seed)
    assert len(result.sentence_scores) == len(seed.sentences)
    flag = machine_translation_flag(seed, result)
    assert flag is not None and flag.kind == "machine_translation"
    assert flag.evidence and flag.score >= result.threshold


def test_seed_is_content_farm_with_four_kinds_of_evidence(seed):
    flag = content_farm_flag(seed)
    assert flag is not None and flag.kind == "content_farm"
    kinds = {s.kind for s in content_farm_signals(seed)}
    assert {"fake_author_bio", "foreign_interface_string", "transliterated_credit", "glued_link_text",
            "unlinked_foreign_attribution"} <= kinds
    assert len(flag.evidence) >= 4
    text = " ".join(flag.evidence)
    assert "More Stories" in text and "Getty Images" in text and "УкрајиниОво" in text and "CNN" in text


def test_seed_source_hint_names_english_and_cnn(seed):
    hint = source_hint(seed)
    assert hint["lang"] == "en" and hint["outlet"] == "CNN"
    for term in ("Putin", "Kim", "North Korea", "2000", "2001"):
        assert term in hint["query"]


def test_human_translations_are_not_content_farms(human_pages):
    assert len(human_pages) >= 5
    for page in human_pages:
        assert content_farm_flag(page) is None, (page.lang, content_farm_signals(page))


def test_human_translation_scores_below_seed(seed, human_pages):
    seed_score = mt_likelihood(seed).score
    assert sum(mt_likelihood(p).score < seed_score for p in human_pages) >= len(human_pages) - 1


def test_fake_bio_pattern_is_general():
    bio = "Zombie scholar. Hardcore coffee lover. Typical tv practitioner. Certified music junkie."
    page = text_article("Ein ganz normaler Artikel über das Wetter in Berlin, der lang genug ist.\n" + bio, "de")
    kinds = {s.kind for s in content_farm_signals(page)}
    assert "fake_author_bio" in kinds
    cyrillic = "Љубитељ кафе. Зомби стручњак. Тотални ТВ фанатик. Интернет евангелиста."
    page = text_article("Ово је обичан чланак о времену у Београду, довољно дугачак за анализу.\n" + cyrillic, "sr")
    assert "fake_author_bio" in {s.kind for s in content_farm_signals(page)}


def test_glued_words_ignore_names_and_brands():
    page = text_article("McDonald's and YouTube said the iPhone sold well, according to DeSantis.", "en")
    assert glued_link_signals(page) == []


def test_uncredited_translation_from_the_index(seed):
    original = Article(id="x", url="https://edition.cnn.com/2024/06/19/asia/putin-kim", site="edition.cnn.com", lang="en")
    relation = Relation(article=original, kind="translation", direction="query_from_article", score=0.9,
                        coverage_query=0.9, coverage_article=0.8)
    flag = content_farm_flag(seed, [relation])
    assert not any("edition.cnn.com" in e for e in flag.evidence)  # the page names CNN: credited
    stranger = Article(id="y", url="https://example-news.com/a", site="example-news.com", lang="en")
    relation.article = stranger
    assert any("without naming or linking it" in e for e in content_farm_flag(seed, [relation]).evidence)
