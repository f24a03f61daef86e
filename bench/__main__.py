"""Run every benchmark with its defaults (python -m bench), or one with options (python -m bench NAME [--option ...]).

Each module under bench/ has main(); modules that take options accept them as main(argv)."""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
from pathlib import Path


def names() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if not m.name.startswith("_"))


def run(name: str, options: list[str]) -> None:
    print(f"== bench.{name}", flush=True)
    entry = importlib.import_module(f"bench.{name}").main
    if inspect.signature(entry).parameters:
        entry(options)
    elif options:
        raise SystemExit(f"bench.{name} takes no options")
    else:
        entry()


def main(argv: list[str]) -> int:
    if not argv:
        for name in names():
            run(name, [])
        return 0
    if argv[0] not in names():
        raise SystemExit(f"unknown benchmark {argv[0]!r}; one of: {', '.join(names())}")
    run(argv[0], argv[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
