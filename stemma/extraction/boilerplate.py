"""Line-level boilerplate typing: is this line a photo credit, an update notice, a share prompt, ...?

Rules look at the shape of a line (length, separators, sentence count) and at short multilingual
cue lists; names of agencies are matched on the romanized line so "Гетти Имагес" and "Getty Images"
look the same. Used on plain text and on paragraphs of HTML pages alike.
"""
from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

from stemma.text.segment import OTHER_STOPS, capital_or_caseless

WORD = re.compile(r"\w+")
# full stops of other scripts too (。, ।, ؟, ...): a Chinese or Hindi paragraph is no headline
SENTENCE_END = re.compile(rf"[.!?…。！？{OTHER_STOPS}][\"'»“”’)」』）]*$")

# Names of photo agencies and credit words, romanized and lowercased (so Cyrillic transliterations match).
AGENCY = re.compile(
    r"\b(getty|getti|images?|imidzhes|reuters|rojters|rejter|afp|ap|epa|dpa|ansa|efe|tass|sputnik|sputnjik|"
    r"xinhua|sinhua|anadolu|shutterstock|istock|alamy|imago|keystone|pool|pul|stringer|handout|ria|novosti|"
    r"tanjug|beta|fonet|hina|pixsell|picture|alliance|photo|photos|foto|fotos|fotografija|zdjecie|bild|"
    r"imagen|immagine|kredit|credit|source|izvor|istochnik|quelle|fuente|fonte|zrodlo|bloomberg|nurphoto|"
    r"sipa|abaca|zuma|wireimage|filmmagic|wenn|pa|eyevine|nasa|kyodo|yonhap|kcna|itar)\b")
CREDIT_START = re.compile(
    r"^\s*(?:©|\(c\)|photo(?:graph)?s?(?: by)?\s*[:/]|photo by\b|credit\s*:|image\s*:|picture\s*:|foto\s*:|"
    r"фото\s*:|fotos?\s*:|bild\s*:|crédit\s*(?:photo)?\s*:|kredit\s*:|fotografija\s*:|фотографија\s*:|"
    r"zdjęcie\s*:|foto di\b|foto de\b|fotografía\s*:|copyright\b|фото\s+|fot\.\s|fotoğraf\s*:|"
    # Korean, Japanese, Chinese, Arabic, Hebrew
    r"사진\s*[=:]|写真\s*[：:=]|图片?(?:来源)?\s*[：:/]|圖片?(?:來源)?\s*[：:/]|(?:ال)?صورة\s*:|צילום\s*:|תמונה\s*:)", re.I)
# "© 2025 Site. All rights reserved." closes a page; it is not the credit of a photo
COPYRIGHT_NOTICE = re.compile(
    r"rights reserved|prava (?:zadržana|pridržana|zaštićena)|права (?:задржана|защищены)|rechte vorbehalten|"
    r"droits réservés|derechos reservados|diritti riservati|direitos reservados|prawa zastrzeżone|"
    r"^\s*(?:©|\(c\)|copyright)\s*(?:\d{4}|[\w .]+\d{4})\s*[-–,.]?\s*(?:\d{4})?\s*[\w„“«»\" .&-]*(?:\.|$)", re.I)

UPDATE_NOTICE = re.compile(
    r"developing story|breaking news update|this (?:story|article|post|page|report) (?:is developing|is breaking|"
    r"is being updated|will be updated|has been updated|may be updated|will update)|(?:will|to) be updated (?:as|with)|"
    # "more to come" and "updates to follow" close a notice; inside a sentence they are story text
    # ("... and more to come this year once the new TV deal starts")
    r"check back (?:for|soon|later)|(?:more (?:details )?to (?:come|follow)|updates? to follow)(?=\W*$|\s*[.!…])|"
    r"прича у развоју|priča u razvoju|вест у развоју|vest u razvoju|vijest u razvoju|вијест у развоју|"
    r"(?:биће|бит ће|bi[ćc]e|bit [ćc]e) (?:ажурирана|ажуриран|ažurirana|ažuriran|dopunjen|допуњен)|"
    r"(?:вест|vest|vijest|tekst|текст) (?:се|se) (?:ажурира|ažurira|допуњује|dopunjuje|nadopunjuje)|"
    r"(?:новость|материал|информация) (?:дополняется|обновляется|будет дополнена|будет обновл)|следите за обновлениями|"
    r"(?:meldung|artikel|text|beitrag|bericht|nachricht) wird (?:laufend |fortlaufend |ständig |weiter )?aktualisiert|"
    r"(?:article|information|info) (?:sera|est|en cours d'être) (?:mise?|actualisée?) à jour|en cours d'actualisation|"
    r"noticia en (?:desarrollo|ampliación|actualización)|(?:noticia|información) (?:se está actualizando|será actualizada)|"
    r"notizia in (?:aggiornamento|sviluppo)|articolo in aggiornamento|in aggiornamento\b|"
    r"notícia em (?:atualização|desenvolvimento)|(?:notícia|matéria|reportagem) (?:será|está sendo) atualizada|"
    r"(?:artykuł|tekst|informacja|wiadomość) (?:jest |będzie )?(?:aktualizowan|uzupełnian)|sprawa jest rozwojowa|"
    r"(?:haber|makale) güncellen", re.I)
# Lowercase stems one of which every UPDATE_NOTICE match contains (a cheap pre-filter for page scans)
UPDATE_STEMS = ("develop", "breaking", "updat", "check back", "to come", "to follow", "развој", "razvoj", "ажурир", "ažurir",
                "допуњ", "dopunj", "nadopunj", "дополня", "обновл", "будет дополн", "aktualisiert", "à jour",
                "actualisation", "desarrollo", "ampliación", "actualiz", "aggiornamento", "sviluppo", "atualiz",
                "desenvolvimento", "aktualizow", "uzupełnian", "rozwojowa", "güncellen")
UPDATE_STEM = re.compile("|".join(map(re.escape, UPDATE_STEMS)))
SOCIAL_WORDS = {
    "share", "shares", "sharing", "tweet", "facebook", "twitter", "x", "whatsapp", "linkedin", "telegram", "viber",
    "email", "e", "mail", "print", "copy", "link", "pinterest", "reddit", "messenger", "flipboard", "subscribe",
    "newsletter", "follow", "us", "on", "this", "article", "the", "via", "instagram", "youtube", "tiktok", "rss",
    "podeli", "подели", "поделите", "podelite", "podijeli", "teilen", "partager", "compartir", "condividi",
    "compartilhar", "compartilhe", "udostępnij", "поделиться", "abonnieren", "abonnez", "vous", "suscríbete",
    "iscriviti", "assine", "subskrybuj", "подписаться", "pošalji", "пошаљи", "kopiraj", "копирај", "drucken",
    "imprimer", "imprimir", "stampa", "comments", "comment", "kommentare", "коментари", "komentari", "or", "and",
}
SHARE_START = re.compile(
    r"^\s*(?:share (?:this|on|via|the|article|story)|subscribe (?:to|for|now|today)|sign up (?:for|to|here)|"
    r"follow us|get (?:our|the) (?:newsletter|latest)|join our|download (?:our|the) app|"
    r"pratite nas|пратите нас|podelite|поделите|pretplatite se|претплатите се|prijavite se na|пријавите се на|"
    r"folgen sie uns|abonnieren sie|jetzt abonnieren|teilen sie|newsletter abonnieren|melden sie sich|"
    r"suivez-nous|abonnez-vous|inscrivez-vous|partagez|síguenos|suscríbete|compártelo|comparte|seguici|"
    r"iscriviti|condividi|siga-nos|assine|inscreva-se|compartilhe|obserwuj nas|subskrybuj|zapisz się|udostępnij|"
    r"подпишитесь|подписывайтесь|следите за нами|поделитесь|podijeli(?:te)?\b|podeli\b|подели\b|teilen\b|"
    r"partager\b|compartir\b|condividi\b|compartilhar\b|поделиться\b)", re.I)

RELATED_HEADER = re.compile(
    r"^\s*(?:more stories|more news|more from|more on this|more in|related(?: stories| articles| news| content| coverage| links| topics)?|"
    r"read (?:more|also|next)|see also|also read|you (?:may|might) (?:also )?(?:like|be interested)|recommended(?: for you| stories)?|"
    r"most (?:read|popular|viewed)|top stories|latest (?:news|stories|articles)|trending(?: now| stories)?|what to read next|"
    r"editor'?s picks|don'?t miss|pro[cč]itajte (?:jo[sš]|i|tako[dđ]e)|прочитајте (?:још|и|такође)|povezane (?:vesti|vijesti)|"
    r"повезане вести|povezano|повезано|vi[sš]e vesti|више вести|vi[sš]e vijesti|najnovije(?: vesti| vijesti)?|најновије(?: вести)?|"
    r"najčitanije|најчитаније|izdvojeno|издвојено|lesen sie (?:auch|mehr)|mehr zum thema|weitere artikel|weitere nachrichten|"
    r"das könnte sie auch interessieren|meistgelesen|(?:à )?lire aussi|sur le même sujet|voir aussi|les plus lus|"
    r"(?:leer|lea) (?:más|también)|te puede interesar|noticias relacionadas|más noticias|lo más leído|leggi anche|"
    r"potrebbe interessarti|articoli correlati|i più letti|leia (?:também|mais)|veja também|notícias relacionadas|"
    r"mais lidas|czytaj (?:też|także|więcej)|zobacz (?:też|także|również)|najczęściej czytane|читайте (?:также|еще|ещё)|"
    r"по теме|похожие (?:новости|материалы)|другие новости|самое читаемое|още по темата|прочетете още|"
    r"još iz rubrike|још из рубрике|više iz rubrike|више из рубрике|also in|more in this section|"
    r"ilgili haberler|daha fazla|관련\s?(?:기사|뉴스)|많이 본 (?:뉴스|기사)|추천 기사|相关(?:新闻|阅读|文章|报道)|"
    r"相關(?:新聞|閱讀|文章|報導)|延伸(?:阅读|閱讀)|热门新闻|熱門新聞|関連(?:記事|ニュース)|おすすめ記事|"
    r"اقرأ (?:أيضا|أيضاً|المزيد)|(?:مواضيع|أخبار|مقالات) ذات صلة|الأكثر قراءة|קרא עוד|כתבות (?:נוספות|קשורות))\b", re.I)
RELATED_INLINE = re.compile(r"^\s*(?:read more|related|also read|read also|see also|pro[cč]itajte (?:jo[sš]|i)|прочитајте (?:још|и)|"
                            r"lesen sie auch|(?:à )?lire aussi|lea también|leggi anche|leia também|czytaj (?:też|także)|"
                            r"читайте также|povezano|повезано)\s*[:>»|-]\s*\S", re.I)

AD_LINE = re.compile(
    r"^\s*(?:advertisement|advertising|ad|ads|sponsored(?: content| post)?|paid (?:content|post)|promoted(?: content)?|"
    r"partner content|story continues below(?: advertisement)?|article continues below(?: advertisement)?|"
    r"continue reading below|anzeige|werbung|publicité|publicidad|pubblicità|publicidade|reklama|реклама|oglas|оглас|"
    r"sponzorisano|спонзорисано|promocija|промоција|sponsorowane|reklam)\s*[:.-]?\s*$", re.I)

BIO_START = re.compile(
    r"^\s*(?:about the author|about me|о аутору|o autoru|o autorki|o autorze|об авторе|über den autor|über die autorin|"
    r"à propos de l'auteur|sobre el autor|sobre a autora|sobre o autor|l'autore|l'autrice)\b", re.I)
BIO_ROLE = re.compile(
    r"^[\w .'-]{2,60}\b(?:is|was|ist|est|es|è|é|je|jest|является)\s+(?:an?\s+|el\s+|la\s+|une?\s+|ein(?:e)?\s+)?"
    r"(?:(?:senior|staff|freelance|contributing|political|award-winning|former|chief|deputy|veteran|independent)\s+)*"
    r"(?:reporter|writer|journalist|correspondent|editor|contributor|columnist|novinar|новинар|periodista|giornalista|"
    r"jornalista|dziennikar|журналист|корреспондент|redakt|redaktor|korespondent|dopisni|autor|author)", re.I)

# "Source: Reuters", "Источник: Meridian Dispatch", "(Quelle: dpa)": the outlet a story was taken from.
# Kept as evidence of provenance; photo credits ("Foto: …") are typed before this is asked.
# Chinese sites put it after the time of publication: "2024年6月19日 10:32 来源：新华社".
SOURCE_LINE = re.compile(
    r"^\s*(?:\d[\d年月日时時分:：./ -]*[年日:：./-][\d年月日时時分:：./ -]*\s)?"  # a date and time, then
    r"[(\[]?\s*(?:sources?|izvor|извор|источник|источники|джерело|quelle|quellen|fuente|fuentes|fonte|fontes|"
    r"źródło|zrodlo|kaynak|zdroj|forrás|lähde|bron|kilde|källa|来源|來源|出典|출처|المصدر)\s*[:：]\s*\w", re.I)
PHOTO_AGENCY = re.compile(r"\b(?:getty|getti|images?|imidzhes|shutterstock|istock|alamy|imago|photos?|foto|fotos|"
                          r"pixsell|wireimage|nurphoto|zuma|sipa|abaca)\b")
NAV_SEPARATORS = re.compile(r"\s(?:>|»|›|/|\||·|•)\s")
SKIP_LINK = re.compile(r"^\s*(?:skip to (?:main )?(?:content|navigation)|skip navigation|jump to content|"
                       r"preskoči na (?:sadržaj|glavni sadržaj)|прескочи на садржај|zum inhalt springen|"
                       r"aller au contenu|saltar al contenido|vai al contenuto|pular para o conteúdo|"
                       r"przejdź do treści|перейти к (?:содержанию|основному))\s*$", re.I)


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """The words of a line; cached, as each rule below asks again for the same line."""
    return tuple(WORD.findall(text))


def roman(text: str) -> str:
    return anyascii(text).lower()


SENTENCE_BREAK = re.compile(rf"(?<!\b\d)(?<!\b\d\d)(?<!\b\w)[.!?…{OTHER_STOPS}][\"'»“”’)]*\s+[\"'„“«(]?(\w)")


def sentence_count(text: str) -> int:
    """Sentences; a break needs a capital (or a caseless letter) after it and no ordinal ('19. јуна') or initial
    ('J. Smith') before it."""
    text = text.strip()
    if not WORD.search(text):
        return 0
    return 1 + sum(1 for m in SENTENCE_BREAK.finditer(text) if capital_or_caseless(m.group(1)) and m.end() < len(text))


def is_photo_credit(line: str) -> bool:
    """Short agency/photographer lines: 'Name/Pool/AFP/Getty Images', 'Photo: Reuters', '© dpa'."""
    text = line.strip()
    n = len(words(text))
    if not text or n > 14 or len(text) > 140:
        return False
    if COPYRIGHT_NOTICE.search(text):
        return False
    if CREDIT_START.match(text):
        return True
    if "©" in text and n <= 10:
        return True
    segments = [s.strip() for s in re.split(r"\s*/\s*|\s+\|\s+", text) if s.strip()]
    if len(segments) >= 2 and all(len(words(s)) <= 4 for s in segments) and not SENTENCE_END.search(text):
        hits = sum(1 for s in segments if AGENCY.search(roman(s)))
        if hits >= 1 and (hits * 2 >= len(segments) or len(segments) >= 3):
            return True
    romanized = roman(text)
    # a bare agency credit line ("Getty Images", "REUTERS", "AP Photo/Evan Vucci")
    return n <= 4 and not SENTENCE_END.search(text) and bool(re.fullmatch(
        r"(?:\(?(?:getty images|getti imidzhes|reuters|afp|ap(?: photo)?|epa|dpa|anadolu|xinhua|shutterstock|imago|"
        r"pixsell|tanjug|fonet|beta|hina|sputnik|tass|itar-tass)\)?[\s/,.-]*)+(?:[\w .-]{0,40})?", romanized))


def is_update_notice(line: str) -> bool:
    text = line.strip()
    n = len(words(text))
    if n == 0 or n > 40:
        return False
    # "Updated 10:42 AM EDT, June 19, 2024" is a timestamp (metadata), not a notice: only phrases count.
    # The regex looks anywhere in the line, which is slow; a line without any of its stems cannot match.
    lower = text.lower()
    return bool(UPDATE_STEM.search(lower)) and bool(UPDATE_NOTICE.search(text))


def is_share_subscribe(line: str) -> bool:
    text = line.strip()
    tokens = [t.lower() for t in words(text)]
    if not tokens or len(tokens) > 25:
        return False
    if SHARE_START.match(text) and len(tokens) <= 20:
        return True
    return len(tokens) <= 12 and sum(t in SOCIAL_WORDS for t in tokens) >= max(2, 0.7 * len(tokens))


def is_related_header(line: str) -> bool:
    text = line.strip()
    return 0 < len(words(text)) <= 6 and not SENTENCE_END.search(text) and bool(RELATED_HEADER.match(text))


def is_related_inline(line: str) -> bool:
    return len(words(line)) <= 30 and bool(RELATED_INLINE.match(line))


def is_ad(line: str) -> bool:
    return len(line) <= 60 and bool(AD_LINE.match(line))


def is_bio_shape(line: str) -> bool:
    """Strings of very short fragments: 'Amateur organizer. Wannabe beer evangelist. Avid reader.'"""
    text = line.strip().strip("\"'„“”«»")
    if re.search(r"[\"„“”«»!?]", text):  # quoted speech and exclamations are story, not a bio
        return False
    parts = [p for p in re.split(r"[.…]+", text) if WORD.search(p)]
    if len(parts) < 3 or len(words(text)) > 45 or re.search(r"\d", text):
        return False
    lengths = [len(words(p)) for p in parts]
    return max(lengths) <= 5 and sum(lengths) / len(lengths) <= 3.6


def is_author_bio(line: str) -> bool:
    text = line.strip()
    n = len(words(text))
    if n == 0 or n > 80:
        return False
    return bool(BIO_START.match(text)) or is_bio_shape(text) or (n <= 60 and bool(BIO_ROLE.match(text)))


def is_source_line(line: str) -> bool:
    """A short attribution line naming where the story came from: 'Source: Reuters', 'Izvor: Tanjug'."""
    text = line.strip()
    if len(text) > 150 or not 0 < len(words(text)) <= 14 or not SOURCE_LINE.match(text):
        return False
    return not PHOTO_AGENCY.search(roman(text))  # "Source: Getty Images" credits a photo, not the story


def is_navigation(line: str) -> bool:
    """Breadcrumbs and menus: 'Home > World > Europe', 'News | Sport | Culture | Opinion'."""
    text = line.strip()
    if SKIP_LINK.match(text):
        return True
    parts = [p for p in NAV_SEPARATORS.split(text) if p.strip()]
    return (len(parts) >= 3 and all(0 < len(words(p)) <= 3 for p in parts) and not SENTENCE_END.search(text))


def line_kind(line: str) -> str | None:
    """The boilerplate kind a single line has on its own, or None for story text."""
    if len(line) > 400 or len(words(line)) > 40:  # longer than any rule below allows
        return None
    if is_ad(line):
        return "ad"
    if CREDIT_START.match(line) is None and is_source_line(line):  # "Foto: Izvor/Tanjug" stays a credit
        return "source_line"
    if is_photo_credit(line):
        return "photo_credit"
    if is_update_notice(line):
        return "update_notice"
    if is_related_inline(line) or is_related_header(line):
        return "related_links"
    if is_share_subscribe(line):
        return "share_subscribe"
    if is_navigation(line):
        return "navigation"
    return None
