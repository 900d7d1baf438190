"""``methodnet duties``: who must perform a duty category, by which clause."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.common import FormatOpt, OutputFormat, StoreOpt, fail, opened_store, print_rows
from graph.model.enums import DutyCategory

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the regulations commands to the ``methodnet`` app."""
    app.command("duties")(duties)


def duties(
    category: Annotated[str, typer.Argument(
        help="duty category: " + ", ".join(c.value for c in DutyCategory))],
    territory: Annotated[str | None, typer.Option(
        "--territory", "-t", help="only regulations of this territory (and its region or "
                                  "municipalities), e.g. RU-LEN-vsevolozhsky")] = None,
    fmt: FormatOpt = OutputFormat.table,
    store: StoreOpt = None,
) -> None:
    """Who must perform a duty category, and by which clause of which regulation.

    Example: [bold]methodnet duties low_results_support --territory RU-LEN[/]
    """
    from graph.queries.regulations import who_must

    if category not in {c.value for c in DutyCategory}:
        fail(f"unknown duty category {category!r}; known: "
             + ", ".join(c.value for c in DutyCategory))
    with opened_store(store, readonly=True) as s:
        rows = [
            {"body": o.organization, "body_id": o.organization_id,
             "regulation": o.regulation_id, "clause": o.clause_number, "duty": o.duty}
            for o in who_must(s, category, territory_id=territory)
        ]
    print_rows(rows, fmt, title=f"who must: {category}")
