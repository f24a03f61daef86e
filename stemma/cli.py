"""The stemma command line: ingest, trace, extract, demo, info."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Trace news articles to their source across languages and sites.")
out = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 120)
err = Console(stderr=True, highlight=False, soft_wrap=True)  # an error is one line, however long, to grep for
DEFAULT_INDEX = Path(".stemma")
IndexOption = typer.Option(DEFAULT_INDEX, "--index", help="Index folder (SQLite file and derived files).")


def fail(message: str, code: int = 1) -> None:
    err.print(f"stemma: {escape(message)}")
    raise typer.Exit(code)


def open_store(folder: Path, create: bool = False):
    """The index in `folder`; without `create`, a folder with no index is an error, not a new empty index to trace
    against."""
    from stemma.store import Store
    from stemma.store.db import StoreError, index_exists

    if not create and not index_exists(folder):
        fail(f"{folder}: no stemma index here (run 'stemma ingest' first)")
    try:
        return Store(folder)
    except StoreError as error:
        fail(str(error))


def progress_bar(description: str, enabled: bool = True):
    """A progress display on standard error, shown only when that is a terminal. Standard output is left alone: it
    carries the reports (rich would otherwise move what is written there above the bar, onto standard error)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn(description), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, disable=not (enabled and err.is_terminal), transient=False, redirect_stdout=False)


def checked_inputs(specs: list[str]):
    """Pages from the inputs; a missing or unreadable input is a one-line error before any work starts."""
    from stemma.read import READABLE_SUFFIXES, has_suffix

    for spec in specs:
        if spec == "-" or spec.startswith(("http://", "https://")):
            continue
        path = Path(spec)
        if not path.exists():
            fail(f"{spec}: no such file or folder")
        if path.is_file() and not has_suffix(path, READABLE_SUFFIXES):
            fail(f"{spec}: not a readable kind (expected {', '.join(READABLE_SUFFIXES)})")


@app.command()
def ingest(paths: list[str] = typer.Argument(..., help="HTML, WARC(.gz), JSONL(.gz) or .txt files, or folders."),
           index: Path = IndexOption,
           workers: int = typer.Option(2, help="Analysis processes.")) -> None:
    """Add pages to the index (idempotent: pages already indexed are skipped)."""
    from stemma.ingest import Analyzer, IngestSummary, ingest as run_ingest
    from stemma.read import InputError, read_inputs

    checked_inputs(paths)
    store = open_store(index, create=True)
    summary = IngestSummary()
    analyzer = Analyzer(workers)
    interrupted = False
    try:
        with progress_bar("ingesting") as bar:
            task = bar.add_task("ingest", total=None)
            run_ingest(read_inputs(paths), store, analyzer, lambda n: bar.advance(task, n), summary)
    except KeyboardInterrupt:
        interrupted = True
    except InputError as error:
        fail(str(error))
    finally:
        analyzer.close()
        store.close()
    # one line each, however long the paths: a failure is looked up by its source
    out.print(f"read {summary.read}, added {summary.added}, already indexed {summary.already}, "
              f"failed {len(summary.failed)}  →  {escape(str(index))}", soft_wrap=True)
    for source, message in summary.failed[:20]:
        out.print(f"  failed: {escape(source)}: {escape(message)}", soft_wrap=True)
    if len(summary.failed) > 20:
        out.print(f"  … and {len(summary.failed) - 20} more failures")
    if interrupted:
        fail("interrupted: the last open batch was not stored; run the same command again to finish", 130)


def report_failure(error, as_json: bool) -> None:
    """A page that could not be read or analyzed: one line on stderr, and with --json one line in its place too, so
    that the output stays one line per page."""
    from stemma.report.schema import error_dict

    err.print(f"stemma: {escape(error.source)}: {escape(error.message)}")
    if as_json:
        sys.stdout.write(json.dumps(error_dict(error.source, error.message), ensure_ascii=False) + "\n")


def trace_pages(specs: list[str], store, as_json: bool, html_out: Path | None, add: bool) -> list:
    from stemma.read import InputError, ReadError, read_inputs
    from stemma.report.schema import report_dict
    from stemma.report.terminal import render
    from stemma.trace.tracer import Tracer

    tracer = Tracer(store)
    reports, failures = [], 0
    # Reports written to a file or a pipe leave the terminal silent: the pages are counted there instead.
    with progress_bar("tracing", enabled=not sys.stdout.isatty()) as bar:
        task = bar.add_task("trace", total=None)
        try:
            for item in read_inputs(specs):
                bar.advance(task)
                report = trace_one(item, tracer, store, add)
                if isinstance(report, ReadError):
                    report_failure(report, as_json)
                    failures += 1
                    continue
                reports.append(report)
                if as_json:
                    sys.stdout.write(json.dumps(report_dict(report), ensure_ascii=False) + "\n")
                else:
                    render(report, out)
        except InputError as error:
            fail(str(error))
    if html_out:
        from stemma.report.html import render_reports

        html_out.write_text(render_reports(reports), encoding="utf-8")
        if not as_json:
            out.print(f"HTML report written to {escape(str(html_out))}")
    if failures and not reports:
        raise typer.Exit(1)
    return reports


def trace_one(item, tracer, store, add: bool):
    """One page's report, or the ReadError that stopped it; with `add`, the page is indexed afterwards."""
    from stemma.ingest import analyze_bounded
    from stemma.read import ReadError

    article = item if isinstance(item, ReadError) else analyze_bounded(item)
    if isinstance(article, ReadError):
        return article
    report = tracer.trace(article)
    if add and not store.has(article.id):
        from stemma.signatures import document_vector

        store.add(article, document_vector(article) if article.sentences else None)
    if store.has(article.id):  # what was found about an indexed page feeds `stemma sites`
        from stemma.judge.sites import record

        record(store, store.number_of(article.id), report)
    store.commit()
    return report


@app.command()
def trace(pages: list[str] = typer.Argument(..., help="Files, URLs, '-' for stdin, or a JSONL file of pages."),
          index: Path = IndexOption,
          as_json: bool = typer.Option(False, "--json", help="One report JSON per page, one per line."),
          html: Path = typer.Option(None, "--html", help="Write a self-contained HTML report here."),
          add: bool = typer.Option(False, "--add", help="Add the traced pages to the index afterwards.")) -> None:
    """Find where each page came from: its original, its copies, and what changed."""
    checked_inputs(pages)
    store = open_store(index, create=add)
    try:
        trace_pages(pages, store, as_json, html, add)
    finally:
        store.close()


@app.command()
def extract(page: str = typer.Argument(..., help="A file, a URL or '-' for stdin."),
            as_json: bool = typer.Option(False, "--json", help="Print what was read as JSON.")) -> None:
    """Show what stemma reads from one page: text, metadata, boilerplate, language, sentences, anchors."""
    from stemma.ingest import extract_bounded
    from stemma.read import InputError, ReadError, read_inputs
    from stemma.report.schema import extract_dict

    checked_inputs([page])
    try:
        items = list(read_inputs([page]))
    except InputError as error:
        fail(str(error))
    read = 0
    for item in items:
        result = item if isinstance(item, ReadError) else extract_bounded(item)
        if isinstance(result, ReadError):
            report_failure(result, as_json)
            continue
        read += 1
        extracted, article = result
        if as_json:
            sys.stdout.write(json.dumps(extract_dict(extracted, article), ensure_ascii=False) + "\n")
            continue
        out.rule(escape(article.title or article.url))
        out.print(f"{escape(article.url)} · {article.lang}-{article.script} · {escape(article.author or 'no author')} · "
                  f"{escape(article.published_at or 'no date')}")
        markup = [f"{name}: {value}" for name, value in (
            ("site", extracted.site_name), ("canonical", extracted.canonical_url), ("updated", extracted.updated_at),
            ("declared language", extracted.declared_lang)) if value]
        if markup:
            out.print(escape(" · ".join(markup)))
        out.print(escape(article.text))
        for b in article.boilerplate:
            out.print(f"[dim]{escape(f'[{b.kind}]')} {escape(b.text)}[/]")
    if not read:
        raise typer.Exit(1)


@app.command()
def info(index: Path = IndexOption) -> None:
    """Articles in the index by language and site."""
    store = open_store(index)
    summary = store.summary()
    out.print(f"{store.count()} articles in {escape(str(index))}")
    for title, rows in summary.items():
        table = Table(title=f"by {title}")
        table.add_column(title)
        table.add_column("articles", justify="right")
        for key, count in rows[:30]:
            table.add_row(escape(key), str(count))
        out.print(table)
    store.close()


SITE_SORTS = {"articles": "articles", "copied": "copied_share", "mt": "mt_share", "lag": "median_lag_hours"}


@app.command()
def sites(index: Path = IndexOption,
          as_json: bool = typer.Option(False, "--json", help="One JSON object per site, one per line."),
          sort: str = typer.Option("copied", help=f"Sort by: {', '.join(SITE_SORTS)}."),
          limit: int = typer.Option(40, help="Rows in the table.")) -> None:
    """Per site: articles, share copied or translated, from which sites and languages, lag, MT share, signals."""
    from stemma.judge.sites import site_stats, trace_untraced, untraced
    from stemma.trace.tracer import Tracer

    if sort not in SITE_SORTS:
        fail(f"--sort {sort}: expected one of {', '.join(SITE_SORTS)}")
    store = open_store(index)
    try:
        pending = len(untraced(store))
        if pending:
            with progress_bar("tracing indexed articles") as bar:
                task = bar.add_task("trace", total=pending)
                trace_untraced(store, Tracer(store), lambda n: bar.advance(task, n))
        rows = sorted(site_stats(store), key=lambda r: (-(r[SITE_SORTS[sort]] or 0), r["site"]))
    finally:
        store.close()
    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"Sites in {escape(str(index))}")
    for column in ("site", "articles", "copied", "from", "languages", "lag h", "MT", "signals"):
        table.add_column(column)
    for row in rows[:limit]:
        table.add_row(escape(row["site"]), str(row["articles"]), f"{row['copied_share']:.0%}",
                      escape(", ".join(row["from_sites"])), ", ".join(row["from_languages"]),
                      "" if row["median_lag_hours"] is None else f"{row['median_lag_hours']:.0f}",
                      "" if row["mt_share"] is None else f"{row['mt_share']:.0%}",
                      escape("; ".join(row["signals"])))
    out.print(table)


@app.command()
def demo(index: Path = typer.Option(None, "--index", help="Index folder (default: a fresh temporary folder)."),
         as_json: bool = typer.Option(False, "--json", help="Print every report as JSON, one per line."),
         html: Path = typer.Option(Path("stemma-demo-report.html"), "--html", help="Where to write the HTML report.")) -> None:
    """Index the bundled demo corpus and trace its content-farm page back to the original."""
    from stemma.demo import demo_run

    demo_run(index, as_json, html, out, err)


def main() -> None:
    """Console entry point: an unexpected failure is one line (STEMMA_DEBUG=1 shows the traceback)."""
    import os

    try:
        app()
    except KeyboardInterrupt:
        err.print("stemma: interrupted")
        sys.exit(130)
    except Exception as error:  # the last line of defence; expected errors are reported where they happen
        if os.environ.get("STEMMA_DEBUG"):
            raise
        err.print(f"stemma: internal error: {type(error).__name__}: {escape(str(error))[:300]} "
                  "(set STEMMA_DEBUG=1 for details)")
        sys.exit(2)


if __name__ == "__main__":
    main()
