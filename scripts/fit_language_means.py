"""Fit the per-language mean document vectors that stemma subtracts before cross-language search; saves
stemma/models/language_means.npz.

    python scripts/fit_language_means.py [--corpus ../shared/corpora/wmt] [--per-language 400]

Why: multilingual e5 vectors carry the language itself, so a page's nearest neighbours are pages in its own
language, and the original of a translation falls out of the candidate pool. Subtracting each language's mean
vector removes most of that shared component (the "language centering" of Libovický et al., 2020). The means come
from lead texts of the WMT *train* split (sources and human references), embedded exactly as `stemma ingest` does.
Deterministic: documents are taken in file order.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stemma.analyze import analyze  # noqa: E402
from stemma.embed import ENCODER_NAME, embed_texts  # noqa: E402
from stemma.model import Page  # noqa: E402
from stemma.signatures import lead_text  # noqa: E402

MIN_DOCUMENTS = 50  # fewer documents than this give a mean too noisy to trust: the language uses the shared mean


def split_texts(corpus: Path, split: str = "train", per_language: int | None = None) -> dict[str, list[str]]:
    """Distinct documents per language from one split, in file order: sources and human references; up to
    per_language of each language when given."""
    texts: dict[str, dict[str, str]] = defaultdict(dict)
    for path in sorted(corpus.glob("*.jsonl")):
        for record in map(json.loads, path.read_text(encoding="utf-8").splitlines()):
            if record["split"] != split:
                continue
            sides = [(record["src_lang"], record.get("src"))]
            sides += [(record["tgt_lang"], ref) for ref in (record.get("refs") or {}).values()]
            for lang, text in sides:
                text = "\n".join(line for line in (text or "").split("\n") if line.strip())
                if text and (per_language is None or len(texts[lang]) < per_language):
                    texts[lang].setdefault(text[:200], text)
    return {lang: list(by_start.values()) for lang, by_start in texts.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "wmt")
    parser.add_argument("--per-language", type=int, default=400)
    parser.add_argument("--out", type=Path, default=ROOT / "stemma" / "models" / "language_means.npz")
    args = parser.parse_args()

    means: dict[str, np.ndarray] = {}
    for lang, texts in sorted(split_texts(args.corpus, per_language=args.per_language).items()):
        if len(texts) < MIN_DOCUMENTS:
            print(f"{lang}: {len(texts)} documents, too few: uses the shared mean", flush=True)
            continue
        started = time.time()
        leads = [lead_text(analyze(Page(url=f"train:{lang}:{i}", content=text, kind="text", lang=lang)))
                 for i, text in enumerate(texts)]
        means[lang] = embed_texts(leads, lang).mean(axis=0)
        print(f"{lang}: {len(texts)} documents, {time.time() - started:.0f} s", flush=True)
    langs = sorted(means)
    shared = np.mean([means[lang] for lang in langs], axis=0)  # for languages without a mean of their own
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez(args.out, encoder=np.array(ENCODER_NAME), langs=np.array(langs),
             means=np.vstack([means[lang] for lang in langs]).astype(np.float32), shared=shared.astype(np.float32))
    print(f"wrote {args.out} ({', '.join(langs)})")


if __name__ == "__main__":
    main()
