"""What every command shares: the store option, opening the store, output and errors."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph.errors import InvalidBatch, MethodnetError
from graph.settings import Settings, get_settings
from graph.spreadsheet import escape_csv_cell, xlsx_row
from graph.store import Store, open_store

__all__ = [
    "FormatOpt",
    "OutputFormat",
    "QuietOpt",
    "StoreOpt",
    "console",
    "err_console",
    "fail",
    "opened_store",
    "print_rows",
    "progress_bar",
]

console = Console()
err_console = Console(stderr=True)


class StoreKindOpt(StrEnum):
    memory = "memory"
    neo4j = "neo4j"


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


StoreOpt = Annotated[
    StoreKindOpt | None,
    typer.Option("--store", "-s", help="memory (embedded, default) or neo4j; env METHODNET_STORE"),
]
FormatOpt = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="table, json, csv or xlsx")
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="no progress bars")]


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a one-line error (never a traceback) and exit."""
    err_console.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


@contextmanager
def opened_store(
    kind: StoreKindOpt | None, *, readonly: bool = False, settings: Settings | None = None
) -> Iterator[Store]:
    """Open the chosen store for one command; library errors become a one-line message."""
    settings = settings or get_settings()
    try:
        store = open_store(
            settings, kind.value if kind else None, readonly=readonly,
            say=lambda m: err_console.print(f"[dim]{m}[/]"),
        )
    except MethodnetError as e:
        fail(str(e))
    try:
        yield store
    except InvalidBatch:
        raise
    except MethodnetError as e:
        fail(str(e))
    finally:
        store.close()


@contextmanager
def progress_bar(description: str, *, quiet: bool = False) -> Iterator[Callable[[int, int], None]]:
    """A rich progress bar fed by ``progress(done, total)`` callbacks; silent with ``quiet``."""
    if quiet or not sys.stderr.isatty():
        yield lambda done, total: None
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err_console, transient=True) as bar:
        task = bar.add_task(description, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)  # 0: not known

        yield update


def print_rows(
    rows: Sequence[dict[str, Any]],
    fmt: OutputFormat,
    *,
    title: str | None = None,
    out: Path | None = None,
) -> None:
    """Print (or write to ``out``) rows of plain values in the chosen format."""
    columns = list(rows[0]) if rows else []
    if fmt is OutputFormat.json:
        text = json.dumps(rows, ensure_ascii=False, indent=2, default=str)
        _emit(text, out)
    elif fmt is OutputFormat.csv:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns)
        writer.writeheader()
        writer.writerows({k: escape_csv_cell(_cell(v)) for k, v in r.items()} for r in rows)
        _emit(buf.getvalue(), out)
    elif fmt is OutputFormat.xlsx:
        if out is None:
            fail("--format xlsx needs --out FILE.xlsx")
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        assert ws is not None
        # A sheet's name may not hold : \ / ? * [ ] (openpyxl refuses the workbook).
        ws.title = re.sub(r"[:\\/?*\[\]]", " ", title or "report")[:31]
        ws.append(xlsx_row(ws, columns))
        for r in rows:
            ws.append(xlsx_row(ws, [_cell(r[c]) for c in columns]))
        wb.save(out)
        err_console.print(f"wrote {len(rows)} rows to {out}")
    else:
        table = Table(title=title, show_lines=False)
        for c in columns:
            table.add_column(c)
        for r in rows:
            table.add_row(*(_cell(r[c]) for c in columns))
        console.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "|".join(str(v) for v in value)
    return str(value)


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        out.write_text(text, encoding="utf-8")
        err_console.print(f"wrote {out}")
