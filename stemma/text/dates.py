"""Month names and small number words of the languages stemma reads: dates and figures keyed across languages."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import cyrtranslit
from babel import Locale, UnknownLocaleError

from stemma.text import HAN_WRITTEN

# Per month: every written form (cases included) in en, de, sr/bs (Latin; Cyrillic is derived), hr, cs,
# ru, uk, mk, bg. "listopad" is October in Croatian but November in Czech (and Ukrainian листопад).
FORMS = {
    1: "january jan januar januara januaru jänner siječanj siječnja siječnju leden ledna lednu "
       "январь января январе січень січня січні јануари януари",
    2: "february feb februar februara februaru veljača veljače veljači únor února únoru "
       "февраль февраля феврале лютий лютого лютому февруари",
    3: "march mar märz mart marta martu ožujak ožujka ožujku březen března březnu "
       "март марта марте березень березня березні",
    4: "april apr aprila aprilu travanj travnja travnju duben dubna dubnu "
       "апрель апреля апреле квітень квітня квітні април",
    5: "may mai maj maja maju svibanj svibnja svibnju květen května květnu "
       "май мая мае травень травня травні мај",
    6: "june jun juni juna junu lipanj lipnja lipnju červen června červnu "
       "июнь июня июне червень червня червні јуни юни",
    7: "july jul juli jula julu srpanj srpnja srpnju červenec července červenci "
       "июль июля июле липень липня липні јули юли",
    8: "august aug avgust avgusta avgustu augusta augustu kolovoz kolovoza kolovozu srpen srpna srpnu "
       "август августа августе серпень серпня серпні",
    9: "september sep sept septembar septembra septembru rujan rujna rujnu září "
       "сентябрь сентября сентябре вересень вересня вересні септември",
    10: "october oct oktober oktobar oktobra oktobru říjen října říjnu "
        "октябрь октября октябре жовтень жовтня жовтні октомври",
    11: "november nov novembar novembra novembru studeni studenoga studenog studenom "
        "ноябрь ноября ноябре ноември",
    12: "december dec dezember decembar decembra decembru prosinac prosinca prosincu prosinec prosince "
        "prosinci декабрь декабря декабре грудень грудня грудні декември",
}
SERBIAN_LATIN = {"januar", "januara", "januaru", "februar", "februara", "februaru", "mart", "marta", "martu",
                 "april", "aprila", "aprilu", "maj", "maja", "maju", "jun", "juna", "junu", "jul", "jula", "julu",
                 "avgust", "avgusta", "avgustu", "septembar", "septembra", "septembru", "oktobar", "oktobra",
                 "oktobru", "novembar", "novembra", "novembru", "decembar", "decembra", "decembru"}


# Other widely read languages, month by month: fr, es, it, pt, nl, pl (nominative and genitive), ro, hu, sv/da/no,
# fi (partitive, as dates write it), tr, id, el (genitive), ar, is, hi (both spellings; not मई, May, which is two
# letters, too short to be told from a word). Polish "listopad(a)" is November, as in Czech.
MORE_FORMS = {
    1: "janvier enero gennaio janeiro januari styczeń stycznia ianuarie január tammikuuta ocak "
       "ιανουαρίου ιανουάριος يناير janúar जनवरी",
    2: "février fevrier febrero febbraio fevereiro februari luty lutego februarie február "
       "helmikuuta şubat φεβρουαρίου φεβρουάριος فبراير febrúar फरवरी फ़रवरी",
    3: "mars marzo março maart marzec marca martie március maaliskuuta maret μαρτίου μάρτιος مارس मार्च",
    4: "avril abril aprile kwiecień kwietnia aprilie április huhtikuuta nisan απριλίου απρίλιος أبريل apríl अप्रैल",
    5: "mayo maggio maio mei maja mai május toukokuuta mayıs μαΐου μάιος مايو maí",
    6: "juin junio giugno junho czerwiec czerwca iunie június kesäkuuta haziran ιουνίου ιούνιος يونيو júní जून",
    7: "juillet julio luglio julho lipiec lipca iulie július heinäkuuta temmuz ιουλίου ιούλιος يوليو júlí जुलाई",
    8: "août aout agosto augustus sierpień sierpnia augusztus augusti elokuuta ağustos agustus αυγούστου "
       "αύγουστος أغسطس ágúst अगस्त",
    9: "septembre septiembre setiembre settembre setembro wrzesień września septembrie szeptember syyskuuta eylül "
       "σεπτεμβρίου σεπτέμβριος سبتمبر सितंबर सितम्बर",
    10: "octobre octubre ottobre outubro październik października octombrie október lokakuuta ekim "
        "οκτωβρίου οκτώβριος أكتوبر अक्टूबर अक्तूबर",
    11: "novembre noviembre novembro noiembrie marraskuuta kasım νοεμβρίου νοέμβριος نوفمبر nóvember नवंबर नवम्बर",
    12: "décembre diciembre dicembre dezembro grudzień grudnia decembrie desember joulukuuta aralık "
        "δεκεμβρίου δεκέμβριος ديسمبر दिसंबर दिसम्बर",
}


def _month_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for month, forms in list(FORMS.items()) + list(MORE_FORMS.items()):
        for form in forms.split():
            table[form] = month
            if form in SERBIAN_LATIN:
                table[cyrtranslit.to_cyrillic(form, "sr")] = month
    for form in ("listopad", "listopadu", "listopada"):
        table[form] = 11  # Czech; Croatian is handled by month_number
    table.update({"листопад": 11, "листопада": 11, "листопаді": 11})
    return table


MONTHS = _month_table()
# In English these are names, not months: Mars, Mayo, Marzo.
NOT_ENGLISH_MONTHS = {form for forms in MORE_FORMS.values() for form in forms.split()} - {
    form for forms in FORMS.values() for form in forms.split()}
# Short English forms are words too ("may", "mar", "dec"): they count only when capitalized.
CAPITAL_ONLY = {"may", "mar", "jan", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "feb", "apr", "mai"}


MONTH_NAMES = Path(__file__).resolve().parents[1] / "models" / "month_names.tsv"


@lru_cache(maxsize=None)
def cldr_months(lang: str) -> dict[str, int]:
    """Month names of any other language, as the Unicode CLDR data (babel's copy) writes them in full: the form a
    date uses and the form on its own (Lithuanian birželio, birželis). Names of more than one word ("tháng 6") are
    left out: the date patterns take a month of one word. A text of no known language ("und") gets every language's
    names (see every_languages_months)."""
    if lang == "und":
        return every_languages_months()
    try:
        months = Locale.parse(lang.split("-")[0]).months
    except (ValueError, TypeError, UnknownLocaleError):
        return {}
    names = [(name, number) for context in ("format", "stand-alone") for number, name in months[context]["wide"].items()]
    return {name.lower(): number for name, number in names if " " not in name and not any(c.isdigit() for c in name)}


@lru_cache(maxsize=1)
def every_languages_months() -> dict[str, int]:
    """The month names of every language CLDR has but those two languages give to different months (listopad:
    November in Czech, October in Croatian), from MONTH_NAMES (scripts/build_month_names.py). fastText knows none of
    the Bantu or Pacific languages NTREX has; their months are English-like (Juni, Julai, Okthoba, Kamena, Iune) and
    CLDR has most of them."""
    rows = (line.split("\t") for line in MONTH_NAMES.read_text(encoding="utf-8").splitlines() if line)
    return {name: int(number) for name, number in rows}


# A CLDR name this long may carry a case ending of up to INFLECTION letters (Slovenian junij -> junija, Estonian
# juuni -> juunil, Finnish kesäkuu -> kesäkuussa); a shorter one is taken only as written (Swedish maj, not majoritet).
MIN_INFLECTED = 5
INFLECTION = 3


def cldr_month(lower: str, lang: str) -> int | None:
    """The month a lower-cased word names in the CLDR data of `lang`, inflected or not."""
    table = cldr_months(lang)
    if lower in table:
        return table[lower]
    for cut in range(1, INFLECTION + 1):
        stem = lower[:-cut]
        if len(stem) >= MIN_INFLECTED and stem in table:
            return table[stem]
    return None


# Bantu languages write a month with its class prefix and keep the name's capital (Zulu kuJuni, ngoJuni: in June).
CLASS_PREFIX = re.compile(r"[a-z]{1,4}(?=[A-Z][a-z])")


def without_class_prefix(word: str) -> str:
    prefix = CLASS_PREFIX.match(word)
    return word[prefix.end():] if prefix else word


def is_month_word(word: str, lang: str) -> bool:
    """A cheap first test: is this word, as written, a month name anywhere stemma looks for one?"""
    lower = without_class_prefix(word).lower()
    return lower in MONTHS or cldr_month(lower, lang) is not None


def month_number(word: str, lang: str) -> int | None:
    word = without_class_prefix(word)
    lower = word.lower()
    month = MONTHS.get(lower)
    if month is None:
        return cldr_month(lower, lang)
    if (lower in CAPITAL_ONLY and not word[:1].isupper()) or (lang == "en" and lower in NOT_ENGLISH_MONTHS):
        return None
    if lower.startswith("listopad") and lang in ("hr", "bs"):
        return 10
    return month


# Small numbers written as words (2-12, 20, 100, 1000), with their common inflected forms. "One" is left out:
# it is a pronoun or an article as often as a number in every one of these languages.
NUMBER_WORDS = {
    2: "two zwei dva dve dvije dvoje dvou dvěma dvema dvjema dvaju dvama два две двије двоје двух двум двумя дві двох двома",
    3: "three drei tri troje tří třem třemi triju trima три троје трёх трех трем тремя трьох трьома",
    4: "four vier četiri četvero četvoro čtyři čtyř čtyřem četiriju четыре четырёх четырех чотири чотирьох четири четворо",
    5: "five fünf pet pět пять пяти п'ять п’ять пет",
    6: "six sechs šest шесть шести шість шест",
    7: "seven sieben sedam sedm семь семи сім седам",
    8: "eight acht osam osm восемь восьми вісім осам",
    9: "nine neun devet devět девять девяти дев'ять дев’ять девет",
    10: "ten zehn deset десять десяти десет",
    11: "eleven elf jedanaest jedenáct одиннадцать одинадцять једанаест",
    12: "twelve zwölf dvanaest dvanáct двенадцать дванадцять дванаест",
    # English spells out a sentence's first number, whatever it is ("Eighteen students ...", "Thirty-six cases ...");
    # the other languages' words for the same numbers keep both sides readable alike
    13: "thirteen dreizehn trinaest třináct тринадцать тринадцять тринаест",
    14: "fourteen vierzehn četrnaest čtrnáct четырнадцать чотирнадцять четрнаест",
    15: "fifteen fünfzehn petnaest patnáct пятнадцать п'ятнадцять п’ятнадцять петнаест",
    16: "sixteen sechzehn šesnaest šestnáct шестнадцать шістнадцять шеснаест",
    17: "seventeen siebzehn sedamnaest sedmnáct семнадцать сімнадцять седамнаест",
    18: "eighteen achtzehn osamnaest osmnáct восемнадцать вісімнадцять осамнаест",
    19: "nineteen neunzehn devetnaest devatenáct девятнадцать дев'ятнадцять дев’ятнадцять деветнаест",
    20: "twenty zwanzig dvadeset dvacet двадцать двадцять двадесет",
    30: "thirty dreißig trideset třicet тридцать тридцять тридесет",
    40: "forty vierzig četrdeset čtyřicet сорок четрдесет",
    50: "fifty fünfzig pedeset padesát пятьдесят п'ятдесят п’ятдесят педесет",
    60: "sixty sechzig šezdeset šedesát шестьдесят шістдесят шездесет",
    70: "seventy siebzig sedamdeset sedmdesát семьдесят сімдесят седамдесет",
    80: "eighty achtzig osamdeset osmdesát восемьдесят вісімдесят осамдесет",
    90: "ninety neunzig devedeset devadesát девяносто дев'яносто дев’яносто деведесет",
    100: "hundred hundert sto сто",
    1000: "thousand tausend tisuću tisuća hiljadu hiljada tisíc тысяча тысячу тисяча хиљаду хиљада",
}
NUMBER_WORD_VALUES = {form: value for value, forms in NUMBER_WORDS.items() for form in forms.split()}
# The languages whose number words those are (with Chinese and Japanese counts, anchors.CJK_COUNT): in another
# language a spelled-out number is not found, so its absence says nothing.
NUMBER_WORD_LANGUAGES = {"en", "de", "hr", "sr", "bs", "me", "sh", "cs", "ru", "uk", *HAN_WRITTEN}
