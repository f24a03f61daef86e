"""The bundled demo: index a small multilingual news corpus, then trace its content-farm page to the original."""
from __future__ import annotations

import json
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from stemma.model import Page


def demo_pages() -> list[tuple[dict, Page]]:
    """(manifest entry, page) for every page of the bundled corpus."""
    folder = resources.files("stemma.demo")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return [(entry, Page(url=entry["url"], content=(folder / "pages" / entry["file"]).read_bytes(),
                         source=f"demo/{entry['file']}")) for entry in manifest]


def demo_run(index: Path | None, as_json: bool, html_out: Path, out: Console, err: Console) -> None:
    from stemma.ingest import Analyzer, analyze_bounded, ingest
    from stemma.report.html import render_reports
    from stemma.report.schema import report_dict
    from stemma.report.terminal import render
    from stemma.store import Store
    from stemma.trace.tracer import Tracer

    started = time.monotonic()
    folder = index or Path(tempfile.mkdtemp(prefix="stemma-demo-"))
    pages = demo_pages()
    farm = next(page for entry, page in pages if entry["role"] == "contentfarm")
    store = Store(folder)
    analyzer = Analyzer(1)
    summary = ingest((page for entry, page in pages if page is not farm), store, analyzer)
    if not as_json:
        out.print(f"Indexed {summary.added + summary.already} demo pages in {escape(str(folder))} "
                  f"({time.monotonic() - started:.1f} s). Tracing the content-farm page {escape(farm.url)} …\n")
    tracer = Tracer(store)
    reports = [tracer.trace(analyze_bounded(farm))]
    others = [(entry, page) for entry, page in pages if page is not farm and entry["role"] != "original"]
    for entry, page in others:
        reports.append(tracer.trace(analyze_bounded(page)))
    html_out.write_text(render_reports(reports[:1]), encoding="utf-8")
    if as_json:
        for report in reports:
            sys.stdout.write(json.dumps(report_dict(report), ensure_ascii=False) + "\n")
        store.close()
        return
    render(reports[0], out)
    table = Table(title="The other demo pages, each traced against the index")
    for column in ("page", "role", "best relation", "direction", "to"):
        table.add_column(column)
    for (entry, page), report in zip(others, reports[1:]):
        best = report.relations[0] if report.relations else None
        table.add_row(entry["file"], entry["role"], best.kind if best else "—", best.direction if best else "",
                      escape(best.article.site) if best else "")
    out.print()
    out.print(table)
    out.print(f"\nHTML report: {escape(str(html_out))}   (total {time.monotonic() - started:.1f} s)")
    store.close()
