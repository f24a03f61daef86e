"""Render reports as one self-contained HTML page: both articles side by side, sentence-aligned, all text escaped."""
from __future__ import annotations

from html import escape

from stemma.model import Relation, Report
from stemma.trace.relate import no_relations_message

STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem;color:#222;max-width:1400px}
h1{font-size:1.4rem} h2{font-size:1.15rem;margin-top:2rem} .meta{color:#666}
table.align{border-collapse:collapse;width:100%;table-layout:fixed} .align td{vertical-align:top;padding:4px 8px;border-top:1px solid #eee}
.align td.sim{width:4rem;color:#666;text-align:right} .only{background:#fff4e5} .drift{background:#ffe3e3}
.flag{background:#fff8d6;padding:.5rem 1rem;border-left:4px solid #e0b000;margin:.5rem 0} ul{margin:.2rem 0}
.kind{font-weight:600}
td,li,p{unicode-bidi:plaintext}
"""
# unicode-bidi:plaintext: each sentence runs in its own script's direction, so an Arabic or Hebrew page's text reads
# right to left beside its English original


def e(text: object) -> str:
    return escape(str(text if text is not None else ""), quote=True)


def render_reports(reports: list[Report]) -> str:
    body = "".join(render_report(r) for r in reports)
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>stemma report</title>"
            f"<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<style>{STYLE}</style></head><body>{body}</body></html>\n")


def render_report(report: Report) -> str:
    q = report.query
    parts = [f"<h1>{e(q.title or q.url)}</h1>",
             f"<p class='meta'>{e(q.url)} · {e(q.lang)}-{e(q.script)} · {len(q.sentences)} sentences"
             f"{' · published ' + e(q.published_at) if q.published_at else ''}</p>"]
    if report.mt_likelihood is not None:
        parts.append(f"<p>Machine-translation likelihood: {report.mt_likelihood:.2f}</p>")
    for flag in report.flags:
        items = "".join(f"<li>{e(x)}</li>" for x in flag.evidence)
        parts.append(f"<div class='flag'><span class='kind'>{e(flag.kind)}</span><ul>{items}</ul></div>")
    if report.source_hint:
        h = report.source_hint
        parts.append(f"<p>Source hint: language {e(h.get('lang'))}, outlet {e(h.get('outlet'))}, "
                     f"search <code>{e(h.get('query'))}</code></p>")
    if not report.relations:
        parts.append(f"<p>{e(no_relations_message(report.query))}</p>")
    for relation in report.relations:
        parts.append(render_relation(report, relation))
    return "<section>" + "".join(parts) + "</section>"


ALIGNMENT_TABLE = "<table class='align'><tr><th>query</th><th></th><th>article</th></tr>{}</table>"


def render_relation(report: Report, r: Relation) -> str:
    a = r.article
    evidence = "".join(f"<li>{e(x)}</li>" for x in r.evidence)
    head = (f"<h2><span class='kind'>{e(r.kind)}</span> · {e(r.direction.replace('_', ' '))} · score {r.score:.2f} · "
            f"coverage {r.coverage_query:.2f}/{r.coverage_article:.2f}</h2>"
            f"<p class='meta'>{e(a.title)} — {e(a.url)} ({e(a.lang)}"
            f"{', published ' + e(a.published_at) if a.published_at else ''})</p><ul>{evidence}</ul>")
    drifted = {d.query_sentence for d in r.drift if d.kind not in ("added_sentence", "dropped_sentence")}
    changes = "".join(f"<li>{e(d.kind)}: query “{e(d.query or '—')}” vs article “{e(d.article or '—')}”</li>"
                      for d in r.drift if d.kind not in ("added_sentence", "dropped_sentence"))
    if changes:
        head += f"<p>Fact drift:</p><ul>{changes}</ul>"

    def linked_row(pair, css: str = "") -> str:
        left = " ".join(report.query.sentences[i] for i in pair.query)
        right = " ".join(a.sentences[j] for j in pair.article)
        return f"<tr{css}><td>{e(left)}</td><td class='sim'>{pair.similarity:.2f}</td><td>{e(right)}</td></tr>"

    if r.kind == "same_story":  # two texts, not one: only the statements both make, side by side
        return head + (ALIGNMENT_TABLE.format("".join(map(linked_row, r.alignment))) if r.alignment else "")
    rows = []
    qi = aj = 0
    for pair in r.alignment + [None]:
        q_stop = pair.query[0] if pair else len(report.query.sentences)
        a_stop = pair.article[0] if pair else len(a.sentences)
        for i in range(qi, q_stop):
            rows.append(f"<tr class='only'><td>{e(report.query.sentences[i])}</td><td class='sim'></td><td></td></tr>")
        for j in range(aj, a_stop):
            rows.append(f"<tr class='only'><td></td><td class='sim'></td><td>{e(a.sentences[j])}</td></tr>")
        if pair is None:
            break
        rows.append(linked_row(pair, " class='drift'" if pair.query[0] in drifted else ""))
        qi, aj = pair.query[-1] + 1, pair.article[-1] + 1
    return head + ALIGNMENT_TABLE.format("".join(rows))
