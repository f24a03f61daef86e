"""Word lists the judges compare against: news outlets and agencies, interface strings, persona words of fake bios."""
from __future__ import annotations

import re

import cyrtranslit
from anyascii import anyascii

from stemma.text.romanize import unmarked

# Outlets and agencies as they write their own names, with their home language and domain.
# kind: "agency" (wire service: citing it is routine), "outlet" (a newsroom whose article can be copied),
# "photo" (picture agencies that appear in credit lines).
OUTLETS = [
    ("CNN", "en", "cnn.com", "outlet"), ("BBC", "en", "bbc.com", "outlet"), ("Reuters", "en", "reuters.com", "agency"),
    ("Associated Press", "en", "apnews.com", "agency"), ("AP", "en", "apnews.com", "agency"),
    ("AFP", "fr", "afp.com", "agency"), ("Agence France-Presse", "fr", "afp.com", "agency"),
    ("Bloomberg", "en", "bloomberg.com", "outlet"), ("New York Times", "en", "nytimes.com", "outlet"),
    ("Washington Post", "en", "washingtonpost.com", "outlet"), ("Guardian", "en", "theguardian.com", "outlet"),
    ("Fox News", "en", "foxnews.com", "outlet"), ("NBC News", "en", "nbcnews.com", "outlet"),
    ("CBS News", "en", "cbsnews.com", "outlet"), ("ABC News", "en", "abcnews.go.com", "outlet"),
    ("CNBC", "en", "cnbc.com", "outlet"), ("Politico", "en", "politico.com", "outlet"),
    ("Wall Street Journal", "en", "wsj.com", "outlet"), ("Financial Times", "en", "ft.com", "outlet"),
    ("Daily Mail", "en", "dailymail.co.uk", "outlet"), ("Newsweek", "en", "newsweek.com", "outlet"),
    ("Al Jazeera", "en", "aljazeera.com", "outlet"), ("Axios", "en", "axios.com", "outlet"),
    ("Business Insider", "en", "businessinsider.com", "outlet"), ("The Telegraph", "en", "telegraph.co.uk", "outlet"),
    ("Independent", "en", "independent.co.uk", "outlet"), ("Sky News", "en", "news.sky.com", "outlet"),
    ("Deutsche Welle", "de", "dw.com", "outlet"), ("Spiegel", "de", "spiegel.de", "outlet"),
    ("Bild", "de", "bild.de", "outlet"), ("DPA", "de", "dpa.com", "agency"),
    ("Le Monde", "fr", "lemonde.fr", "outlet"), ("Le Figaro", "fr", "lefigaro.fr", "outlet"),
    ("El País", "es", "elpais.com", "outlet"), ("EFE", "es", "efe.com", "agency"),
    ("ANSA", "it", "ansa.it", "agency"), ("Corriere della Sera", "it", "corriere.it", "outlet"),
    ("TASS", "ru", "tass.ru", "agency"), ("ITAR-TASS", "ru", "tass.ru", "agency"), ("RIA Novosti", "ru", "ria.ru", "agency"),
    ("Sputnik", "ru", "sputniknews.com", "agency"), ("RT", "ru", "rt.com", "outlet"), ("Interfax", "ru", "interfax.ru", "agency"),
    ("Xinhua", "zh", "xinhuanet.com", "agency"), ("Kyodo", "ja", "kyodonews.net", "agency"),
    ("Yonhap", "ko", "yna.co.kr", "agency"), ("Anadolu", "tr", "aa.com.tr", "agency"),
    ("Ukrinform", "uk", "ukrinform.net", "agency"), ("Tanjug", "sr", "tanjug.rs", "agency"),
    ("Hina", "hr", "hina.hr", "agency"), ("EPA", "en", "epa.eu", "photo"), ("Getty Images", "en", "gettyimages.com", "photo"),
    ("Shutterstock", "en", "shutterstock.com", "photo"), ("Pool", "en", "", "photo"), ("Stringer", "en", "", "photo"),
    ("Handout", "en", "", "photo"),
]

# Interface strings of news templates, by language: left untranslated they betray a copied or translated template.
UI_STRINGS = {
    "en": ["more stories", "read more", "related stories", "related articles", "related posts", "you may also like",
           "recommended", "most popular", "most read", "trending", "share this", "share", "subscribe",
           "sign up", "newsletter", "advertisement", "leave a comment", "comments", "continue reading",
           "next article", "previous article", "next post", "previous post", "follow us", "tags", "latest news",
           "see also", "top stories", "watch", "load more", "show more", "back to top", "posted in", "you might also like"],
    "de": ["weitere artikel", "mehr zum thema", "weiterlesen", "das könnte sie auch interessieren", "teilen",
           "anzeige", "kommentare", "verwandte artikel", "meistgelesen", "newsletter abonnieren"],
    "fr": ["lire aussi", "à lire aussi", "plus d'articles", "partager", "articles similaires", "publicité",
           "lire la suite", "les plus lus", "commentaires"],
    "es": ["leer más", "más noticias", "noticias relacionadas", "compartir", "publicidad", "lo más leído", "te puede interesar"],
    "it": ["leggi anche", "altre notizie", "condividi", "articoli correlati", "pubblicità", "più letti"],
    "ru": ["читайте также", "ещё новости", "еще новости", "поделиться", "похожие статьи", "реклама", "самое читаемое"],
    "uk": ["читайте також", "більше новин", "поділитися", "схожі статті", "реклама"],
    "sr": ["pročitajte još", "procitajte jos", "više vesti", "vise vesti", "povezane vesti", "podeli", "podelite",
           "najčitanije", "komentari", "pročitajte i", "reklama", "oglas", "vesti", "najnovije"],
    "hr": ["pročitajte još", "više vijesti", "povezane vijesti", "podijeli", "najčitanije", "komentari", "reklama", "oglas"],
    "bg": ["реклама", "още новини", "сподели", "прочетете още"],
    "mk": ["реклама", "повеќе вести", "сподели"],
    "pt": ["leia também", "mais notícias", "compartilhar", "publicidade"],
}

# Languages close enough to share interface words ("Реклама" is Serbian, Russian and Bulgarian).
CLOSE_LANGS = [{"sr", "hr", "bs", "me", "sh"}, {"ru", "uk", "be"}, {"bg", "mk"}, {"cs", "sk"}, {"no", "da", "sv"}]


def close(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in CLOSE_LANGS)


# Nouns and modifiers of the generated "persona" bios ("Amateur organizer. Wannabe beer evangelist. General web fan.")
# as folded stems in several languages and scripts (Cyrillic is romanized before matching).
PERSONA_STEMS = [
    # roles
    "evangelist", "ninja", "nindz", "nindza", "guru", "fan", "fanat", "fanatic", "lover", "ljubitel", "zaljubljen",
    "expert", "ekspert", "strucnjak", "specialist", "specijalist", "scholar", "advocate", "zagovorn", "enthusiast",
    "entuzijast", "entusiast", "junkie", "geek", "nerd", "maven", "buff", "aficionado", "trailblazer", "pioneer",
    "pionir", "organizer", "organizator", "organisator", "analyst", "analiticar", "analytiker", "communicator",
    "komunikator", "kommunikator", "explorer", "istrazivac", "reader", "citac", "citalac", "chitatel", "leser",
    "writer", "pisac", "creator", "kreator", "thinker", "mislilac", "practitioner", "troublemaker", "problem solver",
    "introvert", "extrovert", "student", "gamer", "igrac", "liebhaber", "amateur", "amater", "lubitel", "liubitel",
    "wannabe", "vanabe", "vannabe", "certified", "sertifikovan", "certificiran", "zertifiziert", "sertificirovann",
    # objects
    "web", "veb", "internet", "beer", "pivo", "piva", "bier", "coffee", "kafa", "kava", "kafe", "kaffee", "kofe",
    "bacon", "slanin", "speck", "bekon", "zombie", "zombi", "tv", "television", "televizij", "fernseh", "music",
    "muzik", "muzyk", "glazb", "musik", "travel", "putovanj", "reise", "puteshestv", "alcohol", "alkohol",
    "twitter", "tviter", "social media", "drustven", "pop culture", "pop kultur", "popkultur", "food", "hran",
    "organic", "organsk", "hardcore", "passionate", "strastven", "devoted", "odan", "incurable", "neizlecin",
    "unapologetic", "lifelong", "dozivotn", "general", "opsti", "opci", "obshch", "total", "extreme", "ekstrem",
    "friendly", "prijateljsk", "evil", "zao", "zli", "subtly", "charming", "sarmant",
]


def fold_key(text: str) -> str:
    """A lower-case ASCII key of any text: Cyrillic by Serbian rules (Гетти -> getti), everything else by anyascii."""
    if re.search(r"[\u0400-\u04ff]", text):
        text = cyrtranslit.to_latin(text, "sr")
    return anyascii(unmarked(text).replace("đ", "dj").replace("Đ", "Dj")).lower()


def transliteration_key(text: str) -> str:
    """A spelling-neutral key that survives transliteration but keeps the vowels (Reuters = Ројтерс = roiters,
    Getty Images = Гетти Имагес, Sputnik = Спутњик; Politico stays apart from Politika)."""
    key = fold_key(text)
    for a, b in (("eu", "oj"), ("nj", "n"), ("lj", "l"), ("dz", "j"), ("ph", "f"), ("ck", "k"), ("c", "k"), ("q", "k"),
                 ("x", "ks"), ("w", "v"), ("ee", "i"), ("oo", "u"), ("y", "i"), ("j", "i"), ("sh", "s"), ("ch", "k"),
                 ("th", "t"), ("h", "")):
        key = key.replace(a, b)
    key = re.sub(r"[^a-z0-9 ]", "", key)
    return " ".join(re.sub(r"(.)\1+", r"\1", word) for word in key.split())


# Common English forms of places and institutions, keyed by the folded stem they take in Slavic languages
# (Serbian, Croatian, Bosnian, Russian, Ukrainian romanized): the stem must start the word.
EXONYMS = [
    ("severn kore", "North Korea"), ("sjevern kore", "North Korea"), ("severnaj kore", "North Korea"),
    ("juzn kore", "South Korea"), ("juzhn kore", "South Korea"), ("sjedinjen americk drzav", "United States"),
    ("sjedinjen drzav", "United States"), ("sjedinjen", "United States"), ("soedinenn shtat", "United States"),
    ("ujedinjen nacij", "United Nations"), ("savet bezbednost", "Security Council"), ("vijec sigurnost", "Security Council"),
    ("sovjetsk savez", "Soviet Union"), ("sovetsk sojuz", "Soviet Union"), ("korejsk poluostrv", "Korean Peninsula"),
    ("bel kuc", "White House"), ("bijel kuc", "White House"), ("beli dom", "White House"), ("evropsk unij", "European Union"),
    ("europsk unij", "European Union"), ("velik britanij", "Britain"),
    ("rusij", "Russia"), ("rossi", "Russia"), ("ukrajin", "Ukraine"), ("ukrain", "Ukraine"), ("moskv", "Moscow"),
    ("pjongjang", "Pyongyang"), ("phenjan", "Pyongyang"), ("vasington", "Washington"), ("washington", "Washington"),
    ("seul", "Seoul"), ("kremlj", "Kremlin"), ("kreml", "Kremlin"), ("kijev", "Kyiv"), ("kiev", "Kyiv"), ("kyiv", "Kyiv"),
    ("pekin", "Beijing"), ("peking", "Beijing"), ("japan", "Japan"), ("jap", "Japan"), ("kina", "China"), ("kine", "China"),
    ("kini", "China"), ("kinu", "China"), ("kitaj", "China"), ("evrop", "Europe"), ("europ", "Europe"), ("nemack", "Germany"),
    ("njemack", "Germany"), ("germanij", "Germany"), ("francusk", "France"), ("franci", "France"), ("britanij", "Britain"),
    ("izrael", "Israel"), ("gaz", "Gaza"), ("iran", "Iran"), ("irak", "Iraq"), ("sirij", "Syria"), ("turs", "Turkey"),
    ("indij", "India"), ("pakistan", "Pakistan"), ("avganistan", "Afghanistan"), ("afganistan", "Afghanistan"),
    ("tajvan", "Taiwan"), ("pariz", "Paris"), ("london", "London"), ("berlin", "Berlin"), ("brisel", "Brussels"),
    ("zapad", "West"), ("amerik", "America"), ("nato", "NATO"), ("ujedinjen kraljevstv", "United Kingdom"),
]


def english_exonym(words: list[str]) -> tuple[str, int] | None:
    """The English name for the longest run of folded words starting at words[0], and how many words it used."""
    for n in (3, 2, 1):
        if len(words) < n:
            continue
        for stem, english in EXONYMS:
            parts = stem.split()
            if len(parts) == n and all(w.startswith(p) and len(w) <= len(p) + 4 for w, p in zip(words[:n], parts)):
                return english, n
    return None


def english_spelling(word: str) -> str:
    """A Slavic romanized name in the spelling English uses (Ušakov -> Ushakov, Džong -> Jong, Jurij -> Yurij)."""
    out = word
    for a, b in (("Dž", "J"), ("dž", "j"), ("Š", "Sh"), ("š", "sh"), ("Č", "Ch"), ("č", "ch"), ("Ć", "Ch"), ("ć", "ch"),
                 ("Ž", "Zh"), ("ž", "zh"), ("Đ", "Dj"), ("đ", "dj"), ("Nj", "Ny"), ("Lj", "Ly")):
        out = out.replace(a, b)
    if out[:1] == "J" and out[1:2] in "aeiou" and len(out) > 3:
        out = "Y" + out[1:]
    return out
