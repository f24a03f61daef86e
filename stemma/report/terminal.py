"""Render a report for the terminal with rich; scraped text is printed as text, never as markup."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from stemma.model import Relation, Report
from stemma.trace.relate import no_relations_message

SHOWN_PAIRS = 6


def short(text: str | None, width: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render(report: Report, console: Console) -> None:
    q = report.query
    console.rule(f"[bold]{escape(short(q.title or q.url, 70))}")
    console.print(f"{escape(q.url)}  ·  {q.lang}-{q.script}  ·  {len(q.sentences)} sentences"
                  + (f"  ·  published {escape(q.published_at)}" if q.published_at else ""))
    if report.mt_likelihood is not None:
        console.print(f"machine-translation likelihood: {report.mt_likelihood:.2f}")
    for flag in report.flags:
        console.print(f"[bold yellow]flag: {flag.kind}[/]" + (f" ({flag.score:.2f})" if flag.score is not None else ""))
        for item in flag.evidence:
            console.print(f"   • {escape(short(item, 110))}")
    if report.source_hint:
        hint = report.source_hint
        console.print(f"source hint: language {escape(str(hint.get('lang')))}, outlet {escape(str(hint.get('outlet')))}, "
                      f"search: {escape(str(hint.get('query')))}")
    if not report.relations:
        console.print(escape(no_relations_message(report.query)))
        return
    table = Table(title="Relations", show_lines=False)
    for column in ("kind", "direction", "score", "coverage q/a", "lang", "site", "title"):
        table.add_column(column)
    for r in report.relations:
        table.add_row(r.kind, r.direction, f"{r.score:.2f}", f"{r.coverage_query:.2f}/{r.coverage_article:.2f}",
                      r.article.lang, escape(r.article.site), escape(short(r.article.title, 50)))
    console.print(table)
    render_relation(report, report.relations[0], console)


def render_relation(report: Report, r: Relation, console: Console) -> None:
    console.print(f"\n[bold]Best match:[/] {r.kind}, {r.direction.replace('_', ' ')} — {escape(r.article.url)}")
    for item in r.evidence:
        console.print(f"   • {escape(item)}")
    changed = [d for d in r.drift if d.kind not in ("added_sentence", "dropped_sentence")]
    if changed:
        console.print("[bold]Fact drift:[/]")
        for d in changed:
            console.print(f"   • {d.kind}: query “{escape(d.query or '—')}” vs original “{escape(d.article or '—')}”"
                          + (f" (sentence {d.query_sentence + 1})" if d.query_sentence is not None else ""))
    added = sum(d.kind == "added_sentence" for d in r.drift)
    dropped = sum(d.kind == "dropped_sentence" for d in r.drift)
    if added or dropped:
        console.print(f"Sentences only in the query: {added}; only in the article: {dropped}")
    if r.alignment:
        heading = "Statements both make" if r.kind == "same_story" else "Alignment"  # two texts, not one
        console.print(f"[bold]{heading}[/] (first {min(SHOWN_PAIRS, len(r.alignment))} of {len(r.alignment)} pairs):")
        for pair in r.alignment[:SHOWN_PAIRS]:
            left = " ".join(report.query.sentences[i] for i in pair.query)
            right = " ".join(r.article.sentences[j] for j in pair.article)
            console.print(f"   {pair.similarity:.2f}  {escape(short(left, 70))}\n         ↔ {escape(short(right, 70))}")
