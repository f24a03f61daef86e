"""Count in how many WMT *train* documents each fingerprint key occurs; saves stemma/models/key_df.tsv.

    python scripts/fit_key_rarity.py [--corpus ../shared/corpora/wmt] [--min-df 3]

Why: the index keeps only an article's most telling keys (stemma.text.fingerprint), and which keys tell the most
must be known when the article is written, before the index knows how common a key is. The document frequency of
each key in a fixed corpus is that estimate: 'that', 'said', 2024 and 'trump' are common, a date or a rare name is
not. Counted over sources and human references of every pair (each distinct text once), keys of every language
mixed, as the index mixes them. Keys seen in fewer than --min-df documents are left out (they read as unseen,
which is what they nearly are). Deterministic.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stemma.text.anchors import find_anchors, fingerprint_keys  # noqa: E402
from stemma.text.segment import split_sentences  # noqa: E402

HUMAN = ("A", "original", "B", "C", "stud", "postedit")


def train_texts(corpus: Path) -> list[tuple[str, str]]:
    """(text, lang) of every distinct train source and human reference."""
    texts: dict[str, tuple[str, str]] = {}
    for path in sorted(corpus.glob("*.jsonl")):
        for record in map(json.loads, path.read_text(encoding="utf-8").splitlines()):
            if record["split"] != "train":
                continue
            if record.get("src"):
                texts.setdefault(record["src"].strip(), (record["src"], record["src_lang"]))
            for name in HUMAN:
                ref = (record.get("refs") or {}).get(name)
                if ref:
                    texts.setdefault(ref.strip(), (ref, record["tgt_lang"]))
    return list(texts.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "wmt")
    parser.add_argument("--min-df", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "stemma" / "models" / "key_df.tsv")
    args = parser.parse_args()
    texts = train_texts(args.corpus)
    df: Counter[str] = Counter()
    for text, lang in texts:
        sentences = [s for line in text.split("\n") for s in split_sentences(line, lang)]
        df.update(fingerprint_keys(find_anchors(sentences, lang), sentences, lang).keys())
    kept = sorted(((k, c) for k, c in df.items() if c >= args.min_df and "\t" not in k and "\n" not in k),
                  key=lambda kc: (-kc[1], kc[0]))
    with args.out.open("w", encoding="utf-8") as out:
        out.write(f"#documents\t{len(texts)}\n")
        out.writelines(f"{key}\t{count}\n" for key, count in kept)
    print(f"{len(texts)} train documents, {len(df)} keys, {len(kept)} kept (df >= {args.min_df}) -> {args.out}")


if __name__ == "__main__":
    main()
