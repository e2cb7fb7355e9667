"""How much of each table survives the ways real documents change (a developer's tool).

    .venv/bin/python scripts/perturbation_report.py [--doc SUBSTRING] [--table T] [--only P] [--show N]

For every corpus document and perturbation (tests/perturb.py) it extracts the changed text and compares
the records with the original's on content fields (not line numbers): "oppdrag 95/96 (+1)" means 95 of
96 original records came out identical and one record came out that the original does not have.
With --show, the first N lost and gained records are printed.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import perturb as P  # noqa: E402

from hdir_extract.pipeline import extract_bytes  # noqa: E402

KEYS = {
    "bevilgninger": ("kapittel", "post", "belopstype", "aar", "belop_nok"),
    "oppdrag": ("oppdrag_id", "tittel", "avdeling", "frister", "refererer"),
    "brev": ("brev_nr", "brevtype", "dato"),
    "anmodningsvedtak": ("sesjon", "vedtak_nr", "dato", "rapportering_avsluttes", "fulgt_opp"),
    "nokkeltall": ("kilde", "indikator", "aar", "verdi", "enhet"),
    "indikatorer": ("type", "maal_nr", "tekst"),
    "tiltak": ("kilde", "nr", "tekst"),
    "referanser": ("type", "ref_id", "sesjon"),
}
PERTURBATIONS = {
    "collapse_blanks": P.collapse_blank_lines,
    "drop_interleaved_blanks": P.drop_interleaved_blanks,
    "double_blanks": P.double_blank_lines,
    "reflow_80": lambda lines: P.reflow_prose(lines, 80),
    "reflow_100": lambda lines: P.reflow_prose(lines, 100),
    "page_furniture": P.insert_page_furniture,
    "next_year": lambda lines: P.shift_years(lines, 1),
    "pdf_like": P.pdf_like,
    "form_feeds": P.form_feeds,
}
AMOUNTS = {"belop_nok", "verdi"}
_YEAR = regex.compile(r"(?<!\d)(19[89]\d|20[0-3]\d)(?!\d)")


def records(text: str) -> dict[str, list[dict]]:
    return extract_bytes("perturbed.txt", text.encode("utf-8")).tables


def keys(tables: dict, table: str, shift: int = 0) -> collections.Counter:
    def val(v: object) -> str:
        s = str(v)
        return _YEAR.sub(lambda m: str(int(m.group(1)) + shift), s) if shift else s

    # amounts and values are never shifted, even when they look like a year ("2 000" kroner)
    return collections.Counter(
        tuple(str(r.get(f)) if f in AMOUNTS else val(r.get(f)) for f in KEYS[table])
        for r in tables.get(table, [])
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--doc", default="")
    ap.add_argument("--table", default="")
    ap.add_argument("--only", default="")
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    for path in sorted((ROOT / "data" / "raw").glob("*.txt")):
        if args.doc not in path.name:
            continue
        text = path.read_text(encoding="utf-8")
        base = records(text)
        for name, fn in PERTURBATIONS.items():
            if args.only and args.only != name:
                continue
            changed = records("\n".join(fn(text.split("\n"))))
            shift = 1 if name == "next_year" else 0
            parts = []
            for table in KEYS:
                if args.table and table != args.table:
                    continue
                a, b = keys(base, table, shift), keys(changed, table)
                if not a:
                    continue
                same = sum((a & b).values())
                if a != b:
                    parts.append(f"{table} {same}/{sum(a.values())} (+{sum(b.values()) - same})")
                    for label, diff in (("lost", a - b), ("gained", b - a)):
                        for item in list(diff)[: args.show]:
                            print(f"    {label} {table}: {item}")
            print(f"{path.name[:26]:<26} {name:<24} {'; '.join(parts) or 'same'}", flush=True)


if __name__ == "__main__":
    main()
