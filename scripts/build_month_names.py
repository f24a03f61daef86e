"""Write stemma/models/month_names.tsv: the month names of every language the Unicode CLDR data in babel has, for
texts whose language is unknown (stemma.text.dates.every_languages_months).

    python scripts/build_month_names.py

Reading every locale at run time took ~0.6 s and 160 MB per process (babel keeps each locale's data); the table is
2,327 names. A name two languages give to different months (listopad) is left out.
"""
from __future__ import annotations

from pathlib import Path

from babel import localedata

from stemma.text.dates import cldr_months

OUT = Path(__file__).resolve().parents[1] / "stemma" / "models" / "month_names.tsv"


def main() -> None:
    table: dict[str, int] = {}
    clashing: set[str] = set()
    for identifier in localedata.locale_identifiers():
        if "_" in identifier or identifier in ("root", "und"):
            continue
        for name, number in cldr_months(identifier).items():
            if table.setdefault(name, number) != number:
                clashing.add(name)
    rows = sorted((name, number) for name, number in table.items() if name not in clashing)
    OUT.write_text("".join(f"{name}\t{number}\n" for name, number in rows), encoding="utf-8")
    print(f"{len(rows)} month names ({len(clashing)} left out for naming two months) -> {OUT}")


if __name__ == "__main__":
    main()
