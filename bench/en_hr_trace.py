"""Issue 2's acceptance check, through the command line: ingest every WMT en-hr source document as JSONL, then
`stemma trace --json` on sampled human references (test split); the source must be the top translation."""
from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import SHARED, markdown_table, write_result


def lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2)
    args = parser.parse_args(argv or [])
    rows = [json.loads(line) for line in (SHARED / "corpora" / "wmt" / "en-hr.jsonl").read_text(encoding="utf-8").splitlines()]
    folder = Path(tempfile.mkdtemp(prefix="stemma-enhr-"))
    try:
        sources, refs = folder / "sources.jsonl", folder / "refs.jsonl"
        with sources.open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps({"url": f"https://src.example/{row['dataset']}/{row['doc_id']}", "text": lines(row["src"]),
                                      "lang": "en"}) + "\n")
        candidates = [r for r in rows if r["split"] == "test" and r["refs"] and len(r["src"].split()) >= 100]
        sample = random.Random(args.seed).sample(candidates, min(args.sample, len(candidates)))
        with refs.open("w", encoding="utf-8") as out:
            for row in sample:
                ref = next(iter(row["refs"].values()))
                out.write(json.dumps({"url": f"https://ref.example/{row['dataset']}/{row['doc_id']}", "text": lines(ref)}) + "\n")
        stemma = [sys.executable, "-m", "stemma.cli"]
        started = time.perf_counter()
        subprocess.run(stemma + ["ingest", str(sources), "--index", str(folder / "index")], check=True,
                       stdout=subprocess.DEVNULL)
        ingest_seconds = time.perf_counter() - started
        started = time.perf_counter()
        traced = subprocess.run(stemma + ["trace", str(refs), "--index", str(folder / "index"), "--json"], check=True,
                                capture_output=True, text=True).stdout
        trace_seconds = time.perf_counter() - started
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    table_rows, passed = [], 0
    for report in map(json.loads, traced.splitlines()):
        doc = report["query"]["url"].split("ref.example/")[1]
        top = report["relations"][0] if report["relations"] else None
        found = bool(top) and top["article"]["url"].endswith("/" + doc)
        good = found and top["kind"] == "translation" and min(top["coverage"].values()) >= 0.8
        passed += good
        table_rows.append([doc, top["kind"] if top else "—", "yes" if found else "no",
                           f"{top['coverage']['query']:.2f}/{top['coverage']['article']:.2f}" if top else "",
                           "pass" if good else "FAIL"])
    table_rows.append(["all", "", "", "", f"{passed}/{len(table_rows)}"])
    table = markdown_table(["reference (test split)", "top relation", "top is its source", "coverage q/a", "result"],
                           table_rows)
    write_result("en_hr_trace", "WMT en-hr: human references traced to their English source", table,
                 f"python -m bench en_hr_trace  # --sample {args.sample} --seed {args.seed}",
                 notes=f"{len(rows)} English sources ingested through `stemma ingest` ({ingest_seconds:.0f} s); "
                       f"{len(sample)} references traced with one `stemma trace --json` call ({trace_seconds:.0f} s).")


if __name__ == "__main__":
    main(sys.argv[1:])
