"""Extraction: story text, metadata, typed boilerplate, encodings and hostile pages."""
from __future__ import annotations

import json
import os
import textwrap
import time
from pathlib import Path

import pytest

from stemma.extraction import extract
from stemma.model import Page

from conftest import SEED
PAGES = Path(__file__).parent / "data" / "boilerplate_pages"
BODY = ("Officials from both countries met on Tuesday to sign the agreement, which covers trade, energy and "
        "transport, after months of talks that had stalled twice over the question of tariffs.")


def kinds(extracted) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in extracted.boilerplate:
        found.setdefault(item.kind, []).append(item.text)
    return found


@pytest.mark.skipif(not SEED.exists(), reason="shared seed not mounted")
def test_seed_boilerplate_is_typed_and_story_kept():
    raw = SEED.read_bytes()
    extracted = extract(Page(url="file:///seed.txt", content=raw, kind="text"))
    typed = kinds(extracted)
    credits = typed["photo_credit"]
    assert len(credits) == 4 and all("/" in c for c in credits)
    assert any("Гетти Имагес" in c for c in credits)
    assert len(typed["photo_caption"]) == 4
    assert any(b.startswith("„Аматерски организатор") for b in typed["author_bio"])
    assert typed["update_notice"] == ["Ово је прича у развоју и биће ажурирана."]
    assert typed["related_links"][0] == "More Stories" and len(typed["related_links"]) == 4
    text = extracted.text
    for item in extracted.boilerplate:
        assert item.text not in extracted.paragraphs
    assert "More Stories" not in text and "Гетти" not in text and "Аматерски" not in text
    # every paragraph of the story is kept, in order
    lines = [line.strip() for line in raw.decode("utf-8").splitlines() if line.strip()]
    story = [line for line in lines if line.startswith(("Русија и Северна", "Две земље су 2000.", "Кремљ је раније"))]
    assert all(line in extracted.paragraphs for line in story)
    assert len(extracted.paragraphs) == 30
    assert extracted.paragraphs[0].startswith("Русија и Северна Кореја")
    assert extracted.paragraphs[-1].startswith("Кремљ је раније")
    # positions point at the paragraph each item stood before
    notice = next(b for b in extracted.boilerplate if b.kind == "update_notice")
    assert notice.position == len(extracted.paragraphs)


NEWS_PAGE = f"""<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<title>Ports sign trade deal | Harbour Times</title>
<meta property="og:site_name" content="Harbour Times">
<meta property="article:published_time" content="2025-03-14T09:30:00Z">
<meta property="article:modified_time" content="2025-03-14T12:05:00+01:00">
<link rel="canonical" href="https://harbour.example/news/ports-deal">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Ports sign trade deal",
 "author": [{{"@type": "Person", "name": "Mira Patel"}}, {{"@type": "Person", "name": "Tom Reyes"}}]}}</script>
</head><body>
<nav class="main-nav"><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>
<header><h1>Ports sign trade deal</h1>
<p class="article-lead">The two largest ports on the coast agreed to share cranes and berths for the next decade,
 ending a rivalry that had cost both of them customers.</p></header>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<article><div class="article-body">
<p>{BODY}</p>
<figure><img src="a.jpg"><figcaption>Cranes stand idle at the northern terminal on Friday.
 <span class="credit">Lena Ortiz/Coastal Press</span></figcaption></figure>
<p>The deal still needs approval from the regional assembly, which is expected to vote on it next month
 after a public consultation that unions have asked to be extended.</p>
<div class="ad-slot">Advertisement</div>
<p><em>This is a developing story and will be updated.</em></p>
<p>Union leaders said they welcomed the agreement but wanted guarantees that no jobs would be lost at
 either port during the transition, which is planned to take three years.</p>
</div>
<div class="author-bio">Mira Patel is a business reporter at Harbour Times covering shipping and trade.</div>
<aside class="related-stories"><h3>More stories</h3><ul><li><a href="/a">Fuel prices fall for a third week</a></li>
<li><a href="/b">New ferry route opens to the islands</a></li></ul></aside>
</article></body></html>"""


def test_authors_are_read_from_the_byline_when_the_markup_names_none():
    """A blog post whose only credit is its byline, among commenters and an author box: the byline's name, without its
    date and label. Before, no author."""
    page = f"""<html><head><title>Wireshark unter Linux</title></head><body><article class="post format-standard">
<h1>Wireshark unter Linux</h1><p class="post-byline">29. Juni 2017, 23:39 · von Tobi</p>
<div class="entry"><p>{BODY}</p></div>
<div class="author-bio">Tobi Hallo, mein Name ist Tobias und ich schreibe hier seit Jahren über Netzwerke.</div>
</article><ol class="commentlist"><li class="comment"><div class="comment-author vcard">Burnsy sagt:</div>
<p>Danke für die Anleitung!</p></li></ol></body></html>"""
    assert extract(page.encode("utf-8"), url="https://blog.example/wireshark").authors == ["Tobi"]
    # the author's name in the page's byline of a Spanish site, after its label and before its handle
    byline = '<div class="td-post-author-name">Por Williams Perdomo @wperdomod -</div>'
    assert extract(f"<html><body>{byline}<article><p>{BODY}</p></article></body></html>".encode("utf-8"),
                   url="https://diario.example/carta").authors == ["Williams Perdomo"]


def test_the_date_in_the_address_beats_a_time_element_of_another_story():
    """No date in the markup's metadata, a sidebar teaser's <time> first on the page, and the story's date in its
    address: the address's date is the story's. Before, the teaser's."""
    page = f"""<html><body><aside><a href="/old"><time datetime="2009-04-11 18:06:36">11. April 2009</time> Alte
Geräte</a></aside><article><h1>Professionell entlöten</h1><p>{BODY}</p></article></body></html>"""
    url = "https://www.limespace.example/2019/10/22/professionell-entloeten/"
    assert extract(page.encode("utf-8"), url=url).published_at == "2019-10-22"
    # a <time> of that day is kept, with its hour
    page = page.replace("</h1>", '</h1><time datetime="2019-10-22T09:15:00+02:00">22.10.2019</time>')
    assert extract(page.encode("utf-8"), url=url).published_at == "2019-10-22T09:15:00+02:00"


def test_the_title_loses_the_site_s_name_and_keeps_its_own_dashes():
    """'Headline - subtitle - Site': the site's part goes, by its name or its host, and the subtitle stays. Before, the
    longest part was kept ("How we designed Dropbox's ATF"). A title whose site is not known keeps it, and the
    paragraph that is its headline part is still taken out of the text as the headline."""
    def page(title: str, head: str = "", first: str = "") -> bytes:
        return (f"<html><head><title>{title}</title>{head}</head><body><article>{first}<p>{BODY}</p></article>"
                f"</body></html>").encode("utf-8")

    site = '<meta property="og:site_name" content="Dropbox">'
    assert extract(page("How we designed Dropbox's ATF - an async task framework - Dropbox", site),
                   url="https://dropbox.tech/atf").title == "How we designed Dropbox's ATF - an async task framework"
    assert extract(page("Irme Stetter-Karp ist neue ZdK-Präsidentin | DOMRADIO.DE"),
                   url="https://www.domradio.de/artikel/zdk").title == "Irme Stetter-Karp ist neue ZdK-Präsidentin"
    shown = extract(page("Aussies need doubles win at Hopman Cup - ABC News (Australia)",
                         first="<p>Aussies need doubles win at Hopman Cup</p>"))
    assert shown.paragraphs == [BODY]


def test_news_page_text_metadata_and_boilerplate():
    extracted = extract(NEWS_PAGE.encode("utf-8"), url="https://harbour.example/news/ports-deal?utm=x")
    assert extracted.title == "Ports sign trade deal"
    assert extracted.published_at == "2025-03-14T09:30:00+00:00"
    assert extracted.updated_at == "2025-03-14T12:05:00+01:00"
    assert extracted.authors == ["Mira Patel", "Tom Reyes"]
    assert extracted.site_name == "Harbour Times"
    assert extracted.canonical_url == "https://harbour.example/news/ports-deal"
    assert extracted.declared_lang == "en-GB"
    # the lead outside the body container is recovered, first
    assert extracted.paragraphs[0].startswith("The two largest ports")
    assert extracted.paragraphs[1] == BODY
    assert any(p.startswith("Union leaders said") for p in extracted.paragraphs)
    typed = kinds(extracted)
    assert typed["photo_caption"] == ["Cranes stand idle at the northern terminal on Friday."]
    assert typed["photo_credit"] == ["Lena Ortiz/Coastal Press"]
    assert typed["update_notice"] == ["This is a developing story and will be updated."]
    assert "author_bio" in typed and "related_links" in typed and "share_subscribe" in typed
    assert "navigation" in typed and typed["ad"] == ["Advertisement"]
    text = extracted.text
    for phrase in ("Cranes stand idle", "developing story", "Advertisement", "Fuel prices", "business reporter"):
        assert phrase not in text
    caption = next(b for b in extracted.boilerplate if b.kind == "photo_caption")
    assert caption.position == 2  # after the lead and the first body paragraph


def test_undeclared_and_declared_legacy_encodings():
    cyrillic = ("<html><body><article><p>Влада је у среду усвојила нови закон о јавним набавкама, који "
                "према речима министра смањује трошкове и убрзава поступке за општине.</p></article></body></html>")
    extracted = extract(cyrillic.encode("cp1251"))
    assert "усвојила нови закон" in extracted.text
    latin2 = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=iso-8859-2'></head><body>"
              "<article><p>Vláda ve středu schválila nový zákon o veřejných zakázkách, který podle ministra "
              "snižuje náklady a zrychluje řízení pro obce a kraje.</p></article></body></html>")
    assert "schválila nový zákon" in extract(latin2.encode("iso-8859-2")).text
    korean = ("<html><body><article><p>리버턴 시의회는 화요일 긴 토론 끝에 새 예산안을 승인했다. 이 계획은 도로 보수와 "
              "대중교통에 1200만 달러를 배정한다.</p></article></body></html>")  # undeclared EUC-KR: resiliparse says UTF-8
    assert "새 예산안을 승인했다" in extract(korean.encode("euc-kr")).text


@pytest.mark.parametrize("label, codec, story", [
    # a browser reads these labels as the encodings' supersets: Windows-1252 quotes, GBK's 镕, Windows-31J's ①
    ("iso-8859-1", "cp1252", "„Wir haben es geschafft“, sagte die Bürgermeisterin am Mittwoch vor dem Rathaus."),
    ("gb2312", "gbk", "朱镕基在周三的会议上表示，新的预算将用于道路维修和公共交通，工程预计将于春季开工。"),
    ("shift_jis", "cp932", "①市議会は水曜日、長い議論の末に新しい予算を承認し、工事は春に始まる見込みだと発表した。"),
])
def test_a_declared_legacy_charset_is_read_as_a_browser_reads_it(label, codec, story):
    page = (f"<html><head><meta charset='{label}'><title>t</title></head><body><article><p>{story}</p>"
            "</article></body></html>")
    assert story in extract(page.encode(codec)).text


def test_plain_text_typing_in_other_languages():
    text = "\n".join([
        "Die Regierung hat am Mittwoch ein neues Gesetz beschlossen, das die Vergabe öffentlicher Aufträge "
        "vereinfachen soll, wie der Minister nach der Sitzung sagte.",
        "Foto: dpa/Michael Kappeler",
        "Der Minister stellt das Gesetz in Berlin vor.",
        "Kritiker bemängeln, dass kleine Gemeinden kaum von den Änderungen profitieren würden, und fordern "
        "zusätzliche Mittel aus dem Bundeshaushalt.",
        "Dieser Artikel wird laufend aktualisiert.",
        "Lesen Sie auch",
        "Bahnstreik: Was Pendler jetzt wissen müssen",
        "Neue Regeln für E-Scooter in Städten",
    ])
    extracted = extract(Page(url="", content=text, kind="text"))
    typed = kinds(extracted)
    assert typed["photo_credit"] == ["Foto: dpa/Michael Kappeler"]
    assert typed["photo_caption"] == ["Der Minister stellt das Gesetz in Berlin vor."]
    assert typed["update_notice"] == ["Dieser Artikel wird laufend aktualisiert."]
    assert len(typed["related_links"]) == 3
    assert len(extracted.paragraphs) == 2


@pytest.mark.parametrize("lines", [
    ["리버턴 시의회는 화요일 긴 토론 끝에 새 예산안을 승인했다. 이 계획은 도로 보수와 대중교통에 1200만 달러를 배정한다.",
     "사진=연합뉴스", "안나 켈러 시장이 표결 뒤 기자들에게 말하고 있다.",
     "야당 의원들은 이 지출 때문에 내년에 지방세가 오를 수밖에 없다고 주장했다. 공사는 봄에 시작될 예정이다.",
     "관련기사", "서울시, 내년 예산 40조 원 확정", "부산 지하철 요금 인상 논란"],
    ["リバートン市議会は火曜日、長い議論の末に新しい予算案を承認した。計画では道路の補修と公共交通に1200万ドルを充てる。",
     "写真：ロイター", "投票後、記者団に話すアンナ・ケラー市長。",
     "野党議員は、この支出によって来年は地方税を引き上げざるを得なくなると主張した。工事は春に始まる予定だ。",
     "関連記事", "東京都、新年度予算案を発表", "大阪の地下鉄運賃値上げに賛否"],
    ["وافق مجلس مدينة ريفرتون على ميزانية جديدة يوم الثلاثاء بعد نقاش طويل. وتخصص الخطة 12 مليون دولار لإصلاح الطرق.",
     "صورة: رويترز", "رئيسة البلدية آنا كيلر تتحدث إلى الصحفيين بعد التصويت.",
     "وقال أعضاء المعارضة إن هذا الإنفاق سيفرض ضرائب محلية أعلى في العام المقبل. ومن المتوقع أن يبدأ البناء في الربيع.",
     "اقرأ أيضا", "الحكومة تعلن ميزانية النقل الجديدة", "ارتفاع أسعار الوقود في المدن الكبرى"],
])
def test_credits_captions_and_related_blocks_in_korean_japanese_and_arabic(lines):
    """Left untranslated, such a block tells which language a copy was taken from: it must be typed, not kept."""
    extracted = extract(Page(url="", content="\n".join(lines), kind="text"))
    typed = kinds(extracted)
    assert typed["photo_credit"] == [lines[1]] and typed["photo_caption"] == [lines[2]]
    assert typed["related_links"] == lines[4:]
    assert extracted.paragraphs == [lines[0], lines[3]]


def test_a_chinese_page_keeps_its_story_and_types_source_line_caption_and_related_block():
    story = ["里弗顿市议会周二在长时间辩论后批准了新预算。该计划拨出1200万美元用于道路维修和公共交通。",
             "市长安娜·凯勒表示，这次投票是多年来一直在等待更好公交车的居民的胜利。她说，新的公交线路将在明年投入使用。",
             "反对派议员认为，这笔支出将迫使明年提高地方税。他们呼吁市政府公布更详细的开支计划。"]
    page = ("<html lang='zh-CN'><head><meta charset='utf-8'><title>里弗顿市议会批准新预算</title></head><body>"
            "<div class='nav'><a href='/'>首页</a> <a href='/news'>新闻</a> <a href='/sports'>体育</a> "
            "<a href='/tech'>科技</a></div><h1>里弗顿市议会批准新预算</h1>"
            "<div class='info'>2024年6月19日 10:32 来源：新华社</div><div class='article'>"
            f"<p>{story[0]}</p><figure><img src='a.jpg'><figcaption>市长安娜·凯勒在投票后对记者讲话。</figcaption></figure>"
            + "".join(f"<p>{p}</p>" for p in story[1:]) + "</div><div class='related'><h3>相关阅读</h3><ul>"
            "<li><a href='/a'>北京发布新一轮公交优化方案</a></li><li><a href='/b'>上海地铁票价调整引发讨论</a></li>"
            "</ul></div></body></html>")
    extracted = extract(page.encode("utf-8"))
    assert extracted.paragraphs == story
    typed = kinds(extracted)
    assert typed["source_line"] == ["2024年6月19日 10:32 来源：新华社"]  # names the agency the story came from
    assert typed["photo_caption"] == ["市长安娜·凯勒在投票后对记者讲话。"]
    assert any("相关阅读" in line for line in typed["related_links"])


def test_links_and_bold_inside_words_add_no_spaces():
    """A link or a bold run in the middle of a Japanese or Chinese word (or before a Korean particle) is part of the
    word, as a browser shows it: a space there splits the word, and the story no longer matches its other versions."""
    story = ["リバートン市議会は火曜日、長い議論の末に新しい予算を承認した。計画では道路の補修と公共交通に1200万ドルを充てる。",
             "アンナ・ケラー市長は、この投票はより良いバスを何年も待ってきた住民の勝利だと述べた。新しい路線は来年から運行される。",
             "리버턴 시의회는 화요일 긴 토론 끝에 새 예산을 승인했다. 이 계획은 도로 보수와 대중교통에 1200만 달러를 배정한다.",
             "反对派议员认为，这笔支出将迫使明年提高地方税。他们呼吁市政府公布更详细的开支计划。"]

    def marked(text: str) -> str:  # every third run of five characters a link, every other one bold
        runs = [text[i:i + 5] for i in range(0, len(text), 5)]
        return "".join(f"<a href='/t{n}'>{run}</a>" if n % 3 == 1 else f"<b>{run}</b>" if n % 3 == 2 else run
                       for n, run in enumerate(runs))

    page = ("<html lang='ja'><head><meta charset='utf-8'><title>リバートン市議会が新予算を承認</title></head><body>"
            "<h1>リバートン市議会が新予算を承認</h1><div class='article'>"
            + "".join(f"<p>{marked(p)}</p>" for p in story) + "</div></body></html>")
    assert extract(page.encode("utf-8")).paragraphs == story


def test_a_paragraph_wrapped_in_the_page_source_around_inline_code_is_one_paragraph():
    """Markdown sites write a paragraph wrapped at 80 columns, and a browser shows each break as a space; with an
    inline <code> in the paragraph trafilatura kept the breaks, and every line was a paragraph, its sentences cut
    where the source wrapped. A code block keeps its lines."""
    story = ["To define a struct, we enter the keyword struct and name the entire struct. A struct's name should "
             "describe the significance of the pieces of data being grouped together. For example, Listing 5-1 "
             "shows a struct that stores information about a user account.",
             "To use a struct after we have defined it, we create an instance of that struct by specifying concrete "
             "values for each of the fields, and the old value is struck out when it is replaced by a new one."]
    wrapped = [story[0].replace("keyword struct", "keyword <code>struct</code>"),
               story[1].replace("old value", "<del>old value</del>")]
    wrapped = ["\n".join(textwrap.wrap(paragraph, 70, break_long_words=False)) for paragraph in wrapped]
    page = ("<html><head><title>Defining structs</title></head><body><main><h1>Defining structs</h1>"
            + "".join(f"<p>{p}</p>" for p in wrapped)
            + "<pre><code>struct User {\n    active: bool,\n}</code></pre></main></body></html>")
    paragraphs = extract(page.encode("utf-8")).paragraphs
    assert [" ".join(p.split()) for p in paragraphs[:2]] == story


def test_story_after_a_related_block_in_chinese_is_kept():
    """The block ends where a line ends like a sentence: with 。, not only with a full stop."""
    lines = ["里弗顿市议会周二在长时间辩论后批准了新预算。该计划拨出1200万美元用于道路维修和公共交通。",
             "相关阅读", "北京发布新一轮公交优化方案", "上海地铁票价调整引发讨论",
             "市长安娜·凯勒表示，这次投票是多年来一直在等待更好公交车的居民的胜利。",
             "反对派议员认为，这笔支出将迫使明年提高地方税。工程预计将于春季开工。"]
    extracted = extract(Page(url="", content="\n".join(lines), kind="text"))
    assert kinds(extracted)["related_links"] == lines[1:4]
    assert extracted.paragraphs == [lines[0]] + lines[4:]


@pytest.mark.parametrize("content, error", [
    (b"", "empty page"),
    (b"   \n\t ", "empty page"),
    (os.urandom(20_000), "binary content, not text or HTML"),
    (b"\x89PNG\r\n\x1a\n" + bytes(4000), "binary content, not text or HTML"),
])
def test_empty_and_binary_give_an_empty_article_with_a_reason(content, error):
    for kind in ("html", "text"):
        extracted = extract(Page(url="", content=content, kind=kind))
        assert extracted.paragraphs == [] and extracted.error == error


PARA = b"<p>" + b"Lorem ipsum dolor sit amet, consectetur adipiscing elit sed do eiusmod tempor incididunt. " * 4 + b"</p>"


@pytest.mark.parametrize("name, content", [
    ("deep nesting", b"<html><body>" + b"<div>" * 10_000 + PARA + b"</div>" * 10_000 + b"</body></html>"),
    ("unclosed nesting", b"<html><body>" + b"<div><span><b>" * 10_000 + PARA),
    ("truncated", (b"<html><body><article>" + PARA * 30)[:-41]),
    ("broken utf-8", b"<html><body><p>" + "Ово је текст вести. ".encode() * 20 + b"\xff\xfe\xc3\x28\xe2\x82"
                     + "Још текста.".encode() * 20 + b"</p></body></html>"),
    ("huge start tag", b"<html><body><div " + b" ".join(b"a%d=x" % i for i in range(100_000)) + b">" + PARA + b"</div>"),
    ("many elements", b"<html><body>" + b"<p>x</p>" * 300_000 + b"</body></html>"),
    # a mangled </title>: the rest of the page is the title's text to every parser
    ("unclosed title", b"<html><head><title>Port strike</titavaScript\" src=\"a.js\"></script></head><body><article>"
                       + PARA * 3 + b"</article></body></html>"),
])
def test_hostile_markup_is_bounded(name, content):
    start = time.monotonic()
    extracted = extract(content)
    assert time.monotonic() - start < 8, name
    assert isinstance(extracted.paragraphs, list)
    if name in ("deep nesting", "unclosed nesting", "huge start tag", "unclosed title"):
        assert "Lorem ipsum" in extracted.text


def test_fifty_megabytes_is_cut_not_choked_on():
    page = b"<html><body><article>" + PARA * (50 * 1024 * 1024 // len(PARA)) + b"</article></body></html>"
    start = time.monotonic()
    extracted = extract(page)
    assert time.monotonic() - start < 10
    assert "Lorem ipsum" in extracted.text
    assert extract(page + b" " * (11 * 1024 * 1024)).error == "page larger than 60 MB"


def labelled_pages():
    labels_file = PAGES / "labels.json"
    if not labels_file.exists():
        return []
    return sorted(json.loads(labels_file.read_text(encoding="utf-8")).items())


@pytest.mark.parametrize("name, labels", labelled_pages())
def test_labelled_pages_boilerplate_found_and_kept_out_of_text(name, labels):
    path = PAGES / name
    kind = "text" if path.suffix == ".txt" else "html"
    extracted = extract(Page(url=path.as_uri(), content=path.read_bytes(), kind=kind))
    norm = lambda s: " ".join(s.lower().split())  # noqa: E731
    got = [(b.kind, norm(b.text)) for b in extracted.boilerplate]
    text = norm(extracted.text)
    missing = [lab for lab in labels if not any(k == lab["kind"] and (norm(lab["text"]) in t or t in norm(lab["text"]))
                                                for k, t in got)]
    assert len(missing) <= max(1, len(labels) // 10), missing
    leaked = [lab["text"] for lab in labels if len(lab["text"]) > 25 and norm(lab["text"]) in text]
    assert not leaked


SOURCE_PAGES = Path(__file__).parent / "data" / "source_lines"
DEMO_PAGES = Path(__file__).parents[1] / "stemma" / "demo" / "pages"


def source_line_pages():
    pages = [(SOURCE_PAGES / name, labels) for name, labels in
             json.loads((SOURCE_PAGES / "labels.json").read_text(encoding="utf-8")).items()]
    pages += [(DEMO_PAGES / name, labels) for name, labels in
              json.loads((SOURCE_PAGES / "demo_labels.json").read_text(encoding="utf-8")).items()]
    return [(path.name, path, labels) for path, labels in pages]


@pytest.mark.parametrize("name, path, labels", source_line_pages())
def test_source_lines_are_kept_as_typed_boilerplate(name, path, labels):
    kind = "text" if path.suffix == ".txt" else "html"
    extracted = extract(Page(url=path.as_uri(), content=path.read_bytes(), kind=kind))
    got = kinds(extracted)
    for label in labels:
        assert label["text"] in got.get(label["kind"], []), (label, got)
    sources = [label["text"] for label in labels if label["kind"] == "source_line"]
    assert sources and not any(source in extracted.text for source in sources)
    assert len(extracted.paragraphs) >= 3  # the story itself is kept


def test_source_line_is_not_a_photo_credit_or_a_sentence():
    for line in ("Source: Reuters", "Источник: Meridian Dispatch", "(Quelle: dpa)", "Izvor: Tanjug/Beta"):
        assert extract(Page(url="", content=f"{BODY}\n{BODY}\n{line}", kind="text")).boilerplate[-1].kind == "source_line"
    for line, kind in (("Foto: Tanjug", "photo_credit"), ("Photo: Tom Hale/Reuters", "photo_credit")):
        assert kinds(extract(Page(url="", content=f"{BODY}\n{line}\n{BODY}", kind="text")))[kind] == [line]
    text = "Sources: the ministry said on Monday that it would publish the full report before the end of the year."
    assert not extract(Page(url="", content=f"{BODY}\n{text}", kind="text")).boilerplate


def test_lead_that_a_photo_caption_repeats_stays_in_the_story():
    # the caption under the photo repeats the lead word for word; the story's own copy of it is kept,
    # while the caption is still typed
    lead = ("John Carter, who ran the city's harbour authority for two decades and oversaw its expansion "
            "in the 1990s, has died. He was 86.")
    page = f"""<html><head><title>Harbour chief dies</title></head><body>
<div class="photo"><img src="c.jpg"><div class="imgCaption">{lead}</div></div>
<div class="story"><p>{lead}</p><p>{BODY}</p>
<p>The port's current director said Carter had turned a small fishing harbour into the busiest container
 terminal on the coast, and that his plans are still followed today.</p></div></body></html>"""
    extracted = extract(page.encode("utf-8"))
    assert extracted.paragraphs[0] == lead
    assert kinds(extracted)["photo_caption"] == [lead]


def test_rows_of_a_data_table_in_the_story_are_kept():
    # short cells ("Men", "33") look like a menu line, but a table row of the story is story
    rows = "".join(f"<tr><td>{group}</td><td>{a}</td><td>{b}</td><td>{c}</td></tr>"
                   for group, a, b, c in (("All voters", 42, 37, 11), ("Men", 33, 42, 14), ("Women", 47, 36, 8)))
    page = f"""<html><head><title>Poll</title></head><body><article>
<p>{BODY}</p><table><tr><th>Group</th><th>Yes</th><th>No</th><th>Unsure</th></tr>{rows}</table>
<p>The poll of 1,200 likely voters was taken over the weekend and has a margin of error of three points
 either way, the pollsters said in a statement on Monday.</p></article></body></html>"""
    text = extract(page.encode("utf-8")).text
    assert "Men | 33 | 42 | 14" in text and "Women | 47 | 36 | 8" in text


def test_stemma_extract_is_the_public_call_for_one_page():
    import stemma
    import stemma.extraction.html  # noqa: F401  (the package's submodules do not shadow the function)

    page = f"<html><head><title>Соглашение подписано</title></head><body><article><p>{BODY}</p></article></body></html>"
    extracted = stemma.extract(page.encode("cp1251"), url="https://example.com/a")
    assert extracted.paragraphs == [BODY] and extracted.error is None
    assert extracted.title == "Соглашение подписано"  # undeclared Windows-1251
    assert stemma.extract(b"\x00\x01\x02binary").error


def test_hard_wrapped_text_is_read_as_paragraphs_and_text_of_a_sentence_a_line_is_not():
    """An e-mail or a text-browser dump breaks sentences over lines at a fixed width; read line by line, the tracer
    would compare fragments ("Port" / "officials said ..."). Text of one sentence a line, as WMT and NTREX give it,
    and lines of Chinese keep their lines."""
    import textwrap

    from stemma.analyze import analyze

    sentences = ["More than 10,000 dockworkers walked off the job at the Port of Brenmouth on Friday, in the first "
                 "full stoppage since 1989.", "Port officials said roughly 260,000 tonnes of cargo, including grain "
                 "and well-known machine parts, were stranded on the quays by the afternoon.",
                 "The union said the strike would go on until the port agreed to talks about automation.",
                 '"We did not want this," its general secretary said.']
    wrapped = "Port workers walk out\n\n" + "\n\n".join(textwrap.fill(" ".join(sentences[i:i + 2]), 64)
                                                         for i in (0, 2))
    assert analyze(Page(url="", content=wrapped, kind="text")).sentences == ["Port workers walk out", *sentences]
    lined = "\n".join(sentences + ["Dockworkers in two other ports said they would join the strike on Monday."])
    assert analyze(Page(url="", content=lined, kind="text")).sentences == lined.split("\n")
    chinese = ["港口官员说，大约二十六万吨货物滞留在码头上，其中包括粮食和机械零件", "工会表示罢工将持续到港口同意就自动化问题进行谈判",
               "另外两个港口的码头工人表示他们将于周一加入罢工行动", "市长呼吁双方尽快回到谈判桌前解决分歧", "航运公司已开始将船只转往其他港口"]
    assert extract(Page(url="", content="\n".join(chinese), kind="text")).paragraphs == chinese
