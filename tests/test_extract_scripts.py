"""Extraction around scripts and styles: their code is never text, JSON-LD in them is still metadata."""
from __future__ import annotations

from stemma.extraction import extract

STORY = ["The council voted on Monday to close the old bridge to heavy traffic after engineers found cracks "
         "in two of its supports, a decision that will reroute trucks through the city centre for a year.",
         "Repairs are expected to cost about four million euros, the mayor said, and work should start in "
         "the spring once the tender for the steel beams has been awarded to one of the three bidders.",
         "Residents of the riverside streets said they feared more noise and asked for a night ban on trucks, "
         "which the council promised to discuss at its next session in two weeks from now."]


def page(head: str, body_extra: str = "") -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    return (f"{head}<body><div class='article'><h1>Bridge closed to trucks</h1>{paragraphs}"
            f"{body_extra}</div></body>").encode()


def test_script_code_never_reaches_text_or_boilerplate():
    code = "var adSlot = 'Advertisement'; document.write('Share this story on Facebook');"
    html = page("<html><head><title>Bridge</title><style>.article p { color: #333 }</style></head>",
                f"<script>{code}</script><script>window.dataLayer = [{{'event': 'pageview'}}];</script>")
    extracted = extract(html)
    assert extracted.paragraphs[-3:] == STORY
    everything = extracted.text + " ".join(item.text for item in extracted.boilerplate)
    assert "adSlot" not in everything and "dataLayer" not in everything and "color" not in everything


def test_json_ld_date_is_read_though_scripts_are_dropped():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-03-05T10:00:00Z"}</script>'
    extracted = extract(page(f"<html><head><title>Bridge</title>{ld}<script>var x = 1;</script></head>"))
    assert extracted.published_at == "2024-03-05T10:00:00+00:00"
    assert extracted.paragraphs[-3:] == STORY


def test_page_without_html_tag_whose_head_is_only_scripts():
    # old pages start straight with a <script>; with the script emptied the page must still parse as HTML
    extracted = extract(page("\n<script language='JavaScript'>var bandwidth = 'broad';</script>\n"))
    assert extracted.paragraphs[-3:] == STORY
    assert "bandwidth" not in extracted.text
