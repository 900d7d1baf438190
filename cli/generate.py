"""``methodnet generate``: a synthetic dataset of any scale, deterministic for a seed."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from cli.common import QuietOpt, console, err_console, fail, progress_bar
from graph.errors import MethodnetError

__all__ = ["generate", "register"]


class ScaleOpt(StrEnum):
    district = "district"
    region = "region"
    nation = "nation"


class ProfileOpt(StrEnum):
    leningrad = "leningrad"
    zeya = "zeya"


def generate(
    scale: Annotated[ScaleOpt, typer.Option(
        help="district (~17 schools), region (~470 schools, ~12 000 teachers) or nation "
             "(~85 regions, ~40 000 schools, ~1.1 million teachers)")],
    seed: Annotated[int, typer.Option(help="the same seed writes byte-identical files")],
    out: Annotated[Path, typer.Option(help="dataset folder to write (created if missing)",
                                      file_okay=False)],
    profile: Annotated[ProfileOpt | None, typer.Option(
        help="a sample region on its real structure: leningrad (scale region) or zeya "
             "(scale district)")] = None,
    quiet: QuietOpt = False,
) -> None:
    """Write a synthetic dataset (made-up people and schools) in the documented CSV format.

    Example: [bold]methodnet generate --scale region --seed 47 --profile leningrad
    --out data/samples/leningrad[/]
    """
    from graph.generate import generate as run

    with progress_bar(f"generating {scale.value}", quiet=quiet) as bar:
        try:
            report = run(scale.value, seed, out,
                         profile=profile.value if profile else None,
                         progress=lambda _stage, done, total: bar(done, total))
        except MethodnetError as e:
            fail(str(e))
    if quiet:
        return
    table = Table(title=f"{out} (synthetic, seed {seed})")
    table.add_column("sheet")
    table.add_column("rows", justify="right")
    for sheet, n in report.rows.items():
        table.add_row(f"{sheet}.csv", str(n))
    console.print(table)
    gaps = ", ".join(f"{k} {v}" for k, v in report.gaps.items())
    err_console.print(f"[dim]deliberate gaps: {gaps}[/]")


def register(app: typer.Typer) -> None:
    """Add ``generate`` to the ``methodnet`` app."""
    app.command("generate")(generate)
