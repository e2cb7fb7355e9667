"""Constructed Prop. 1 S excerpts of other ministries, printed the ways a proposition reaches us.

No real Prop. 1 S PDF of these ministries is at hand, so the excerpts are made here from one set of
numbers that add up (every "Sum kap." and every kapittel total of the resolution is the sum of its
posts), and printed three ways:
- `rows_text`: one row per line as a PDF's text layer gives it: cells split by TAB, by two spaces or
  run together with one space; a post name wrapped onto the next line before its amounts; the
  resolution's kapittel lines ending in ":", department group lines between kapitler, "Sum …" rows,
  the kapittel total after the last post's amount (TAB, two spaces, one space) or on its own line,
  and a one-post kapittel printed on one line with its post ("5526 70 Avgift på alkohol …");
- `cells_text`: the web edition's one cell per line, each after a TAB, rows split by blank lines;
- `typeset_pdf`: the row layout set in a PDF with fpdf2 or reportlab, each cell at its column's x
  position (codes, names left-aligned, amounts right-aligned), read back through the PDF reader.
Ministries: the Royal House and the Prime Minister's Office (kapitler 1–24, income 3024) in thousands,
and a Ministry of Finance excerpt in "(i mill. kr)" (kapitler 5521, 5526).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

AAR = 2026


@dataclass(frozen=True)
class Post:
    post: int
    navn: str
    regnskap: int | None  # as printed in the kapittel table (its unit)
    saldert: int | None
    forslag: int | None


@dataclass(frozen=True)
class Kapittel:
    kap: int
    navn: str
    posts: tuple[Post, ...]
    group: str  # the department group line of the resolution
    unit: str = "(i 1 000 kr)"

    @property
    def scale(self) -> int:
        return 1_000_000 if "mill" in self.unit else 1000

    def total(self, col: str) -> int | None:
        vals = [getattr(p, col) for p in self.posts if getattr(p, col) is not None]
        return sum(vals) if vals else None


KONGEHUS_SMK = (
    Kapittel(
        1,
        "H.M. Kongen og H.M. Dronningen",
        (
            Post(1, "Apanasje", 14_922, 15_570, 16_234),
            Post(50, "Det kongelige hoff", 259_181, 268_345, 277_963),
        ),
        "Det kongelige hus",
    ),
    Kapittel(
        2,
        "H.K.H. Kronprinsen og H.K.H. Kronprinsessen",
        (Post(1, "Apanasje", 11_622, 12_060, 12_545), Post(50, "Det kongelige hoff", 24_980, 25_950, 27_000)),
        "Det kongelige hus",
    ),
    Kapittel(
        3,
        "Det kongelige hoffs vedlikeholds- og investeringsarbeider",
        (Post(45, "Større utstyrsanskaffelser og vedlikehold, kan overføres", 58_410, 62_180, 64_720),),
        "Det kongelige hus",
    ),
    Kapittel(
        20,
        "Statsministerens kontor",
        (
            Post(1, "Driftsutgifter", 141_338, 146_005, 150_000),
            Post(21, "Spesielle driftsutgifter, kan overføres", None, None, 5_000),  # a new post
        ),
        "Regjeringen",
    ),
    Kapittel(21, "Statsrådet", (Post(1, "Driftsutgifter", 215_664, 223_050, 230_000),), "Regjeringen"),
    Kapittel(
        24,
        "Regjeringsadvokaten",
        (
            Post(1, "Driftsutgifter", 120_455, 125_180, 131_640),
            Post(21, "Spesielle driftsutgifter", 10_350, 9_800, None),  # abolished: no forslag
        ),
        "Regjeringen",
    ),
    Kapittel(
        3024,
        "Regjeringsadvokaten",
        (Post(1, "Erstatning for utgifter i rettssaker", 25_100, 22_500, 23_300),),
        "Regjeringen",
    ),
)

FINANS = (
    Kapittel(
        5521,
        "Merverdiavgift",
        (Post(70, "Merverdiavgift", 367_432_600, 381_900_000, 393_400_000),),  # tenths of a million
        "Skatter og avgifter",
        unit="(i mill. kr)",
    ),
    Kapittel(
        5526,
        "Avgift på alkohol",
        (Post(70, "Avgift på alkohol", 16_812_400, 17_300_000, 17_750_000),),
        "Skatter og avgifter",
        unit="(i mill. kr)",
    ),
)


def fmt(v: int) -> str:
    return f"{v:,}".replace(",", " ")


def fmt_mill(v: int) -> str:
    """An amount in millions with one decimal ("367 432,6"), `v` in thousands of a million."""
    whole, tenth = divmod(v, 1000)
    return f"{fmt(whole)},{tenth // 100}"


def printed(k: Kapittel, v: int | None) -> str | None:
    if v is None:
        return None
    return fmt_mill(v) if k.scale == 1_000_000 else fmt(v)


def kroner(k: Kapittel, v: int) -> int:
    """An amount of the kapittel table in kroner."""
    return v * 1000 if k.scale == 1_000_000 else v * k.scale


def vedtak_kroner(p: Post, k: Kapittel) -> int | None:
    return None if p.forslag is None else kroner(k, p.forslag)


# --- cells of each printed row (shared by the text and PDF renderings) ---------------------------

#: (column, text): columns "kap" | "post" | "name" | "a1" | "a2" | "a3" | "text" (a line of prose)
Cells = list[tuple[str, str]]


def kapittel_table(k: Kapittel) -> list[Cells]:
    out: list[Cells] = [
        [("text", f"Kap. {k.kap} {k.navn}")],
        [("text", k.unit)],
        [
            ("post", "Post"),
            ("name", "Betegnelse"),
            ("a1", f"Regnskap {AAR - 2}"),
            ("a2", f"Saldert budsjett {AAR - 1}"),
            ("a3", f"Forslag {AAR}"),
        ],
    ]
    for p in k.posts:
        row: Cells = [("post", f"{p.post:02d}"), ("name", p.navn)]
        for col, v in (("a1", p.regnskap), ("a2", p.saldert), ("a3", p.forslag)):
            if (s := printed(k, v)) is not None:
                row.append((col, s))
        out.append(row)
    total: Cells = [("name", f"Sum kap. {k.kap:04d}")]
    for col, attr in (("a1", "regnskap"), ("a2", "saldert"), ("a3", "forslag")):
        if (s := printed(k, k.total(attr))) is not None:
            total.append((col, s))
    out.append(total)
    return out


def vedtak_rows(
    kapitler: tuple[Kapittel, ...], one_line: tuple[int, ...] = (), departement: str = ""
) -> list[Cells]:
    """The resolution: "Kap. Post Kroner Kroner", Utgifter/Inntekter, group lines, kapittel lines
    ending in ":", posts, the kapittel total in the second amount column, "Sum …" rows. Kapitler in
    `one_line` print their only post on the kapittel's line."""
    out: list[Cells] = [
        [("text", "Forslag")],
        [("text", f"Under {departement} føres det opp følgende forslag til vedtak for budsjettåret {AAR}:")],
        [("text", "I")],
        [("kap", "Kap."), ("post", "Post"), ("a2", "Kroner"), ("a3", "Kroner")],
    ]
    for section, income in (("Utgifter:", False), ("Inntekter:", True)):
        kaps = [k for k in kapitler if (3000 <= k.kap < 6000) == income]
        if not kaps:
            continue
        out.append([("text", section)])
        grand = 0
        for group in dict.fromkeys(k.group for k in kaps):
            out.append([("text", group)])
            group_sum = 0
            for k in (k for k in kaps if k.group == group):
                posts = [(p, v) for p in k.posts if (v := vedtak_kroner(p, k)) is not None]
                total = sum(v for _p, v in posts)
                group_sum += total
                if k.kap in one_line and len(posts) == 1:
                    p, v = posts[0]
                    out.append([("kap", str(k.kap)), ("post", str(p.post)), ("name", p.navn), ("a2", fmt(v)),
                                ("a3", fmt(total))])  # fmt: skip
                    continue
                out.append([("kap", str(k.kap)), ("name", f"{k.navn}:")])
                for i, (p, v) in enumerate(posts):
                    row: Cells = [("post", str(p.post)), ("name", p.navn), ("a2", fmt(v))]
                    if i == len(posts) - 1:
                        row.append(("a3", fmt(total)))
                    out.append(row)
            out.append([("name", f"Sum {group}"), ("a3", fmt(group_sum))])
            grand += group_sum
        side = "inntekter" if income else "utgifter"
        out.append([("name", f"Sum departementenes {side}"), ("a3", fmt(grand))])
    out += [[("text", "II")], [("text", "Merinntektsfullmakter")]]
    return out


def document(kapitler: tuple[Kapittel, ...], departement: str, one_line: tuple[int, ...] = ()) -> list[Cells]:
    """A Prop. 1 S excerpt: the kapittel tables of Del II, then the proposed resolution."""
    out: list[Cells] = [
        [("text", f"Prop. 1 S ({AAR - 1}-{AAR})")],
        [("text", "Proposisjon til Stortinget (forslag til stortingsvedtak)")],
        [("text", departement)],
        [("text", "Del II Nærmere om budsjettforslaget")],
    ]
    for k in kapitler:
        out += kapittel_table(k)
        out.append([("text", "Budsjettforslaget er i tråd med det som ble varslet i fjorårets proposisjon.")])
    return out + vedtak_rows(kapitler, one_line, departement)


def kongehus_smk() -> list[Cells]:
    return document(KONGEHUS_SMK, "Det kongelige hus og Statsministerens kontor")


def finans() -> list[Cells]:
    """Kapittel tables in millions, and kap. 5526 printed on one line with its only post."""
    return document(FINANS, "Finansdepartementet", one_line=(5526,))


def overview() -> list[Cells]:
    """An overview table of a tax proposition: kapittel lines, posts, a one-post kapittel on the
    kapittel's line, a footnote digit glued to a name, a labelled row without a code, zeros, and the
    table's footnotes and source after it."""
    k, p, n, a = "kap", "post", "name", "a3"
    return [
        [("text", "Tabell 2.3 Anslåtte virkninger av forslagene fordelt på kapittel og post. Mill. kroner")],
        [(k, "Kap."), (p, "Post"), (n, "Betegnelse"), (a, "Endring")],
        [(k, "5501"), (n, "Skatter på formue og inntekt1")],
        [(p, "70"), (n, "Trinnskatt og formuesskatt mv."), (a, "-240")],
        [(p, "72"), (n, "Fellesskatt mv. fra personlige skattytere"), (a, "-1 615")],
        [(p, "74"), (n, "Selskapsskatter mv."), (a, "85")],
        [(k, "5511"), (n, "Tollavgiftsinntekter")],
        [(p, "70"), (n, "Tollavgift"), (a, "0")],
        [(k, "5521"), (p, "70"), (n, "Merverdiavgift"), (a, "2 415")],
        [(k, "5536"), (n, "Avgift på motorvogner mv.")],
        [(p, "71"), (n, "Engangsavgift"), (a, "-310")],
        [(p, "72"), (n, "Trafikkforsikringsavgift"), (a, "25")],
        [(n, "Sektoravgifter2"), (a, "40")],
        [(k, "5700"), (n, "Folketrygdens inntekter")],
        [(p, "72"), (n, "Arbeidsgiveravgift"), (a, "1 120")],
        [
            (
                "text",
                "1  Virkningen gjelder for staten og kommunesektoren samlet, jf. omtalen av skatteørene.",
            )
        ],
        [("text", "2  Endringer i sektoravgiftene er omtalt i kapittel 12.")],
        [("text", "Kilde: Finansdepartementet.")],
    ]


# --- text layers ----------------------------------------------------------------------------------


def _amount_join(i: int) -> str:
    """The gap between two amounts of one row: TAB, two spaces or one space (run together), in turn."""
    return ("\t", "  ", " ")[i % 3]


def rows_text(rows: list[Cells], wrap_at: int = 45) -> list[str]:
    """One row per line. A name longer than `wrap_at` wraps: its first part on the code's line, the
    rest on the next line with the amounts."""
    out: list[str] = []
    for i, row in enumerate(rows):
        cols = dict(row)
        if "text" in cols:
            out.append(cols["text"])
            continue
        head = "\t".join(cols[c] for c in ("kap", "post") if c in cols)
        name = cols.get("name", "")
        amounts = [cols[c] for c in ("a1", "a2", "a3") if c in cols]
        tail = _amount_join(i).join(amounts)
        if len(name) > wrap_at and amounts:
            cut = name.rfind(" ", 0, wrap_at)
            out.append("\t".join(x for x in (head, name[:cut]) if x))
            out.append("\t".join(x for x in (name[cut + 1 :], tail) if x))
        else:
            out.append("\t".join(x for x in (head, name, tail) if x))
    return out


def cells_text(rows: list[Cells]) -> list[str]:
    """The web edition: one cell per line after a TAB, an empty cell a lone TAB, rows split by a blank
    line. Columns: kapittel tables Post | Betegnelse | 3 amounts; the resolution Kap. | Post |
    Betegnelse | Kroner | Kroner."""
    out: list[str] = []
    vedtak = False
    for row in rows:
        cols = dict(row)
        if "text" in cols:
            out += [cols["text"], ""]
            continue
        if cols.get("kap") == "Kap.":
            vedtak = True
        order = ("kap", "post", "name", "a2", "a3") if vedtak else ("post", "name", "a1", "a2", "a3")
        cells = [cols.get(c, "") for c in order]
        while cells and not cells[-1]:
            cells.pop()
        out += [f"\t{c}" for c in cells] + [""]
    return out


# --- typeset PDFs ---------------------------------------------------------------------------------

#: x positions (mm from the left edge): left edge for codes and names, right edge for amounts
KAPITTEL_X = {"post": 20, "name": 32, "a1": 128, "a2": 158, "a3": 188, "kap": 20}
VEDTAK_X = {"kap": 20, "post": 34, "name": 46, "a2": 160, "a3": 188}
RIGHT = ("a1", "a2", "a3")


def _latin1(text: str) -> str:
    return text.replace("–", "-")


def _layout(rows: list[Cells]) -> list[list[tuple[float, str, bool]]]:
    """Per printed row: (x mm, text, right-aligned). The resolution's rows use its own columns."""
    out: list[list[tuple[float, str, bool]]] = []
    xs = KAPITTEL_X
    for row in rows:
        cols = dict(row)
        if cols.get("kap") == "Kap.":
            xs = VEDTAK_X
        if "text" in cols:
            out.append([(20, cols["text"], False)])
            continue
        if cols.get("a1", "").startswith("Regnskap"):
            # the column header on two lines, each column's words over its year
            top = [(xs[c], t.split(" ", 1)[0], c in RIGHT) for c, t in row]
            bottom = [(xs[c], t.split(" ", 1)[1], True) for c, t in row if c in RIGHT]
            out += [top, bottom]
            continue
        name = cols.get("name", "")
        if len(name) > 52:  # a long name wraps in its column: the amounts stand on its last line
            cut = name.rfind(" ", 0, 52)
            first = [(xs[c], t, False) for c, t in row if c in ("kap", "post")]
            out.append([*first, (xs["name"], name[:cut], False)])
            row = [(c, t) for c, t in row if c not in ("kap", "post", "name")] + [("name", name[cut + 1 :])]
        out.append([(xs[c], t, c in RIGHT) for c, t in row])
    return out


def typeset_pdf(rows: list[Cells], engine: str = "fpdf") -> bytes:
    """The rows set in an A4 PDF, 5 mm a line, 48 lines a page, a running head and page number."""
    lines = _layout(rows)
    pages = [lines[i : i + 48] for i in range(0, len(lines), 48)]
    return _fpdf(pages) if engine == "fpdf" else _reportlab(pages)


def _fpdf(pages: list[list[list[tuple[float, str, bool]]]]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    for n, page in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(20, 10)
        pdf.cell(170, 4, f"Prop. 1 S ({AAR - 1}-{AAR})  {n}", align="R" if n % 2 else "L")
        pdf.set_font("Helvetica", size=9)
        for i, row in enumerate(page):
            y = 22 + 5 * i
            for x, text, right in row:
                t = _latin1(text)
                w = pdf.get_string_width(t)
                pdf.text(x - w if right else x, y, t)
    return bytes(pdf.output())


def _reportlab(pages: list[list[list[tuple[float, str, bool]]]]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    height = A4[1]
    for n, page in enumerate(pages, start=1):
        c.setFont("Helvetica", 8)
        c.drawRightString(190 * mm, height - 10 * mm, f"Prop. 1 S ({AAR - 1}-{AAR})  {n}")
        c.setFont("Helvetica", 9)
        for i, row in enumerate(page):
            y = height - (22 + 5 * i) * mm
            for x, text, right in row:
                t = _latin1(text)
                if right:
                    c.drawRightString(x * mm, y, t)
                else:
                    c.drawString(x * mm, y, t)
        c.showPage()
    c.save()
    return buf.getvalue()
