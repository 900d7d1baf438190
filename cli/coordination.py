"""Commands for the coordination questions: support, gaps, indicators, methodist-load."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from cli.common import (
    FormatOpt,
    OutputFormat,
    StoreOpt,
    err_console,
    fail,
    opened_store,
    print_rows,
)
from graph.queries.gaps import GapKind, gap_report
from graph.queries.indicators import indicators as compute_indicators
from graph.queries.load import methodist_load
from graph.queries.support import ResultsFlag, low_results_support

__all__ = ["register"]

TerritoryOpt = Annotated[str | None, typer.Option(
    "--territory", "-t", help="a region (with its districts) or a district id, e.g. RU-LEN")]
PeriodOpt = Annotated[str | None, typer.Option(
    "--period", "-p", help="monitoring period, e.g. 2025-H1 (default: latest / today)")]
SubjectOpt = Annotated[str | None, typer.Option("--subject", help="only this subject")]
OutOpt = Annotated[Path | None, typer.Option("--out", "-o", help="write to this file")]


def support(
    territory: TerritoryOpt = None,
    period: PeriodOpt = None,
    flag: Annotated[ResultsFlag, typer.Option(
        help="low_results (ШНОР) or unreliable_results")] = ResultsFlag.low_results,
    subject: SubjectOpt = None,
    store: StoreOpt = None,
    fmt: FormatOpt = OutputFormat.table,
    out: OutOpt = None,
) -> None:
    """Who supports each school flagged with low results, one row per school and supporter.

    Example: [bold]methodnet support --territory RU-LEN --period 2025-H1[/]
    """
    with opened_store(store, readonly=True) as s:
        answer = low_results_support(s, territory_id=territory, period=period, flag=flag,
                                     subject=subject)
    rows: list[dict[str, Any]] = []
    for school in answer.schools:
        base = {"school": school.school_id, "title": school.school_title,
                "district": school.territory_id, "low_subjects": list(school.low_subjects),
                "uncovered": list(school.uncovered_subjects),
                "status": "unsupported" if not school.supported
                else "mismatched" if school.uncovered_subjects else "supported"}
        supporters = school.supporters or ()
        for p in supporters:
            rows.append({**base, "supporter": p.id, "supporter_title": p.title,
                         "kind": p.kind.value, "direct": p.direct,
                         "subjects": list(p.subjects),
                         "evidence": [e.edge_id for e in p.evidence]})
        if not supporters:
            rows.append({**base, "supporter": None, "supporter_title": None, "kind": None,
                         "direct": False, "subjects": [], "evidence": []})
    print_rows(rows, fmt, title=f"Support of {answer.flag.value} schools, {answer.period}: "
               f"{len(answer.unsupported)} unsupported, {len(answer.mismatched)} mismatched",
               out=out)


def gaps(
    territory: TerritoryOpt = None,
    period: PeriodOpt = None,
    kind: Annotated[list[GapKind] | None, typer.Option(
        "--kind", "-k", help="only these kinds of gap (repeatable)")] = None,
    subject: SubjectOpt = None,
    norm: Annotated[int | None, typer.Option(
        help="teachers per methodist (default: METHODNET_LOAD_NORM, 25)")] = None,
    summary: Annotated[bool, typer.Option(help="only the count of each kind")] = False,
    link_base: Annotated[str, typer.Option(
        help="the app's address the XLSX report links to")] = "http://127.0.0.1:8000",
    store: StoreOpt = None,
    fmt: FormatOpt = OutputFormat.table,
    out: OutOpt = None,
) -> None:
    """Coverage gaps with their reasons: teachers, schools, districts, subjects, methodists.

    With [bold]--format xlsx[/] the coordinator's report, as the dashboard downloads it: a
    summary sheet, then one sheet per list with names, districts, reasons in words and links
    to the app (the territory's whole report: --kind, --subject and --summary do not apply).

    Example: [bold]methodnet gaps --territory RU-LEN-vsevolozhsky --kind deficit_without_route[/];
    [bold]methodnet gaps -t RU-LEN -p 2025-H1 -f xlsx -o gaps.xlsx[/]
    """
    if fmt is OutputFormat.xlsx:
        if kind or subject or summary:
            fail("the XLSX report covers every gap of the territory: leave out --kind, "
                 "--subject and --summary / отчёт XLSX включает все пробелы территории")
        _report(territory, period, norm, link_base, store, out)
        return
    with opened_store(store, readonly=True) as s:
        report = gap_report(s, territory_id=territory, period=period, subject=subject,
                            norm=norm, kinds=kind or None)
    if summary:
        print_rows([{"kind": k.value, "count": n} for k, n in report.counts.items()], fmt,
                   title=f"Gaps: {report.total}", out=out)
        return
    rows = [{"kind": g.kind.value, "id": g.node_id, "title": g.title,
             "territory": g.territory_id, "subject": g.subject, "value": g.value,
             "reason": g.reason_ru, "evidence": [e.edge_id for e in g.evidence]}
            for items in report.gaps.values() for g in items]
    print_rows(rows, fmt, title=f"Gaps: {report.total}", out=out)


def _report(territory: str | None, period: str | None, norm: int | None, link_base: str,
            store: Any, out: Path | None) -> None:
    """The dashboard's gap report as an XLSX (:func:`viz.workbook.gaps_xlsx`)."""
    from graph.queries.scope import EVERYTHING
    from graph.settings import get_settings
    from viz.dashboard import dashboard
    from viz.home import home_territory
    from viz.workbook import gaps_xlsx

    if out is None:
        fail("--format xlsx needs --out FILE.xlsx / укажите файл: --out отчёт.xlsx")
    with opened_store(store, readonly=True) as s:
        where = territory or home_territory(s, EVERYTHING)
        if where is None:
            fail("the store holds no region yet / в хранилище ещё нет регионов")
        board = dashboard(s, where, period, load_norm=norm or get_settings().load_norm)
    out.write_bytes(gaps_xlsx(board, link_base))
    err_console.print(f"wrote the gap report ({sum(len(g.items) for g in board.gaps)} rows) "
                      f"to {out}")


def indicators(
    territory: TerritoryOpt = None,
    period: PeriodOpt = None,
    compare_to: Annotated[str | None, typer.Option(
        "--compare-to", help="another period, for the change")] = None,
    by_district: Annotated[bool, typer.Option(help="also each district")] = False,
    store: StoreOpt = None,
    fmt: FormatOpt = OutputFormat.table,
    out: OutOpt = None,
) -> None:
    """The regulations' computable indicators with numerator, denominator and change.

    Example: [bold]methodnet indicators --territory RU-LEN --period 2025-H1 --compare-to 2024-H2[/]
    """
    with opened_store(store, readonly=True) as s:
        rows = compute_indicators(s, territory_id=territory, period=period,
                                  compare_to=compare_to, by_district=by_district)
    print_rows([{"territory": r.territory_id, "code": r.code, "numerator": r.numerator,
                 "denominator": r.denominator, "value": r.value,
                 "previous": r.previous_value, "change": r.change,
                 "sources": [s.indicator_id for s in r.sources]} for r in rows],
               fmt, title=f"Indicators, {period or 'today'}", out=out)


def load(
    territory: TerritoryOpt = None,
    period: PeriodOpt = None,
    subject: SubjectOpt = None,
    norm: Annotated[int | None, typer.Option(help="teachers per methodist")] = None,
    store: StoreOpt = None,
    fmt: FormatOpt = OutputFormat.table,
    out: OutOpt = None,
) -> None:
    """Teachers and schools per methodist.

    Example: [bold]methodnet methodist-load --territory RU-LEN --period 2025-H1[/]
    """
    with opened_store(store, readonly=True) as s:
        report = methodist_load(s, territory_id=territory, period=period, subject=subject,
                                norm=norm)
    print_rows([{"methodist": m.methodist_id, "title": m.title, "level": m.level,
                 "body": m.body_title, "territory": m.territory_id,
                 "subjects": list(m.subjects), "teachers": m.teacher_count,
                 "schools": m.school_count, "over_norm": m.teacher_count > report.norm}
                for m in report.methodists], fmt,
               title=f"Methodist load (norm {report.norm}): median "
                     f"{report.overall.teachers.median}, max {report.overall.teachers.max}",
               out=out)


def register(app: typer.Typer) -> None:
    """Add ``support``, ``gaps``, ``indicators`` and ``methodist-load`` to the ``methodnet`` app."""
    app.command("support")(support)
    app.command("gaps")(gaps)
    app.command("indicators")(indicators)
    app.command("methodist-load")(load)
