"""Read JSONL pages: one object per line with url and html or text (optionally gzip-compressed)."""
from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path

from stemma.model import Page
from stemma.read import ReadError

MAX_LINE_BYTES = 50 * 1024 * 1024  # one record larger than this is refused, the file goes on


def page_from_record(record: object, source: str) -> Page | ReadError:
    if not isinstance(record, dict):
        return ReadError(source, "not a JSON object")
    url = record.get("url")
    if not url:
        return ReadError(source, "missing 'url'")
    if not isinstance(url, str):
        return ReadError(source, "'url' is not a string")
    if isinstance(record.get("html"), str):
        content, kind = record["html"], "html"
    elif isinstance(record.get("text"), str):
        content, kind = record["text"], "text"
    else:
        return ReadError(source, "needs 'html' or 'text'")
    meta = {k: record.get(k) if isinstance(record.get(k), str) else None for k in ("title", "published_at", "lang")}
    return Page(url=url, content=content, kind=kind, source=source, **meta)


def read_jsonl(path: Path) -> Iterator[Page | ReadError]:
    """One Page per line; bad lines are errors for that line only. Lines are read with a cap, so
    a huge line (or a gzip bomb without newlines) costs time, never unbounded memory."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as lines:
            number = 0
            while True:
                line = lines.readline(MAX_LINE_BYTES + 1)
                if not line:
                    break
                number += 1
                source = f"{path}:{number}"
                if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                    while line and not line.endswith(b"\n"):  # skip the rest of this record
                        line = lines.readline(MAX_LINE_BYTES)
                    yield ReadError(source, f"line longer than {MAX_LINE_BYTES // 2**20} MB")
                    continue
                if not line.strip():
                    continue
                try:
                    record = json.loads(line.decode("utf-8", errors="replace"))
                except (json.JSONDecodeError, RecursionError) as err:
                    yield ReadError(source, f"invalid JSON ({getattr(err, 'msg', 'nested too deeply')})")
                    continue
                yield page_from_record(record, source)
    except (OSError, EOFError, zlib.error) as err:
        yield ReadError(str(path), f"cannot read: {err}")
