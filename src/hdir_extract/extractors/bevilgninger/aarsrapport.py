"""Årsrapport: the bevilgningsrapportering (Tabell 6-1) in whole kroner, and Note A as a cross-check.

Each row prints "0702 Beredskap 21 Spesielle driftsutgifter A/B 18 300 000 14 585 605 3 714 395",
often wrapped over several lines ("0734" / "Særskilte tilskudd til psykisk helse og" / "rustiltak 72 ...").
The amount columns are printed run together, so a row's digit groups are split by the table's own
arithmetic: samlet tildeling − regnskap = merutgift/mindreutgift on an utgiftskapittel, regnskap −
samlet tildeling = merinntekt/mindreinntekt on an inntektskapittel, and avvik fra tildeling = the
difference column + postert på avgitte belastningsfullmakter. A note digit in the Note column
("... Gebyrinntekter 1 2 890 000 ...") is dropped when the split only adds up without it.

The table is read from the document's printed rows (`printed`): a text layer prints each row's name and
amounts over lines the layout cannot join into one table row, and page furniture (the report's
"Årsrapport 2023  27" between two lines of a row) is already kept out by the reading layer.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from hdir_extract.extractors.bevilgninger.common import (
    Ctx,
    Tok,
    is_inntekt,
    raw_of,
    segmentations,
    tokens,
    value_of,
)
from hdir_extract.extractors.bevilgninger.printed import Printed, printed_rows

TITLE = regex.compile(r"^\s*Tabell\s+[\d-]+\s+Bevilgningsrapportering\b(?P<rest>.*)$", regex.I)
#: the state template's own title, without a table number ("Oppstilling av bevilgningsrapportering
#: 31.12.2024", "Bevilgningsrapportering 2024"): the whole line, so that prose about the statement
#: ("… bevilgningsrapportering (Tabell 6-1 …)") opens nothing
TEMPLATE_TITLE = regex.compile(
    r"^\s*(?:Oppstilling\s+av\s+b|B)evilgningsrapportering"
    r"(?P<rest>(?:\s+(?:pr\.?|per))?\s+(?:\d{1,2}\.\s?\d{1,2}\.\s?)?\d{4})?\s*$"
)
ROW_START = regex.compile(r"^\s*(?P<kap>\d{3,4})(?:\s+(?=\p{L})|\s*$)")
#: a row whose kapittel code is followed by its amounts, its names wrapped onto the lines below ("2711
#: 2 760 000 000 2 730 292 555 29 707 445" / "Spesialisthelsetjeneste" / "mv. 70 Spesialisthjelp"): a
#: plain-text extraction prints the first line of every cell of the row on one line. Four digits only (a
#: three-digit code followed by digits cannot be told from an amount's groups)
CODE_THEN_AMOUNTS = regex.compile(r"^\s*(?P<kap>\d{4})\s+(?=[-\u2212\u2013]?\d)")
NOTE_START = regex.compile(r"^\s*Note\s+[A-Z]\b", regex.I)
SUM_LINE = regex.compile(r"^\s*Sum\s+(?P<what>\p{L}+)")
POST = regex.compile(r"(?<=\s)(?P<post>\d{2})(?=\s)")
NOTE_A = regex.compile(r"^\s*Note\s+A\b", regex.I)
NOTE_A_ROW = regex.compile(r"^\s*(?P<kap>\d{4})(?P<post>\d{2})\s+(?P<rest>[-\d ]+)$")
LINE_GAP = "  "  # lines of a wrapped row are joined with a double space: a number never spans it
#: a line of the table's column head, printed again where the table goes on over a page break
#: ("Utgifts-" / "kapittel" / "Kapittelnavn Post Posttekst Note" / "Samlet tildeling" / "**" /
#: "Regnskap 2023" / "Merutgift (-) og mindreutgift"): skipped, so a row broken by it reads on
# (the state template's column heads, whichever way a narrow column breaks them)
HEAD_LINE = regex.compile(
    r"^\s*(?:\*+|(?:Utgifts|Inntekts)-?|(?:utgifts|inntekts)?kapittel|Kapittelnavn\b.*|Posttekst\b.*"
    r"|Samlet\s+tildeling\b.*|Regnskap(?:\s+\d{4})?|Mer(?:utgift|inntekt)\b.*"
    r"|(?:og\s+)?mindre-?(?:utgift|inntekt)?\b.*|utgift|inntekt|Postert\s+på\b.*|belastnings-?"
    r"|(?:belastnings)?fullmakter\**|Avvik(?:\s+fra)?(?:\s+tildeling)?\**|tildeling\**)\s*$",
    regex.IGNORECASE,
)


@dataclass(slots=True)
class Piece:
    text: str
    linje: int
    offset: int  # where this line starts in the joined row text


def _kinds(kap: int) -> list[str]:
    diff = "merinntekt_mindreinntekt" if is_inntekt(kap) else "merutgift_mindreutgift"
    return [
        "samlet_tildeling",
        "regnskap",
        diff,
        "postert_avgitte_belastningsfullmakter",
        "avvik_fra_tildeling",
    ]


def _consistent(kap: int, vals: list[float]) -> bool:
    if len(vals) < 3:
        return False
    a, b, c = vals[:3]
    diff_ok = abs((b - a if is_inntekt(kap) else a - b) - c) < 0.5
    if len(vals) == 5:
        return diff_ok and (abs(c + vals[3] - vals[4]) < 0.5 or abs(c - vals[3] - vals[4]) < 0.5)
    return diff_ok and len(vals) == 3


def _tail_run(text: str, toks: list[Tok]) -> list[Tok]:
    """The digit groups ending the row, up to the first non-number text (the Note column or the name)."""
    run: list[Tok] = []
    for t in reversed(toks):
        if run and text[t.end : run[0].start].strip():
            break
        run.insert(0, t)
    return run if run and not text[run[-1].end :].strip() else []


def _split(kap: int, text: str, run: list[Tok]) -> tuple[list[list[Tok]], bool, int] | None:
    """Best split of the amount run: (parts, consistent, tokens dropped as a note digit)."""
    options: list[tuple[int, list[Tok]]] = [(0, run)]
    if len(run) > 1 and len(run[0].digits) == 1 and not run[0].signed:
        options.append((1, run[1:]))
    fallback = None
    for k in (5, 3, 4, 2):
        for drop, toks in options:
            for parts in segmentations(toks, k):
                vals = [value_of(raw_of(text, p)) for p in parts]
                if any(v is None for v in vals):
                    continue
                if _consistent(kap, [v or 0.0 for v in vals]):
                    return parts, True, drop
                if k == 2 and fallback is None:
                    fallback = (parts, False, drop)
    return fallback


def _parse_row(ctx: Ctx, pieces: list[Piece], year: int | None, kilde: str) -> dict | None:
    text = LINE_GAP.join(p.text for p in pieces)
    m = ROW_START.match(text)
    if not m:
        return None
    kap = int(m.group("kap"))
    toks = tokens(text)
    run = _tail_run(text, toks)
    pm = POST.search(text, m.end())
    if not run or not pm or pm.start() >= run[0].start:
        return None
    got = _split(kap, text, run)
    if got is None:
        return None
    parts, consistent, _drop = got
    post = int(pm.group("post"))
    kapnavn = regex.sub(r"\s+", " ", text[m.end() : pm.start()]).strip() or None
    between = regex.sub(r"\s+", " ", text[pm.end() : run[0].start]).strip()
    # the Note column ("A", "B", "A/B", a note digit) stands last before the amounts
    postnavn = regex.sub(r"\s+(?:[A-Z](?:/[A-Z])*|\d)$", "", between).strip() or None
    kinds = _kinds(kap)
    out = []
    for part, kind in zip(parts, kinds, strict=False):
        raw = raw_of(text, part)
        piece = next(p for p in reversed(pieces) if p.offset <= part[0].start)
        v = value_of(raw)
        rec = ctx.add(
            kapittel=kap,
            kapittelnavn=kapnavn,
            post=post,
            postnavn=postnavn,
            belopstype=kind,
            aar=year,
            belop_nok=round(v or 0),
            kilde=kilde,
            raw=raw,
            linje=piece.linje,
        )
        out.append(rec)
    if len(out) >= 3:
        a, b, c = (r.belop_nok or 0 for r in out[:3])
        calc = b - a if is_inntekt(kap) else a - b
        formula = "regnskap − samlet tildeling" if is_inntekt(kap) else "samlet tildeling − regnskap"
        ctx.check(
            "tildeling_minus_regnskap",
            f"kap {kap} post {post:02d} {kinds[2]} {year}",
            c,
            calc,
            out[2].linje,
            f"Kap. {kap} post {post:02d} {formula}",
        )
    return {"kap": kap, "post": post, "rows": out, "consistent": consistent}


def _check_sum(ctx: Ctx, text: str, linje: int, what: str, rows: list, year: int | None) -> None:
    run = _tail_run(text, tokens(text))
    cands = segmentations(run, 2)
    totals = {
        k: sum(r.belop_nok or 0 for r in rows if r.belopstype == k) for k in ("samlet_tildeling", "regnskap")
    }
    best = None
    for parts in cands:
        vals = [value_of(raw_of(text, p)) or 0.0 for p in parts]
        err = abs(vals[0] - totals["samlet_tildeling"]) + abs(vals[1] - totals["regnskap"])
        if best is None or err < best[0]:
            best = (err, vals)
    if best is None:
        return
    for kind, printed in zip(("samlet_tildeling", "regnskap"), best[1], strict=True):
        ctx.check(
            "sum_tabell", f"sum {what} {kind} {year}", printed, totals[kind], linje, f"Sum {what} {kind}"
        )


def _note_a(ctx: Ctx, rows: list[Printed], start: int, samlet: dict[tuple[int, int], int]) -> None:
    """Note A repeats the samlet tildeling per post: overført + årets tildelinger = samlet tildeling,
    and each samlet tildeling must equal the bevilgningsrapportering's."""
    for p in rows[start : start + 400]:
        text, no = p.text, p.line
        if regex.match(r"^\s*Sum\b", text):
            break
        m = NOTE_A_ROW.match(text)
        if not m:
            continue
        kap, post = int(m.group("kap")), int(m.group("post"))
        run = tokens(text)[1:]
        best = None
        for parts in segmentations(run, 3):
            vals = [value_of(raw_of(text, p)) or 0.0 for p in parts]
            if abs(vals[0] + vals[1] - vals[2]) < 0.5:
                best = vals
                break
        if best is None:
            continue
        ctx.check(
            "overfort_pluss_aarets",
            f"kap {kap} post {post:02d} note A",
            best[2],
            best[0] + best[1],
            no,
            f"Note A kap. {kap} post {post:02d} overført + årets tildelinger",
        )
        if (kap, post) in samlet:
            ctx.check(
                "note_a_mot_bevilgningsrapportering",
                f"kap {kap} post {post:02d} samlet_tildeling",
                best[2],
                samlet[(kap, post)],
                no,
                f"Note A kap. {kap} post {post:02d} samlet tildeling vs Tabell 6-1",
            )


def extract_aarsrapport(ctx: Ctx) -> None:
    rows = printed_rows(ctx.doc)
    samlet: dict[tuple[int, int], int] = {}
    i = 0
    while i < len(rows):
        m = TITLE.match(rows[i].text) or TEMPLATE_TITLE.match(rows[i].text)
        if not m:
            i += 1
            continue
        years = regex.findall(r"\d{4}", m.group("rest") or "")
        year = int(years[-1]) if years else ctx.doc.aar
        kilde = rows[i].text.strip()
        i = _table(ctx, rows, i + 1, year, kilde, samlet)
    for i, p in enumerate(rows):
        if NOTE_A.match(p.text):
            _note_a(ctx, rows, i + 1, samlet)
            break


def _table(ctx: Ctx, rows: list[Printed], start: int, year: int | None, kilde: str, samlet: dict) -> int:
    """Rows of one bevilgningsrapportering table from printed row `start` to the first note; returns
    the index of the row after it."""
    pieces: list[Piece] = []
    section: list = []
    i = start
    while i < len(rows):
        text, no = rows[i].text, rows[i].line
        if NOTE_START.match(text):
            break
        if HEAD_LINE.match(text.replace("\t", " ")):
            i += 1
            continue
        sm = SUM_LINE.match(text)
        starts = ROW_START.match(text) or CODE_THEN_AMOUNTS.match(text)
        if pieces and (sm or starts or NOTE_START.match(text)):
            # the row before never ended in its amounts: read its lines as one (see `_scattered_row`)
            _keep(_scattered_row(ctx, pieces, year, kilde), section, samlet)
            pieces = []
        if sm:
            pieces = []
            if section:
                _check_sum(ctx, text, no, sm.group("what"), section, year)
            section = []
        elif starts:
            pieces = [Piece(text, no, 0)]
        elif pieces:
            offset = sum(len(p.text) + len(LINE_GAP) for p in pieces)
            pieces.append(Piece(text, no, offset))
            if len(pieces) > 8:
                pieces = []
        read = _parse_row(ctx, pieces, year, kilde) if pieces and _ends_with_number(text) else None
        if _keep(read, section, samlet):
            pieces = []
        i += 1
    return i


def _keep(got: dict | None, section: list, samlet: dict) -> bool:
    """Add a read row's records to its section (for the "Sum" check) and its samlet tildeling (for Note
    A's check); False when nothing was read."""
    if not got:
        return False
    section.extend(got["rows"])
    for r in got["rows"]:
        if r.belopstype == "samlet_tildeling":
            samlet.setdefault((r.kapittel, r.post), r.belop_nok)
    return True


def _scattered_row(ctx: Ctx, pieces: list[Piece], year: int | None, kilde: str) -> dict | None:
    """A row whose amounts do not close its last line: a plain-text extraction of a PDF prints the wrapped
    cells of one row line by line across the columns, so the amounts stand on the line where the row's
    tallest cell began or ended, among the name's pieces ("0709 Pasient- og 87 196 000 84 965 868
    2 230 132" / "brukerombud 01" / "Driftsutgifter A/B"; "0702 Beredskap 21 18 300 000 …" /
    "Spesielle driftsutgifter" / "A/B"). The row is read again with the amount run moved after the rest
    of its text, the post number printed right before the amounts kept with the names. Judgement call:
    only a run whose split adds up (samlet tildeling − regnskap = the difference column) is taken, since
    a run found anywhere among the lines is otherwise a guess."""
    kap_m = ROW_START.match(pieces[0].text) or CODE_THEN_AMOUNTS.match(pieces[0].text)
    if kap_m is None:
        return None
    for idx, p in enumerate(pieces):
        run = _tail_run(p.text, tokens(p.text))
        if idx == 0:
            run = [t for t in run if t.start >= kap_m.end()]  # the kapittel code is no amount
        for drop in (0, 1):
            # (drop 1: a two-digit post number printed right before the amounts, "… Beredskap 21 18 300 000")
            if len(run) - drop < 3 or (drop and len(run[0].digits) != 2):
                continue
            cut = run[drop].start
            head = p.text[:cut].rstrip()
            texts = [(q.text if k != idx else head, q.linje) for k, q in enumerate(pieces)]
            texts = [(t, no) for t, no in texts if t.strip()]
            texts.append((p.text[cut:].strip(), p.linje))
            moved, offset = [], 0
            for t, no in texts:
                moved.append(Piece(t, no, offset))
                offset += len(t) + len(LINE_GAP)
            joined = LINE_GAP.join(t for t, _ in texts)
            run_all = _tail_run(joined, tokens(joined))
            got = _split(int(kap_m.group("kap")), joined, run_all)
            # a row of two amounts (samlet tildeling 0 and the regnskap of a post charged without an
            # allocation: "0 395 875 455") never adds up; it is taken only where it splits one way
            if got is not None and (got[1] or len(segmentations(run_all, 2)) == 1):
                return _parse_row(ctx, moved, year, kilde)
    return None


def _ends_with_number(text: str) -> bool:
    return regex.search(r"\d\s*$", text) is not None
