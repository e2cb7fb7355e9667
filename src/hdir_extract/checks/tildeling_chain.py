"""The allocation chain of a year: each letter starts from where the letters before it left the post.

Per recipient, year, kapittel and post, in the order the letters were written: the main letter's
`tildeling` plus every later change (`ny_tildeling`, `korreksjon`) must give the `tidligere_tildeling`
the next change table starts from, and a letter's printed total (`sum_tildelt`, also "Korrekt tildeling …
skal være X" in prose) must equal what the chain has reached with that letter's changes. Each such link
is a `tildelingskjede` row of `kontroller`, ok or failed with both numbers.

Judgement calls:
- Order: the letter that gives the post's `tildeling` (the main letter) first, then the others by their
  date (`brev.dato`), undated letters last in file order.
- Recipient: `brev.mottaker`, else `dokumenter.mottaker`; where neither is known, a tildelingsbrev is the
  directorate's and an oppdragsdokument its own recipient's (never added to the directorate's chain).
- The same letter read from two files (a bundle and the letter on its own: same recipient, date and
  supplement number) counts once: the reading with a change table wins, else the first file.
- A post printed twice with the same amount in the main letter (in two tables) counts once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from hdir_extract.models import Kontroll

Rows = dict[str, list[dict[str, Any]]]
KIND = "tildelingskjede"
DIRECTORATE = "Helsedirektoratet"
CHAIN_KINDS = ("tildeling", "tidligere_tildeling", "ny_tildeling", "korreksjon", "sum_tildelt")
LETTER_TYPES = ("tildelingsbrev", "oppdragsdokument")


@dataclass(slots=True)
class Letter:
    """One letter's rows for one post."""

    dok_id: str
    brev_nr: int | None
    dato: dt.date | None
    tillegg_nr: int | None
    rows: list[dict[str, Any]] = field(default_factory=list)

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [r for r in self.rows if r["belopstype"] == kind and r.get("belop_nok") is not None]

    @property
    def label(self) -> str:
        nr = f" nr. {self.tillegg_nr}" if self.tillegg_nr else ""
        when = f" of {self.dato}" if self.dato else ""
        return f"letter{nr}{when} ({self.dok_id}, brev {self.brev_nr})"


def _date(v: Any) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def _recipient(doc: dict[str, Any], brev: dict[str, Any] | None) -> str:
    known = (brev or {}).get("mottaker") or doc.get("mottaker")
    if known:
        return str(known)
    return DIRECTORATE if doc.get("dokumenttype") == "tildelingsbrev" else f"mottaker i {doc.get('dok_id')}"


def _letters(tables: Rows) -> dict[tuple[str, int, int, int], list[Letter]]:
    docs = {d["dok_id"]: d for d in tables.get("dokumenter", [])}
    brev = {(b["dok_id"], b.get("brev_nr")): b for b in tables.get("brev", [])}
    out: dict[tuple[str, int, int, int], dict[tuple[str, int | None], Letter]] = defaultdict(dict)
    for r in tables.get("bevilgninger", []):
        doc = docs.get(r.get("dok_id"))
        if not doc or doc.get("dokumenttype") not in LETTER_TYPES or r.get("belopstype") not in CHAIN_KINDS:
            continue
        if r.get("post") is None or r.get("aar") is None:
            continue
        b = brev.get((r["dok_id"], r.get("brev_nr")))
        key = (_recipient(doc, b), int(r["aar"]), int(r["kapittel"]), int(r["post"]))
        letter = out[key].setdefault(
            (r["dok_id"], r.get("brev_nr")),
            Letter(
                r["dok_id"],
                r.get("brev_nr"),
                _date((b or {}).get("dato") or r.get("brev_dato")),
                (b or {}).get("tillegg_nr"),
            ),
        )
        letter.rows.append(r)
    return {k: _ordered(list(v.values())) for k, v in out.items()}


def _ordered(letters: list[Letter]) -> list[Letter]:
    # the same letter from two files: one reading (the one with a change table, else the first file)
    by_identity: dict[Any, Letter] = {}
    for letter in sorted(letters, key=lambda x: (x.dok_id, x.brev_nr or 0)):
        ident = (letter.dato, letter.tillegg_nr) if letter.dato else (letter.dok_id, letter.brev_nr)
        kept = by_identity.get(ident)
        if kept is None or (not kept.of("tidligere_tildeling") and letter.of("tidligere_tildeling")):
            by_identity[ident] = letter
    return sorted(
        by_identity.values(),
        key=lambda x: (
            not x.of("tildeling"),
            x.dato is None,
            x.dato or dt.date.min,
            x.tillegg_nr or 0,
            x.dok_id,
            x.brev_nr or 0,
        ),
    )


def _main_amount(letter: Letter) -> int:
    """The main letter's tildeling: a post printed in two tables with the same amount counts once."""
    return sum({r["belop_nok"] for r in letter.of("tildeling")})


def _link(
    key: tuple[str, int, int, int], letter: Letter, row: dict[str, Any], what: str, computed: int, how: str
) -> dict[str, Any]:
    mottaker, aar, kap, post = key
    printed = int(row["belop_nok"])
    ok = printed == computed
    verb = "equals" if ok else "differs from"
    return Kontroll(
        dok_id=letter.dok_id,
        linje=row.get("linje"),
        side=row.get("side"),
        kontroll=KIND,
        nokkel=f"kap {kap} post {post:02d} {aar} {mottaker}: {what} brev {letter.brev_nr}",
        forventet=str(printed),
        beregnet=str(computed),
        avvik=float(computed - printed),
        ok=ok,
        melding=(
            f"Kap. {kap} post {post:02d} {aar} ({mottaker}): {what} {printed} in the {letter.label} "
            f"{verb} {computed}, {how}."
        ),
    ).model_dump(mode="json")


def _chain(key: tuple[str, int, int, int], letters: list[Letter]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    running: int | None = None
    how = ""
    for letter in letters:
        if letter.of("tildeling"):
            running = _main_amount(letter)
            how = f"the tildeling {running} of the {letter.label}"
            continue
        tidligere = letter.of("tidligere_tildeling")
        if tidligere:
            if running is not None:
                out.append(_link(key, letter, tidligere[0], "tidligere_tildeling", running, how))
            running = int(tidligere[0]["belop_nok"])
            how = f"the tidligere tildeling {running} of the {letter.label}"
        change = sum(int(r["belop_nok"]) for r in letter.of("ny_tildeling") + letter.of("korreksjon"))
        total = letter.of("sum_tildelt")
        if total and not tidligere and running is not None:
            # a printed total without a table's starting point ("Korrekt tildeling … skal være X")
            out.append(_link(key, letter, total[0], "sum_tildelt", running + change, f"{how} plus {change}"))
        if running is not None:
            running += change
            how = f"{how} plus {change} in the {letter.label}" if change else how
        if total:
            running = int(total[0]["belop_nok"])
            how = f"the sum tildelt {running} of the {letter.label}"
    return out


def tildeling_chain_checks(tables: Rows) -> list[dict[str, Any]]:
    """`tildelingskjede` rows of `kontroller` (as dicts) for every link of every post's chain."""
    out: list[dict[str, Any]] = []
    for key, letters in sorted(_letters(tables).items()):
        out.extend(_chain(key, letters))
    return out
