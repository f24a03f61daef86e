"""An article's fingerprint for the index: its most telling anchor and loan-word keys, rarity-weighted, unit length."""
from __future__ import annotations

import heapq
import math
from functools import lru_cache
from pathlib import Path

from stemma.model import Anchor
from stemma.text.anchors import TERM_WEIGHT, fingerprint_keys
from stemma.text.lexicon import english_keys

# Keys kept per article. fingerprint_keys gives a news article a few hundred keys (every word of four letters or
# more adds one), ~300M index rows at 1M articles; the 64 most telling ones keep retrieval where all of them put it
# (WMT dev, every dev source a candidate for every dev reference: mean R@10 0.813 with 64 keys, 0.803 with all).
KEYS = 64
KEY_DF = Path(__file__).resolve().parents[1] / "models" / "key_df.tsv"


@lru_cache(maxsize=1)
def key_frequencies() -> tuple[int, dict[str, int]]:
    """(documents, key -> documents holding it) counted on WMT train by scripts/fit_key_rarity.py."""
    lines = KEY_DF.read_text(encoding="utf-8").splitlines()
    documents = int(lines[0].split("\t")[1])
    return documents, {key: int(count) for key, count in (line.rsplit("\t", 1) for line in lines[1:])}


def fingerprint(anchors: list[Anchor], sentences: list[str], lang: str, limit: int = KEYS) -> dict[str, float]:
    """The `limit` keys of largest weight x rarity, as a unit vector: an index score summed over shared keys is then
    a cosine and a long article does not win by its size. Keys: anchors and term keys (stemma.text.anchors.
    fingerprint_keys) and, for a text not in English, the English term keys of the words stemma.text.lexicon knows;
    with no sentences, anchors alone. Rarity is the inverse document frequency of the key on WMT train (a key never
    seen there counts as seen once): it must be known when the row is written, before the index knows how common
    the key is, and the index's own frequencies change as it grows while rows are written once."""
    documents, frequencies = key_frequencies()
    keys = fingerprint_keys(anchors, sentences, lang)
    for key in english_keys(sentences, lang):
        keys.setdefault(key, TERM_WEIGHT)
    weighted = {key: weight * math.log(1 + documents / (1 + frequencies.get(key, 0)))
                for key, weight in keys.items()}
    kept = heapq.nsmallest(limit, weighted.items(), key=lambda item: (-item[1], item[0]))
    norm = math.sqrt(sum(w * w for _, w in kept)) or 1.0
    return {key: w / norm for key, w in kept}
