"""Read HTTP response records from WARC and WARC.gz files with fastwarc, bounded against bombs.

HTTP headers go with each Page (the charset in Content-Type reaches decoding); a body sent with
Content-Encoding gzip/deflate is inflated here with a cap. A record too large to read is an error
for that record; one so large that even skipping it means inflating gigabytes ends the file.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecordType

from stemma.model import Page
from stemma.read import ReadError

MAX_RECORD_BYTES = 20 * 1024 * 1024  # a page body larger than this is refused
MAX_SKIP_BYTES = 256 * 1024 * 1024  # skipping a record this large would mean inflating it: stop the file
MAX_INFLATED_BYTES = 20 * 1024 * 1024  # cap for bodies sent with HTTP Content-Encoding
PAGE_TYPES = ("html", "xhtml", "text/plain")


class BombError(ValueError):
    """A compressed body inflates past the cap."""


def inflate(body: bytes, encoding: str) -> bytes:
    """Undo HTTP Content-Encoding gzip/deflate, never producing more than MAX_INFLATED_BYTES."""
    wbits = 16 + zlib.MAX_WBITS if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS
    try:
        inflater = zlib.decompressobj(wbits)
        out = inflater.decompress(body, MAX_INFLATED_BYTES + 1)
    except zlib.error:
        if encoding != "deflate":
            raise
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send it
        out = inflater.decompress(body, MAX_INFLATED_BYTES + 1)
    if len(out) > MAX_INFLATED_BYTES:
        raise BombError(f"body inflates past {MAX_INFLATED_BYTES // 2**20} MB (compression bomb?)")
    return out


def record_page(record, source: str) -> Page | ReadError | None:
    """A Page for one response record, an error, or None for records that are not pages (images, …)."""
    url = record.headers.get("WARC-Target-URI", "")
    headers = {k.lower(): v for k, v in record.http_headers.items()} if record.http_headers else {}
    content_type = headers.get("content-type", "text/html").lower()
    if not any(kind in content_type for kind in PAGE_TYPES):
        return None
    body = record.reader.read(MAX_RECORD_BYTES + 1)
    if len(body) > MAX_RECORD_BYTES:
        return ReadError(source, f"record body larger than {MAX_RECORD_BYTES // 2**20} MB")
    encoding = headers.get("content-encoding", "").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        try:
            body = inflate(body, encoding)
        except BombError as err:
            return ReadError(source, str(err))
        except zlib.error as err:
            return ReadError(source, f"broken {encoding} body: {err}")
    elif encoding not in ("", "identity"):
        return ReadError(source, f"unsupported Content-Encoding {encoding!r}")
    kind = "text" if "text/plain" in content_type else "html"
    return Page(url=url, content=body, kind=kind, source=source,
                fetched_at=record.headers.get("WARC-Date"), headers=headers)


def read_warc(path: Path) -> Iterator[Page | ReadError]:
    try:
        stream = open(path, "rb")
    except OSError as err:
        yield ReadError(str(path), err.strerror or str(err))
        return
    with stream:
        try:
            # auto_decode is left off: fastwarc would inflate Content-Encoding without a cap
            for record in ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True):
                source = f"{path}@{record.stream_pos}"
                if record.content_length > MAX_SKIP_BYTES:
                    yield ReadError(source, f"record declares {record.content_length // 2**20} MB; "
                                            "stopped reading this file")
                    return
                if record.content_length > MAX_RECORD_BYTES:
                    yield ReadError(source, f"record larger than {MAX_RECORD_BYTES // 2**20} MB")
                    continue
                page = record_page(record, source)
                if page is not None:
                    yield page
        except Exception as err:  # a truncated or corrupt archive ends this file, not the batch
            yield ReadError(str(path), f"corrupt WARC: {' '.join(str(err).split())[:200]}")
