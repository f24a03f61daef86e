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
    "uspeo", "uspela", "živeo", "živela", "seća", "sećanj", "pesm", "rešen", "reši", "pevač",
    "celokup", "celin", "ocen", "odelj", "sledi", "zamen", "smer", "zvezd", "veruj", "verova", "bezbedn",
    "dešava", "desio", "desila", "mesečn", "obezbe", "umetnik", "umetnost", "umetnič", "cveće", "svetsk", "nemačk", "sedište",
    "svedok", "svedoč", "pobed", "poneo", "primeni", "primenj", "uveren", "podele", "podeli", "odeljenj",
    "doneo", "donela", "preneo", "prenela", "uneo", "poveren", "smešt", "ispoved", "hleb", "spreči",
    "procen", "ubeđ", "pobed", "dečak", "dečac", "dečj", "veštin", "veštač", "čovek", "čoveč", "svestan",
    "svesn", "vetar", "vetr", "cvet", "beža", "pevati", "smeh", "gnev", "nevest", "svetl",
    "meša", "pesak", "peska", "sneg", "snež", "verovatn", "neverovatn", "primeti", "primeć", "uslov",
    "stena", "steni", "senk", "sused", "veran", "verni", "merenj", "ocena", "delimičn",
    "zadeti", "obezbedi", "predlog", "vredan", "vredi", "vredn", "lečenj", "leči", "sveć", "vežb",
    "smešn", "posetil", "poseti", "poseta", "beleš", "beleži", "sesti", "sedeo", "sedela", "sedi",
    "voleo", "volela", "razumeo", "razumela", "videla", "pevao", "pevala", "starešin", "letovanj",
    "zdela", "sedmoro", "vernik", "vernic", "kolen", "ponedeljk", "dejstv", "slede", "pobeđ",
    "oseća", "oseti", "osetl", "osećaj", "osvetl", "savet", "videli", "videlo", "razumel", "negovanj",
)
EKAVIAN_WORDS = {"dete", "deteta", "detetu", "detetom", "pre", "gde", "negde", "svugde", "ovde", "onde", "beo", "bela", "belo", "beli", "deo",
                 "delu", "dve", "obe", "sme", "smeo", "umeo", "umela", "ume", "leto", "letnji", "deca",
                 "dece", "deci", "decom", "reka", "reke", "reku", "rekom", "vek", "veka", "veku",
                 "vekova", "lek", "leka", "lekove", "lekovi", "sreda", "sredu", "mera", "mere", "meru",
                 "merama", "cela", "celu", "celi", "celo", "svet", "reč", "reči", "vreme", "napred", "pena", "pene",
                 "penu", "seme", "semena", "nega", "negu", "nege", "negom"}
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
    "vjernik", "vjernic", "koljen", "djelovanj", "djeluj", "osjeć", "osjet", "osvjetl", "vidjel", "razumjel",
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
    "lično", "ličnost", "supa", "supu", "zavisi", "zavisn", "shvata",
)
SERBIAN_BOSNIAN_WORDS = {"ko", "niko", "iko", "šta", "da li", "sajt", "sajta", "sajtu", "juče", "voz", "voza",
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


# Shared by Croatian and Bosnian, not Serbian.
CROATIAN_BOSNIAN_PREFIXES = ("također", "uopće", "općenit", "općin", "sveopć", "priopć", "saopć", "vrijed",
                             "nevjest", "ljep", "pjesni", "mjese", "savjet", "ovisi", "ovisn", "ovisno",
                             "vijeć")
MODALS = set("""mogu možeš može možemo možete mogao mogla mogli moram moraš mora moramo morate morao morala morali
želim želiš želi želimo želite hoću hoćeš hoće hoćemo hoćete trebam treba trebaju trebalo počeo počela počeli
pokušao pokušala pokušava nastavio nastavlja odlučio odlučila ću ćeš će ćemo ćete hajde ajde hajdemo""".split())
LI_VERBS = set("""je jesu hoće hoćeš ima imaju može mogu smije bi bismo biste ste si sam smo zna znaš znate treba
postoji""".split())
FUTURE_AUXILIARIES = {"ću", "ćeš", "će", "ćemo", "ćete"}
IRA_ENDINGS = tuple("ir" + e for e in ("a", "am", "aš", "amo", "ate", "aju", "ao", "ala", "alo", "ali", "ati", "ajući"))
ISE_ENDINGS = tuple("iš" + e for e in ("e", "u", "em", "eš", "emo", "ete", "ući"))
ISATI_ENDINGS = tuple("is" + e for e in ("ati", "ao", "ala", "alo", "ali", "an", "ana", "ano", "ani"))
# Croatian writes "s" before most words and "sa" only before s, z, š, ž (and "sa mnom"); Serbian says "sa" anywhere.
SA_BEFORE = tuple("szšž")
FUSED_ENDINGS = tuple(v + e for v in "aei" for e in ("ćemo", "ćete", "ćeš"))
WORD = re.compile(r"[^\W\d_]+")
LEXICON = {
    "ekavian": (EKAVIAN_PREFIXES, EKAVIAN_WORDS),
    "ijekavian": (IJEKAVIAN_PREFIXES, IJEKAVIAN_WORDS),
    "hr": (CROATIAN_PREFIXES, CROATIAN_WORDS),
    "sr_bs": (SERBIAN_BOSNIAN_PREFIXES, SERBIAN_BOSNIAN_WORDS),
    "sr": (SERBIAN_PREFIXES, SERBIAN_WORDS),
    "bs": (BOSNIAN_PREFIXES, BOSNIAN_WORDS),
    "hr_bs": (CROATIAN_BOSNIAN_PREFIXES, set()),
}


def _index() -> tuple[dict[str, set[str]], dict[str, set[str]], dict[str, set[str]], int]:
    """Word prefix -> classes, exact word -> classes, two-word phrase -> classes, longest prefix."""
    prefixes: dict[str, set[str]] = {}
    words: dict[str, set[str]] = {}
    phrases: dict[str, set[str]] = {}
    for name, (prefix_list, word_set) in LEXICON.items():
        for prefix in prefix_list:
            prefixes.setdefault(prefix, set()).add(name)
        for word in word_set:
            (phrases if " " in word else words).setdefault(word, set()).add(name)
    return prefixes, words, phrases, max(map(len, prefixes))


PREFIXES, WORDS, PHRASES, LONGEST = _index()


def cues(text: str) -> dict[str, int]:
    """How many words of each class, and of each syntactic trait, a Latin South Slavic text has.

    Words are looked up by their prefixes in one table (a regular expression with hundreds of alternatives
    costs ~15 ms a page; this costs ~1 ms)."""
    tokens = WORD.findall(text.lower())
    found = dict.fromkeys(list(LEXICON) + ["da_construction", "infinitive", "verb_li", "clipped_future",
                                           "ira_verb", "ise_verb", "fused_future", "sa_preposition"], 0)
    for i, word in enumerate(tokens):
        classes = set(WORDS.get(word, ()))
        for n in range(3, min(len(word), LONGEST) + 1):
            hit = PREFIXES.get(word[:n])
            if hit:
                classes |= hit
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if following:
            classes |= PHRASES.get(word + " " + following, set())
        for name in classes:
            found[name] += 1
        if word in MODALS and following:
            # Serbian (and colloquial Bosnian) say "mogu da vidim", "ću da pređem"; Croatian "mogu vidjeti".
            after = tokens[i + 2] if i + 2 < len(tokens) else ""
            if following == "da" and after and after != "li":
                found["da_construction"] += 1
            elif following.endswith(("ti", "ći")) or after.endswith(("ti", "ći")):
                found["infinitive"] += 1
        if following == "li" and word in LI_VERBS:
            found["verb_li"] += 1  # Croatian questions put li after the verb: "je li"; Serbian "da li je"
        if following in FUTURE_AUXILIARIES and word.endswith("t") and len(word) > 1:
            found["clipped_future"] += 1  # "vidjet ćemo", "bit će" (Croatian, Bosnian)
        if word.endswith(IRA_ENDINGS) and len(word) - len(next(e for e in IRA_ENDINGS if word.endswith(e))) >= 3:
            found["ira_verb"] += 1  # funkcionira (Croatian, Bosnian) against funkcioniše (Serbian)
        if word.endswith(ISE_ENDINGS) and len(word) - len(next(e for e in ISE_ENDINGS if word.endswith(e))) >= 6:
            found["ise_verb"] += 1
        elif word.endswith(ISATI_ENDINGS) and len(word) - len(next(e for e in ISATI_ENDINGS if word.endswith(e))) >= 5:
            found["ise_verb"] += 1  # funkcionisati, definisao (Serbian) against funkcionirati (Croatian, Bosnian)
        if word == "sa" and following and not following.startswith(SA_BEFORE) and following != "mnom":
            found["sa_preposition"] += 1
        if word.endswith(FUSED_ENDINGS) and not word.startswith(("ne", "ho")) and len(word) >= 7:
            found["fused_future"] += 1  # "videćemo", "bićete": Serbian writes the future as one word
    return found


def grammar(counts: dict[str, int]) -> float:
    """Serbian and Bosnian grammar and vocabulary Croatian does not use: "mogu da vidim", "sa" before any word,
    šta, tokom, hiljada (on WMT train/dev Croatian outputs: 0.05 such words a document; Serbian: 5)."""
    return counts["sr_bs"] + counts["da_construction"] + counts["sa_preposition"]


def scores(counts: dict[str, int]) -> dict[str, float]:
    """Evidence per standard: the jat reflex splits sr from hr/bs, vocabulary and grammar split hr from sr/bs."""
    ijekavian = counts["ijekavian"] + counts["hr_bs"] + counts["clipped_future"]
    # "želite da vaša gitara zvuči" is Croatian too (another subject): da-clauses alone do not make a text Bosnian.
    shared = 0.5 * (counts["sr_bs"] + counts["sa_preposition"])
    return {
        "sr": counts["ekavian"] + counts["sr"] + counts["fused_future"] + counts["ise_verb"] + shared
        + 0.5 * counts["da_construction"],
        "hr": 0.5 * ijekavian + counts["hr"] + counts["verb_li"] + 0.3 * counts["infinitive"]
        + 0.5 * counts["ira_verb"],
        "bs": 0.5 * ijekavian + shared + counts["bs"],
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


# Frequent words that are Slovene and not Serbo-Croatian ("v" for u, "in" for i, "ki" for koji), and back.
SLOVENE_WORDS = {"v", "in", "ki", "tudi", "ker", "če", "lahko", "danes", "bo", "bodo", "so", "kot", "vendar",
                 "jih", "njihov", "zelo", "kje", "kaj", "več"}
SERBO_CROATIAN_WORDS = {"u", "i", "koji", "koja", "koje", "kojeg", "što", "šta", "danas", "jer", "ako", "kao",
                        "godine", "godina", "takođe", "također", "su", "će", "nije", "samo", "već"}


def slovene(text: str) -> bool:
    """Slovene shares the ekavian forms of Serbian (predsednik): its function words tell it apart."""
    if "ć" in text or "đ" in text.lower():
        return False  # letters Slovene does not have
    words = WORD.findall(text.lower())
    ours = sum(1 for w in words if w in SLOVENE_WORDS)
    theirs = sum(1 for w in words if w in SERBO_CROATIAN_WORDS)
    return ours >= 2 and ours > 2 * theirs


def resolve(text: str, guesses: list[tuple[str, float]]) -> str:
    """sr, hr, bs (or sl) for a Latin-script text fastText put in the Serbo-Croatian family."""
    if slovene(text):
        return "sl"
    counts = cues(text)
    if not any(counts.values()) and "ć" not in text and "đ" not in text.lower():
        # No trait of any standard: a Slovene (or other) guess stands.
        top = guesses[0][0] if guesses else "hr"
        if top not in {"sr", "hr", "bs", "sh"}:
            return top
    score = scores(counts)
    ijekavian = counts["ijekavian"] + counts["hr_bs"] + counts["clipped_future"]
    ekavian = counts["ekavian"] + counts["fused_future"] + counts["sr"] + counts["ise_verb"]
    if ekavian > ijekavian and score["sr"] >= max(score["hr"], score["bs"]):
        return "sr"
    if ekavian >= 2 and ekavian >= 0.5 * ijekavian and score["sr"] >= counts["hr"]:
        # Ekavian is never standard Croatian or Bosnian: several ekavian forms make a text Serbian even when
        # ijekavian ones outnumber them (machine translation into Serbian mixes both), unless Croatian
        # vocabulary outweighs them.
        return "sr"
    if ekavian >= 1 and grammar(counts) >= 2 and grammar(counts) > counts["hr"] + counts["verb_li"]:
        # One ekavian form with Serbian grammar ("želim da", "sa vama", "da li") and little Croatian vocabulary:
        # Bosnian is not ekavian and Croatian does not have that grammar, so the ijekavian forms are slips.
        return "sr"
    if ijekavian <= 1 and counts["bs"] == 0 and grammar(counts) >= 3 and grammar(counts) > counts["hr"] + counts["verb_li"]:
        # Serbian or Bosnian grammar with (almost) no jat reflex to decide by and nothing only Bosnian: the
        # larger standard. A Bosnian text of any length shows several ijekavian forms (vrijeme, gdje, prije).
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
