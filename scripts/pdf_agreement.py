"""Does the PDF path give the same records as the text path? (a developer's tool)

    .venv/bin/python scripts/pdf_agreement.py [--style STYLE] [--show N] [SUBSTRING ...]

Each corpus text in data/raw (or those whose name contains a SUBSTRING) is typeset in every style of
tests/typeset ("onecolumn": fpdf2, one column, unruled tables; "twocolumn": reportlab, two columns,
ruled tables; "textlayer": the text's own lines set as they are; "markdown": the structure written as
a converter writes Markdown; "docx": the structure written as Word writes it; "html": as a web
page; "pdftext": the one-column PDF's plain text as a PDF-to-text tool extracts it, read as .txt), read
back through the pipeline,
and its records compared with the text's per table on content fields (tests/typeset/compare.py).
Prints the matrix document x style x table as agreeing/text records (+ records only the PDF has),
and the time each step took. `--show N` prints N records that differ each way.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.typeset import ALL_STYLES, SUFFIX, cached  # noqa: E402
from tests.typeset.compare import agreement, differences  # noqa: E402

from hdir_extract.pipeline import extract_bytes  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("patterns", nargs="*")
    ap.add_argument("--style", choices=ALL_STYLES, action="append")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--cache", type=Path, default=None, help="keep the typeset PDFs here")
    args = ap.parse_args()
    styles = args.style or list(ALL_STYLES)
    cache = args.cache or Path(tempfile.mkdtemp(prefix="hdir-typeset-"))
    for path in sorted((ROOT / "data" / "raw").glob("*.txt")):
        if args.patterns and not any(p in path.name for p in args.patterns):
            continue
        text = extract_bytes(path.name, path.read_bytes())
        for style in styles:
            t0 = time.process_time()
            pdf_bytes = cached(path, style, cache)
            t1 = time.process_time()
            pdf = extract_bytes(f"{path.stem}.{style}{SUFFIX.get(style, '.pdf')}", pdf_bytes)
            t2 = time.process_time()
            found = agreement(text.tables, pdf.tables)
            cells = "; ".join(f"{table} {a}" for table, a in found.items())
            name = path.stem[:34]
            print(
                f"{name:<34} {style:<9} {cells}   [typeset {t1 - t0:.0f} s, read {t2 - t1:.0f} s]", flush=True
            )
            for table in found:
                if args.show and found[table].ratio < 1:
                    only_text, only_pdf = differences(text.tables, pdf.tables, table, args.show)
                    print(f"    {table} only in text: {only_text}")
                    print(f"    {table} only in pdf:  {only_pdf}")


if __name__ == "__main__":
    main()
