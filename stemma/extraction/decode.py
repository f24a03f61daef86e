"""Decode page bytes to text: BOM, declared charset, valid UTF-8, then a detected encoding."""
from __future__ import annotations

import codecs
import re

from resiliparse.parse.encoding import detect_encoding

META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def decode(data: bytes | str, content_type: str | None = None) -> str:
    if isinstance(data, str):
        return data
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    declared = None
    if content_type and "charset=" in content_type.lower():
        declared = known_codec(content_type.lower().split("charset=")[-1].split(";")[0])
    if not declared:
        match = META_CHARSET.search(data[:8192])
        declared = known_codec(match.group(1).decode("ascii", "ignore")) if match else None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    codec = declared if declared and declared != "utf-8" else known_codec(detect_encoding(data)) or "cp1252"
    return data.decode(codec, errors="replace")
