"""Tell Serbian, Croatian and Bosnian apart in Latin script, where the bundled models are weakest.

fastText's lid.176 confuses hr and sr (about a fifth of Croatian WMT documents come out sr) and lingua
calls Serbian Latin "bs" or "hr". The standards differ in a few systematic ways that survive machine
translation, so the decision rests on them and falls back on the models only where a text has none:
- the reflex of old jat: ekavian (vreme, reka, pre) is Serbian; ijekavian (vrijeme, rijeka, prije) is
  Croatian or Bosnian;
- vocabulary: Croatian purisms (tisuća, tjedan, tko, tijekom, obitelj, Europa, milijun, sustav) against
  the internationalisms Serbian and Bosnian share (hiljada, sedmica, ko, tokom, porodica, Evropa, milion,
  sistem); Bosnian historija/hljeb against Serbian istorija/hleb.
"""
from __future__ import annotations

import re
from functools import lru_cache

# Word prefixes (matched at a word start) and exact words, per class. Kept to forms that are not words in
# the other standards; each is a general trait of the standard, not of any corpus.
EKAVIAN_PREFIXES = (
    "predsedn", "sever", "mesec", "mesta", "mestu", "mestim", "mesto", "cena", "cene",
    "cenu", "cenom", "uvek", "posle", "hteo", "htela", "htel", "videti", "videla", "razumeti", "lepo",
    "lepa", "lepi", "vest", "obaveštenj", "promen", "nedelj", "delov", "mleko", "telo", "tela", "izveštaj",
    "posledic", "sledeć", "poslednj", "primer", "menja", "ponedeljak", "devojk", "želeo", "želela",
    "uspeo", "uspela", "živeo", "živela", "seća", "sećanj", "pesm", "rešen", "reši", "reše", "pevač",
    "celokup", "celin", "ocen", "odelj", "sledi", "zamen", "smer", "zvezd", "veruj", "verova", "bezbedn",
    "dešava", "desio", "desila", "mesečn", "obezbe", "umetnik", "umetnost", "umetnič", "cveće", "svetsk", "nemačk", "sedište",
    "svedok", "svedoč", "pobed", "poneo", "primeni", "primenj", "uveren", "podele", "podeli", "odeljenj",
    "doneo", "donela", "preneo", "prenela", "uneo", "poveren", "smešt", "ispoved", "hleb", "spreči",
    "procen", "ubeđ", "pobed", "dečak", "dečac", "dečj", "veštin", "veštač", "čovek", "čoveč", "svestan",
    "svesn", "vetar", "vetr", "cvet", "beža", "pevati", "smeh", "seme", "gnev", "nevest", "svetl",
    "meša", "pesak", "peska", "sneg", "snež", "verovatn", "neverovatn", "primeti", "primeć", "uslov",
    "napred", "stena", "steni", "senk", "sused", "veran", "verni", "merenj", "ocena", "delimičn",
    "zadeti", "obezbedi", "predlog", "vredan", "vredi", "vredn", "pena", "lečenj", "leči", "sveć", "vežb",
    "smešn", "posetil", "poseti", "poseta", "beleš", "beleži", "sesti", "sedeo", "sedela", "sedi",
    "voleo", "volela", "razumeo", "razumela", "videla", "pevao", "pevala", "starešin", "letovanj",
    "zdela", "sedmoro", "vernik", "vernic", "kolen", "ponedeljk", "dejstv", "slede", "pobeđ",
)
EKAVIAN_WORDS = {"dete", "deteta", "detetu", "detetom", "pre", "gde", "negde", "svugde", "ovde", "onde", "beo", "bela", "belo", "beli", "deo",
                 "delu", "dve", "obe", "sme", "smeo", "umeo", "umela", "ume", "leto", "letnji", "deca",
                 "dece", "deci", "decom", "reka", "reke", "reku", "rekom", "vek", "veka", "veku",
                 "vekova", "lek", "leka", "lekove", "lekovi", "sreda", "sredu", "mera", "mere", "meru",
                 "merama", "cela", "celu", "celi", "celo", "svet", "reč", "reči", "vreme"}
IJEKAVIAN_PREFIXES = (
    "vrijem", "predsjedn", "sjever", "mjesec", "mjest", "dijet", "djec", "cijen", "rijek", "uvijek",
    "poslije", "htio", "htjel", "vidjet", "razumjet", "lijep", "bijel", "vijest", "obavješt", "promjen",
    "nedjelj", "dijel", "djelov", "vijek", "mlijek", "tijel", "srijed", "izvješ", "posljedic",
    "sljedeć", "posljednj", "primjer", "mjer", "mijenj", "ponedjelj", "djevojk", "želio", "željel",
    "uspio", "uspjel", "živio", "živjel", "sjeć", "pjesm", "rješen", "riješ", "pjev", "cijel",
    "cjelo", "cjelin", "ocjen", "odjel", "slijed", "zamijen", "zamjen", "smjer", "lijek", "zvijezd",
    "vjer", "mjesečn", "umjetn", "svjet", "njemačk", "riječ", "sjedišt", "svjedo", "pobjed",
    "primijen", "primjen", "uvjeren", "podjel", "dijeli", "djela", "odjeljen", "donio", "donijel",
    "prenio", "prenijel", "povjeren", "smješt", "ispovijed", "prijevod", "prijedlog", "prijet", "bijeg",
    "bježa", "susjed", "hljeb", "spriječ", "procjen", "uvjer", "dvije", "dvjema", "ljeto", "ljetn",
    "pobijed", "dječak", "dječac", "dječj", "vještin", "vješt", "čovjek", "čovječ", "svjestan", "svjesn",
    "vjetar", "vjetr", "cvijet", "cvjet", "pjevati", "smijeh", "sjeme", "gnjev", "nevjest", "svjetl",
    "miješa", "pijesak", "pijeska", "snijeg", "snježn", "vjerojatn", "nevjerojatn", "primijeti",
    "primjeć", "uvjet", "naprijed", "stijen", "sjen", "vjeran", "vjerni", "mjerenj", "djelomičn",
    "osigurav", "vrijedan", "vrijedi", "vrijedn", "pjena", "liječ", "svijeć", "vježb", "smiješn",
    "posjetitel", "posjet", "bilješ", "bilježi", "sjesti", "sjedio", "sjedila", "sjedi", "volio",
    "voljela", "razumio", "razumjela", "vidjela", "pjevao", "pjevala", "starješin", "ljetovanj",
    "vjernik", "vjernic", "koljen", "djelovanj", "djeluj",
)
IJEKAVIAN_WORDS = {"prije", "gdje", "negdje", "svugdje", "ovdje", "ondje", "dio", "obje", "smije", "smio",
                   "umio", "umije", "htio", "mlijeko", "dijete", "rijeka", "rijeke", "rijeku"}
# Croatian only (Serbian and Bosnian say otherwise).
CROATIAN_PREFIXES = (
    "tisuć", "tjedn", "tjedan", "kruh", "zrakoplov", "glazb", "sveučiliš", "kazališ", "povijes",
    "znanost", "znanstven", "točn", "obitelj", "otok", "tvrtk", "europ", "kemij", "tijekom",
    "nogomet", "mirovin", "veleposlan", "glasnogovorn", "priopć", "milijun", "diljem", "nazočn",
    "siječ", "veljač", "ožuj", "travanj", "travnj", "svibanj", "svibnj", "lipanj", "lipnj", "srpanj",
    "srpnj", "kolovoz", "rujan", "rujn", "listopad", "studenog", "prosinac", "prosinc", "sustav",
    "gospodarstv", "gospodarsk", "računal", "surad", "izravn", "opskrb", "prosvjed", "sudjel",
    "zapovjed", "zrakoplovn", "zračn", "kućanstv", "umirovljen", "uzduž", "postotak", "postotk",
    "tvornic", "jučer", "putovnic", "glede", "izvanredn", "sveučilišn", "nadzor", "izbornik",
    "kći", "kćer", "juha", "juhu", "hlače", "žlic", "rajčic", "mrkv", "tržnic", "inozem", "momčad",
    "pogrešk", "značajk", "osobn", "čimbenik", "sudionik", "ozljed", "okoliš", "odvjetnik", "trenutačn",
    "unatoč", "premda", "točk", "pokus", "proračun", "glasovanj", "upravitel", "financij", "organizira",
    "tjedan", "posjetitelj", "gledatelj", "slušatelj", "ravnatelj", "izvedb",
)
CROATIAN_WORDS = {"tko", "netko", "nitko", "itko", "svatko", "kava", "kave", "kavu", "zrak", "zraka",
                  "bit će", "ured", "ureda", "uredom", "uredima", "vlak", "vlaka", "vlakom", "tisak",
                  "tiska", "stupanj", "stupnja", "stupnjeva", "je li", "primjerice"}
# Shared by Serbian and Bosnian, not Croatian.
SERBIAN_BOSNIAN_PREFIXES = (
    "hiljad", "sedmic", "porodic", "evrop", "milion", "sistem", "fudbal", "hemij", "tokom", "saradn",
    "nauk", "naučn", "kafa", "kafe", "kafu", "ostrv", "kancelarij", "portparol", "vazduh", "vazdušn",
    "računar", "fabri", "pasoš", "privred", "penzij", "učestv", "procenat", "procent",
    "uprkos", "advokat", "povred", "budžet", "tačk", "tačn", "sprat", "pozorišt", "muzik", "univerzitet",
    "pantalon", "kašik", "paradajz", "šargarep", "pijac", "parče", "saobraćaj", "zvaničn", "inostran",
    "organizuj", "reaguj", "finansij", "kritikuj", "definiš", "komentariš", "ćerk", "lični", "lična",
    "lično", "ličnost", "supa", "supu", "zavisi", "zavisn",
)
SERBIAN_BOSNIAN_WORDS = {"ko", "niko", "iko", "šta", "da li", "juče", "voz", "voza",
                         "vozom", "vozu", "januar", "januara", "januaru", "februar", "februara", "februaru",
                         "mart", "marta", "martu", "april", "aprila", "aprilu", "maj", "maja", "septembar",
                         "septembra", "oktobar", "oktobra", "novembar", "novembra", "decembar", "decembra"}
# Serbian only.
SERBIAN_PREFIXES = ("opšt", "uopšte", "istorij", "spoljn", "avgust", "saopšt", "sprovod",
                    "obezbed", "lekar")
SERBIAN_WORDS = {"takođe", "jun", "juna", "junu", "jul", "jula", "julu", "biće", "stepen", "stepena", "odsto"}
# Bosnian only (ijekavian with Serbian/Bosnian vocabulary, plus its own forms).
BOSNIAN_PREFIXES = ("historij", "bezbjedn", "lahk", "saopć")
BOSNIAN_WORDS = {"juni", "juli", "august", "augusta", "hahar", "kahva", "kahvu", "lahko", "mahala", "sahat"}


def _pattern(prefixes: tuple[str, ...], words: set[str]) -> re.Pattern:
    single = sorted({w for w in words if " " not in w}, key=len, reverse=True)
    phrases = sorted({w for w in words if " " in w}, key=len, reverse=True)
    alternatives = [r"(?:%s)\w*" % "|".join(map(re.escape, sorted(set(prefixes), key=len, reverse=True)))]
    if single:
        alternatives.append(r"(?:%s)(?!\w)" % "|".join(map(re.escape, single)))
    if phrases:
        alternatives.append(r"(?:%s)(?!\w)" % "|".join(re.escape(p) for p in phrases))
    return re.compile(r"(?<!\w)(?:%s)" % "|".join(alternatives))


# Shared by Croatian and Bosnian, not Serbian.
CROATIAN_BOSNIAN_PREFIXES = ("također", "uopće", "općenit", "općin", "sveopć", "priopć", "saopć", "vrijed",
                             "nevjest", "ljep", "pjesni", "mjese", "savjet", "ovisi", "ovisn", "ovisno",
                             "vijeć")
MODAL = (r"(?:mogu|možeš|može|možemo|možete|mogao|mogla|mogli|moram|moraš|mora|moramo|morate|morao|morala|"
         r"morali|želim|želiš|želi|želimo|želite|hoću|hoćeš|hoće|hoćemo|hoćete|trebam|treba|trebaju|trebalo|"
         r"počeo|počela|počeli|pokušao|pokušala|pokušava|nastavio|nastavlja|odlučio|odlučila|ću|ćeš|će|ćemo|ćete)")
SYNTAX = {
    # Serbian (and colloquial Bosnian) say "mogu da vidim", "ću da pređem"; Croatian "mogu vidjeti".
    "da_construction": re.compile(r"(?<!\w)%s da (?!li\b)\w+" % MODAL),
    "infinitive": re.compile(r"(?<!\w)%s (?:\w+ )?\w+(?:ti|ći)(?!\w)" % MODAL),
    # Croatian questions put li after the verb: "je li", "jesu li", "može li"; Serbian "da li je".
    "verb_li": re.compile(r"(?<!\w)(?:je|jesu|hoće|hoćeš|ima|imaju|može|mogu|smije|bi|bismo|biste|ste|si|sam|"
                          r"smo|zna|znaš|znate|treba|postoji)\s+li(?!\w)"),
    # "vidjet ćemo", "bit će": the Croatian (and Bosnian) future writes the clipped infinitive apart.
    "clipped_future": re.compile(r"(?<!\w)\w+t (?:ću|ćeš|će|ćemo|ćete)(?!\w)"),
    # Croatian (and Bosnian) conjugate loan verbs in -irati (funkcionira), Serbian in -isati/-ovati (funkcioniše).
    "ira_verb": re.compile(r"(?<!\w)\w{3,}ir(?:a|am|aš|amo|ate|aju|ao|ala|alo|ali|ati|ajući)(?!\w)"),
    "ise_verb": re.compile(r"(?<!\w)\w{6,}iš(?:e|u|em|eš|emo|ete|ući)(?!\w)"),
    # "videćemo", "bićete": Serbian writes it as one word.
    "fused_future": re.compile(r"(?<!\w)(?!ne|ho)\w{3,}[aei](?:ćemo|ćete|ćeš)(?!\w)"),
}

PATTERNS = {
    "ekavian": _pattern(EKAVIAN_PREFIXES, EKAVIAN_WORDS),
    "ijekavian": _pattern(IJEKAVIAN_PREFIXES, IJEKAVIAN_WORDS),
    "hr": _pattern(CROATIAN_PREFIXES, CROATIAN_WORDS),
    "sr_bs": _pattern(SERBIAN_BOSNIAN_PREFIXES, SERBIAN_BOSNIAN_WORDS),
    "sr": _pattern(SERBIAN_PREFIXES, SERBIAN_WORDS),
    "bs": _pattern(BOSNIAN_PREFIXES, BOSNIAN_WORDS),
    "hr_bs": _pattern(CROATIAN_BOSNIAN_PREFIXES, set()),
}


def cues(text: str) -> dict[str, int]:
    """How many words of each class a text has (lower-cased Latin South Slavic text)."""
    lower = text.lower()
    found = {name: len(pattern.findall(lower)) for name, pattern in PATTERNS.items()}
    found.update({name: len(pattern.findall(lower)) for name, pattern in SYNTAX.items()})
    return found


def scores(counts: dict[str, int]) -> dict[str, float]:
    """Evidence per standard: the jat reflex splits sr from hr/bs, vocabulary splits hr from bs."""
    ijekavian = counts["ijekavian"] + counts["hr_bs"] + counts["clipped_future"] + 0.5 * counts["ira_verb"]
    return {
        "sr": counts["ekavian"] + counts["sr"] + counts["fused_future"] + 0.5 * counts["sr_bs"] + counts["ise_verb"]
        + 0.3 * counts["da_construction"],
        "hr": 0.5 * ijekavian + counts["hr"] + counts["verb_li"] + 0.3 * counts["infinitive"],
        "bs": 0.5 * ijekavian + 0.5 * counts["sr_bs"] + counts["bs"],
    }


@lru_cache(maxsize=1)
def lingua_detector():
    """lingua on the three standards plus Slovene only (~60 MB instead of ~1 GB for all languages)."""
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(
        Language.SERBIAN, Language.CROATIAN, Language.BOSNIAN, Language.SLOVENE).build()


def lingua_hr_bs(text: str) -> dict[str, float]:
    values = lingua_detector().compute_language_confidence_values(text[:3000])
    return {v.language.iso_code_639_1.name.lower(): v.value for v in values}


def resolve(text: str, guesses: list[tuple[str, float]]) -> str:
    """sr, hr, bs (or sl) for a Latin-script text fastText put in the Serbo-Croatian family."""
    counts = cues(text)
    if not any(counts.values()) and "ć" not in text and "đ" not in text.lower():
        # No trait of any standard: a Slovene (or other) guess stands.
        top = guesses[0][0] if guesses else "hr"
        if top not in {"sr", "hr", "bs", "sh"}:
            return top
    score = scores(counts)
    ijekavian = counts["ijekavian"] + counts["hr_bs"] + counts["clipped_future"] + 0.5 * counts["ira_verb"]
    ekavian = counts["ekavian"] + counts["fused_future"] + counts["sr"] + counts["ise_verb"]
    if ekavian > ijekavian and score["sr"] >= max(score["hr"], score["bs"]):
        return "sr"
    if ekavian >= 2 and ekavian >= 0.5 * ijekavian and score["sr"] >= counts["hr"]:
        # Ekavian is never standard Croatian or Bosnian: several ekavian forms make a text Serbian even when
        # ijekavian ones outnumber them (machine translation into Serbian mixes both), unless Croatian
        # vocabulary outweighs them.
        return "sr"
    # Serbian prose without a single ekavian form is rare (pre, gde, deo, vreme are everywhere), so a text
    # without one is Croatian unless it shows Bosnian traits; Bosnian needs positive evidence.
    if score["bs"] > score["hr"]:
        return "bs"
    if score["bs"] == score["hr"] and (counts["sr_bs"] or counts["bs"]):
        lingua = lingua_hr_bs(text)
        return "bs" if lingua.get("bs", 0) > lingua.get("hr", 0) else "hr"
    return "hr"


def resolve_sentence(text: str, document_lang: str) -> str:
    """A sentence keeps its page's standard unless it carries clear traits of another one."""
    counts = cues(text)
    score = scores(counts)
    best = max(score, key=score.get)
    if score[best] >= 2 and score[best] >= 2 * score.get(document_lang, 0) + 1:
        return best
    return document_lang
