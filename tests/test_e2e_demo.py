"""End to end: `stemma demo` as a user runs it, and the relations the demo corpus is written to show."""
from __future__ import annotations

# The demo corpus's expected relations, written down once: page -> (kind of its top relation, file it points to).
# Unrelated pages must have no relation at all.
EXPECTED = {
    "sr-cyrl-contentfarm.html": ("translation", "en-original.html"),
    "hr-translation.html": ("translation", "en-original.html"),
    "ru-translation.html": ("translation", "en-original.html"),
    "en-republication.html": ({"copy", "rewrite"}, "en-original.html"),
}
UNRELATED_ROLE = "unrelated"


def test_demo_traces_the_content_farm_page_to_its_original(demo_run):
    from stemma.demo import demo_pages

    manifest = {page.url: entry for entry, page in demo_pages()}
    reports = {manifest[r["query"]["url"]]["file"]: r for r in demo_run.reports}
    assert "en-original.html" not in reports and len(reports) == len(manifest) - 1

    for file, (kind, original) in EXPECTED.items():
        top = reports[file]["relations"][0]
        kinds = kind if isinstance(kind, set) else {kind}
        assert top["kind"] in kinds, (file, top["kind"])
        assert manifest[top["article"]["url"]]["file"] == original, file
        assert top["direction"] == "query_from_article", (file, top["direction"], top["evidence"])

    farm = reports["sr-cyrl-contentfarm.html"]["relations"][0]
    assert farm["coverage"]["query"] >= 0.8 and farm["coverage"]["article"] >= 0.8
    assert any(d["kind"] == "number" and d["query"] == "12.000" and d["article"] == "10,000" for d in farm["drift"])

    independent = reports["sr-latn-independent.html"]["relations"]
    assert independent and all(r["kind"] == "same_story" for r in independent)

    for file, report in reports.items():
        if manifest_role(manifest, file) == UNRELATED_ROLE:
            assert report["relations"] == [], file
        related_files = {manifest[r["article"]["url"]]["file"] for r in report["relations"]}
        assert not any(manifest_role(manifest, f) == UNRELATED_ROLE for f in related_files), file

    html = demo_run.html.read_text(encoding="utf-8")
    assert "Бренмаут" in html and "Brenmouth" in html


def manifest_role(manifest: dict, file: str) -> str:
    return next(entry["role"] for entry in manifest.values() if entry["file"] == file)
