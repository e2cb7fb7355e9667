"""Tildelingsbrev family (main letter, supplementary letters, oppdragsdokument): allocation tables and
allocation changes written in prose, as `Bevilgning` rows and `Kontroll` rows.

- Tables (`letter_tables`): every printed allocation, change or fullmakt table; a change table's row is
  checked by its own arithmetic (tidligere + ny = sum tildelt), a printed "Sum" by its rows.
- Prose (`letter_prose`): changes a supplementary letter states in its allocation part. A table wins:
  where the same letter prints a change table for the post, the prose is no row of its own but a
  `tekst_mot_tabell` check of the table at the prose's printed precision ("56,2 mill." against 56 230);
  where there is no table, each change is a `ny_tildeling` row (negative for a reduction), a corrected
  total a `sum_tildelt`, a correction of an earlier letter's change a `korreksjon`.
"""

from __future__ import annotations

from collections import defaultdict

from hdir_extract.extractors.bevilgninger.common import Ctx, kroner
from hdir_extract.extractors.bevilgninger.letter_prose import ProseAmount, prose_changes
from hdir_extract.extractors.bevilgninger.letter_tables import Spec, Table, TRow, read_tables
from hdir_extract.extractors.bevilgninger.printed import all_blocks, body_blocks, printed_rows
from hdir_extract.extractors.brev.letters import LetterSegment, letter_at, segment_letters
from hdir_extract.parsing.text import join_lines

#: (brev_nr, kapittel, post) -> {belopstype: (kroner, linje)} of the letter's change tables
Changes = dict[tuple[int | None, int, int], dict[str, tuple[int, int | None]]]


def _brev(segs: list[LetterSegment], linje: int | None) -> dict:
    seg = letter_at(segs, linje) if linje is not None else None
    return {
        "brev_nr": seg.brev_nr if seg else None,
        "brev_dato": seg.dato if seg and seg.brevtype == "tillegg" else None,
    }


def _units(spec: Spec, rows: list[TRow]) -> list[list[int]]:
    """Unit per amount.

    The header's unit, except: an amount printed with its own unit ("kroner", "mill. kroner") uses it;
    an amount with a decimal comma in a thousand-kroner table is in millions ("3 624,4" under "Alle
    tall i hele tusen" is 3 624,4 mill.), and so are the kapittel's comma-less amounts under 1 000
    printed in the same table (a post of a few hundred thousand kroner beside posts of billions is a
    million figure with its decimals dropped: "418" beside "2 607,4").
    """
    comma_kap = {r.kap for r in rows if any(a.decimal for a in r.amounts)}
    out = []
    for r in rows:
        units = []
        for i, a in enumerate(r.amounts):
            if r.units:
                units.append(r.units[i])
            elif spec.unit == 1000 and (a.decimal or (r.kap in comma_kap and abs(a.value) < 1000)):
                units.append(1_000_000)
            else:
                units.append(spec.unit)
        out.append(units)
    return out


def _emit_table(ctx: Ctx, segs: list[LetterSegment], table: Table, changes: Changes) -> None:
    spec = table.spec
    kinds = [spec.fullmakt or c.kind for c in spec.columns]
    years = [c.aar or ctx.doc.aar for c in spec.columns]
    all_units = _units(spec, table.rows)
    for r, units in zip(table.rows, all_units, strict=True):
        brev = _brev(segs, r.linje)
        postnavn = join_lines(r.name) or None
        common = {"kapittel": r.kap, "post": r.post, "postnavn": postnavn, "kilde": spec.kilde, **brev}
        if not r.amounts and r.merknad:
            for kind, year in zip(kinds, years, strict=True):
                merknad = join_lines(r.merknad)
                ctx.add(
                    belopstype=kind,
                    aar=year,
                    belop_nok=None,
                    merknad=merknad,
                    raw=None,
                    linje=r.merknad_linje,
                    **common,
                )
            continue
        if len(r.amounts) != len(kinds):
            continue
        vals: dict[str, tuple[int, int | None]] = {}
        for a, kind, year, unit in zip(r.amounts, kinds, years, units, strict=True):
            belop = kroner(a.value, unit)
            vals[kind] = (belop, a.linje)
            ctx.add(belopstype=kind, aar=year, belop_nok=belop, raw=a.raw, linje=a.linje, **common)
        if {"tidligere_tildeling", "ny_tildeling", "sum_tildelt"} <= vals.keys():
            changes[(brev["brev_nr"], r.kap, r.post)] = vals
            s, linje = vals["sum_tildelt"]
            ctx.check(
                "tidligere_pluss_ny",
                f"kap {r.kap} post {r.post:02d} brev {brev['brev_nr']}",
                s,
                vals["tidligere_tildeling"][0] + vals["ny_tildeling"][0],
                linje,
                f"Kap. {r.kap} post {r.post:02d} sum tildelt vs tidligere + ny",
            )
    _check_totals(ctx, table, kinds, all_units)


def _check_totals(ctx: Ctx, table: Table, kinds: list[str], units: list[list[int]]) -> None:
    """A printed "Sum" row of a one-column table (an oppdragsdokument's allocations) against its rows."""
    if len(kinds) != 1 or not table.totals:
        return
    rows = [(r, u) for r, u in zip(table.rows, units, strict=True) if len(r.amounts) == 1]
    computed = sum(kroner(r.amounts[0].value, u[0]) for r, u in rows)
    for t in table.totals:
        printed = kroner(t.amount.value, table.spec.unit)
        ctx.check(
            "sum_tabell",
            f"sum {kinds[0]} {ctx.doc.aar} {table.spec.kilde}"[:200],
            printed,
            computed,
            t.amount.linje,
            f"Sum {kinds[0]} of the table's rows",
        )


# --- prose --------------------------------------------------------------------------------------------


def _emit_prose(ctx: Ctx, segs: list[LetterSegment], found: list[ProseAmount], changes: Changes) -> None:
    groups: dict[tuple[int | None, int, int], list[ProseAmount]] = defaultdict(list)
    for p in found:
        groups[(_brev(segs, p.linje)["brev_nr"], p.kap, p.post)].append(p)
    for key, amounts in groups.items():
        table = changes.get(key)
        if table is None:
            for p in amounts:
                _prose_row(ctx, segs, p)
            continue
        # a table wins: the prose checks it at the prose's printed precision
        ny = [p for p in amounts if p.kind in ("ny_tildeling", "korreksjon")]
        brev_nr, kap, post = key
        if ny:
            _prose_check(
                ctx, f"kap {kap} post {post:02d} brev {brev_nr} ny_tildeling", table["ny_tildeling"], ny
            )
        for p in (p for p in amounts if p.kind == "sum_tildelt"):
            _prose_check(
                ctx, f"kap {kap} post {post:02d} brev {brev_nr} sum_tildelt", table["sum_tildelt"], [p]
            )


def _prose_check(ctx: Ctx, nokkel: str, table: tuple[int, int | None], prose: list[ProseAmount]) -> None:
    value, linje = table
    said = sum(p.kroner for p in prose)
    printed = " + ".join(p.raw for p in prose)
    ctx.check(
        "tekst_mot_tabell",
        nokkel,
        value,
        said,
        linje,
        f"{nokkel}: the table vs the text ({printed})",
        tolerance=sum(p.tolerance for p in prose),
    )


def _prose_row(ctx: Ctx, segs: list[LetterSegment], p: ProseAmount) -> None:
    ctx.add(
        kapittel=p.kap,
        post=p.post,
        belopstype=p.kind,
        aar=ctx.doc.aar,
        belop_nok=p.kroner,
        kilde=f"{p.heading} ({p.note})" if p.note else p.heading,
        raw=p.raw,
        linje=p.linje,
        **_brev(segs, p.linje),
    )


def extract_tildelingsbrev(ctx: Ctx, letters: list[LetterSegment] | None = None) -> None:
    """`letters`: `segment_letters(ctx.doc)`, where the caller has them."""
    doc = ctx.doc
    segs = segment_letters(doc) if letters is None else letters
    ctx.letters = segs
    blocks = all_blocks(doc)
    changes: Changes = {}
    for table in read_tables(printed_rows(doc, blocks)):
        _emit_table(ctx, segs, table, changes)
    _emit_prose(ctx, segs, prose_changes(body_blocks(blocks)), changes)
