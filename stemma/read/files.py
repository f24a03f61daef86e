"""Read single HTML or plain-text files, and standard input, as Pages."""
from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

from stemma.model import Page
from stemma.read import TEXT_SUFFIXES, ReadError, has_suffix

MAX_FILE_BYTES = 50 * 1024 * 1024


def looks_like_html(data: bytes) -> bool:
    head = data[:4096].lstrip().lower()
    return head.startswith((b"<!doctype", b"<html", b"<?xml")) or b"<body" in head or b"<p>" in head


def file_time(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).isoformat(timespec="seconds")


def read_file(path: Path) -> Page | ReadError:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return ReadError(str(path), f"larger than {MAX_FILE_BYTES // 2**20} MB")
        data = path.read_bytes()
    except OSError as err:
        return ReadError(str(path), err.strerror or str(err))
    kind = "text" if has_suffix(path, TEXT_SUFFIXES) and not looks_like_html(data) else "html"
    return Page(url=path.resolve().as_uri(), content=data, kind=kind, source=str(path), fetched_at=file_time(path))


def read_stdin() -> Page | ReadError:
    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        return ReadError("-", f"standard input larger than {MAX_FILE_BYTES // 2**20} MB")
    if not data.strip():
        return ReadError("-", "standard input is empty")
    kind = "html" if looks_like_html(data) else "text"
    return Page(url="stdin:", content=data, kind=kind, source="-")
