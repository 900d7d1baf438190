"""Commands for datasets: ``validate`` a registry before loading it, ``export`` the graph."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from cli.common import StoreKindOpt, StoreOpt, console, err_console, fail, opened_store
from graph.errors import InvalidBatch, MethodnetError, Problem
from graph.model.limits import printable

__all__ = ["register", "render_problems"]

_SHOWN = 500


class ExportFormatOpt(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    graphml = "graphml"
    gexf = "gexf"


_NOTHING_WRITTEN = ("nothing was written", "ничего не записано")
PARTLY_WRITTEN = ("the chunks before this one were written; load the corrected data again to "
                  "complete the load", "предыдущие части записаны; загрузите исправленные данные "
                  "снова")


def render_problems(problems: Sequence[Problem], *, limit: int = _SHOWN,
                    outcome: tuple[str, str] = _NOTHING_WRITTEN) -> Table:
    """The error report: one line per problem with file, row, column and the message in English
    and Russian; at most ``limit`` lines, the title says how many there are and ``outcome``
    what became of the load (in English and Russian)."""
    n = len(problems)
    title = f"{n} problem(s); {outcome[0]} / проблем: {n}, {outcome[1]}"
    table = Table(title=title, title_style="bold red", show_lines=False)
    table.add_column("file / файл")
    table.add_column("row / строка", justify="right")
    table.add_column("column / столбец")
    table.add_column("problem / проблема", overflow="fold")
    for p in problems[:limit]:
        # Values from the file are shown, never run: escapes as \x1b, markup as text.
        message = printable(p.message) + (f"\n{printable(p.message_ru)}" if p.message_ru else "")
        table.add_row(Text(printable(p.where)), "" if p.row is None else str(p.row),
                      Text(printable(p.column or "")), Text(message))
    if len(problems) > limit:
        table.caption = f"… and {len(problems) - limit} more / и ещё {len(problems) - limit}"
    return table


def validate(
    path: Annotated[Path, typer.Argument(help="a dataset folder of CSV files or an .xlsx "
                                              "workbook", exists=True)],
    store: Annotated[StoreKindOpt | None, typer.Option(
        "--store", "-s",
        help="also accept ids already in this store (memory or neo4j), e.g. the regulations' "
             "bodies; without it the dataset must be complete in itself")] = None,
) -> None:
    """Check a dataset and report every problem; writes nothing.

    Example: [bold]methodnet validate data/samples/leningrad --store memory[/]
    """
    from graph.loaders.dataset import read_dataset

    try:
        if store is None:
            batch = read_dataset(path)
        else:
            from graph.loaders.dataset.guard import ImportGuard

            with opened_store(store, readonly=True) as s:
                batch = read_dataset(path, known=s.get_ends, guard=ImportGuard.over(s))
    except InvalidBatch as e:
        err_console.print(render_problems(e.problems))
        raise typer.Exit(1) from None
    except MethodnetError as e:
        fail(str(e))
    console.print(f"{path}: no problems; {len(batch.nodes)} nodes and {len(batch.edges)} "
                  "edges would be written")


def export(
    out: Annotated[Path, typer.Option("--out", "-o", help="a folder for csv, a file otherwise")],
    fmt: Annotated[ExportFormatOpt, typer.Option(
        "--format", "-f", help="csv or xlsx (the dataset format, loads back), graphml or gexf "
                               "(for Gephi)")] = ExportFormatOpt.csv,
    territory: Annotated[str | None, typer.Option(
        "--territory", "-t", help="only this region or municipality id and what hangs off it")
    ] = None,
    store: StoreOpt = None,
) -> None:
    """Export the graph or one territory: csv/xlsx round-trip through `load`, graphml/gexf open
    in Gephi.

    Example: [bold]methodnet export --format xlsx --territory RU-LEN-vsevolozhsky --out vsev.xlsx[/]
    """
    from graph.export import export as run_export

    with opened_store(store, readonly=True) as s:
        report = run_export(s, out, fmt.value, territory_id=territory)
    table = Table(title=str(report))
    table.add_column("label / type")
    table.add_column("exported", justify="right")
    for name, n in sorted({**report.nodes, **report.edges}.items()):
        table.add_row(name, str(n))
    for name, n in sorted(report.skipped.items()):
        table.add_row(f"[dim]{name} (left out)[/]", str(n))
    console.print(table)
    if report.skipped and fmt.value in ("csv", "xlsx"):
        console.print("[dim]the regulation knowledge is not part of the dataset format; "
                      "export graphml or gexf to keep it[/]")
    for note in sorted(set(report.notes))[:20]:
        console.print(f"  [yellow]note:[/] {note}")


def register(app: typer.Typer) -> None:
    """Add ``validate`` and ``export`` to the ``methodnet`` app."""
    app.command("validate")(validate)
    app.command("export")(export)
