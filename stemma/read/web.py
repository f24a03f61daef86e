"""Fetch one URL as a Page: a total deadline, a size cap, only HTML or text, one-line errors."""
from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone

from stemma.model import Page
from stemma.read import ReadError

TIMEOUT_S = 15.0  # for the whole fetch, not per socket read: a server dripping bytes is cut off too
MAX_BYTES = 10 * 1024 * 1024
CHUNK = 64 * 1024
PAGE_TYPES = ("html", "xhtml", "text/plain")


def fetch(url: str, timeout: float = TIMEOUT_S, max_bytes: int = MAX_BYTES) -> Page | ReadError:
    request = urllib.request.Request(url, headers={"User-Agent": "stemma/0.1 (+provenance tracing)",
                                                   "Accept": "text/html,application/xhtml+xml,text/plain;q=0.8"})
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            headers = {k.lower(): v for k, v in response.headers.items()}
            content_type = headers.get("content-type", "text/html").lower()
            if not any(kind in content_type for kind in PAGE_TYPES):
                return ReadError(url, f"not a page: Content-Type {content_type.split(';')[0]}")
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                return ReadError(url, f"larger than {max_bytes // 2**20} MB")
            chunks, size = [], 0
            while True:
                if time.monotonic() > deadline:
                    return ReadError(url, f"timed out after {timeout:g} s")
                chunk = response.read1(CHUNK)  # what has arrived, so the deadline is checked often
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    return ReadError(url, f"larger than {max_bytes // 2**20} MB")
            final_url = response.geturl() or url
    except urllib.error.HTTPError as err:
        return ReadError(url, f"HTTP {err.code} {err.reason}")
    except (socket.timeout, TimeoutError):
        return ReadError(url, f"timed out after {timeout:g} s")
    except (urllib.error.URLError, OSError, ValueError) as err:
        return ReadError(url, f"cannot fetch: {getattr(err, 'reason', err)}")
    kind = "text" if "text/plain" in content_type else "html"
    return Page(url=final_url, content=b"".join(chunks), kind=kind, source=url, headers=headers,
                fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
