"""Read the WMT human-vs-machine translation corpus (training and benchmarks only, never at run time)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

MIN_CHARS = 40  # shorter outputs carry almost no style evidence


@dataclass
class Translation:
    pair: str
    lang: str  # target language
    doc_id: str
    dataset: str
    system: str  # the reference name or the MT system name
    machine: bool
    text: str

    @property
    def segments(self) -> list[str]:
        return [s for s in self.text.split("\n") if s.strip()]


def load_translations(corpus: Path, split: str, pairs: list[str] | None = None) -> list[Translation]:
    """Every human reference (machine=False) and system output (machine=True) of one split."""
    out: list[Translation] = []
    for path in sorted(Path(corpus).glob("*.jsonl")):
        pair = path.stem
        if pairs and pair not in pairs:
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record["split"] != split:
                    continue
                lang = record["tgt_lang"]
                for machine, outputs in ((False, record.get("refs") or {}), (True, record.get("systems") or {})):
                    for name, text in sorted(outputs.items()):
                        if text and len(text.strip()) >= MIN_CHARS:
                            out.append(Translation(pair, lang, record["doc_id"], record["dataset"], name, machine, text))
    return out
