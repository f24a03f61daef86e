"""Anchors in the index: a translation finds its source through the fingerprint table alone, each article stores a
capped unit-length fingerprint, and an index from before the fingerprint keys is upgraded in place."""
from __future__ import annotations

from stemma.analyze import analyze
from stemma.model import Page
from stemma.store import Store
from stemma.store.db import SCHEMA_VERSION, WEIGHT_SCALE, fingerprint
from stemma.text.fingerprint import KEYS

SOURCE = ("Russian President Vladimir Putin arrived in Pyongyang on June 19, 2024 for talks with Kim Jong Un. "
          "Kremlin aide Yuri Ushakov told TASS that the two leaders would sign a treaty on strategic partnership. "
          "North Korea last hosted Putin in 2000. The agreement covers 260,000 tonnes of grain and 10,000 workers.")
# The same story in Serbian Cyrillic, as a Belgrade site would run it.
TRANSLATION = ("Руски председник Владимир Путин стигао је у Пјонгјанг 19. јуна 2024. на разговоре са Ким Џонг Уном. "
               "Помоћник Кремља Јуриј Ушаков рекао је ТАСС-у да ће двојица лидера потписати споразум о стратешком "
               "партнерству. Северна Кореја последњи пут је угостила Путина 2000. године. Споразум обухвата 260.000 "
               "тона жита и 10.000 радника.")
OTHERS = [
    "Chinese President Xi Jinping met Kim Jong Un in Beijing on March 3, 2019. The talks covered trade and rice.",
    "Vladimir Putin spoke to reporters in Moscow about the economy. Inflation reached 7.4 percent in 2023.",
    "Floods in Novi Sad forced 1,200 people from their homes on Monday. The Danube rose to seven metres.",
    "The central bank in Belgrade kept its rate at 6.5 percent. Governor Jorgovanka Tabaković cited food prices.",
]
SUMMARY = ("Путин и Ким Џонг Ун у Пјонгјангу 19. јуна 2024: споразум о 260.000 тона жита и 10.000 радника, рекао "
           "је Ушаков.")
# A long article about the same people: it shares the story's names (and many words), not its date, numbers or aide.
LONG = " ".join(
    f"Analysts in {city} discussed how Putin and the Kremlin answered {topic} in {year}, as TASS reported."
    for city, topic, year in zip(
        ["Berlin", "Paris", "Warsaw", "Vienna", "Prague", "Budapest", "Sofia", "Riga", "Vilnius", "Tallinn"],
        ["sanctions", "elections", "pipelines", "tariffs", "protests", "budgets", "grain exports", "airspace",
         "shipping", "refugees"],
        range(2010, 2020)))


def page(number: int, text: str, lang: str):
    return analyze(Page(url=f"https://news.example/{number}", content=text, kind="text", lang=lang))


def indexed(tmp_path) -> Store:
    store = Store(tmp_path / "index")
    for number, text in enumerate([SOURCE, LONG] + OTHERS):
        store.add(page(number, text, "en"), None)
    store.commit()
    return store


def test_translation_finds_its_source_through_anchor_candidates_alone(tmp_path):
    store = indexed(tmp_path)
    source = store.number_of(page(0, SOURCE, "en").id)
    scores = store.anchor_candidates(fingerprint(page(99, TRANSLATION, "sr")), 10)
    assert max(scores, key=scores.get) == source
    assert scores[source] > 2 * max(s for n, s in scores.items() if n != source)


def test_each_article_stores_at_most_the_capped_fingerprint(tmp_path):
    store = indexed(tmp_path)
    long_article = page(1, LONG, "en")
    assert len(fingerprint(long_article)) == KEYS  # the long article has more keys than are kept
    rows = dict(store.db.execute("SELECT n, COUNT(*) FROM fingerprint GROUP BY n"))
    assert max(rows.values()) == KEYS
    weights = [w / WEIGHT_SCALE for (w,) in store.db.execute("SELECT weight FROM fingerprint WHERE n=?",
                                                               (store.number_of(long_article.id),))]
    assert abs(sum(w * w for w in weights) - 1) < 0.01  # unit length: scores are cosines, not sums over size


def test_index_from_before_fingerprint_keys_is_upgraded_in_place(tmp_path):
    """A schema-3 index stored kind-prefixed anchor keys ('entity:putin'); opening it derives the new fingerprints
    from the stored anchors and sentences, and the translation then finds its source."""
    store = indexed(tmp_path)
    expected = sorted(store.db.execute("SELECT * FROM fingerprint"))
    store.db.execute("DELETE FROM fingerprint")
    store.db.execute("INSERT INTO fingerprint SELECT 'entity:' || key, n, 1.0 FROM anchors WHERE kind='entity' "
                     "GROUP BY key, n")
    store.db.execute("UPDATE meta SET value='3' WHERE key='schema'")
    store.close()
    reopened = Store(tmp_path / "index")
    assert reopened.db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()[0] == str(SCHEMA_VERSION)
    assert sorted(reopened.db.execute("SELECT * FROM fingerprint")) == expected
    scores = reopened.anchor_candidates(fingerprint(page(99, TRANSLATION, "sr")), 10)
    assert max(scores, key=scores.get) == reopened.number_of(page(0, SOURCE, "en").id)


# Chat turns keep no name, number or loan word in translation: only the lexicon's English keys join them.
CHAT_TURNS = [
    "Your parcel was sent to the wrong address, so we will issue a refund of the payment.",
    "Please reset your password before you log in to your account again.",
    "The delivery of your order is delayed; please wait a few more days.",
    "Thank you for your patience, the problem with the device has been solved.",
]
CHAT_TRANSLATION = "您的包裹被寄到了错误的地址，因此我们将为您的付款办理退款。"


def test_chat_turn_without_names_finds_its_source_through_the_lexicon(tmp_path):
    store = Store(tmp_path / "index")
    for number, text in enumerate(CHAT_TURNS):
        store.add(page(number, text, "en"), None)
    store.commit()
    scores = store.anchor_candidates(fingerprint(page(99, CHAT_TRANSLATION, "zh")), 10)
    assert max(scores, key=scores.get) == store.number_of(page(0, CHAT_TURNS[0], "en").id)


def test_a_candidate_from_one_signal_is_scored_by_the_other_too(tmp_path, monkeypatch):
    """A short summary in the query's language, with a few heavy keys, can take the source's place in the anchor
    pool (in a crowded index many do); the source, still the nearest vector, must keep its anchor score and lead."""
    import numpy as np

    from stemma.trace import candidates

    store = Store(tmp_path / "index")
    axis = np.eye(384, dtype=np.float32)
    source, look_alike = page(0, SOURCE, "en"), page(1, SUMMARY, "sr")
    store.add(source, axis[0])
    store.add(look_alike, axis[1])
    for number, text in enumerate(OTHERS, 2):
        store.add(page(number, text, "en"), axis[number])
    store.commit()
    query = page(99, TRANSLATION, "sr")
    pool = store.anchor_candidates(fingerprint(query), 1)
    assert list(pool) == [store.number_of(look_alike.id)]  # the source is out of a one-article anchor pool
    monkeypatch.setattr(candidates, "ANCHOR_POOL", 1)
    found = candidates.find_candidates(query, 0.6 * axis[0] + 0.8 * axis[100], store, 5)
    full = store.anchor_candidates(fingerprint(query), 10)
    assert found[0].n == store.number_of(source.id) and found[0].vector_similarity > 0.5
    assert abs(found[0].anchor_score - full[found[0].n]) < 1e-9
