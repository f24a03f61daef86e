"""Learn a small lexicon from words of each language into English term keys; saves stemma/models/lexicon.tsv.

    python scripts/fit_lexicon.py [--corpus ../shared/corpora/wmt] [--min-count 5] [--min-dice 0.3]

Why: a translation that keeps no name, number or loan word shares no key with its source (chat turns, reviews),
and retrieval by keys cannot find it. WMT segments are aligned line by line: a word of one language and the English
term key that occur in the same aligned segments far more often than apart (Dice coefficient of their segment
counts) are taken as translations. Only the WMT *train* split is read (sources and human references, every pair
with English on one side); per language, each unit seen in at least --min-count segments keeps its best English
key if their Dice is at least --min-dice and they co-occur in at least 3 segments. Units are those of
stemma.text.lexicon.units. Deterministic.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stemma.text.lexicon import units  # noqa: E402

HUMAN = ("A", "original", "B", "C", "stud", "postedit")


def aligned_segments(corpus: Path) -> dict[str, list[tuple[set[str], set[str]]]]:
    """lang -> (units of a segment in that language, English units of its aligned segment), each pair once."""
    segments: dict[str, dict[tuple[str, str], tuple[set[str], set[str]]]] = defaultdict(dict)
    for path in sorted(corpus.glob("*.jsonl")):
        for record in map(json.loads, path.read_text(encoding="utf-8").splitlines()):
            if record["split"] != "train" or not record.get("src") or "en" not in (record["src_lang"], record["tgt_lang"]):
                continue
            for name in HUMAN:
                ref = (record.get("refs") or {}).get(name)
                if not ref:
                    continue
                src_lines, ref_lines = record["src"].split("\n"), ref.split("\n")
                if len(src_lines) != len(ref_lines):
                    continue
                english_is_source = record["src_lang"] == "en"
                lang = record["tgt_lang"] if english_is_source else record["src_lang"]
                for src, tgt in zip(src_lines, ref_lines):
                    english, other = (src, tgt) if english_is_source else (tgt, src)
                    if english.strip() and other.strip():
                        segments[lang].setdefault((english, other), (units(other, lang), units(english, "en")))
    return {lang: list(pairs.values()) for lang, pairs in segments.items()}


def fit(pairs: list[tuple[set[str], set[str]]], min_count: int, min_dice: float) -> dict[str, str]:
    own, english, both = Counter(), Counter(), Counter()
    for units_here, units_en in pairs:
        own.update(units_here)
        english.update(units_en)
        both.update((u, e) for u in units_here for e in units_en)
    best: dict[str, tuple[float, str]] = {}
    for (unit, key), count in both.items():
        if count < 3 or own[unit] < min_count or unit == key:
            continue
        dice = 2 * count / (own[unit] + english[key])
        if dice >= min_dice and (dice, key) > best.get(unit, (0.0, "")):
            best[unit] = (dice, key)
    return {unit: key for unit, (_, key) in best.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "wmt")
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--min-dice", type=float, default=0.3)
    parser.add_argument("--out", type=Path, default=ROOT / "stemma" / "models" / "lexicon.tsv")
    args = parser.parse_args()
    rows = []
    for lang, pairs in sorted(aligned_segments(args.corpus).items()):
        learned = fit(pairs, args.min_count, args.min_dice)
        rows += [(lang, unit, key) for unit, key in sorted(learned.items())]
        print(f"{lang}: {len(pairs)} aligned segments, {len(learned)} entries")
    args.out.write_text("".join(f"{lang}\t{unit}\t{key}\n" for lang, unit, key in rows), encoding="utf-8")
    print(f"{len(rows)} entries -> {args.out} ({args.out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
