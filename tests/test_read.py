"""Readers: WARC (plain and gzip, written with warcio, read with fastwarc), JSONL, files and URLs."""
from __future__ import annotations

import gzip
import http.server
import io
import json
import os
import threading
import time
import zlib
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from stemma.extraction import extract
from stemma.model import Page
from stemma.read import ReadError, read_inputs, read_path
from stemma.read.web import fetch

CYRILLIC_PAGE = ("<html><head><title>Вести</title></head><body><article><p>Ово је први пасус вести о "
                 "споразуму две земље, довољно дугачак да га екстрактор задржи као текст чланка.</p>"
                 "<p>Други пасус наставља причу са још неколико речи о посети и потписаном документу.</p>"
                 "</article></body></html>")


def write_warc(path: Path, records: list[tuple[str, bytes, list[tuple[str, str]]]], compress: bool) -> None:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=compress)
        for url, body, headers in records:
            http_headers = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=http_headers))


@pytest.mark.parametrize("compress", [False, True])
def test_warc_pages_carry_headers_and_charset_to_decoding(tmp_path, compress):
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    write_warc(path, [
        ("https://vesti.example/a", CYRILLIC_PAGE.encode("cp1251"), [("Content-Type", "text/html; charset=windows-1251")]),
        ("https://vesti.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), [("Content-Type", "image/png")]),
    ], compress)
    pages = list(read_path(path))
    assert len(pages) == 1 and isinstance(pages[0], Page)
    page = pages[0]
    assert page.url == "https://vesti.example/a"
    assert page.headers["content-type"] == "text/html; charset=windows-1251"
    assert page.fetched_at
    assert "споразуму две земље" in extract(page).text


def test_warc_content_encoding_is_inflated_and_a_gzip_bomb_is_a_record_error(tmp_path):
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)
    path = tmp_path / "bomb.warc.gz"
    write_warc(path, [
        ("https://a.example/bomb", bomb, [("Content-Type", "text/html"), ("Content-Encoding", "gzip")]),
        ("https://a.example/ok", gzip.compress(CYRILLIC_PAGE.encode()), [("Content-Type", "text/html; charset=utf-8"),
                                                                        ("Content-Encoding", "gzip")]),
    ], compress=True)
    start = time.monotonic()
    results = list(read_path(path))
    assert time.monotonic() - start < 5
    assert isinstance(results[0], ReadError) and "bomb" in results[0].message
    assert "\n" not in results[0].message
    assert isinstance(results[1], Page) and "први пасус" in extract(results[1]).text


def test_truncated_and_garbage_warc_give_errors_not_crashes(tmp_path):
    good = tmp_path / "good.warc.gz"
    write_warc(good, [(f"https://a.example/{i}", CYRILLIC_PAGE.encode(), [("Content-Type", "text/html")])
                      for i in range(3)], compress=True)
    data = good.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 40])
    garbage = tmp_path / "garbage.warc"
    garbage.write_bytes(b"WARC/1.0\r\nContent-Length: banana\r\n\r\n" + bytes(range(256)) * 10)
    for path in (cut, garbage):
        results = list(read_path(path))  # must not raise
        assert all(isinstance(r, (Page, ReadError)) for r in results)
    assert sum(isinstance(r, Page) for r in read_path(cut)) >= 2


def test_jsonl_bad_lines_are_errors_and_the_file_goes_on(tmp_path):
    path = tmp_path / "pages.jsonl.gz"
    lines = [json.dumps({"url": "https://a.example/1", "html": CYRILLIC_PAGE}), "{not json",
             json.dumps({"html": "<p>no url</p>"}), json.dumps({"url": "https://a.example/2", "text": "Plain text."}),
             "[" * 100_000]
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    results = list(read_path(path))
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["Page", "ReadError", "ReadError", "Page", "ReadError"]
    assert results[3].kind == "text"


def test_files_kind_and_missing_input(tmp_path):
    html = tmp_path / "a.html"
    html.write_text(CYRILLIC_PAGE, encoding="utf-8")
    text = tmp_path / "b.txt"
    text.write_text("Just a line of text.\nAnother one.", encoding="utf-8")
    pages = list(read_path(tmp_path))
    assert [p.kind for p in pages] == ["html", "text"]
    with pytest.raises(Exception, match="no such file"):
        list(read_inputs([str(tmp_path / "missing.html")]))
    pipe = tmp_path / "pipe.html"
    os.mkfifo(pipe)  # opening it would wait for a writer forever
    with pytest.raises(Exception, match="not a regular file"):
        list(read_inputs([str(pipe)]))
    assert len(list(read_path(tmp_path))) == 2  # and a folder walk leaves it out


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):
        try:
            self.respond()
        except (ConnectionResetError, BrokenPipeError):  # the client gave up on purpose
            pass

    def respond(self):
        if self.path == "/page":
            body = CYRILLIC_PAGE.encode("cp1251")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=windows-1251")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/image":
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.end_headers()
            self.wfile.write(b"\xff\xd8\xff")
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(200):
                self.wfile.write(b"<p>" + b"x" * 65536)
        elif self.path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"<p>slow")
                self.wfile.flush()
                time.sleep(0.1)
        else:
            self.send_error(404, "Not Found")


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_fetch_page_and_clear_errors(server):
    page = fetch(f"{server}/page")
    assert isinstance(page, Page) and "први пасус" in extract(page).text
    missing = fetch(f"{server}/nope")
    assert isinstance(missing, ReadError) and missing.message.startswith("HTTP 404")
    image = fetch(f"{server}/image")
    assert isinstance(image, ReadError) and "image/jpeg" in image.message
    huge = fetch(f"{server}/huge", max_bytes=1024 * 1024)
    assert isinstance(huge, ReadError) and "larger than" in huge.message
    start = time.monotonic()
    drip = fetch(f"{server}/drip", timeout=1.0)
    assert isinstance(drip, ReadError) and "timed out" in drip.message
    assert time.monotonic() - start < 3
    refused = fetch("http://127.0.0.1:9/")
    assert isinstance(refused, ReadError) and "cannot fetch" in refused.message


def test_inflate_caps_deflate_bodies():
    from stemma.read.warc import BombError, inflate

    assert inflate(zlib.compress(b"abc"), "deflate") == b"abc"
    with pytest.raises(BombError):
        inflate(zlib.compress(b"\0" * (30 * 1024 * 1024)), "deflate")


def test_warc_record_too_large_to_skip_stops_the_file_quickly(tmp_path):
    """A gzip bomb at the WARC level: one member that inflates to hundreds of MB of zeros."""
    from stemma.read.warc import MAX_SKIP_BYTES

    size = MAX_SKIP_BYTES + 1024
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.example/bomb\r\n"
            f"WARC-Date: 2025-03-14T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {size}\r\n\r\n").encode()
    http_head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    packer = zlib.compressobj(1, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    parts = [packer.compress(head + http_head)]
    zeros = bytes(4 * 1024 * 1024)
    for _ in range((size - len(http_head)) // len(zeros)):
        parts.append(packer.compress(zeros))
    parts.append(packer.compress(bytes((size - len(http_head)) % len(zeros)) + b"\r\n\r\n"))
    parts.append(packer.flush())
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(b"".join(parts))
    start = time.monotonic()
    results = list(read_path(path))
    assert time.monotonic() - start < 5
    assert len(results) == 1 and isinstance(results[0], ReadError) and "stopped reading" in results[0].message
