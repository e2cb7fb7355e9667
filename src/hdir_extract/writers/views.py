"""Views on top of the tables: the questions analysts bring, answered in SQL.

Choices (also in the README):
- v_budsjettlinje: one row per kapittel, post and year the amount refers to; one column per source and
  kind. Where two documents of the same type give the same amount kind for the same year, the newer
  document (higher `dokumenter.aar`) wins. The tildelingsbrev's ny_tildeling is summed over all change
  tables; sum_tildelt is the last one (latest letter date, then file order). The årsrapport's regnskap
  (the agency's own accounts) is kept apart from the Prop. 1 S regnskap of the same year.
- v_anmodningsvedtak_status: the latest document's reading (highest `dokumenter.aar`) of each
  resolution; a mention counts for it when its number matches and its session matches or is not printed.
"""

from __future__ import annotations

import duckdb

_BUDGET_COLUMNS = [
    # (column, document type, belopstype, aggregate)
    ("prop_regnskap", "prop_1_s", "regnskap", "latest"),
    ("prop_saldert_budsjett", "prop_1_s", "saldert_budsjett", "latest"),
    ("prop_forslag", "prop_1_s", "forslag", "latest"),
    ("prop_forslag_vedtak", "prop_1_s", "forslag_vedtak", "latest"),
    ("tb_bevilgning", "tildelingsbrev", "bevilgning", "latest"),
    ("tb_tildeling", "tildelingsbrev", "tildeling", "latest"),
    ("tb_ny_tildeling_sum", "tildelingsbrev", "ny_tildeling", "sum"),
    ("tb_sum_tildelt_siste", "tildelingsbrev", "sum_tildelt", "last_letter"),
    ("ar_samlet_tildeling", "aarsrapport", "samlet_tildeling", "latest"),
    ("ar_regnskap", "aarsrapport", "regnskap", "latest"),
    ("ar_merutgift_mindreutgift", "aarsrapport", "merutgift_mindreutgift", "latest"),
]
_SOURCES = [("prop_dok_id", "prop_1_s"), ("tb_dok_id", "tildelingsbrev"), ("ar_dok_id", "aarsrapport")]


def _budget_view() -> str:
    cols = []
    for name, dtype, kind, how in _BUDGET_COLUMNS:
        cond = f"dokumenttype = '{dtype}' and belopstype = '{kind}'"
        if how == "sum":
            expr = f"sum(belop_nok) filter (where {cond})"
        elif how == "last_letter":
            expr = f"arg_max(belop_nok, brev_rekkefolge) filter (where {cond})"
        else:
            expr = f"arg_max(belop_nok, dok_aar) filter (where {cond})"
        cols.append(f"{expr}::BIGINT as {name}")
    cols += [f"arg_max(dok_id, dok_aar) filter (where dokumenttype = '{t}') as {n}" for n, t in _SOURCES]
    return f"""
create or replace view v_budsjettlinje as
with b as (
    select b.*, d.dokumenttype, d.aar as dok_aar,
           strftime(coalesce(b.brev_dato, date '1900-01-01'), '%Y%m%d')
               || lpad(coalesce(b.brev_nr, 0)::varchar, 4, '0')
               || lpad(coalesce(b.linje, 0)::varchar, 8, '0') as brev_rekkefolge
    from bevilgninger b join dokumenter d using (dok_id)
    where b.post is not null and b.aar is not null
)
select kapittel, post, aar,
       arg_max(kapittelnavn, dok_aar) as kapittelnavn,
       arg_max(postnavn, dok_aar) as postnavn,
       {", ".join(cols)}
from b
group by kapittel, post, aar
order by kapittel, post, aar
"""


# v_oppdrag_historikk: one row per mention and per event (clarified, changed, withdrawn) of each
# assignment, with its definition beside it. An assignment defined in more than one document (a corrected
# oppdragsdokument, a supplementary letter also found in its bundle) shows the latest definition: the
# latest letter date, then the later document year, then the later dok_id (a deterministic tie-break).
_OPPDRAG_VIEW = """
create or replace view v_oppdrag_historikk as
with defs_all as (
    select o.oppdrag_id, o.tittel, o.avdeling, o.dok_id as gitt_i, d.aar as gitt_aar, o.brev_nr, o.brev_dato,
           o.linje as gitt_linje, o.frister
    from oppdrag o join dokumenter d using (dok_id)
),
defs as (
    select *, count(*) over (partition by oppdrag_id) as antall_definisjoner
    from defs_all
    qualify row_number() over (
        partition by oppdrag_id order by brev_dato desc nulls last, gitt_aar desc nulls last, gitt_i desc
    ) = 1
),
mentions as (
    select r.ref_id as oppdrag_id, r.dok_id as nevnt_i, d.dokumenttype as nevnt_i_type, d.aar as nevnt_i_aar,
           r.linje as nevnt_linje, r.side as nevnt_side, r.raw as nevnt_som, r.fra_id as nevnt_i_oppdrag
    from referanser r join dokumenter d using (dok_id)
    where r.type = 'oppdrag'
),
events as (
    select h.oppdrag_id, h.hendelse, h.dok_id as hendelse_i, h.linje as hendelse_linje,
           h.brev_nr as hendelse_brev_nr, h.brev_dato as hendelse_dato, h.tillegg_nr as hendelse_tillegg_nr,
           h.ny_oppdrag_id, h.frister as hendelse_frister, h.tekst as hendelse_tekst
    from oppdrag_hendelser h
),
happenings as (
    select * from mentions
    union all by name
    select * from events
)
select coalesce(defs.oppdrag_id, happenings.oppdrag_id) as oppdrag_id, defs.tittel, defs.avdeling,
       defs.gitt_i, defs.gitt_aar, defs.brev_nr, defs.brev_dato, defs.gitt_linje, defs.frister,
       defs.antall_definisjoner, happenings.nevnt_i, happenings.nevnt_i_type, happenings.nevnt_i_aar,
       happenings.nevnt_linje, happenings.nevnt_side, happenings.nevnt_som, happenings.nevnt_i_oppdrag,
       happenings.hendelse, happenings.hendelse_i, happenings.hendelse_linje, happenings.hendelse_brev_nr,
       happenings.hendelse_dato, happenings.hendelse_tillegg_nr, happenings.ny_oppdrag_id,
       happenings.hendelse_frister, happenings.hendelse_tekst
from defs full outer join happenings using (oppdrag_id)
order by oppdrag_id, hendelse_dato nulls first, hendelse_i, hendelse_linje, nevnt_i, nevnt_linje
"""

_VEDTAK_VIEW = """
create or replace view v_anmodningsvedtak_status as
with a as (
    select a.*, d.aar as dok_aar, d.dokumenttype
    from anmodningsvedtak a join dokumenter d using (dok_id)
),
latest as (
    select sesjon, vedtak_nr,
           arg_max(dok_id, dok_aar) as siste_dok_id,
           arg_max(fulgt_opp, dok_aar) as fulgt_opp,
           arg_max(rapportering_avsluttes, dok_aar) as rapportering_avsluttes,
           arg_max(stikkord, dok_aar) as stikkord,
           arg_max(dato, dok_aar) as dato,
           arg_max(vedtakstekst, dok_aar) as vedtakstekst,
           arg_max(oppfolging, dok_aar) as oppfolging,
           count(distinct dok_id) as antall_dokumenter_med_omtale
    from a group by sesjon, vedtak_nr
),
mentions as (
    select l.sesjon, l.vedtak_nr, count(r.linje) as antall_omtaler,
           list(distinct r.dok_id order by r.dok_id) filter (where r.dok_id is not null) as nevnt_i
    from latest l left join referanser r
      on r.type = 'anmodningsvedtak' and r.ref_id = l.vedtak_nr::varchar
     and (r.sesjon = l.sesjon or r.sesjon is null)
    group by l.sesjon, l.vedtak_nr
)
select latest.*, coalesce(mentions.antall_omtaler, 0) as antall_omtaler, mentions.nevnt_i,
       case when latest.rapportering_avsluttes then 'avsluttet'
            when latest.fulgt_opp then 'fulgt opp'
            when latest.fulgt_opp = false then 'under arbeid'
            else 'ukjent' end as status
from latest left join mentions using (sesjon, vedtak_nr)
order by sesjon, vedtak_nr
"""

_KONTROLL_VIEW = """
create or replace view v_kontroller_feilet as
select k.dok_id, d.kilde_fil, k.kontroll, k.nokkel, k.forventet, k.beregnet, k.avvik, k.melding,
       k.linje, k.side, l.tekst as kildelinje
from kontroller k
left join dokumenter d using (dok_id)
left join linjer l on l.dok_id = k.dok_id and l.linje = k.linje
where not k.ok
order by k.dok_id, k.linje, k.kontroll, k.nokkel
"""


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    for sql in (_budget_view(), _OPPDRAG_VIEW, _VEDTAK_VIEW, _KONTROLL_VIEW):
        con.execute(sql)
