"""Benchmark page metadata (publication date, authors, title) against the extraction corpora's labels: stemma vs
trafilatura's metadata and htmldate.

python -m bench metadata [--split dev|test|both]

The trafilatura dataset labels the date, authors and title of most of its pages, the readability dataset the title
(corpora/extraction/README.md). A value is right when it is the label: the same day for a date; for authors and
titles the same words, case and punctuation aside (authors also when one side's names hold the other's, "Mira
Patel" against "Dr. Mira Patel", and with "and" between names or not).
"""
from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata

from bench import markdown_table, write_result
from bench.extraction import baseline_decode, load_pages

FIELDS = {"trafilatura": ("date", "author", "title"), "readability": ("title",)}
CONNECTORS = {"and", "und", "et", "y", "e"}


def words(value: object) -> str:
    text = "; ".join(value) if isinstance(value, list) else str(value or "")
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower()))


def right(field: str, found: object, label: object) -> bool:
    if field == "date":
        return bool(found) and str(found)[:10] == str(label)[:10]
    found, label = words(found), words(label)
    if not found:
        return False
    if field == "author":
        names, labelled = set(found.split()) - CONNECTORS, set(label.split()) - CONNECTORS
        return names == labelled or f" {label} " in f" {found} " or f" {found} " in f" {label} "
    return found == label


def stemma_values(data: bytes, url: str | None) -> dict[str, object]:
    from stemma.extraction import extract

    got = extract(data, url=url)
    return {"date": got.published_at, "author": got.authors, "title": got.title}


def trafilatura_values(data: bytes, url: str | None) -> dict[str, object]:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(baseline_decode(data), url=url, with_metadata=True)
    except Exception:  # a baseline's failure on a page is its miss, not the benchmark's
        doc = None
    return {"date": getattr(doc, "date", None), "author": getattr(doc, "author", None),
            "title": getattr(doc, "title", None)}


def htmldate_values(data: bytes, url: str | None) -> dict[str, object]:
    from htmldate import find_date

    try:
        return {"date": find_date(baseline_decode(data), url=url)}
    except Exception:
        return {}


EXTRACTORS = {"stemma": stemma_values, "trafilatura": trafilatura_values, "htmldate": htmldate_values}


def table(pages: list[dict], found: dict[str, list[dict]], seconds: dict[str, float]) -> str:
    rows = []
    for dataset, fields in FIELDS.items():
        for field in fields:
            labelled = [n for n, page in enumerate(pages) if page["dataset"] == dataset and page.get(field)]
            row = [f"{dataset} ({len(labelled)}, {field})"]
            for name in EXTRACTORS:
                if field == "date" or name != "htmldate":
                    row.append(sum(right(field, found[name][n].get(field), pages[n][field]) for n in labelled)
                               / max(len(labelled), 1))
                else:
                    row.append("")
            rows.append(row)
    rows.append(["ms a page"] + [f"{1000 * seconds[name] / max(len(pages), 1):.1f}" for name in EXTRACTORS])
    return markdown_table(["dataset (labelled pages, field)", *EXTRACTORS], rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="both", choices=["dev", "test", "both"])
    args = parser.parse_args(argv if argv is not None else [])
    for split in (["dev", "test"] if args.split == "both" else [args.split]):
        pages = load_pages(list(FIELDS), {split})
        found: dict[str, list[dict]] = {}
        seconds: dict[str, float] = {}
        for name, values in EXTRACTORS.items():
            print(f"{split}: {name} on {len(pages)} pages", file=sys.stderr, flush=True)
            started = time.process_time()
            found[name] = [values(page["html"], page.get("url")) for page in pages]
            seconds[name] = time.process_time() - started
        notes = ("Accuracy: the share of labelled pages whose value is the label (see the module's docstring). "
                 "trafilatura: `bare_extraction(with_metadata=True)`; htmldate: `find_date()` with its defaults "
                 "(extensive search on); both get pages decoded as the corpus README says, stemma the raw bytes. "
                 "ms a page: CPU time of the whole call, one process (trafilatura's includes its main-text "
                 "extraction, stemma's all of `stemma.extract`).")
        write_result(f"metadata-{split}", f"Page metadata, {split} split", table(pages, found, seconds),
                     f"python -m bench metadata --split {args.split}", notes)


if __name__ == "__main__":
    main(sys.argv[1:])
