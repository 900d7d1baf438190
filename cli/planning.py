"""``methodnet plan``: who could close each gap, the optimal plan, and accepting it from a file."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Annotated, Any

import typer

from cli.common import FormatOpt, OutputFormat, StoreOpt, fail, opened_store, print_rows
from graph.errors import InvalidBatch
from graph.queries.plan import Plan, accept, check_revision, plan
from graph.rules import DEFAULT_LOAD_NORM
from graph.spreadsheet import unescape_csv_cell

__all__ = ["read_plan_file", "register", "rows_of"]

plan_app = typer.Typer(help="Close the gaps: the optimal plan of new support, and accepting it.")

KEEP = "keep"
"""The tick column: a row whose cell is not empty (and not «нет», «no», «0») is accepted."""
_NO = {"", "0", "no", "нет", "false"}
_COLUMNS = (KEEP, "gap_kind", "target", "target_title", "subject", "methodist",
            "candidate_kind", "edge", "distance", "district", "reason", "territory", "period",
            "revision")


def rows_of(p: Plan, titles: dict[str, str]) -> list[dict[str, Any]]:
    """The plan as rows: its assignments (ticked) then the gaps left open (reason given)."""
    common = {"territory": p.territory_id, "period": p.period, "revision": p.revision}
    rows: list[dict[str, Any]] = [
        {KEEP: "x", "gap_kind": a.gap_kind.value, "target": a.target,
         "target_title": titles.get(a.target, a.target), "subject": a.subject,
         "methodist": a.source, "candidate_kind": a.candidate_kind.value,
         "edge": a.edge_type, "distance": a.distance,
         "district": None, "reason": None, **common}
        for a in p.assignments]
    rows += [{KEEP: "", "gap_kind": u.gap.kind.value, "target": u.gap.node_id,
              "target_title": u.gap.title, "subject": u.gap.subject, "methodist": None,
              "candidate_kind": None, "edge": None, "distance": None,
              "district": u.gap.territory_id,
              "reason": u.reason_ru, **common} for u in p.unclosable]
    return rows


@plan_app.callback(invoke_without_command=True)
def show(
    ctx: typer.Context,
    territory: Annotated[str | None, typer.Option(
        "--territory", "-t", help="a region or a district id, e.g. RU-LEN-tosnensky")] = None,
    period: Annotated[str | None, typer.Option(
        "--period", "-p", help="monitoring period, e.g. 2025-H1")] = None,
    norm: Annotated[int | None, typer.Option(
        help=f"load norm per methodist (default: METHODNET_LOAD_NORM, "
             f"{DEFAULT_LOAD_NORM})")] = None,
    store: StoreOpt = None,
    fmt: FormatOpt = OutputFormat.table,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="write to this file")] = None,
) -> None:
    """The plan that closes the most gaps of a territory, and the gaps it cannot close.

    Example: [bold]methodnet plan --territory RU-LEN --period 2025-H1 -f xlsx -o plan.xlsx[/];
    untick rows in the «keep» column, then [bold]methodnet plan accept plan.xlsx --as anna[/]
    """
    if ctx.invoked_subcommand is not None:
        return
    if territory is None or period is None:
        fail("--territory and --period are required / укажите --territory и --period")
    with opened_store(store, readonly=True) as s:
        p = plan(s, territory, period, norm=norm)
        titles = _titles(s, [a.target for a in p.assignments])
    print_rows(rows_of(p, titles), fmt, out=out,
               title=f"Plan {territory} {period}: closes {len(p.assignments)}, "
                     f"open {len(p.unclosable)} (revision {p.revision})")


def _titles(s: Any, ids: list[str]) -> dict[str, str]:
    from graph.queries.nodes import title_of

    return {i: title_of(n) for i, n in s.get_nodes(ids).items()}


def read_plan_file(path: Path
                   ) -> tuple[str, str, int | None, list[tuple[int, str, str, str]]]:
    """Territory, period, revision and the ticked ``(row, methodist, target, gap_kind)`` of a
    plan file (CSV or XLSX as ``methodnet plan`` writes it; ``methodist`` names whoever takes
    the gap, ``gap_kind`` may be empty); errors name the file, row and column."""
    rows = _read(path)
    if not rows:
        raise ValueError(f"{path.name}: no rows / в файле нет строк")
    missing = [c for c in ("keep", "methodist", "target", "territory", "period", "revision")
               if c not in rows[0][1]]
    if missing:
        raise ValueError(f"{path.name}: no column {', '.join(missing)} / нет столбца "
                         f"{', '.join(missing)}")
    first = rows[0][1]
    territory, period = str(first["territory"]), str(first["period"])
    raw = first["revision"]
    revision = int(raw) if raw not in (None, "") else None
    ticked = []
    for n, row in rows:
        if str(row.get(KEEP) or "").strip().casefold() in _NO:
            continue
        if not row.get("methodist"):
            raise ValueError(f"{path.name}, row {n}, column methodist: a ticked row names no "
                             f"methodist / строка {n}: отмечена, но методист не указан")
        if (str(row["territory"]), str(row["period"])) != (territory, period):
            raise ValueError(f"{path.name}, row {n}, column territory: rows of one plan only "
                             f"/ строка {n}: строки другого плана")
        ticked.append((n, str(row["methodist"]), str(row["target"]),
                       str(row.get("gap_kind") or "")))
    return territory, period, revision, ticked


def _read(path: Path) -> list[tuple[int, dict[str, Any]]]:
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        ws = load_workbook(path, read_only=True, data_only=True).active
        assert ws is not None
        values = [list(r) for r in ws.iter_rows(values_only=True)]
        if not values:
            return []
        head = [str(h or "") for h in values[0]]
        return [(i, dict(zip(head, r, strict=False))) for i, r in enumerate(values[1:], 2)]
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [(i, {k: unescape_csv_cell(v or "") for k, v in r.items()})
                for i, r in enumerate(csv.DictReader(f), 2)]


@plan_app.command("accept")
def accept_file(
    path: Annotated[Path, typer.Argument(help="a plan file (xlsx or csv) from methodnet plan",
                                         exists=True, dir_okay=False)],
    as_user: Annotated[str | None, typer.Option(
        "--as", help="accept as this user: only what their role and territory allow, and the "
                     "audit log names them")] = None,
    norm: Annotated[int | None, typer.Option(help="the load norm the plan used")] = None,
    store: StoreOpt = None,
) -> None:
    """Write the ticked rows of a plan file as new support and mentoring, all or nothing.

    The plan is computed again on the store: a file from an older revision is refused, and
    every ticked row must be one of the plan's assignments.

    Example: [bold]methodnet plan accept plan.xlsx --as anna[/]
    """
    from cli.main import _load_actor
    from cli.users import cli_actor

    try:
        territory, period, revision, ticked = read_plan_file(path)
    except (ValueError, OSError) as e:
        fail(str(e))
    with opened_store(store) as s:
        actor, scope = _load_actor(s, as_user, accept)
        check_revision(s, revision)  # before the plan, so a stale file is named as such
        p = plan(s, territory, period, scope=scope, norm=norm)
        offered: set[tuple[str, ...]] = {(a.source, a.target) for a in p.assignments}
        offered |= {(a.source, a.target, a.gap_kind.value) for a in p.assignments}
        keep = [(m, t, k) if k else (m, t) for _, m, t, k in ticked]
        for (n, m, t, _), key in zip(ticked, keep, strict=True):
            if key not in offered:
                fail(f"{path.name}, row {n}: {m} → {t} is not in the plan / строка {n}: "
                     f"{m} → {t} нет в плане")
        try:
            summary = accept(s, p, scope=scope, actor=actor or cli_actor(), revision=revision,
                             keep=keep, via="cli")
        except InvalidBatch as e:
            fail("; ".join(pr.message_ru or pr.message for pr in e.problems))
    print(f"{path.name}: {summary}")


def register(app: typer.Typer) -> None:
    """Add ``plan`` (and ``plan accept``) to the ``methodnet`` app."""
    app.add_typer(plan_app, name="plan")
