"""Find anchors that survive translation (numbers, dates, money, names, quotes, links) with language-independent keys."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from stemma.model import Anchor
from stemma.text import CHINESE, HAN_WRITTEN
from stemma.text.dates import NUMBER_WORD_VALUES, is_month_word, month_number
from stemma.text.exonyms import EXONYMS, MULTIWORD
from stemma.text.romanize import fold, romanize, unmarked

# A number: digit groups of three joined by one separator (10.000, 10,000, 10 000), or grouped the Indian way
# (12,00,000 is twelve lakh: 1,200,000), or digits with a decimal part.
# Not glued to a Latin or Cyrillic letter (G7, COVID19) but free to touch CJK (2024年).
NUMBER = re.compile(r"(?<![0-9A-Za-z\u00c0-\u024f\u0400-\u04ff.,])"
                    r"(\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d+)?|"
                    r"\d{1,3}(?:([.,\u00a0\u202f ’'٬])\d{3})(?:\2\d{3})*(?:[.,٫]\d+)?|\d+(?:[.,٫]\d+)?)(?![\d])")
# A letter, or a mark that is part of a word: Latin combining accents, Indic vowel signs, Thai, Lao, Tibetan, Myanmar
# and Khmer vowels and tones (Python's \w takes none of them, so मिलियन would end at म, ล้าน at ล and သန်း at သန)
# The second class only where the first does not match: a Thai or Devanagari letter is in both, and a run of them
# would try every way of splitting itself between the two (a Thai sentence took minutes in MONTH_YEAR).
LETTER = r"(?:[^\W\d_]|(?![^\W\d_])[\u0300-\u036f\u0900-\u0dff\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff])"
WORD_AFTER = re.compile(rf"\s?({LETTER}+\.?)")
# Multipliers written glued to the number or to what follows it, longest first (พันล้าน before พัน).
GLUED_MULTIPLIERS = {"百万": 10**6, "千万": 10**7, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "千": 10**3,
                     "兆": 10**12,
                     # Korean writes them glued too: 1200만 달러
                     "만": 10**4, "억": 10**8, "천": 10**3, "천만": 10**7, "백만": 10**6,
                     # Thai, Lao and Khmer put no space between words: 12 ล้านดอลลาร์, 6 หมื่นหลัง
                     "พันล้าน": 10**9, "ล้าน": 10**6, "แสน": 10**5, "หมื่น": 10**4, "พัน": 10**3,
                     "ລ້ານ": 10**6, "ພັນ": 10**3, "លាន": 10**6, "ពាន់": 10**3}
GLUED_ORDER = tuple(sorted(GLUED_MULTIPLIERS, key=len, reverse=True))


def bare(word: str) -> str:
    """Lower case without accents or other combining marks, in its own script: εκατομμυρίων and εκατομμύριο,
    mílíọ̀nù and milion, हज़ार and हजार meet."""
    return unmarked(word.lower(), "NFD")


# Word prefixes of multipliers after a number, compared bare. Billions of the "billion" family are in BILLION (their
# scale depends on the language).
MULTIPLIER_WORDS = tuple((bare(word), value) for word, value in (
    # thousand
    ("thousand", 10**3), ("tisuć", 10**3), ("hiljad", 10**3), ("хиљад", 10**3), ("хиљ", 10**3), ("тысяч", 10**3),
    ("тыс", 10**3), ("тисяч", 10**3), ("хиляд", 10**3), ("илјад", 10**3), ("мың", 10**3), ("tausend", 10**3),
    ("tisíc", 10**3), ("tysiąc", 10**3), ("tysięcy", 10**3), ("duizend", 10**3), ("tusen", 10**3), ("tusind", 10**3),
    ("tuhat", 10**3), ("ezer", 10**3), ("tūkst", 10**3), ("mijë", 10**3), ("ribu", 10**3), ("nghìn", 10**3),
    ("ngàn", 10**3), ("libo", 10**3), ("elfu", 10**3), ("dubu", 10**3), ("ẹgbẹ̀rún", 10**3), ("χιλιάδ", 10**3),
    ("ألف", 10**3), ("آلاف", 10**3), ("هزار", 10**3), ("ہزار", 10**3), ("אלף", 10**3),
    ("हज़ार", 10**3), ("হাজার", 10**3), ("ஆயிரம்", 10**3), ("ထောင်", 10**3), ("ათას", 10**3), ("հազար", 10**3),
    ("ሺ", 10**3), ("udolu", 10**3), ("arivo", 10**3), ("ibihumbi", 10**3), ("junni", 10**3), ("inkulungwane", 10**3),
    ("izinkulungwane", 10**3), ("amawaka", 10**3), ("þúsund", 10**3), ("tusin", 10**3), ("dausend", 10**3),
    ("ਹਜ਼ਾਰ", 10**3), ("હજાર", 10**3), ("ಸಾವಿರ", 10**3), ("ആയിരം", 10**3), ("هەزار", 10**3), ("مىڭ", 10**3),
    # lakh and crore (South Asia, in English too)
    ("lakh", 10**5), ("लाख", 10**5), ("লাখ", 10**5), ("لاکھ", 10**5), ("crore", 10**7), ("करोड़", 10**7),
    ("কোটি", 10**7), ("کروڑ", 10**7),
    # million
    ("million", 10**6), ("milion", 10**6), ("milijun", 10**6), ("milijon", 10**6), ("miljon", 10**6),
    ("miljoen", 10**6), ("miljoon", 10**6), ("milljón", 10**6), ("millió", 10**6), ("millón", 10**6),
    ("milhão", 10**6), ("milhões", 10**6), ("milyon", 10**6), ("miliyan", 10**6), ("миллион", 10**6),
    ("милион", 10**6), ("мільйон", 10**6), ("мільён", 10**6), ("mio", 10**6), ("mln", 10**6), ("млн", 10**6),
    ("juta", 10**6), ("triệu", 10**6), ("εκατομμύρι", 10**6), ("مليون", 10**6), ("ملايين", 10**6),
    ("میلیون", 10**6), ("ملین", 10**6), ("מיליון", 10**6), ("मिलियन", 10**6), ("মিলিয়ন", 10**6),
    ("மில்லியன்", 10**6), ("మిలియన్", 10**6), ("මිලියන", 10**6), ("သန်း", 10**6), ("მილიონ", 10**6),
    ("միլիոն", 10**6), ("ሚሊዮን", 10**6), ("ሚልዮን", 10**6), ("miriona", 10**6), ("milyan", 10**6), ("miliyoni", 10**6),
    ("miliyoona", 10**6), ("tapitrisa", 10**6), ("izigidi", 10**6), ("ezigidi", 10**6), ("isigidi", 10**6),
    ("miljun", 10**6), ("milioi", 10**6), ("milliún", 10**6), ("miliwn", 10**6), ("milyoŋ", 10**6), ("ਮਿਲੀਅਨ", 10**6),
    ("મિલિયન", 10**6), ("ಮಿಲಿಯನ್", 10**6), ("ദശലക്ഷ", 10**6), ("दशलक्ष", 10**6), ("مىليون", 10**6),
    ("ملیۆن", 10**6),
    # milliard (10^9)
    ("milliard", 10**9), ("milijard", 10**9), ("miliard", 10**9), ("miljard", 10**9), ("milyar", 10**9),
    ("miliar", 10**9), ("bilhão", 10**9), ("bilhões", 10**9), ("миллиард", 10**9), ("милијард", 10**9),
    ("мільярд", 10**9), ("милиард", 10**9), ("mlrd", 10**9), ("млрд", 10**9), ("mrd", 10**9),
    ("δισεκατομμύρι", 10**9), ("مليار", 10**9), ("میلیارد", 10**9), ("מיליארד", 10**9), ("მილიარდ", 10**9),
    ("միլիարդ", 10**9), ("miliyari", 10**9), ("miliara", 10**9),
    ("trillion", 10**12), ("trilion", 10**12), ("trilijun", 10**12), ("триллион", 10**12), ("трильйон", 10**12),
    ("трилион", 10**12), ("трлн", 10**12),
))
# Short words that are multipliers in one language and something else in others (mil: a thousand in Spanish, the
# abbreviation of million in Croatian).
LANGUAGE_MULTIPLIERS = {"es": {"mil": 10**3}, "pt": {"mil": 10**3}, "ca": {"mil": 10**3}, "gl": {"mil": 10**3},
                        "it": {"mila": 10**3}, "fr": {"mille": 10**3}, "tr": {"bin": 10**3},
                        "vi": {bare("tỷ"): 10**9, bare("tỉ"): 10**9},
                        "mn": {"сая": 10**6, "мянга": 10**3, "тэрбум": 10**9}, "mi": {"mano": 10**3},
                        "sm": {"afe": 10**3}, "to": {"afe": 10**3}, "so": {"kun": 10**3}, "ga": {"mile": 10**3},
                        "cy": {"mil": 10**3}, "eu": {"mila": 10**3}, "mt": {"elf": 10**3}}
# Languages that put the multiplier (and the currency) before the number: Swahili dola milioni 12, Hausa dala
# miliyan 12, Yoruba mílíọ̀nù dọ́là 12, Sinhala ඩොලර් මිලියන 12, and the other Bantu languages (Kinyarwanda miliyoni
# 12, Zulu izigidi ezingu-12). A text of no known language ("und": fastText knows none of these but Swahili) is read so
# too where no multiplier follows the number: where one does, that one counts.
MULTIPLIER_FIRST = ("sw", "ha", "yo", "si", "rw", "rn", "zu", "xh", "sn", "ny", "tn", "nso", "st", "ss", "ve", "nd",
                    "nr", "ts", "lg", "ln", "kg", "bem", "und")
EXACT_MULTIPLIERS = {"m": 10**6, "bn": 10**9, "b": 10**9, "k": 10**3, "mil": 10**6, "mld": 10**9, "tis": 10**3,
                     "tys": 10**3}
SPACED_ABBREVIATIONS = ("mil", "mld", "tis", "tys")  # read after a space too: 60 tys. domów, 5 mld eura
# "billion" is 10^12 in the long-scale languages (Billion, bilion, билион) and 10^9 in the others.
BILLION = tuple(bare(word) for word in ("billion", "bilion", "билион", "біліон", "biliyon", "bílíọ̀nù", "biliyan",
                                         "বিলিয়ন", "பில்லியன்", "బిలియన్", "ቢሊዮን", "बिलियन"))
LONG_SCALE = {"de", "fr", "es", "it", "nl", "pl", "cs", "sk", "sl", "hr", "sr", "bs", "me", "sh", "mk", "bg",
              "sv", "da", "no", "nb", "fi", "hu", "ro", "et", "lt", "lv", "ca", "uk", "ru", "be", ""}
PERCENT_SIGNS = ("%", "％", "‰", "٪")  # Arabic ٪ too
PERCENT_WORDS = ("percent", "per cent", "posto", "odsto", "postot", "procen", "посто", "одсто", "процен",
                 "процент", "відсот", "prozent", "procent")
CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "₴": "UAH", "₹": "INR",
                    "¥": "JPY", "円": "JPY", "元": "CNY", "美元": "USD", "欧元": "EUR", "英镑": "GBP", "日元": "JPY",
                    "人民币": "CNY", "Kč": "CZK", "CHF": "CHF", "USD": "USD", "EUR": "EUR", "GBP": "GBP",
                    "RUB": "RUB", "UAH": "UAH", "JPY": "JPY", "CNY": "CNY", "RSD": "RSD", "CZK": "CZK", "HRK": "HRK",
                    "ดอลลาร์": "USD", "ยูโร": "EUR"}
GLUED_CURRENCIES = ("美元", "欧元", "日元", "英镑", "ดอลลาร์", "ยูโร")  # words written with no space before what follows
CURRENCY_PREFIXES = (
    ("dollar", "USD"), ("dolar", "USD"), ("долар", "USD"), ("доллар", "USD"), ("euro", "EUR"), ("evr", "EUR"),
    ("eur", "EUR"), ("евр", "EUR"), ("єврo", "EUR"), ("євро", "EUR"), ("pound", "GBP"), ("funt", "GBP"),
    ("фунт", "GBP"), ("pfund", "GBP"), ("yen", "JPY"), ("jen", "JPY"), ("иен", "JPY"), ("йен", "JPY"),
    ("єн", "JPY"), ("yuan", "CNY"), ("juan", "CNY"), ("юан", "CNY"), ("rubl", "RUB"), ("ruble", "RUB"),
    ("rouble", "RUB"), ("рубљ", "RUB"), ("рубал", "RUB"), ("рубл", "RUB"), ("рубн", "RUB"), ("руб", "RUB"),
    ("rubal", "RUB"), ("hryvn", "UAH"), ("hrivn", "UAH"), ("grivn", "UAH"), ("гривн", "UAH"), ("гривен", "UAH"),
    ("dinar", "RSD"), ("динар", "RSD"), ("kun", "HRK"), ("korun", "CZK"), ("franc", "CHF"), ("frank", "CHF"),
    ("rupee", "INR"), ("rupij", "INR"),
    ("dólar", "USD"), ("달러", "USD"), ("دولار", "USD"), ("دلار", "USD"), ("ڈالر", "USD"), ("डॉलर", "USD"),
    ("δολάρι", "USD"), ("דולר", "USD"), ("유로", "EUR"), ("يورو", "EUR"), ("यूरो", "EUR"), ("रुपय", "INR"),
    ("रुपए", "INR"),
    ("ευρώ", "EUR"), ("יורו", "EUR"),
)
UNITS = ("ton", "tona", "tonn", "тон", "тонн", "kilogram", "kg", "кг", "килограм", "kilometr", "kilometer",
         "km", "км", "километ", "meter", "metr", "метр", "метар", "mile", "milj", "мил", "liter", "litr", "литр",
         "барел", "barrel", "barel", "hectare", "hektar", "гектар", "people", "ljudi", "људи", "человек", "людей",
         "osob", "особ", "soldiers", "vojnik", "војник", "солдат", "container", "kontejner", "контејнер")
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'»”)\]]+|(?<![@\w.-])(?:[a-z0-9-]+\.)+(?:com|org|net|gov|edu|io|"
                 r"info|rs|hr|ba|ru|ua|de|cz|uk|me|co|eu|int)\b(?:/[^\s<>\"'»”)\]]*)?", re.IGNORECASE)
QUOTE = re.compile(r"„([^“”\"]{8,}?)[“”]|«([^»]{8,}?)»|“([^”“]{8,}?)”|»([^«]{8,}?)«|「([^」]{4,}?)」|"
                   r"(?<![\w])\"([^\"]{8,}?)\"(?![\w])")
DATE_NUMERIC = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)|(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?!\d)"
                          r"|(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
DATE_CJK = re.compile(r"(?:(\d{4})\s?[年년]\s?)?(\d{1,2})\s?[月월]\s?(?:(\d{1,2})\s?[日号일])?")  # Korean 년 월 일 too
# A day of the month alone ("19일", "19日": the 19th, of the story's month): the number 19, which the other side gives
# as "the 19th" as often as "on Wednesday" (see relate.drift). Not a span of days (19日間, 19일간, 19일 동안).
BARE_DAY = re.compile(r"(?<![\d月월])([1-9]|[12]\d|3[01])\s?[日일](?!\s?(?:間|间|간|동안))")
# "19 de junio de 2024": Spanish and Portuguese join day, month and year with "de"
DAY_MONTH = re.compile(rf"(?<![\d.,])(\d{{1,2}})(?:\.|-?(?:го|е|ого))?\s+(?:de\s+)?({LETTER}{{3,}})\.?"
                       r"(?:,?\s+(?:del?\s+)?(\d{4})(?!\d))?")
MONTH_DAY = re.compile(rf"(?<!{LETTER})({LETTER}{{3,}})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?![\d.,]\d)(?:,?\s+(\d{{4}})(?!\d))?")
MONTH_YEAR = re.compile(rf"(?<!{LETTER})({LETTER}{{3,}})\.?\s+(\d{{4}})(?!\d)")
DIGIT = re.compile(r"\d")
CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")
NOT_ASCII_LETTER = re.compile(r"[^a-z]")
OPENING_NOISE = set(" \"'„«“‘([—–-\u00a0")
URL_HINT = re.compile(r"://|www\.|\.(?:com|org|net|gov|edu|io|info|rs|hr|ba|ru|ua|de|cz|uk|me|co|eu|int)\b",
                      re.IGNORECASE)
FULL_WIDTH = re.compile(r"[\uff00-\uffef]")
WORD3 = re.compile(rf"{LETTER}{{3,}}")
TOKEN = re.compile(r"[^\W\d_][\w'’\-]*")
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "montag", "dienstag",
            "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "mon", "tue", "wed", "thu", "fri", "sat",
            "sun"}
# Capitalized words that are not names: the English pronoun, and titles before a name (kept out of its key).
NOT_NAMES = {"I", "I'm", "I've", "I'd", "I'll", "I’m", "I’ve", "I’d", "I’ll", "mr", "mrs", "ms", "dr", "prof", "sir",
             "herr", "frau", "gospodin", "gospođa", "господин", "госпођа", "г-н", "г-жа", "pan", "paní"}
PARTICLES = {"of", "de", "del", "der", "von", "van", "al", "bin", "la", "le", "du", "dos", "da", "di", "el", "ibn"}
UPPER = "".join(chr(i) for i in range(0x41, 0x2000) if chr(i).isupper() and chr(i).isalpha())
CAPITAL_WORD = r"[%s][\w'’\-]*" % re.escape(UPPER)
CAPITAL_TOKEN = re.compile(r"(?<!\w)%s" % CAPITAL_WORD)
# A run of capitalized words, with particles between them (Bank of England, Ludwig van Beethoven).
CAPITALIZED_SPAN = re.compile(r"(?<!\w)%s(?:(?:[ \u00a0]|-)(?:(?:%s) )?%s)*" % (
    CAPITAL_WORD, "|".join(sorted(PARTICLES)), CAPITAL_WORD))
POSSESSIVE = re.compile(r"['’]s?$")
# Slavic case and possessive endings, longest first; stripped from entity keys on every side alike.
ENDINGS = ("ovima", "evima", "ovih", "ovim", "ovog", "ovom", "ovoj", "ovoga", "ovo", "ova", "ove", "ovu", "ovi",
           "ama", "ima", "ega", "ogo", "omu", "emu", "om", "em", "oj", "ij", "og", "ih", "im", "ov", "ev")
VOWELS = "aeiou"
PHONETIC = (("shch", "s"), ("sch", "s"), ("tch", "c"), ("dzh", "j"), ("dz", "j"), ("dj", "j"), ("zh", "z"),
            ("sh", "s"), ("ch", "c"), ("kh", "h"), ("ph", "f"), ("th", "t"), ("ck", "k"), ("gh", "g"),
            ("ts", "c"), ("tz", "c"), ("x", "ks"), ("q", "k"), ("w", "v"))


@lru_cache(maxsize=65536)
def word_key(word: str, lang: str) -> str:
    """One word of a name in the shared key space: Путина -> putin, Pjongjangu -> pjongjang, Ushakov -> usak."""
    word = POSSESSIVE.sub("", word)
    folded = NOT_ASCII_LETTER.sub("", word.lower() if word.isascii() else fold(romanize(word, lang)))
    if word.isupper() and len(word) > 1:
        return re.sub(r"(.)\1+", r"\1", folded)  # acronyms (TASS, ТАСС -> tas) keep their letters
    # Spelling conventions differ more than sounds: fold English/German/Slavic digraphs to one letter each.
    for old, new in PHONETIC:
        folded = folded.replace(old, new)
    folded = re.sub(r"y(?=[aeiou])", "j", folded).replace("y", "i")
    if folded.startswith("eu"):
        folded = "ev" + folded[2:]  # Europe/Evropa, Eugene/Evgenij
    folded = re.sub(r"c(?![eij])", "k", folded)
    folded = re.sub(r"(?<=[aeiou])j(?=[aeiou])", "", folded)
    folded = re.sub(r"(.)\1+", r"\1", folded)
    for ending in ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= 2:
            folded = folded[: -len(ending)]
            break
    while len(folded) > 3 and folded[-1] in VOWELS:
        folded = folded[:-1]
    return folded


def entity_key(surface: str, lang: str) -> str:
    key = " ".join(word_key(w, lang) for w in TOKEN.findall(surface) if w.lower() not in PARTICLES)
    return exonym_keys().get(key, key)


@lru_cache(maxsize=1)
def exonym_keys() -> dict[str, str]:
    """Key of each exonym form -> key of its English name (Njemačkoj, Германии -> german)."""
    table: dict[str, str] = {}
    for english, forms in [(e, f.split()) for e, f in EXONYMS.items()] + [(e, f.split("|")) for e, f in MULTIWORD.items()]:
        canonical = " ".join(word_key(w, "en") for w in TOKEN.findall(english))
        for form in forms:
            # A Cyrillic form is keyed under each national romanization, as the page's language will choose.
            for lang in ("", "sr", "ru", "uk", "bg", "mk") if CYRILLIC_LETTER.search(form) else ("",):
                key = " ".join(word_key(w, lang) for w in TOKEN.findall(form))
                if key != canonical:
                    table.setdefault(key, canonical)
    return table


@lru_cache(maxsize=1)
def exonym_words() -> frozenset[str]:
    """Keys of every exonym, in any of its forms or in English."""
    table = exonym_keys()
    return frozenset(table) | frozenset(table.values())


# The languages whose decimal mark is a point, and those whose mark is a comma: there a single separator before three
# digits is the decimal mark ("$1.265 billion", 1.265 亿美元; "1,265 Milliarden Euro"), not a thousands group, which
# it stays in any other language and in the other group's mark (1.265 Menschen, 1,265 people).
DECIMAL_POINT = {"en", "zh", "yue", "wuu", "ja", "ko", "th", "hi", "bn", "ta", "te", "mr", "gu", "kn", "ml", "pa",
                 "ur", "ne", "si", "my", "km", "lo", "he", "ms", "tl", "fil", "ga", "cy", "mt", "sw", "am", "so", "zu",
                 "xh", "yo", "ig", "ha", "mi"}
DECIMAL_COMMA = {"de", "fr", "es", "it", "pt", "nl", "hr", "sr", "bs", "me", "sh", "sl", "mk", "cs", "sk", "pl", "ru",
                 "uk", "be", "bg", "tr", "ro", "hu", "fi", "sv", "da", "no", "nb", "nn", "is", "et", "lv", "lt", "id",
                 "vi", "el", "ca", "gl", "eu", "az", "kk", "uz", "ka", "hy", "sq", "af", "lb"}


def decimal_mark(lang: str) -> str | None:
    return "." if lang in DECIMAL_POINT else "," if lang in DECIMAL_COMMA else None


def parse_number(surface: str, decimal: str | None = None) -> float | None:
    """10.000 = 10,000 = 10 000 -> 10000; 2,5 = 2.5. A single separator before exactly three digits groups, unless it
    is the language's `decimal` mark."""
    if "٫" in surface or "٬" in surface:  # Arabic separators say which one is the decimal: no guessing
        try:
            return float(surface.replace("٬", "").replace("٫", "."))
        except ValueError:
            return None
    digits = re.sub(r"[\u00a0\u202f ’']", "", surface)
    dots, commas = digits.count("."), digits.count(",")
    if dots and commas:
        decimal = "." if digits.rfind(".") > digits.rfind(",") else ","
        digits = digits.replace("," if decimal == "." else ".", "").replace(decimal, ".")
    elif dots + commas > 1:
        digits = digits.replace(".", "").replace(",", "")
    elif dots + commas == 1:
        whole, fraction = re.split(r"[.,]", digits)
        separator = "." if dots else ","
        grouped = len(fraction) == 3 and whole not in ("0", "") and separator != decimal
        digits = whole + fraction if grouped else whole + "." + fraction
    try:
        return float(digits)
    except ValueError:
        return None


def number_text(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def number_key(surface: str) -> str:
    value = parse_number(surface)
    return number_text(value) if value is not None else surface


def multiplier(word: str, glued: bool, lang: str) -> int | None:
    """The scale a word next to a number gives it: 5 milliarden, 2,5 милиона, 12 εκατομμυρίων, $5bn (short forms
    only when glued)."""
    plain = bare(word).rstrip(".")
    own = LANGUAGE_MULTIPLIERS.get(lang, {})
    if plain in own:
        return own[plain]
    if plain in EXACT_MULTIPLIERS:
        return EXACT_MULTIPLIERS[plain] if glued or plain in SPACED_ABBREVIATIONS else None
    if plain.startswith(BILLION):
        return 10**12 if lang in LONG_SCALE else 10**9
    for prefix, value in MULTIPLIER_WORDS:
        if plain.startswith(prefix):
            return value
    return None


def currency(word: str) -> str | None:
    if word in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[word]
    lower = word.lower()
    for prefix, code in CURRENCY_PREFIXES:
        if lower.startswith(prefix):
            return code
    return None


def valid_date(year: int | None, month: int, day: int | None) -> bool:
    return 1 <= month <= 12 and (day is None or 1 <= day <= 31) and (year is None or 1000 <= year <= 2200)


def date_key(year: int | None, month: int, day: int | None) -> str:
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"{month:02d}-{day:02d}"


class Collector:
    """Anchors of one sentence, with the character spans already taken (a date's digits are not also numbers)."""

    def __init__(self, sentence: str, index: int, caption: bool):
        self.sentence, self.index, self.caption = sentence, index, caption
        self.anchors: list[Anchor] = []
        self.taken: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self.taken)

    def add(self, kind: str, start: int, end: int, key: str, take: bool = True) -> None:
        self.anchors.append(Anchor(kind, self.sentence[start:end].strip(), key, self.index, self.caption))
        if take:
            self.taken.append((start, end))


def find_dates(c: Collector, lang: str) -> None:
    s = c.sentence
    for m in DATE_NUMERIC.finditer(s):
        if m.group(1):
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        elif m.group(4):
            d, mo, y = int(m.group(4)), int(m.group(5)), int(m.group(6))
        else:
            a, b, y = int(m.group(7)), int(m.group(8)), int(m.group(9))
            mo, d = (a, b) if lang == "en" else (b, a)
        if valid_date(y, mo, d):
            c.add("date", m.start(), m.end(), date_key(y, mo, d))
            c.add("year", m.start(), m.end(), str(y), take=False)
    if lang in HAN_WRITTEN or lang == "ko" or "月" in s:
        for m in DATE_CJK.finditer(s):
            y = int(m.group(1)) if m.group(1) else None
            mo, d = int(m.group(2)), int(m.group(3)) if m.group(3) else None
            if (d or y) and valid_date(y, mo, d) and c.free(m.start(), m.end()):
                c.add("date", m.start(), m.end(), date_key(y, mo, d))
                if y:
                    c.add("year", m.start(1), m.end(1), str(y), take=False)
        for m in BARE_DAY.finditer(s):
            if c.free(m.start(), m.end()):
                c.add("number", m.start(), m.end(), m.group(1))
    if not any(is_month_word(word, lang) for word in WORD3.findall(s)):
        return
    for pattern, day_group, month_group in ((DAY_MONTH, 1, 2), (MONTH_DAY, 2, 1)):
        for m in pattern.finditer(s):
            month = month_number(m.group(month_group), lang)
            if month is None or not c.free(m.start(), m.end()):
                continue
            day = int(m.group(day_group))
            year = int(m.group(3)) if m.group(3) else None
            if valid_date(year, month, day):
                c.add("date", m.start(), m.end(), date_key(year, month, day))
                if year:
                    c.add("year", m.start(3), m.end(3), str(year), take=False)
    for m in MONTH_YEAR.finditer(s):
        month = month_number(m.group(1), lang)
        if month and c.free(m.start(), m.end()):
            c.add("date", m.start(), m.end(), date_key(int(m.group(2)), month, None))
            c.add("year", m.start(2), m.end(2), m.group(2), take=False)


# Times of day. A translation writes 5.30pm as 17:30, 17.30 Uhr, 17h30 or 17時30分; read as numbers, "5.30" met "17"
# and "30" as changed figures. A time needs a sign that it is one: am/pm, a word for the hour or a time zone after it,
# or a preposition of time before it (16:32 alone is as often a handball score as a time, 5.30 a decimal); 17h30 and
# 17時 are times as they stand. 点 only with minutes: 3点建议 is three proposals.
HOUR = r"(?<![\d.,:])(?P<hour>[01]?\d|2[0-4])"
MINUTE = r"(?P<minute>\d\d)(?!\d|[.,:]\d)"
MERIDIEM = r"\s?(?P<meridiem>[ap])\.?\s?m\b\.?"
HOUR_WORD = r"\s?(?:uhr|h|hrs?|hod|hodin|ч|час\w*|sat[ia]?|godz\w*|годин\w*|heures?|horas?|óra)\b\.?"
ZONE = r"\s?\(?(?-i:GMT|UTC|BST|CET|CEST|EET|EEST|EST|EDT|CST|CDT|PST|PDT|MSK|JST|KST|AEST|AEDT)\b"
AT = (r"\b(?:at|by|from|until|um|ab|bis|gegen|à|vers|a las|alle|ore|в|во|о|около|с|до|от|у|u|oko|od|do|v|ve|om|"
      r"kl|klo|kello|godz)\.?\s")
TIMES = [re.compile(pattern, re.IGNORECASE) for pattern in (
    rf"{HOUR}[:.]{MINUTE}(?:{MERIDIEM}|{HOUR_WORD}|{ZONE})",
    rf"{AT}{HOUR}[:.]{MINUTE}",
    rf"{HOUR}h{MINUTE}",
    rf"(?<![\d.,:])(?P<hour>1[0-2]|0?[1-9]){MERIDIEM}",
    rf"{HOUR}\s?uhr\b",
    rf"{AT}{HOUR}\s?(?:sati|hodin|час\w*|godz\w*)\b",
    # 5時30分, 5点30分, 5시 30분; half past: 8時半, 8点半, 8시 반
    r"(?P<hour>\d{1,2})\s?(?:[時时](?![間间])|시(?!간)|[点點](?=\s?(?:\d{1,2}\s?分|半)))"
    r"\s?(?:(?P<minute>\d{1,2})\s?[分분]|(?P<half>[半반]))?",
)]


def time_key(hour: int, minute: int, meridiem: str | None) -> str:
    """Hour and minute on a twelve-hour dial: 5.30pm and 17:30 meet, and so do 5:30 and 17:30 where a text gives no
    am or pm."""
    if meridiem and meridiem.lower() == "p" and hour < 12:
        hour += 12
    return f"{hour % 12}:{minute:02d}"


def find_times(c: Collector) -> None:
    for pattern in TIMES:
        for m in pattern.finditer(c.sentence):
            found = m.groupdict()
            hour, minute = int(found["hour"]), 30 if found.get("half") else int(found.get("minute") or 0)
            if hour <= 24 and minute <= 59 and c.free(m.start("hour"), m.end()):
                c.add("time", m.start("hour"), m.end(), time_key(hour, minute, found.get("meridiem")))


WORDS_BEFORE = re.compile(rf"({LETTER}+)[\s-]+(?:({LETTER}+)[\s-]+)?$")  # izigidi ezingu-12


METRES_AFTER = re.compile(r"[-\s](?:high|tall|long|deep|wide|thick|above|below|under|away|across|in (?:diameter|length|"
                          r"height|depth))\b", re.IGNORECASE)


def scaled(s: str, start: int, end: int, value: float, lang: str) -> tuple[float, int, int | None]:
    """A number's value with the multiplier written next to it, where its surface ends, and the multiplier."""
    gap = 1 if s[end:end + 1] == " " else 0  # segmented Chinese: "40 亿 美元"
    glued = next((k for k in GLUED_ORDER if s.startswith(k, end + gap)), None)
    if glued:
        return value * GLUED_MULTIPLIERS[glued], end + gap + len(glued), GLUED_MULTIPLIERS[glued]
    word = WORD_AFTER.match(s, end)
    if word and (scale := multiplier(word.group(1), not word.group().startswith(" "), lang)):
        if bare(word.group(1)) == "m" and METRES_AFTER.match(s, word.end()):
            return value, end, None  # a 20m-high tree, 1.5m thick: metres, not millions
        # a larger word after it multiplies it: 12 mil millones (Spanish, Portuguese) is 12 billion
        larger = WORD_AFTER.match(s, word.end())
        if larger and (times := multiplier(larger.group(1), False, lang)) and times > scale:
            return value * scale * times, larger.end(), scale * times
        return value * scale, word.end(), scale
    if lang in MULTIPLIER_FIRST and (scale := leading_multiplier(s, start, lang)):
        return value * scale, end, scale
    return value, end, None


def leading_multiplier(s: str, start: int, lang: str) -> int | None:
    """The multiplier of one of the two words before the number at `start` (dola milioni 12, izigidi ezingu-12), unless
    that word follows a number itself: in "2 million 300 people" the million is the 2's. A Bantu word carries its class
    prefix (Zulu lwezigidi, of millions), so a long multiplier is looked for inside it too."""
    window = s[max(0, start - 40):start]
    words = WORDS_BEFORE.search(window)
    for group in (1, 2):
        word = words and words.group(group)
        if not word or re.search(r"\d\s*$", window[:words.start(group)]):
            continue
        plain = bare(word)
        scale = multiplier(word, False, lang) or next((value for prefix, value in MULTIPLIER_WORDS
                                                       if len(prefix) >= 6 and prefix in plain), None)
        if scale:
            return scale
    return None


NAME_BEFORE = re.compile(r"(?<![^\W\d_])([^\W\d_]+)[-\u2011]$")


def in_name(sentence: str, start: int, digits: str) -> bool:
    """Whether a number is joined by a hyphen to a capitalized word before it, as part of a name or code: COVID-19,
    F-16, Су-57. A translation names the disease or the plane without the number (新冠肺炎, 新型コロナ) as often as
    with it: as a figure, the 19 showed as drift. Not after a lower-case prefix (Zulu ezingu-12, "which are 12"); a
    year stays a year."""
    word = NAME_BEFORE.search(sentence, max(0, start - 40), start)
    return bool(word) and word.group(1)[:1].isupper() and not (len(digits) == 4 and digits[:2] in ("18", "19", "20"))


def find_numbers(c: Collector, lang: str) -> None:
    """Numbers, years, percentages and money (with multipliers: 2,5 милиона долара -> 2500000 USD)."""
    s = c.sentence
    decimal = decimal_mark(lang)
    for m in NUMBER.finditer(s):
        start, end = m.start(), m.end()
        if not c.free(start, end) or in_name(s, start, m.group(1)):
            continue
        value = parse_number(m.group(1), decimal)
        if value is None:
            continue
        value, surface_end, scale = scaled(s, start, end, value, lang)
        # 1億2000万, ১ কোটি ২০ লাখ, 1억 2천만: a larger unit and then a smaller one are one figure, and so is a plain
        # number glued to a unit (1万2000人 is 12,000 people)
        while scale:
            part = NUMBER.match(s, surface_end + (s[surface_end:surface_end + 1] == " "))
            if not part or (part_value := parse_number(part.group(1), decimal)) is None:
                break
            part_value, part_end, part_scale = scaled(s, part.start(), part.end(), part_value, lang)
            glued_plain = not part_scale and part.start() == surface_end and part_value < scale
            if not glued_plain and (not part_scale or part_scale >= scale):
                break
            value, surface_end, scale = value + part_value, part_end, part_scale
        key = number_text(value)
        rest = s[surface_end:surface_end + 24]
        before = s[max(0, start - 4):start]
        # Percent: 12 %, 12 posto, 12 процената.
        tail = rest.lstrip().lower()
        sign = tail.startswith(PERCENT_SIGNS)
        if sign or (tail.startswith(PERCENT_WORDS) and rest[:1].isspace()):
            width = len(rest) - len(tail) + (1 if sign else len(TOKEN.match(tail).group()))
            c.add("percent", start, surface_end + width, key + "%")
            continue
        # Money: a symbol or code before ($5, US$ 5, € 10, ¥300) or a currency word or symbol after.
        symbol_before = re.search(r"(US\$|[$€£₽₴₹¥]|USD|EUR|GBP|CHF)\s?$", before)
        word = WORD_AFTER.match(s, surface_end)
        code = None
        money_end = surface_end
        if symbol_before:
            code = CURRENCY_SYMBOLS[symbol_before.group(1)]
            if code == "JPY" and lang in CHINESE:
                code = "CNY"
            start -= len(symbol_before.group(0))
        elif rest.strip() and (rest.lstrip()[0] in "$€£₽₴¥元円" or rest.lstrip().startswith(GLUED_CURRENCIES)):
            stripped = rest.lstrip()
            symbol = next(k for k in sorted(CURRENCY_SYMBOLS, key=len, reverse=True) if stripped.startswith(k))
            code = CURRENCY_SYMBOLS[symbol]
            money_end = surface_end + (len(rest) - len(stripped)) + len(symbol)
        elif word and (code := currency(word.group(1))):
            money_end = word.end()
        elif word and (second := WORD_AFTER.match(s, word.end())) and (code := currency(second.group(1))):
            money_end = second.end()  # 89 америчких долара
        if code:
            c.add("money", start, money_end, f"{key} {code}")
            continue
        integral = value == int(value) and not scale
        if integral and re.fullmatch(r"\d{4}", m.group(1)) and 1800 <= value <= 2100:
            c.add("year", start, end, key)
            continue
        # A measured quantity keeps its unit in the surface text ("260.000 метричких тона"); the key is the value.
        unit_end = surface_end
        # (up to the next number: in "2 million 300 people" the people are the 300's)
        following = TOKEN.findall(DIGIT.split(s[surface_end:surface_end + 40], 1)[0])[:2]
        for token in following:
            if token.lower().startswith(UNITS):
                unit_end = s.index(token, surface_end) + len(token)  # the last of two: "метричких тона"
        c.add("number", start, unit_end, key)


ENGLISH_HOMOGRAPHS = {"pet", "elf", "sto"}  # English words that are number words elsewhere
TENS_UNITS = re.compile(rf"[-\s]({LETTER}{{3,5}})\b")  # the unit after a ten: thirty-six, dvadeset pet
UNIT_ONE = {"one": 1, "jedan": 1, "jedna": 1, "один": 1}  # "one" alone is no number word (a pronoun too)
# "several hundred workers" is no figure: a translation says "hundreds of" or "a few hundred" and nothing agrees.
VAGUE_BEFORE = re.compile(r"(?:several|few|many|some|nekoliko|неколико|несколько|кілька|mehrere|einige|několik)\s$",
                          re.IGNORECASE)
CLAUSE_END = re.compile(r"\s?(?:[.,;:!?)\]»“”\"]|$)")


def find_number_words(c: Collector, lang: str) -> None:
    """"two days" = "dva dana" = "два дня" -> 2: small numbers are spelled out in one language and written
    in digits in another. A number word before a multiplier (two million) belongs to a larger number."""
    for token in WORD3.finditer(c.sentence):
        word = token.group().lower()
        value = NUMBER_WORD_VALUES.get(word)
        if value is None or not c.free(token.start(), token.end()) or (lang == "en" and word in ENGLISH_HOMOGRAPHS):
            continue
        # A numeral stands before what it counts; at the end of a clause the word is a homograph (за преговарачки
        # сто: at the negotiating table), and after "several" a hundred is no figure.
        if CLAUSE_END.match(c.sentence, token.end()) or (value >= 100 and VAGUE_BEFORE.search(c.sentence[:token.start()])):
            continue
        following = WORD_AFTER.match(c.sentence, token.end())
        if following and multiplier(following.group(1), False, "") and value < 100:
            continue
        end = token.end()
        units = TENS_UNITS.match(c.sentence, end) if 20 <= value < 100 and value % 10 == 0 else None
        unit = units and NUMBER_WORD_VALUES.get(units.group(1).lower(), UNIT_ONE.get(units.group(1).lower()))
        if unit and unit < 10:  # thirty-six, twenty one
            value, end = value + unit, units.end()
        c.add("number", token.start(), end, str(value))


# Chinese and Japanese spell small counts in characters before a classifier (三个月 three months, 两天 two days,
# 五人 five people); 月, 日 and 号 are left out: 三月 is March, 三日 the third.
CJK_DIGITS = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CJK_COUNT = re.compile(r"(?<![一二两兩三四五六七八九十百千万萬])([一二两兩三四五六七八九十]{1,3})"
                       r"(?=[个個天年次件名人位家周週岁歳种種倍条條张張本台回つ分小時时])")


def cjk_count(text: str) -> int | None:
    """一..九十九 -> value: 十二 = 12, 二十 = 20, 二十五 = 25."""
    if "十" not in text:
        return CJK_DIGITS.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    value = (CJK_DIGITS.get(tens, 0) if tens else 1) * 10 + (CJK_DIGITS.get(ones, 0) if ones else 0)
    return value if (not tens or tens in CJK_DIGITS) and (not ones or ones in CJK_DIGITS) else None


def find_cjk_counts(c: Collector) -> None:
    for m in CJK_COUNT.finditer(c.sentence):
        value = cjk_count(m.group(1))
        if value is not None and value >= 2 and c.free(m.start(), m.end()):
            c.add("number", m.start(), m.end(), str(value))


def find_urls(c: Collector) -> None:
    for m in URL.finditer(c.sentence):
        key = re.sub(r"^(?:https?://)?(?:www\.)?", "", m.group().lower()).rstrip("/.,;:")
        if c.free(m.start(), m.end()):
            c.add("url", m.start(), m.end(), key)


def not_name(word: str) -> bool:
    return word in NOT_NAMES or word.lower().rstrip(".") in NOT_NAMES


GERMAN_DETERMINERS = set("""der die das den dem des ein eine einen einem einer eines kein keine keinen keinem
keiner mein meine meinen meinem meiner dein deine sein seine seinen seinem seiner ihr ihre ihren ihrem ihrer unser
unsere unseren unserem euer eure dieser diese dieses diesen diesem jeder jede jedes jeden jedem alle allen im am
zum zur vom beim ins ans aufs viele vielen einige einigen mehrere zwei drei vier fünf sechs sieben acht neun
zehn elf zwölf zwanzig hundert tausend""".split())
GERMAN_PRONOUNS = {"Sie", "Ihnen", "Ihr", "Ihre", "Ihrer", "Ihres", "Ihrem", "Ihren"}
GERMAN_NOUN_ENDINGS = ("ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften", "tion",
                       "tionen", "tät", "täten", "ismus", "nis", "nisse", "chen", "lein", "ment", "ments")


def german_common_noun(sentence: str, token: re.Match) -> bool:
    """German capitalizes every noun: a word after an article, with a noun suffix, or the polite pronoun
    is no name (names rarely take an article: "Merkel sagte", "in Berlin")."""
    word = token.group()
    if word.isupper() and len(word) > 1:
        return False  # an acronym: "den USA", "die EU"
    if word_key(word, "de") in exonym_words():
        return False  # a name that takes an article: "die Schweiz", "der Sowjetunion"
    if word in GERMAN_PRONOUNS or word.lower().endswith(GERMAN_NOUN_ENDINGS):
        return True
    end = token.start() - 1
    if end <= 0:
        return False
    previous = sentence[sentence.rfind(" ", 0, end) + 1:end]
    return previous.lower() in GERMAN_DETERMINERS or previous.rstrip(".,").isdigit()


def title_case(sentence: str, lang: str) -> bool:
    """An English headline In Title Case: its capitals say nothing about names."""
    if lang != "en":
        return False
    tokens = TOKEN.findall(sentence)
    return len(tokens) >= 5 and sum(t[0].isupper() for t in tokens) >= 0.6 * len(tokens)


def find_entities(c: Collector, lang: str, known: set[str]) -> list[Anchor]:
    """Capitalized spans that are names, not just the first word of a sentence (or words of a headline)."""
    s = c.sentence
    found: list[Anchor] = []
    headline = title_case(s, lang)
    for match in CAPITALIZED_SPAN.finditer(s):
        # Month and weekday names are capitalized in English and German but are not names: they cut a span,
        # and so does, in a title-case headline, any word not seen as a name elsewhere in the article.
        span: list[re.Match] = []
        spans = [span]
        for token in TOKEN.finditer(s, match.start(), match.end()):
            word = token.group()
            if (month_number(word, lang) is not None or word.lower() in WEEKDAYS or not_name(word)
                    or (headline and word_key(word, lang) not in known and not word.isupper())
                    or (lang == "de" and german_common_noun(s, token))):
                span = []
                spans.append(span)
            else:
                span.append(token)
        for span in spans:
            if span and sentence_start(s, span[0].start()):
                head = span[0].group()
                if not (head.isupper() and len(head) > 1) and word_key(head, lang) not in known:
                    span = span[1:]  # the first word of a sentence is capitalized anyway
            while span and not_name(span[0].group()):
                span = span[1:]
            while span and span[-1].group().lower() in PARTICLES:
                span = span[:-1]
            while span and span[0].group().lower() in PARTICLES:
                span = span[1:]
            if not span or len(s[span[0].start():span[-1].end()]) < 2:
                continue
            start, end = span[0].start(), span[-1].end()
            key = entity_key(s[start:end], lang)
            if key.strip():
                c.add("entity", start, end, key, take=False)
                found.append(c.anchors[-1])
            if len(span) > 1:
                # Each word of a name on its own too: "President Vladimir Putin" still meets "Путин".
                for token in span:
                    if len(token.group()) > 2 and token.group().lower() not in PARTICLES:
                        c.add("entity", token.start(), token.end(), entity_key(token.group(), lang), take=False)
    return found


def sentence_start(sentence: str, position: int) -> bool:
    """Is `position` where a sentence (or a quotation, or a clause after a colon) begins?"""
    i = position - 1
    while i >= 0 and sentence[i] in OPENING_NOISE:
        i -= 1
    return i < 0 or sentence[i] in ".!?:…"


def find_quotes(c: Collector, entities: list[Anchor]) -> None:
    s = c.sentence
    for m in QUOTE.finditer(s):
        text = next(g for g in m.groups() if g is not None)
        if len(text.split()) < 3 and not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text):
            continue
        # The speaker: the name nearest the quotation, outside it („…“, рекао је Путин / Putin said: "…").
        positions = [(s.find(e.text), e) for e in entities if " " in e.key or e.text not in ("",)]
        outside = [(p, e) for p, e in positions if p != -1 and not (m.start() <= p < m.end())]
        speaker = min(outside, key=lambda pe: min(abs(pe[0] - m.start()), abs(pe[0] - m.end())),
                      default=(0, None))[1]
        c.anchors.append(Anchor("quote", text.strip(), "said:" + (speaker.key if speaker else "?"), c.index,
                                c.caption))


def known_capitalized(texts: list[str], lang: str) -> set[str]:
    """Keys of words written capitalized where no sentence starts: names, not sentence-initial capitals
    (keys, so that a sentence-initial Ушаков is known from a Јурија Ушакова elsewhere)."""
    known: set[str] = set()
    for text in texts:
        if title_case(text, lang):
            continue
        for token in CAPITAL_TOKEN.finditer(text):
            if not sentence_start(text, token.start()):
                known.add(word_key(token.group(), lang))
    return known


def normalize(sentence: str, lang: str) -> str:
    """Full-width digits and signs (CJK) become ASCII; everything else stays as written."""
    if lang in HAN_WRITTEN or FULL_WIDTH.search(sentence):
        return unicodedata.normalize("NFKC", sentence)
    return sentence


# A sentence longer than this is no sentence of a story (a flattened table, a hostile page): its anchors are read in
# its first MAX_ANCHOR_CHARS characters. A finder checks each anchor against those taken before it, so a sentence of
# 150,000 characters with 50,000 numbers took 36 s; cut, 0.1 s.
MAX_ANCHOR_CHARS = 5000


def find_anchors(sentences: list[str], lang: str, captions: list[str] = ()) -> list[Anchor]:
    """Anchors of an article's sentences (sentence = index) and of its captions (caption=True, sentence=-1)."""
    lang = (lang or "").split("-")[0].lower()
    texts = [normalize(s[:MAX_ANCHOR_CHARS], lang) for s in sentences]
    caption_texts = [normalize(s[:MAX_ANCHOR_CHARS], lang) for s in captions]
    known = known_capitalized(texts + caption_texts, lang)
    anchors: list[Anchor] = []
    for index, text, caption in ([(i, t, False) for i, t in enumerate(texts)]
                                 + [(-1, t, True) for t in caption_texts]):
        c = Collector(text, index, caption)
        if URL_HINT.search(text):
            find_urls(c)
        if DIGIT.search(text):
            find_dates(c, lang)
            find_times(c)
            find_numbers(c, lang)
        find_number_words(c, lang)
        if lang in HAN_WRITTEN:
            find_cjk_counts(c)
        entities = find_entities(c, lang, known)
        find_quotes(c, entities)
        anchors.extend(sorted(c.anchors, key=lambda a: text.find(a.text)))
    return anchors


# How much one shared anchor of each kind says about two articles telling the same story.
KIND_WEIGHTS = {"date": 3.0, "money": 3.0, "url": 3.0, "percent": 2.5, "number": 1.5, "year": 1.0,
                "entity": 1.5, "quote": 0.5}


def anchor_weight(anchor: Anchor) -> float:
    """Informativeness of an anchor kind (and size): a full date or a sum of money beats a small number."""
    weight = KIND_WEIGHTS.get(anchor.kind, 1.0)
    if anchor.kind == "number":
        value = float(anchor.key) if re.fullmatch(r"\d+(?:\.\d+)?", anchor.key) else None
        if value is not None:
            if value < 13 and value == int(value):
                weight = 0.5  # often spelled out in one language and written in digits in another
            elif value >= 100 or value != int(value):
                weight = 2.5
    elif anchor.kind == "entity":
        weight = 2.0 if " " in anchor.key else 1.5
    elif anchor.kind == "date" and anchor.key.count("-") < 2:
        weight = 2.0
    elif anchor.kind == "quote" and anchor.key == "said:?":
        weight = 0.1  # a quotation without a speaker: its key says nothing
    return weight * (0.8 if anchor.caption else 1.0)


# Loan words and names written alike across languages (Restaurant/restaurant, Kult/cult, Foto/photo, Трамп/Trump):
# in chat, review and social posts they are often the only words a translation keeps. Every word of four letters
# or more gives a key: the first five letters of its name key (romanized, phonetically folded, case endings
# stripped), which also joins inflected and derived forms (Trumpismus/Trumpism -> trump). Japanese writes loan
# words and foreign names in katakana with vowels between consonants (レストラン resutoran, トランプ toranpu):
# those, and every other word, also give a coarse consonant key that Japanese and Latin spellings share.
# A document carries many of these keys, each saying little: they weigh less than any anchor, and their
# inverse document frequency does the rest (on WMT train/dev, recall@10 of anchor retrieval rises from a mean of
# 0.70 to 0.88 over the pairs, en-ja 0.59 -> 0.78).
TERM_WORD = re.compile(r"[^\W\d_\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]{4,}")
KATAKANA_WORD = re.compile(r"[\u30a0-\u30ff]{2,}")
TERM_PREFIX = 5
SOUND_LENGTH = 4
TERM_WEIGHT = 0.5
SOUND_WEIGHT = 0.3
SOUND_PREFIX = "~"  # sound keys never meet term or anchor keys
# Japanese syllables and English digraphs to one consonant each, before consonant classes merge what katakana
# cannot tell apart (l/r, b/v, m/n, d/t, g/k, f/h, p/b) and vowels, w, y and h go. Katakana follows
# non-rhotic English (smart -> スマート sumāto): an r before a consonant or at the end is dropped.
SOUND_DIGRAPHS = (("tsu", "t"), ("shi", "s"), ("chi", "t"), ("fu", "f"), ("ji", "z"), ("ph", "f"), ("th", "s"),
                  ("sh", "s"), ("ch", "t"), ("ck", "k"), ("qu", "k"), ("x", "ks"), ("ng", "n"))
SOUND_CLASSES = str.maketrans({"l": "r", "v": "b", "f": "h", "j": "z", "m": "n", "d": "t", "g": "k", "p": "b",
                               "w": None, "y": None, "h": None, "a": None, "e": None, "i": None, "o": None,
                               "u": None})


@lru_cache(maxsize=65536)
def consonant_skeleton(romanized: str) -> str:
    """Coarse consonant skeleton shared by a katakana spelling and a Latin one: toranpu, Trump -> trnb."""
    s = NOT_ASCII_LETTER.sub("", fold(romanized))
    for old, new in SOUND_DIGRAPHS:
        s = s.replace(old, new)
    s = re.sub(r"r(?![aeiouy])", "", s)
    s = re.sub(r"c(?=[ei])", "s", s).replace("c", "k").translate(SOUND_CLASSES)
    return re.sub(r"(.)\1+", r"\1", s)[:SOUND_LENGTH]


@lru_cache(maxsize=65536)
def term_key(word: str, lang: str) -> str:
    return word_key(word if word.isupper() else word.lower(), lang)[:TERM_PREFIX]


@lru_cache(maxsize=65536)
def word_sound(word: str, lang: str) -> str:
    return consonant_skeleton(romanize(word, lang))


def term_keys(sentences: list[str], lang: str) -> dict[str, float]:
    """Weighted loan-word keys of a text (term keys and '~' sound keys), a weaker companion of its anchors."""
    lang = (lang or "").split("-")[0].lower()
    keys: dict[str, float] = {}
    for sentence in sentences:
        for match in TERM_WORD.finditer(sentence):
            word = match.group()
            key = term_key(word, lang)
            if len(key) >= 3:
                keys[key] = TERM_WEIGHT
            sound = word_sound(word, lang)
            if len(sound) >= 3:
                keys.setdefault(SOUND_PREFIX + sound, SOUND_WEIGHT)
        if lang == "ja" or KATAKANA_WORD.search(sentence):
            for match in KATAKANA_WORD.finditer(sentence):
                # The geminate and long-vowel marks (ッ, ー) add no consonant of their own.
                sound = consonant_skeleton(romanize(match.group().replace("ッ", "").replace("ー", ""), lang))
                if len(sound) >= 3:
                    keys.setdefault(SOUND_PREFIX + sound, SOUND_WEIGHT)
    return keys


def fingerprint_keys(anchors: list[Anchor], sentences: list[str], lang: str) -> dict[str, float]:
    """An article's weighted keys for candidate search: each anchor key at its kind's weight (a sum of money also
    as a bare number), then its term and sound keys at theirs (a key that is both keeps the larger weight)."""
    keys: dict[str, float] = {}
    for anchor in anchors:
        keys[anchor.key] = max(keys.get(anchor.key, 0.0), anchor_weight(anchor))
        if anchor.kind == "money":
            # The sum alone too: the currency is often implied on one side (月に約50万 / 500,000 yen a month).
            value = anchor.key.split(" ")[0]
            keys[value] = max(keys.get(value, 0.0), KIND_WEIGHTS["number"])
    for key, weight in term_keys(sentences, lang).items():
        keys[key] = max(keys.get(key, 0.0), weight)
    return keys
