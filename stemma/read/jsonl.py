"""Read JSONL pages: one object per line with url and html or text (optionally gzip-compressed)."""
from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from stemma.model import Page
from stemma.read import ReadError


def page_from_record(record: object, source: str) -> Page | ReadError:
    if not isinstance(record, dict):
        return ReadError(source, "not a JSON object")
    url = record.get("url")
    if not isinstance(url, str) or not url:
        return ReadError(source, "missing 'url'")
    if isinstance(record.get("html"), str):
        content, kind = record["html"], "html"
    elif isinstance(record.get("text"), str):
        content, kind = record["text"], "text"
    else:
        return ReadError(source, "needs 'html' or 'text'")
    meta = {k: record.get(k) if isinstance(record.get(k), str) else None for k in ("title", "published_at", "lang")}
    return Page(url=url, content=content, kind=kind, source=source, **meta)


def read_jsonl(path: Path) -> Iterator[Page | ReadError]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8", errors="replace") as lines:
            for number, line in enumerate(lines, 1):
                source = f"{path}:{number}"
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as err:
                    yield ReadError(source, f"invalid JSON ({err.msg})")
                    continue
                yield page_from_record(record, source)
    except (OSError, EOFError) as err:
        yield ReadError(str(path), f"cannot read: {err}")
