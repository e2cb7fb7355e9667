"""Does the PDF path give the same records as the text path? (a developer's tool)

    .venv/bin/python scripts/pdf_agreement.py [SUBSTRING ...]

Each corpus text (or those whose name contains a SUBSTRING) is typeset line by line as an A4 PDF with a
running head and page numbers (fpdf2, DejaVu Sans from matplotlib), read back through the pipeline,
and its records compared with the text's on content fields (same keys as perturbation_report.py).
"""

from __future__ import annotations

import collections
import os
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from perturbation_report import KEYS  # noqa: E402

from hdir_extract.pipeline import extract_bytes  # noqa: E402

LINES_PER_PAGE = 60
WIDTH = 130  # characters that fit the 180 mm measure at 7 pt


def typeset(lines: list[str], head: str) -> bytes:
    import matplotlib
    from fpdf import FPDF

    font = Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("dv", "", str(font))
    # a line longer than the measure is wrapped, as a typesetter would (never cut)
    lines = [part for t in lines for part in (textwrap.wrap(t, WIDTH, break_on_hyphens=False) or [t])]
    for n, start in enumerate(range(0, len(lines), LINES_PER_PAGE), start=1):
        pdf.add_page()
        pdf.set_font("dv", size=7)
        pdf.set_xy(15, 8)
        pdf.cell(180, 4, head)
        pdf.set_xy(15, 287)
        pdf.cell(180, 4, str(n), align="C")
        pdf.set_xy(15, 16)
        for text in lines[start : start + LINES_PER_PAGE]:
            pdf.cell(180, 4.4, text.replace("\t", "    "), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def main(patterns: list[str]) -> None:
    for path in sorted((ROOT / "data" / "raw").glob("*.txt")):
        if patterns and not any(p in path.name for p in patterns):
            continue
        data = path.read_bytes()
        text = extract_bytes(path.name, data)
        title = text.tables["dokumenter"][0]["tittel"] or path.stem
        pdf_bytes = typeset(data.decode("utf-8").split("\n"), title)
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "x.pdf").write_bytes(pdf_bytes)
        pdf = extract_bytes(path.stem + ".pdf", pdf_bytes)
        parts = []
        for table, fields in KEYS.items():
            a = collections.Counter(tuple(str(r.get(f)) for f in fields) for r in text.tables.get(table, []))
            b = collections.Counter(tuple(str(r.get(f)) for f in fields) for r in pdf.tables.get(table, []))
            if a or b:
                same = sum((a & b).values())
                parts.append(f"{table} {same}/{sum(a.values())} (+{sum(b.values()) - same})")
        print(f"{path.name[:30]:<30} {'; '.join(parts)}", flush=True)
    os.environ.pop("_", None)


if __name__ == "__main__":
    main(sys.argv[1:])
