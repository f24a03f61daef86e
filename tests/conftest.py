"""Shared fixtures: the demo runs once per test session, as a user runs it, and its index serves the other tests."""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "000_bfe18ef98a75caf5.txt"


@dataclass
class DemoRun:
    reports: list[dict]
    index: Path
    html: Path


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory) -> DemoRun:
    """`stemma demo --json` in a subprocess: indexes the demo corpus and traces every page but the original."""
    folder = tmp_path_factory.mktemp("demo")
    result = subprocess.run([sys.executable, "-m", "stemma.cli", "demo", "--json", "--index", str(folder / "index"),
                             "--html", str(folder / "report.html")],
                            capture_output=True, text=True, timeout=900, cwd=folder)
    assert result.returncode == 0, result.stderr
    return DemoRun([json.loads(line) for line in result.stdout.splitlines()], folder / "index", folder / "report.html")


@pytest.fixture(scope="session")
def demo_store(demo_run):
    """The demo index (the corpus without its content-farm page), with sentence vectors already cached."""
    from stemma.store import Store

    store = Store(demo_run.index)
    yield store
    store.close()


@pytest.fixture(scope="session")
def demo_page():
    """Manifest role or file name -> the demo page."""
    from stemma.demo import demo_pages

    pages = demo_pages()

    def find(name: str):
        return next(page for entry, page in pages if name in (entry["role"], entry["file"]))

    return find


@pytest.fixture(scope="session")
def seed():
    """The seed page as stemma reads it: a CNN story machine-translated into Serbian Cyrillic on a content farm."""
    if not SEED.exists():
        pytest.skip("seed page not available")
    from stemma.analyze import analyze
    from stemma.read.files import read_file

    return analyze(read_file(SEED))
