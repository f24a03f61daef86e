"""Split a paragraph into sentences: ordinal dots, abbreviations, national quotes, CJK full stops, Thai spaces,
full stops with no space after them.

A rule-based splitter, because it runs on every ingested page and must take well under a millisecond per
paragraph (reldi-tokeniser takes ~15x longer). A line with no final punctuation (a headline, a caption) is
one sentence. Closing quotes stay with their sentence („… крај.“ Затим …); a quotation of several sentences
is split like any text, as WMT's sentence lines are (measured: not splitting inside quotes lost recall).
"""
from __future__ import annotations

import re

from stemma.text import HAN_WRITTEN

# Full stops and question marks of other scripts: Devanagari and Bengali danda, Arabic question mark, Urdu full stop,
# Ethiopic, Armenian, Myanmar and Khmer full stops, Tibetan shad. (The Greek question mark is canonically a semicolon:
# not split.)
OTHER_STOPS = "।॥؟۔።፧։။។།༎"
# A candidate end: terminal punctuation, then closing quotes or brackets, then space.
CANDIDATE = re.compile(rf"([.!?…{OTHER_STOPS}]+|\.\.\.)([\"'»”“’)\]」』]*)(\s+)")
CJK_END = re.compile(r"([。！？!?]+|[.](?=[\u3040-\u30ff\u4e00-\u9fff]))([”」』）)\"']*)\s*")
GEORGIAN, GEORGIAN_END = "\u10d0", "\u10ff"
OPENERS = "„«‚「『"  # a sentence may start with an opening quote (closing ones are taken into CANDIDATE)
# Languages that write ordinal numbers with a dot ("19. јуна", "am 19. Juni", "2. světová válka").
ORDINAL_DOT = {"sr", "hr", "bs", "sl", "mk", "cs", "sk", "de", "pl", "hu", "da", "no", "nb", "fi", "et", "lv",
               "lt", "tr", "is", "fo", "me", "sh"}
# Abbreviations after which a dot does not end a sentence (lower-cased, without the final dot). The English ones
# hold in every language; the others not in English, where they are words ("Oh my God. You guys").
ENGLISH_ABBREVIATIONS = set("""
mr mrs ms dr prof sen gov gen rep st jr sr lt col sgt capt cmdr adm inc ltd co corp vs etc e.g i.e u.s u.k
u.n a.m p.m no nos jan feb mar apr jun jul aug sep sept oct nov dec mt ft rev hon pres messrs approx dept
est fig vol pp ed eds al ca cf gov't univ assn bros tel
""".split())
ABBREVIATIONS = ENGLISH_ABBREVIATIONS | set("""
tzv npr itd sl god br str ul tj odn dr mil mlrd sv min maks pribl tzv tj. god. npr. itd. др тзв нпр итд
г гг ул им ім проф акад обл р ст вул д см руб тыс млн млрд т.е т.д т.п т.к т.н и.о мн св бр стр год мин
např tzv atd apod resp tj mil mld č str odst sb tel
z.b bzw ca nr usw vgl evtl ggf inkl d.h u.a mio mrd jh str st hr fr dipl ing abs abt
डॉ प्रो
""".split())
LAST_TOKEN = re.compile(r"(\S+)$")


def is_abbreviation(before: str, punctuation: str, lang: str) -> bool:
    """Does the dot that ends `before` belong to a word (abbreviation, initial, ordinal) rather than end it?"""
    if punctuation != ".":
        return False
    match = LAST_TOKEN.search(before)
    if not match:
        return False
    token = match.group(1).lstrip("(\"'„«“‘[").lower()
    if token in (ENGLISH_ABBREVIATIONS if lang == "en" else ABBREVIATIONS):
        return True
    if len(token) == 1 and token.isalpha():
        return True  # an initial: "J. K. Rowling", "В. Путин"
    if re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]", token):
        return True  # "U.S", "т.е", "z.B"
    if token.isdigit() and len(token) <= 2 and lang in ORDINAL_DOT:
        return True  # an ordinal: "19. јуна", "am 3. Tag"
    return False


def split_sentences(paragraph: str, lang: str = "") -> list[str]:
    """Sentences of one paragraph, in order, whitespace-normalized."""
    paragraph = " ".join(paragraph.split())
    if not paragraph:
        return []
    lang = lang.split("-")[0].lower()
    if lang in HAN_WRITTEN or (not lang and re.search(r"[。！？]", paragraph)):
        return split_cjk(paragraph)
    if lang in ("th", "lo"):
        return split_at_spaces(paragraph)
    paragraph = unglued(paragraph)
    sentences: list[str] = []
    start = 0
    for match in CANDIDATE.finditer(paragraph):
        end = match.end()
        if end >= len(paragraph):
            break
        punctuation = match.group(1)
        if not starts_sentence(paragraph, end, punctuation):
            continue
        if is_abbreviation(paragraph[start:match.start(1)], punctuation, lang):
            continue
        sentences.append(paragraph[start:match.end(2)].strip())
        start = end
    sentences.append(paragraph[start:].strip())
    return strays_joined(sentences)


WORDLESS = re.compile(r"^\W*$")


def strays_joined(pieces: list[str]) -> list[str]:
    """The pieces with each one that holds no letter or digit put at the end of the one before: a stray quote after
    a quotation's close (the seed's "... стабилност .“ “") is no sentence of its own."""
    sentences: list[str] = []
    for piece in pieces:
        if sentences and WORDLESS.match(piece):
            sentences[-1] += " " + piece
        elif piece:
            sentences.append(piece)
    return sentences


# A full stop with no space after it, between a lower-case word and a capitalized one ("Квіти поляла.Все нормально",
# "you might like this.It is kinda old"): people typing in a hurry write it, some machine translation systems run every
# sentence of a text together so, and a scraper that drops the breaks between paragraphs leaves it. Left as it is: a
# capital followed by capitals or by nothing (U.S.Army, star.FIVE, this.I), and an abbreviation (Mr.Smith).
GLUED_STOP = re.compile(r"(?<=[^\W\d_]{2})[.!?](?=[^\W\d_]{2})")


def unglued(paragraph: str) -> str:
    """The paragraph with a space after each full stop that ends one sentence and is glued to the next."""
    pieces, start = [], 0
    for match in GLUED_STOP.finditer(paragraph):
        at = match.end()
        if paragraph[match.start() - 1].islower() and paragraph[at].isupper() and paragraph[at + 1].islower():
            pieces.append(paragraph[start:at])
            start = at
    return " ".join(pieces + [paragraph[start:]])


def capital_or_caseless(char: str) -> bool:
    """A capital, or a letter of a script written without capitals: Arabic, Devanagari, Hangul, Hebrew, and Georgian,
    whose letters are lower case to Unicode since 2018 but are written without capitals."""
    return char.isupper() or (char.isalpha() and not char.islower()) or GEORGIAN <= char <= GEORGIAN_END


def starts_sentence(text: str, position: int, punctuation: str) -> bool:
    """Can a new sentence start at `position`? A capital or a caseless letter (the sentences of Arabic, Hindi or
    Korean were never split when only a capital could start one), an opening quote or bracket, a dash, a digit."""
    char = text[position]
    if capital_or_caseless(char) or char in OPENERS or char in "“\"'‘(¿¡—–-[":
        return True
    if char.isdigit():
        return not punctuation.startswith("…") and punctuation != "..."
    return False


# Thai and Lao write no sentence punctuation and no spaces between words: a space between two of their letters ends a
# sentence or a clause, or sits inside a name ("แอนนา เคลเลอร์"). A piece shorter than this joins the one before it
# (the first one, the next): one English sentence then meets one or two pieces, which the alignment merges, where
# cutting at every clause made three or four and left a third of a translation unaligned.
SPACED_SCRIPT = re.compile(r"(?<=[\u0e00-\u0eff])\s+(?=[\u0e00-\u0eff])")
MIN_SPACED_SENTENCE = 40


def split_at_spaces(paragraph: str) -> list[str]:
    pieces: list[str] = []
    for part in SPACED_SCRIPT.split(paragraph):
        if pieces and (len(part) < MIN_SPACED_SENTENCE or len(pieces[-1]) < MIN_SPACED_SENTENCE):
            pieces[-1] += " " + part
        else:
            pieces.append(part)
    return pieces


def split_cjk(paragraph: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for match in CJK_END.finditer(paragraph):
        end = match.end()
        sentences.append(paragraph[start:end].strip())
        start = end
    sentences.append(paragraph[start:].strip())
    return [s for s in sentences if s]
