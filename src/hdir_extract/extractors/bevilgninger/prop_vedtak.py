"""The proposed resolution of a Prop. 1 S ("Forslag til vedtak") and its fullmakt tables.

"Kap. Post Kroner Kroner": every proposed post in whole kroner, the kapittel total printed as a second
amount after the last post (on its line, or on a line of its own), under "Utgifter:" and "Inntekter:",
with department group lines and "Sum …" rows between the kapitler. Read by `kp_table` from the printed
rows, whatever the layout (cells one per line, or one row per line with the name wrapped before its
amount). Every printed kapittel total is checked against its posts. "Kap. Post Betegnelse Samlet
ramme" tables under a "Bestillingsfullmakt"/"Tilsagnsfullmakt" heading give fullmakt rows ("173,1
mill. kroner").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from hdir_extract.extractors.bevilgninger.common import Ctx, kroner, raw_of, segmentations, tokens, value_of
from hdir_extract.extractors.bevilgninger.kp_table import (
    SECTION,
    KPKapittel,
    kp_unit,
    read_kp,
    table_end,
)
from hdir_extract.extractors.bevilgninger.prop_rows import YEAR, PCell, PRow, is_header_text

BUDSJETTAAR = regex.compile(r"budsjett(?:året|år)\s+(?:for\s+)?(\d{4})", regex.I)
FULLMAKT_HEADER = regex.compile(r"\bSamlet\s+ramme\s*$", regex.I)
FULLMAKT_KIND = (("bestillingsfullmakt", "bestillingsfullmakt"), ("tilsagnsfullmakt", "tilsagnsfullmakt"))
MILL = regex.compile(
    r"^(?P<num>[-\u2212\u2013]?\d[\d ]*(?:,\d+)?)\s*"
    r"(?P<unit>mill\.?|millioner|mrd\.?|milliarder)?\s*(?:kr\.?|kroner)?$",
    regex.I,
)
#: how far back the resolution's preamble names the budget year, and its part "Utgifter:"
YEAR_LOOKBACK = 40
SECTION_LOOKBACK = 8

#: (kapittel, post) -> (kroner, budget year, linje) of the proposed resolution
Vedtak = dict[tuple[int, int], tuple[int, int | None, int]]


@dataclass(frozen=True, slots=True)
class Region:
    """The rows of one table after its header, with what its preamble says."""

    rows: tuple[PRow, ...]
    aar: int | None
    section: str  # "Utgifter" | "Inntekter" | ""
    unit: int


def _before(rows: Sequence[PRow], i: int, k: int) -> list[PRow]:
    return list(reversed(rows[max(i - k, 0) : i]))


#: "Utgifter:" at the end of a row (a layer that lost the line break joins it to the cell before)
SECTION_END = regex.compile(r"(?:^|\s)(Utgifter|Inntekter)\s*:\s*$", regex.I)


def _section(text: str) -> regex.Match[str] | None:
    return SECTION.match(text) or SECTION_END.search(text)


def _regions(rows: Sequence[PRow], start: int, aar: int | None, unit: int) -> tuple[list[Region], int]:
    """The table's parts from row `start`: a new part at each "Utgifter:"/"Inntekter:" line; the table
    ends at running text, a source line or the next numbered part of the resolution."""
    section = next((m.group(1).capitalize() for r in _before(rows, start, SECTION_LOOKBACK)
                    if (m := _section(r.text))), "")  # fmt: skip
    parts: list[Region] = []
    cur: list[PRow] = []
    i = start
    while i < len(rows) and not table_end(rows[i]):
        m = _section(rows[i].text)
        if m and m.re is SECTION_END:
            cur.append(rows[i])  # the row's cells before the joined "Inntekter:" are this part's
        if m:
            parts.append(Region(tuple(cur), aar, section, unit))
            cur, section = [], m.group(1).capitalize()
        else:
            cur.append(rows[i])
        i += 1
    parts.append(Region(tuple(cur), aar, section, unit))
    return [p for p in parts if p.rows], i


def _year(rows: Sequence[PRow], i: int, aar: int | None) -> int | None:
    """The budget year named in the resolution's preamble; the document's year failing that."""
    for r in _before(rows, i, YEAR_LOOKBACK):
        if m := BUDSJETTAAR.search(r.text):
            return int(m.group(1))
    return aar


def _header_run(rows: Sequence[PRow], i: int) -> int:
    """The end (exclusive) of the run of column-header rows starting at row i."""
    j = i
    while j < len(rows) and not rows[j].prose and rows[j].filled and is_header_text(rows[j].text):
        j += 1
    return j


def _is_vedtak_header(text: str) -> bool:
    """The resolution's column header: kapittel and post codes and amounts in kroner ("Kap. Post Kroner
    Kroner"; a layer may keep "Kroner" apart as the table's unit), no years (a kapittel table) and no
    "Samlet ramme" (a fullmakt table)."""
    words = {w.casefold().rstrip(".") for w in text.split()}
    return (
        "kroner" in words
        and bool(words & {"kap", "post"})
        and not any(YEAR.match(w) for w in words)
        and not FULLMAKT_HEADER.search(text)
    )


def vedtak_regions(rows: Sequence[PRow], aar: int | None) -> list[Region]:
    out: list[Region] = []
    i = 0
    while i < len(rows):
        end = _header_run(rows, i)
        if end == i:
            i += 1
            continue
        header = " ".join(r.text for r in rows[i:end])
        if _is_vedtak_header(header):
            # the unit is kroner as the header says, unless a unit line of the table says otherwise
            unit = next((u for r in rows[i:end] if (u := kp_unit(r.text)) and u != 1), 1)
            parts, end = _regions(rows, end, _year(rows, i, aar), unit)
            out.extend(parts)
        i = end
    return out


def _split_pair(raw: str, posts: int) -> list[str]:
    """A post's amount and the kapittel total run together ("125 037 000 1 716 331 000"): the split in
    which the second amount is the total of the posts so far plus the first; failing that one amount
    if the chunk reads as one, else the first split into two."""
    toks = tokens(raw)
    pairs = [[raw_of(raw, p) for p in parts] for parts in segmentations(toks, 2)]
    for a, b in pairs:
        va, vb = value_of(a), value_of(b)
        if va is not None and vb is not None and abs(posts + va - vb) < 0.5:
            return [a, b]
    if segmentations(toks, 1):
        return [raw]
    return pairs[0] if pairs else [raw]


def _post_amounts(cells: list[PCell], posts: int) -> tuple[PCell | None, PCell | None]:
    """(the post's amount, the kapittel total printed after it) of one post's cells."""
    if not cells:
        return None, None
    if len(cells) >= 2:
        return cells[0], cells[-1]
    c = cells[0]
    if not c.run:
        return c, None
    parts = _split_pair(c.text, posts)
    own = PCell(parts[0], c.line)
    return own, (PCell(parts[1], c.line) if len(parts) > 1 else None)


def _emit_vedtak(ctx: Ctx, kap: KPKapittel, region: Region, found: Vedtak) -> None:
    kilde = f"Forslag til vedtak, {region.section} (kroner)".replace(",  (", ", (")
    posts: list[int] = []
    total: PCell | None = None
    for p in kap.posts:
        own, tot = _post_amounts(p.filled, round(sum(posts) / region.unit))
        v = value_of(own.text) if own else None
        if own is None or v is None:
            continue
        belop = kroner(v, region.unit)
        ctx.add(
            kapittel=kap.kap,
            kapittelnavn=kap.navn,
            post=p.post,
            postnavn=p.navn,
            belopstype="forslag_vedtak",
            aar=region.aar,
            belop_nok=belop,
            kilde=kilde,
            raw=own.text,
            linje=own.line,
        )
        posts.append(belop)
        found.setdefault((kap.kap, p.post), (belop, region.aar, own.line))
        total = tot or total
    total = kap.totals[0] if kap.totals and total is None else total
    tv = value_of(total.text) if total else None
    if total is not None and tv is not None and posts:
        ctx.check(
            "sum_kapittel",
            f"kap {kap.kap} forslag_vedtak {region.aar}",
            kroner(tv, region.unit),
            sum(posts),
            total.line,
            f"Kap. {kap.kap} total in Forslag til vedtak",
        )


def extract_vedtak(ctx: Ctx, rows: Sequence[PRow]) -> Vedtak:
    """Rows and kapittel checks of every resolution table; the proposed amount per (kapittel, post)."""
    found: Vedtak = {}
    for region in vedtak_regions(rows, ctx.doc.aar):
        for kap in read_kp(region.rows):
            _emit_vedtak(ctx, kap, region, found)
    return found


def vedtak_checks(ctx: Ctx, vedtak: Vedtak, forslag: dict[tuple[int, int], int]) -> None:
    """Every proposed post against the forslag column of its kapittel table."""
    for (kap, post), (belop, aar, linje) in vedtak.items():
        if (kap, post) in forslag:
            ctx.check(
                "forslag_vedtak_mot_forslag",
                f"kap {kap} post {post:02d} forslag {aar}",
                forslag[(kap, post)],
                belop,
                linje,
                f"Kap. {kap} post {post:02d} vedtak vs table",
            )


# --- fullmakt tables ---------------------------------------------------------------------------


def _fullmakt_kind(rows: Sequence[PRow], i: int) -> str | None:
    """The kind named in the heading a few printed rows above the table."""
    for r in _before(rows, i, 8):
        low = r.text.lower()
        kind = next((k for w, k in FULLMAKT_KIND if w in low), None)
        if kind:
            return kind
    return None


def _scale(unit: str | None) -> int:
    u = (unit or "").lower()
    if u.startswith(("mrd", "milliard")):
        return 1_000_000_000
    return 1_000_000 if u.startswith("mill") else 1


def extract_fullmakter(ctx: Ctx, rows: Sequence[PRow]) -> None:
    """Bestillings- and tilsagnsfullmakt tables ("Kap. Post Betegnelse Samlet ramme", "173,1 mill.")."""
    i = 0
    while i < len(rows):
        r = rows[i]
        kind = _fullmakt_kind(rows, i) if FULLMAKT_HEADER.search(r.text) and is_header_text(r.text) else None
        if kind is None:
            i += 1
            continue
        parts, i = _regions(rows, i + 1, ctx.doc.aar, 1)
        for part in parts:
            for kap in read_kp(part.rows):
                for p in kap.posts:
                    m = MILL.match(p.filled[0].text) if p.filled else None
                    v = value_of(m.group("num")) if m else None
                    if m is None or v is None:
                        continue
                    ctx.add(
                        kapittel=kap.kap,
                        post=p.post,
                        postnavn=p.navn,
                        belopstype=kind,
                        aar=part.aar,
                        belop_nok=kroner(v, _scale(m.group("unit"))),
                        kilde=kind.capitalize(),
                        raw=m.group("num").strip(),
                        linje=p.filled[0].line,
                    )
