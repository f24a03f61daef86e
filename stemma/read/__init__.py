"""Readers: turn files, folders, WARC, JSONL and URLs into Page records without interpreting them."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from stemma.model import Page

HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt",)
WARC_SUFFIXES = (".warc", ".warc.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
READABLE_SUFFIXES = HTML_SUFFIXES + TEXT_SUFFIXES + WARC_SUFFIXES + JSONL_SUFFIXES


@dataclass
class ReadError:
    """An input that could not be read; the batch goes on without it."""

    source: str
    message: str


class InputError(Exception):
    """An input the user named cannot be used at all (missing path, unknown kind)."""


def has_suffix(path: Path, suffixes: tuple[str, ...]) -> bool:
    return path.name.lower().endswith(suffixes)


def read_path(path: Path) -> Iterator[Page | ReadError]:
    """Pages in one file; a folder is walked recursively for readable files."""
    from stemma.read import files, jsonl, warc

    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file() and has_suffix(p, READABLE_SUFFIXES)):
            yield from read_path(child)
    elif not path.exists():
        raise InputError(f"{path}: no such file or folder")
    elif not path.is_file():  # a named pipe would block until a writer comes, a device may never end
        raise InputError(f"{path}: not a regular file or folder (read a pipe as '-', standard input)")
    elif has_suffix(path, WARC_SUFFIXES):
        yield from warc.read_warc(path)
    elif has_suffix(path, JSONL_SUFFIXES):
        yield from jsonl.read_jsonl(path)
    elif has_suffix(path, HTML_SUFFIXES + TEXT_SUFFIXES):
        yield files.read_file(path)
    else:
        raise InputError(f"{path}: not a readable kind (expected {', '.join(READABLE_SUFFIXES)})")


def read_inputs(specs: list[str]) -> Iterator[Page | ReadError]:
    """Pages from command-line inputs: paths, URLs, or '-' for standard input."""
    from stemma.read import files, web

    for spec in specs:
        if spec == "-":
            yield files.read_stdin()
        elif spec.startswith(("http://", "https://")):
            yield web.fetch(spec)
        else:
            yield from read_path(Path(spec))
