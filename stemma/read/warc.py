"""Read HTTP response records from WARC and WARC.gz files with fastwarc."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecordType

from stemma.model import Page
from stemma.read import ReadError

MAX_RECORD_BYTES = 20 * 1024 * 1024


def read_warc(path: Path) -> Iterator[Page | ReadError]:
    try:
        stream = open(path, "rb")
    except OSError as err:
        yield ReadError(str(path), err.strerror or str(err))
        return
    with stream:
        try:
            for record in ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True):
                source = f"{path}@{record.stream_pos}"
                url = record.headers.get("WARC-Target-URI", "")
                if record.content_length > MAX_RECORD_BYTES:
                    yield ReadError(source, f"record larger than {MAX_RECORD_BYTES // 2**20} MB")
                    continue
                body = record.reader.read(MAX_RECORD_BYTES + 1)
                if len(body) > MAX_RECORD_BYTES:
                    yield ReadError(source, f"record body larger than {MAX_RECORD_BYTES // 2**20} MB")
                    continue
                headers = {k.lower(): v for k, v in record.http_headers.items()} if record.http_headers else {}
                content_type = headers.get("content-type", "text/html")
                if "html" not in content_type and "text" not in content_type:
                    continue
                yield Page(url=url, content=body, kind="html", source=source,
                           fetched_at=record.headers.get("WARC-Date"), headers=headers)
        except Exception as err:  # a truncated or corrupt archive ends this file, not the batch
            yield ReadError(str(path), f"corrupt WARC: {err}")
