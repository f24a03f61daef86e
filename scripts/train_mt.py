"""Train the machine-translation classifier on the WMT train split, tune on dev, and save stemma/models/mt.npz.

    python scripts/train_mt.py [--corpus ../shared/corpora/wmt] [--out stemma/models/mt.npz]

Deterministic: no sampling anywhere (full-batch optimizer, fixed hashing), so the same data gives the same file.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stemma.judge.logreg import SparseRows, fit, log_count_ratio, roc_auc, sigmoid  # noqa: E402
from stemma.judge.mtdata import load_translations  # noqa: E402
from stemma.judge.mtmodel import POOLED, LanguageModel, Layout, MTModel, prune  # noqa: E402

L2 = 3e-5
NB_ALPHA = 1.0  # smoothing of the log-count ratios that scale the features
EPOCHS = 200
KEEP = 100_000  # weights kept per language after training (the rest carry almost nothing)
POOLED_EPOCHS = 120
SENTENCE_CALIBRATION = 3000  # dev segments per language for the sentence-score calibration
POOLED_STRIDE = 2  # the pooled fallback model learns from every other training document (half the time)
FLAG_FPR = 0.03  # the flag threshold lets at most this share of dev human translations through (originals score higher)


def train_language(layout: Layout, train, dev, lang: str, epochs: int = EPOCHS, keep: int = KEEP,
                   log=print) -> LanguageModel:
    started = time.time()
    x = layout.rows([t.text for t in train], [t.lang for t in train])
    y = np.array([t.machine for t in train])
    scale = log_count_ratio(x, y, NB_ALPHA)
    x.values = (x.values * scale[x.indices]).astype(np.float32)
    weights, bias = fit(x, y, l2=L2, epochs=epochs)
    weights = weights * scale  # fold the scaling into the weights: the saved model reads plain features
    xd = layout.rows([t.text for t in dev], [t.lang for t in dev])
    labels = np.array([t.machine for t in dev])
    log(f"{lang}: dev AUC before pruning {roc_auc(labels, xd.dot(weights)):.3f} (all pairs pooled)")
    weights = prune(weights, keep)
    scores = sigmoid(xd.dot(weights) + bias)
    aucs = {pair: roc_auc(labels[mask], scores[mask])
            for pair in sorted({t.pair for t in dev}) for mask in [np.array([t.pair == pair for t in dev])]}
    human = np.sort(scores[~labels]) if len(dev) else np.zeros(0)
    threshold = float(max(0.5, human[int((1 - FLAG_FPR) * (len(human) - 1))])) if len(human) else 0.5
    auc = float(np.nanmean(list(aucs.values()))) if aucs else None
    scale, shift, sentence_auc = calibrate_sentences(layout, weights, bias, dev)
    log(f"{lang}: {len(train)} train, {len(dev)} dev, dev AUC {' '.join(f'{p} {a:.3f}' for p, a in aucs.items())}, "
        f"threshold {threshold:.2f}, sentence AUC {sentence_auc:.3f} (logit x{scale:.2f} {shift:+.2f}), "
        f"{time.time() - started:.0f}s")
    return LanguageModel(lang, weights.astype(np.float32), float(bias), threshold, auc, scale, shift)


def calibrate_sentences(layout: Layout, weights: np.ndarray, bias: float, dev) -> tuple[float, float, float]:
    """Fit p = sigmoid(a * logit + c) on dev segments, so that sentence scores read as probabilities too."""
    segments = [(t.machine, s, t.lang) for t in dev for s in t.segments if len(s) >= 20]
    segments = segments[::max(1, len(segments) // SENTENCE_CALIBRATION)]
    logits = layout.rows([s for _, s, _ in segments], [lang for _, _, lang in segments]).dot(weights) + bias
    labels = np.array([m for m, _, _ in segments])
    one = SparseRows(np.arange(len(logits) + 1), np.zeros(len(logits), dtype=np.int64), logits.astype(np.float32), 1)
    (scale,), shift = fit(one, labels, l2=0.0, epochs=300, rate=0.05)
    return float(scale), float(shift), roc_auc(labels, logits)


def train(corpus: Path, layout: Layout | None = None, pooled: bool = True, log=print,
          model: MTModel | None = None, only: set[str] | None = None) -> MTModel:
    """Train every target language (or only some, into an existing model) and the pooled fallback."""
    layout = model.layout if model else layout or Layout()
    train_set, dev_set = load_translations(corpus, "train"), load_translations(corpus, "dev")
    model = model or MTModel(layout)
    for lang in sorted({t.lang for t in train_set}):
        if only and lang not in only:
            continue
        model.models[lang] = train_language(layout, [t for t in train_set if t.lang == lang],
                                            [t for t in dev_set if t.lang == lang], lang, log=log)
    if pooled and (not only or POOLED in only):  # one model over every language, for pages in languages WMT does not cover
        model.models[POOLED] = train_language(layout, train_set[::POOLED_STRIDE], dev_set, POOLED, epochs=POOLED_EPOCHS,
                                              keep=2 * KEEP, log=log)
    return model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "wmt")
    parser.add_argument("--out", type=Path, default=ROOT / "stemma" / "models" / "mt.npz")
    parser.add_argument("--no-pooled", action="store_true", help="skip the pooled fallback model")
    parser.add_argument("--langs", help="retrain only these models (comma-separated, '_pooled' for the fallback) "
                        "inside the existing --out file")
    args = parser.parse_args()
    if args.langs:
        existing = MTModel.load(args.out.read_bytes())
        model = train(args.corpus, pooled=not args.no_pooled, model=existing, only=set(args.langs.split(",")))
    else:
        model = train(args.corpus, pooled=not args.no_pooled)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    print(f"saved {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
