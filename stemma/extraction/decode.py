"""Decode page bytes to text: BOM, declared charset, valid UTF-8, then a detected encoding."""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from resiliparse.parse.encoding import detect_encoding

MAX_BROKEN_SHARE = 0.01  # characters that are not UTF-8 in a page taken as UTF-8 before another guess is asked for
GUESS_BYTES = 262_144  # enough to tell an encoding; the slow guess never reads a whole 50 MB page
META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


# What a browser decodes under these labels (the WHATWG Encoding Standard): the superset its label stands for in
# practice. Python's codecs of the same names are the strict old standards, so a page labelled iso-8859-1 with curly
# quotes, or gb2312 with characters only GBK has, came out with control characters or holes inside words.
BROWSER_CODECS = {"iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254", "tis-620": "cp874",
                  "iso8859-11": "cp874", "gb2312": "gb18030", "gbk": "gb18030", "shift_jis": "cp932",
                  "euc_kr": "cp949", "big5": "big5hkscs"}
# Labels browsers know that Python does not
BROWSER_LABELS = {"x-gbk": "gb18030", "windows-31j": "cp932", "x-sjis": "cp932", "ms932": "cp932",
                  "x-euc-jp": "euc_jp", "windows-874": "cp874", "x-mac-roman": "mac-roman"}


def known_codec(name: str | None) -> str | None:
    """The codec a browser uses for an encoding label, or None for a label it does not know."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    try:
        codec = codecs.lookup(BROWSER_LABELS.get(label, label)).name
    except LookupError:
        return None
    return BROWSER_CODECS.get(codec, codec)


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
    text = data.decode(codec, errors="replace")
    if codec == "utf-8" and text.count("\ufffd") > MAX_BROKEN_SHARE * len(text):
        # resiliparse takes EUC-KR and other double-byte pages it does not know for UTF-8; a page with a few bad bytes
        # is still UTF-8, one where they are everywhere is not
        guess = from_bytes(data[:GUESS_BYTES]).best()
        guessed = known_codec(guess.encoding) if guess is not None else None
        if guessed:
            text = data.decode(guessed, errors="replace")
    return text
