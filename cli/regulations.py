"""``methodnet regulations show|check``: what the loader read from a regulation (``methodnet
duties`` and the other questions on regulations are verbs of the registry, :mod:`cli.questions`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from cli.common import (
    FormatOpt,
    OutputFormat,
    StoreOpt,
    console,
    err_console,
    fail,
    opened_store,
    print_rows,
)
from graph.errors import InvalidBatch, NodeNotFound

__all__ = ["register"]

regulations_app = typer.Typer(help="What the loader read from a regulation.",
                              no_args_is_help=True)

OutOpt = Annotated[Path | None, typer.Option(
    "--out", "-o", help="write to this file (needed for --format xlsx)")]


def register(app: typer.Typer) -> None:
    """Add the regulations commands to the ``methodnet`` app."""
    app.add_typer(regulations_app, name="regulations")


@regulations_app.command("show")
def show(
    regulation_id: Annotated[str, typer.Argument(help="the regulation's id, e.g. reg-zeya-gms")],
    fmt: FormatOpt = OutputFormat.table,
    out: OutOpt = None,
    store: StoreOpt = None,
) -> None:
    """What was read from a loaded regulation: clauses, bodies with their duties and
    categories, relations, terms, citations, and the clauses nothing was read from.

    Example: [bold]methodnet regulations show reg-zeya-gms --format json[/]
    """
    from graph.queries.regulations import regulation_extract

    with opened_store(store, readonly=True) as s:
        try:
            extract = regulation_extract(s, regulation_id)
        except NodeNotFound as e:
            fail(str(e))
    _print(extract, fmt, out)


@regulations_app.command("check")
def check(
    path: Annotated[Path, typer.Argument(help="a regulation file: .txt (any common Russian "
                                              "encoding), .docx, .pdf, .rtf or .html (a saved "
                                              "web page)")],
    reg: Annotated[str | None, typer.Option("--id", help="its id (default reg-<file name>)")
                   ] = None,
    title: Annotated[str | None, typer.Option(help="its title (default: its first lines)")
                     ] = None,
    territory: Annotated[str | None, typer.Option(help="its territory id, e.g. RU-PSK")] = None,
    level: Annotated[str | None, typer.Option(
        help="its level: federal, regional, municipal or institutional")] = None,
    meta: Annotated[Path | None, typer.Option(
        help="its metadata file (default: the .meta.json beside it)")] = None,
    gazetteer: Annotated[Path | None, typer.Option(
        help="the gazetteer (default: bodies.json beside it, else the bundled one)")] = None,
    fmt: FormatOpt = OutputFormat.table,
    out: OutOpt = None,
) -> None:
    """Read a regulation file and show what would be loaded from it, writing nothing.

    Example: [bold]methodnet regulations check polozhenie.docx --territory RU-PSK[/]
    """
    from cli.main import _report_problems
    from graph.loaders.regulations import read_regulation_path
    from graph.queries.regulations import regulation_extract
    from graph.store import MemoryStore

    if not path.is_file():
        fail(f"{path} is not a file / {path} — не файл")
    options: dict[str, object] = {"id": reg, "title": title, "territory_id": territory,
                                   "level": level}
    try:
        batch, report, doc = read_regulation_path(path, options=options, meta_file=meta,
                                                  gazetteer=gazetteer, force=True)
        scratch = MemoryStore()  # in memory only: nothing is written anywhere
        scratch.write(batch)
    except InvalidBatch as e:
        _report_problems(e)
        raise typer.Exit(1) from None
    extract = regulation_extract(scratch, doc.meta.id)
    unread: tuple[dict[str, object], ...] = tuple(
        {"clause": "", "line": s.line, "why": s.reason, "text": s.what} for s in report.skipped)
    from dataclasses import replace

    extract = replace(extract, unread=unread)
    _print(extract, fmt, out)
    if fmt is OutputFormat.table:
        labels = {r.label for r in doc.batch.nodes.values()}
        if "Clause" not in labels or not extract.bodies:
            err_console.print("[yellow]no clause or no body found: `methodnet load` refuses "
                              "this text without --force[/]")


def _print(extract: object, fmt: OutputFormat, out: Path | None) -> None:
    from graph.queries.regulations import RegulationExtract

    assert isinstance(extract, RegulationExtract)
    if fmt is OutputFormat.json:
        data = {"regulation": extract.regulation,
                **{name: list(getattr(extract, name)) for name in extract.SECTIONS}}
        text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
        if out is None:
            print(text)
        else:
            out.write_text(text + "\n", encoding="utf-8")
            err_console.print(f"wrote {out}")
        return
    if fmt in (OutputFormat.csv, OutputFormat.xlsx):
        print_rows(extract.rows(), fmt, title=str(extract.regulation["id"]), out=out)
        return
    r = extract.regulation
    console.print(f"[bold]{r['id']}[/]: {r.get('title')} ({r.get('territory_id') or '—'}, "
                  f"{r.get('level') or '—'})")
    columns = {
        "clauses": ("number", "text"),
        "bodies": ("id", "name", "kind", "level", "duties", "categories"),
        "duties": ("clause", "body", "text", "categories"),
        "relations": ("clause", "source", "type", "target"),
        "terms": ("clause", "name", "abbreviation", "definition"),
        "citations": ("clause", "act_kind", "title", "date", "number"),
        "unread": ("clause", "line", "text", "why"),
    }
    titles = {"unread": "not understood / не распознано"}
    for name in extract.SECTIONS:
        rows = [{c: row.get(c) for c in columns[name]} for row in getattr(extract, name)]
        if rows:
            print_rows(rows, OutputFormat.table, title=f"{titles.get(name, name)} ({len(rows)})")
