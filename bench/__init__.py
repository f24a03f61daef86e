"""Reproducible benchmarks: each module prints a markdown table and writes it under bench/results/."""
from __future__ import annotations

import platform
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def write_result(name: str, title: str, table: str, command: str, notes: str = "") -> str:
    """Save one benchmark's table with the command and machine that produced it, and return the markdown."""
    RESULTS.mkdir(exist_ok=True)
    text = (f"# {title}\n\n`{command}` — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
            f"{platform.python_implementation()} {platform.python_version()}, {_cores()} cores\n\n{table}\n")
    if notes:
        text += f"\n{notes}\n"
    (RESULTS / f"{name}.md").write_text(text, encoding="utf-8")
    print(text)
    return text


def markdown_table(header: list[str], rows: list[list[object]]) -> str:
    def cell(value: object) -> str:
        return f"{value:.3f}" if isinstance(value, float) else str(value)

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def wmt_document_url(row: dict) -> str:
    """A WMT document's address. The source language is part of it: WMT22's support chats give both sides of one
    chat the same doc_id, the German customer's turns (de-en) and the English agent's (en-de, en-cs, ...); keyed by
    doc_id alone, one side's source and references overwrote the other's (20 chats over the splits)."""
    return f"https://wmt.example/{row['dataset']}/{row['src_lang']}/{row['doc_id']}"


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0))
