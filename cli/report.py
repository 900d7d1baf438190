"""``methodnet report``: the coordinator's gap report as an XLSX, as the dashboard downloads it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.common import StoreOpt, err_console, fail, opened_store
from graph.rules import DEFAULT_LOAD_NORM, load_norm

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the ``report`` command to the ``methodnet`` app."""
    app.command("report")(report)


def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="the .xlsx file to write")],
    territory: Annotated[str | None, typer.Option(
        "--territory", "-t", help="a region or district id (default: the region with the most "
                                  "data)")] = None,
    period: Annotated[str | None, typer.Option(
        "--period", "-p", help="monitoring period, e.g. 2025-H1 (default: the latest with "
                               "data)")] = None,
    norm: Annotated[int | None, typer.Option(
        help=f"teachers per methodist (default: METHODNET_LOAD_NORM, "
             f"{DEFAULT_LOAD_NORM})")] = None,
    link_base: Annotated[str, typer.Option(
        help="the app's address the report links to")] = "http://127.0.0.1:8000",
    store: StoreOpt = None,
) -> None:
    """The coordinator's gap report as an XLSX: a summary sheet, then one sheet per list with
    names, districts, reasons in words, who could take each gap, and links to the app.

    Example: [bold]methodnet report -t RU-LEN -p 2025-H1 -o gaps.xlsx[/]
    (every gap as rows in any format: [bold]methodnet gaps[/])
    """
    from graph.queries.scope import EVERYTHING
    from viz.dashboard import dashboard
    from viz.home import home_territory
    from viz.workbook import gaps_xlsx

    if out.suffix.lower() != ".xlsx":
        fail("the report is an .xlsx file: --out report.xlsx / отчёт — файл .xlsx")
    with opened_store(store, readonly=True) as s:
        where = territory or home_territory(s, EVERYTHING)
        if where is None:
            fail("the store holds no region yet / в хранилище ещё нет регионов")
        board = dashboard(s, where, period, load_norm=load_norm(norm))
    out.write_bytes(gaps_xlsx(board, link_base))
    err_console.print(f"wrote the gap report ({sum(len(g.items) for g in board.gaps)} rows) "
                      f"to {out}")
