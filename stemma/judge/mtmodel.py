"""The machine-translation classifier's feature layout and its saved form (one weight vector per target language)."""
from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from stemma.judge import features as F
from stemma.judge.logreg import SparseRows

MODEL_FILE = "mt.npz"
# Languages without their own model borrow the closest one; anything else uses the pooled model.
BORROW = {"bs": "hr", "me": "sr", "sh": "sr", "mk": "sr", "be": "uk", "bg": "ru", "sk": "cs"}
POOLED = "_pooled"


@dataclass
class Layout:
    """Which feature blocks a model reads, and how much each block weighs."""

    blocks: tuple[str, ...] = ("char5", "word", "shape")
    weights: tuple[float, ...] = (1.0, 1.0, 1.0)
    dim: int = F.DIM

    def block_ids(self, block: str, text: str) -> np.ndarray:
        if block == "char":
            return F.char_ngram_ids(text, dim=self.dim)
        if block == "char5":
            return F.char_ngram_ids(text, orders=(1, 2, 3, 4, 5), dim=self.dim)
        if block == "word":
            return F.word_ngram_ids(text, dim=self.dim)
        if block == "shape":
            return F.shape_ngram_ids(text, dim=self.dim)
        raise ValueError(block)

    def row(self, text: str, lang: str) -> tuple[np.ndarray, np.ndarray]:
        """One text as a sparse row: each block L2-normalized, weighted, and placed in its own range."""
        text = F.normalize(text, lang)
        indices, values = [], []
        for number, (block, weight) in enumerate(zip(self.blocks, self.weights)):
            index, value = F.tf_vector(self.block_ids(block, text))
            indices.append(index + number * self.dim)
            values.append(value * weight)
        return np.concatenate(indices), np.concatenate(values)

    def rows(self, texts: list[str], langs: list[str]) -> SparseRows:
        return SparseRows.stack([self.row(t, lang) for t, lang in zip(texts, langs)], self.dim * len(self.blocks))


@dataclass
class LanguageModel:
    lang: str
    weights: np.ndarray  # dense over the layout's full feature range
    bias: float
    threshold: float  # the document score above which the page is flagged (chosen on dev)
    dev_auc: float | None = None
    # A single sentence has far fewer features than a document: its logit is rescaled (Platt, fitted on dev segments).
    sentence_scale: float = 1.0
    sentence_bias: float = 0.0


@dataclass
class MTModel:
    layout: Layout
    models: dict[str, LanguageModel] = field(default_factory=dict)

    def for_lang(self, lang: str) -> LanguageModel:
        return self.models.get(lang) or self.models.get(BORROW.get(lang, "")) or self.models[POOLED]

    def save(self, path) -> None:
        """Only the largest weights are kept (the rest are set to 0), as float16: a few MB in all."""
        arrays = {}
        meta = {"blocks": self.layout.blocks, "weights": self.layout.weights, "dim": self.layout.dim, "models": {}}
        for lang, model in self.models.items():
            keep = np.flatnonzero(model.weights)
            arrays[f"{lang}.gap"] = np.diff(keep, prepend=0).astype(np.uint32)  # small gaps compress well
            arrays[f"{lang}.value"] = model.weights[keep].astype(np.float16)
            meta["models"][lang] = {"bias": model.bias, "threshold": model.threshold, "dev_auc": model.dev_auc,
                                    "sentence_scale": model.sentence_scale, "sentence_bias": model.sentence_bias}
        arrays["meta"] = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
        np.savez_compressed(path, **arrays)

    @classmethod
    def load(cls, data: bytes) -> "MTModel":
        arrays = np.load(io.BytesIO(data))
        meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
        layout = Layout(tuple(meta["blocks"]), tuple(meta["weights"]), meta["dim"])
        size = layout.dim * len(layout.blocks)
        models = {}
        for lang, info in meta["models"].items():
            weights = np.zeros(size, dtype=np.float32)
            weights[np.cumsum(arrays[f"{lang}.gap"].astype(np.int64))] = arrays[f"{lang}.value"].astype(np.float32)
            models[lang] = LanguageModel(lang, weights, info["bias"], info["threshold"], info.get("dev_auc"),
                                         info.get("sentence_scale", 1.0), info.get("sentence_bias", 0.0))
        return cls(layout, models)


def prune(weights: np.ndarray, keep: int) -> np.ndarray:
    """Zero all but the `keep` weights of largest magnitude."""
    if np.count_nonzero(weights) <= keep:
        return weights
    cut = np.partition(np.abs(weights), -keep)[-keep]
    return np.where(np.abs(weights) >= cut, weights, 0.0)


@lru_cache(maxsize=1)
def bundled_model() -> MTModel:
    """The committed model, loaded once per process from the package (never from the training corpus)."""
    path = Path(__file__).resolve().parents[1] / "models" / MODEL_FILE  # package data, installed with stemma
    return MTModel.load(path.read_bytes())
