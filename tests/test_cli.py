"""The command line as a user meets it: one-line errors, JSON reports, escaped HTML, the info summary."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from stemma.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_missing_input_is_one_line_error_naming_it(tmp_path):
    for command in ("ingest", "trace", "extract"):
        result = run(command, str(tmp_path / "nope.html"), *(["--index", str(tmp_path / "i")] if command != "extract" else []))
        assert result.exit_code == 1
        assert result.output.strip().count("\n") == 0 and "nope.html: no such file or folder" in result.output
        assert "Traceback" not in result.output


def test_unreadable_kind_and_missing_index_are_clear_errors(tmp_path):
    odd = tmp_path / "page.pdf"
    odd.write_bytes(b"%PDF-1.4")
    assert "page.pdf: not a readable kind" in run("trace", str(odd), "--index", str(tmp_path / "i")).output
    page = tmp_path / "page.html"
    page.write_text("<p>A page to trace.</p>", encoding="utf-8")
    for command in (["info"], ["sites"], ["trace", str(page)]):
        result = run(*command, "--index", str(tmp_path / "empty"))
        assert result.exit_code == 1 and "no stemma index here" in result.output, command
    assert not (tmp_path / "empty").exists()  # not a new empty index that finds nothing


def test_a_page_with_nothing_to_read_is_one_line_error_with_the_reason(tmp_path):
    binary = tmp_path / "scan.html"
    binary.write_bytes(bytes(range(256)) * 40)
    result = run("extract", str(binary))
    assert result.exit_code == 1
    assert result.output.strip() == f"stemma: {binary}: binary content, not text or HTML"


def test_ingest_reports_failures_per_page_and_goes_on(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "binary.html").write_bytes(bytes(range(256)) * 40)
    (folder / "empty.html").write_bytes(b"")
    (folder / "good.txt").write_text("Officials said on Tuesday that 4,500 homes in Osijek lost power after the storm.\n"
                                     "Crews expect to restore it by Thursday, the utility HEP said.", encoding="utf-8")
    result = run("ingest", str(folder), "--index", str(tmp_path / "index"), "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "read 3, added 1, already indexed 0, failed 2" in result.output
    assert "binary.html: binary content, not text or HTML" in result.output
    assert "empty.html: empty page" in result.output
    again = run("ingest", str(folder), "--index", str(tmp_path / "index"), "--workers", "1")
    assert "added 0, already indexed 1" in again.output
    info = run("info", "--index", str(tmp_path / "index"))
    assert "1 articles" in info.output and "en-Latn" in info.output and "(no site)" in info.output


def test_trace_json_follows_the_schema_and_html_escapes_scraped_text(tmp_path, demo_run, demo_page):
    # Entities in the page become literal markup in the extracted text: the report must show it, not run it.
    payload = "<p>Читаоци су писали: &lt;script&gt;alert('x')&lt;/script&gt; и &lt;img src=x onerror=alert(1)&gt; овде.</p>"
    hostile = demo_page("contentfarm").content.decode("utf-8").replace('<div class="entry-content">', '<div class="entry-content">' + payload, 1)
    page = tmp_path / "hostile.html"
    page.write_text(hostile, encoding="utf-8")
    html_out = tmp_path / "report.html"
    result = run("trace", str(page), "--index", str(demo_run.index), "--json", "--html", str(html_out))
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.splitlines()[0])
    assert report["schema"] == 1
    assert set(report) >= {"query", "relations", "flags"}
    assert set(report["query"]) >= {"url", "site", "title", "lang", "script", "published_at", "sentences"}
    top = report["relations"][0]
    assert set(top) >= {"article", "kind", "direction", "score", "coverage", "alignment", "drift", "evidence"}
    assert 0 <= top["score"] <= 1 and set(top["coverage"]) == {"query", "article"}
    html = html_out.read_text(encoding="utf-8")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_sites_shows_who_copies_whom(tmp_path, demo_run):
    import shutil

    index = tmp_path / "index"
    shutil.copytree(demo_run.index, index)
    result = run("sites", "--index", str(index), "--json")
    assert result.exit_code == 0, result.output
    rows = {row["site"]: row for row in map(json.loads, result.output.splitlines())}
    assert rows["meridiandispatch.com"]["copied_share"] == 0
    assert rows["meridiandispatch.com"]["mt_share"] == 0  # the original, not flagged as machine translation
    for site in ("jadranskilist.hr", "novyvestnik.ru", "dailycurrent.net"):
        assert rows[site]["from_sites"] == {"meridiandispatch.com": 1}, site
        assert rows[site]["median_lag_hours"] > 0
    assert rows["dnevnikompas.rs"]["copied_share"] == 0  # written independently
    assert all(row["traced"] == row["articles"] for row in rows.values())
    assert "expected one of" in run("sites", "--index", str(index), "--sort", "bogus").output


def test_a_page_too_short_to_trace_says_so_instead_of_looking_original(tmp_path, demo_run):
    """A loosely reworded two-line brief finds no relation (short texts that say the same align almost as well as
    copies); the user is told the report cannot be sure, rather than shown an empty report that looks original."""
    page = tmp_path / "brief.txt"
    page.write_text("Dock workers in Brenmouth stopped work on Monday.\nThe port is closed.\n", encoding="utf-8")
    result = run("trace", str(page), "--index", str(demo_run.index))
    assert result.exit_code == 0, result.output
    assert "too little to be sure" in " ".join(result.output.split())


def test_extract_json_gives_paragraphs_and_the_markup_metadata(demo_page, tmp_path):
    page = tmp_path / "original.html"
    page.write_bytes(demo_page("en-original.html").content)
    result = run("extract", str(page), "--json")
    assert result.exit_code == 0, result.output
    read = json.loads(result.output)
    text = " ".join(read["paragraphs"])
    assert len(read["paragraphs"]) > 10 and all(sentence in text for sentence in read["sentences"])
    assert read["authors"] == ["Eleanor Voss", "Rahul Menon"] and read["site_name"] == "Meridian Dispatch"
    assert read["canonical_url"].startswith("https://www.meridiandispatch.com/2025/03/14/")
    assert read["updated_at"] == "2025-03-14T11:05:00+00:00" and read["declared_lang"] == "en"
    assert not any(b["text"] in text for b in read["boilerplate"] if b["kind"] == "photo_credit")


def test_json_output_keeps_one_line_per_page_when_a_page_fails(tmp_path, demo_run):
    pages = tmp_path / "pages.jsonl"
    pages.write_text(json.dumps({"url": "https://a.example/1", "text": "Dock workers in Brenmouth stopped work."}) + "\n"
                     + "{broken\n" + json.dumps({"url": "https://a.example/3", "text": "The port is closed."}) + "\n",
                     encoding="utf-8")
    for command in (["trace", str(pages), "--index", str(demo_run.index), "--json"], ["extract", str(pages), "--json"]):
        result = run(*command)
        assert result.exit_code == 0, result.output
        lines = [json.loads(line) for line in result.stdout.splitlines()]
        assert len(lines) == 3 and lines[1] == {"schema": 1, "source": f"{pages}:2", "error": lines[1]["error"]}
        assert "invalid JSON" in lines[1]["error"] and "error" not in lines[0] and "error" not in lines[2]
