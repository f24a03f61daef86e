"""Machine-translation likelihood of an article and of each of its sentences, with the evidence behind it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from stemma.judge import features as F
from stemma.judge.logreg import sigmoid
from stemma.judge.mtmodel import POOLED, bundled_model
from stemma.model import Article, Flag

SENTENCE_FLAG = 0.5
SHOW_WORDS = 6
# Artifacts of machine translation pipelines, reported as evidence next to the model's score.
ARTIFACTS = [
    ("space before punctuation", re.compile(r"\w \.(?:\s|$)|\w ,\s")),
    ("doubled or unbalanced closing quotes", re.compile(r"[“”\"»][ \t]*[“”\"»]")),
]


@dataclass
class MTResult:
    score: float  # 0..1: likelihood that the text is machine-translated
    sentence_scores: list[float] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    threshold: float = 0.5
    model: str = ""


def body_text(article: Article) -> str:
    return "\n".join(article.sentences) if article.sentences else article.text


def mt_likelihood(article: Article) -> MTResult:
    """Score the body text (boilerplate left out) with the target language's model; score each sentence too."""
    bundle = bundled_model()
    model = bundle.for_lang(article.lang)
    layout = bundle.layout
    text = body_text(article)
    if len(text.strip()) < 20:
        return MTResult(0.0, [], ["too little text to judge"], model.threshold, model.lang)
    index, value = layout.row(text, article.lang)
    score = float(sigmoid(np.array([value @ model.weights[index] + model.bias]))[0])
    sentences = article.sentences or [s for s in text.split("\n") if s.strip()]
    sentence_scores = []
    for sentence in sentences:
        i, v = layout.row(sentence, article.lang)
        logit = v @ model.weights[i] + model.bias
        sentence_scores.append(round(float(sigmoid(np.array([model.sentence_scale * logit + model.sentence_bias]))[0]), 4))
    evidence = describe(article, text, score, sentence_scores, sentences, model, layout)
    return MTResult(round(score, 4), sentence_scores, evidence, model.threshold, model.lang)


def describe(article, text, score, sentence_scores, sentences, model, layout) -> list[str]:
    name = "pooled multilingual" if model.lang == POOLED else f"'{model.lang}'"
    auc = f", dev ROC AUC {model.dev_auc:.2f}" if model.dev_auc else ""
    evidence = [f"{name} classifier trained on WMT human vs machine translations{auc}: document score {score:.2f} "
                f"(flag threshold {model.threshold:.2f})"]
    if sentence_scores:
        high = sum(s >= SENTENCE_FLAG for s in sentence_scores)
        top = int(np.argmax(sentence_scores))
        evidence.append(f"{high} of {len(sentence_scores)} sentences score as machine-translated; most machine-like "
                        f"({sentence_scores[top]:.2f}): \u201c{sentences[top][:120]}\u201d")
    words = machine_words(text, article.lang, model, layout)
    if words:
        evidence.append("words weighing most towards machine translation: " + ", ".join(words))
    stray = stray_capitals(text)
    if len(stray) >= 3 and len(stray) * 10_000 / len(text) >= 4:  # WMT human and MT text: about 1 per 10,000 chars
        evidence.append(f"common words capitalized in mid-sentence (kept from source headings or links): "
                        f"{len(stray)}× (e.g. {', '.join(dict.fromkeys(stray[:4]))})")
    for label, pattern in ARTIFACTS:
        hits = [m.group(0).strip() for m in pattern.finditer(text)]
        if hits:
            evidence.append(f"{label}: {len(hits)}× (e.g. \u201c{hits[0]}\u201d)")
    return evidence


def stray_capitals(text: str) -> list[str]:
    """Common words capitalized in mid-sentence ("Хиљаде Севернокорејци Широким градским улицама"): the page uses
    the same word in lower case elsewhere and it does not start a multi-word name, so it is no name; machine
    translation keeps the capitals of source headings and link texts."""
    lower_words = {w for w in re.findall(r"\b[^\W\d_]{4,}\b", text) if w[0].islower()}
    hits = []
    for match in re.finditer(r"[^\W\d_]{2} ([^\W\d_]{4,})\b(?! [^\W\d_]*[A-ZА-ЯЂЋЏЉЊЈ])", text):
        word = match.group(1)
        if word[0].isupper() and not word.isupper() and word.lower() in lower_words:
            hits.append(word)
    return hits


def machine_words(text: str, lang: str, model, layout) -> list[str]:
    """The page's words whose unigram weights push the score up most (the hashed model is read back word by word)."""
    if "word" not in layout.blocks:
        return []
    offset = layout.blocks.index("word") * layout.dim
    tokens = sorted({t for t in F.TOKEN.findall(F.normalize(text, lang).lower()) if len(t) > 2})
    weights = {t: float(model.weights[offset + F.word_ngram_ids(t, layout.dim)[0]]) for t in tokens}
    ranked = sorted((w, t) for t, w in weights.items() if w > 0)[::-1]
    return [t for _, t in ranked[:SHOW_WORDS]]


def machine_translation_flag(article: Article, result: MTResult | None = None) -> Flag | None:
    """The machine_translation flag when the document score passes its language's threshold."""
    result = result or mt_likelihood(article)
    if result.score < result.threshold:
        return None
    return Flag(kind="machine_translation", evidence=list(result.evidence), score=result.score)
