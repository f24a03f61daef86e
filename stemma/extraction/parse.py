"""The page parsed once by lxml, for trafilatura, the readability pick and htmldate.

lxml.html gives form, input, label, select and textarea elements classes of their own, chosen
for every element it hands to Python by a Python callback: ~15% of what trafilatura and the
readability pick spend on a page (dev pages: 25.4 -> 21.8 ms for both). Here every element is
an HtmlElement, chosen in C; neither of them uses what the form classes add.
"""
from __future__ import annotations

import lxml.html
from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction
from trafilatura.utils import repair_faulty_html

# the options of trafilatura's own parser
PARSER = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                              remove_pis=True)
PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))


def parse(html: str) -> HtmlElement | None:
    """The page's root element (or, for a fragment, its element) as trafilatura would load it, after
    its repairs for libxml2 (a doctype line it misreads, characters XML forbids); None when nothing
    parses."""
    html = repair_faulty_html(html, html[:50].lower())
    try:
        return lxml.html.fromstring(html, parser=PARSER)
    except ValueError:  # a str that declares its encoding: libxml2 takes it as bytes only
        data = html.encode("utf-8", "surrogatepass")
    except etree.ParserError:  # nothing but whitespace or comments
        return None
    try:
        return lxml.html.fromstring(data, parser=PARSER)
    except etree.ParserError:
        return None
