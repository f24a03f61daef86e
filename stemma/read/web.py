"""Fetch one URL as a Page, with a timeout and a size cap."""
from __future__ import annotations

import urllib.error
import urllib.request
from datetime import datetime, timezone

from stemma.model import Page
from stemma.read import ReadError

TIMEOUT_S = 15
MAX_BYTES = 10 * 1024 * 1024


def fetch(url: str) -> Page | ReadError:
    request = urllib.request.Request(url, headers={"User-Agent": "stemma/0.1 (+provenance tracing)"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            body = response.read(MAX_BYTES + 1)
            headers = {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as err:
        return ReadError(url, f"HTTP {err.code} {err.reason}")
    except (urllib.error.URLError, OSError, ValueError) as err:
        return ReadError(url, f"cannot fetch: {getattr(err, 'reason', err)}")
    if len(body) > MAX_BYTES:
        return ReadError(url, f"larger than {MAX_BYTES // 2**20} MB")
    return Page(url=url, content=body, kind="html", source=url, headers=headers,
                fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
