"""Export of the graph or one territory: as a dataset (CSV, XLSX) or for Gephi (GraphML, GEXF)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import networkx as nx

from graph.errors import MethodnetError, NodeNotFound
from graph.loaders.dataset.columns import SHEETS, format_cell
from graph.loaders.dataset.guard import FROM_REGULATIONS
from graph.loaders.dataset.reader import META_FILE, META_SHEET
from graph.model.base import EdgeRecord, NodeRecord
from graph.rules import region_of, territory_closure
from graph.spreadsheet import escape_csv_cell, xlsx_row
from graph.store.base import Store

__all__ = ["KNOWLEDGE_LABELS", "ExportFormat", "ExportReport", "export", "territory_scope"]

ExportFormat = Literal["csv", "xlsx", "graphml", "gexf"]

KNOWLEDGE_LABELS = ("Regulation", "Clause", "Term", "Duty", "Indicator")
"""The regulation knowledge: not part of the dataset format, so CSV and XLSX leave it out."""

_BODY_RELATIONS = {"PART_OF", "ATTACHED_TO", "COORDINATES", "GUIDES", "SUBORDINATE_TO",
                   "INTERACTS_WITH", "CHAIRS"}
_EDGE_SHEETS = {
    "EMPLOYED_AT": "employment", "HAS_ROLE": "roles", "MEMBER_OF": "memberships",
    "SUPPORTS": "support", "MENTORS": "support", "TUTORS": "support", "CURATES": "support",
    "HAS_DEFICIT": "deficits", "COMPLETED": "completions", "INTERNSHIP_SITE": "internship_sites",
    "HORIZONTAL_LEARNING": "horizontal_learning",
}
# What the store keeps about a node that is not the dataset's to say (see the import guard).
_NOT_EXPORTED = {FROM_REGULATIONS}
# Edges a node's row already says (a diagnostic's person_id, a route's competency_ids…).
_FOLDED = {"HAS_DIAGNOSTIC", "HAS_ROUTE", "ADDRESSES", "INCLUDES", "PROVIDED_BY",
           "HAS_ASSESSMENT"}


@dataclass
class ExportReport:
    """What an export wrote, and what it left out and why."""

    out: Path
    format: str
    nodes: Counter[str] = field(default_factory=Counter)
    edges: Counter[str] = field(default_factory=Counter)
    rows: dict[str, int] = field(default_factory=dict)  # per sheet, for csv and xlsx
    skipped: Counter[str] = field(default_factory=Counter)  # label or type → how many
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = (f"wrote {sum(self.nodes.values())} nodes and {sum(self.edges.values())} edges "
                f"to {self.out} ({self.format})")
        if self.skipped:
            text += "; left out " + ", ".join(f"{n} {k}" for k, n in sorted(self.skipped.items()))
        return text


def export(
    store: Store,
    out: Path,
    fmt: ExportFormat,
    *,
    territory_id: str | None = None,
) -> ExportReport:
    """Write the graph (or one territory and what hangs off it) to ``out``.

    ``csv`` writes a dataset folder and ``xlsx`` one workbook, in the dataset format, so that
    loading them gives the same graph; the regulation knowledge (``KNOWLEDGE_LABELS``) is not
    part of that format and is left out. ``graphml`` and ``gexf`` write everything, for Gephi.

    >>> import tempfile
    >>> from pathlib import Path
    >>> from graph.loaders.dataset import load_dataset
    >>> from graph.store import MemoryStore
    >>> store = MemoryStore(); _ = load_dataset(store, Path("tests/data/tiny"))
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     report = export(store, Path(tmp) / "vsev", "csv", territory_id="RU-LEN-vsevolozhsky")
    >>> report.nodes["Person"], report.rows["people"]
    (6, 6)
    """
    if fmt not in ("csv", "xlsx", "graphml", "gexf"):
        raise MethodnetError(f"unknown export format {fmt!r}: csv, xlsx, graphml or gexf")
    scope = territory_scope(store, territory_id) if territory_id else None
    nodes = [n for n in store.nodes() if scope is None or n.id in scope]
    ids = {n.id for n in nodes}
    edges = [e for e in store.edges() if e.source in ids and e.target in ids]
    report = ExportReport(out, fmt)
    if fmt in ("csv", "xlsx"):
        sheets = _dataset_rows(nodes, edges, report)
        meta = _meta(nodes, territory_id)
        if fmt == "csv":
            _write_csv(out, sheets, meta)
        else:
            _write_xlsx(out, sheets, meta)
        report.rows = {name: len(rows) for name, rows in sheets.items()}
    else:
        graph = _gephi_graph(nodes, edges)
        out.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "graphml":
            nx.write_graphml(graph, out)
        else:
            nx.write_gexf(graph, out)
        report.nodes.update(n.label for n in nodes)
        report.edges.update(e.type for e in edges)
    return report


# -- scope -----------------------------------------------------------------------------------


def territory_scope(store: Store, territory_id: str) -> set[str]:
    """The ids of a territory and what hangs off it.

    A region brings its municipalities; a municipality brings its region's node (so its rows
    load on their own). Then: the organizations located there (and their units without a
    territory of their own), the people employed or holding a role in them, those people's
    diagnostics, routes, deficits' competencies and programmes, and the schools' assessments.

    >>> from pathlib import Path
    >>> from graph.loaders.dataset import load_dataset
    >>> from graph.store import MemoryStore
    >>> store = MemoryStore(); _ = load_dataset(store, Path("tests/data/tiny"))
    >>> sorted(i for i in territory_scope(store, "RU-LEN-gatchinsky") if "-p-" in i)
    ['tiny-p-kuznetsova', 'tiny-p-morozov', 'tiny-p-volkova']
    """
    root = store.get_node(territory_id)
    if root is None or root.label not in ("Region", "Municipality"):
        raise NodeNotFound(f"territory {territory_id!r} is not a region or municipality "
                           "in the store")
    # A region brings its municipalities (graph.rules.territory_closure), a municipality the
    # node of its region.
    territories = territory_closure(store, [root.id])
    extra = {r for r in (region_of(root),) if r is not None} - territories
    located = {e.source for e in store.edges("LOCATED_IN", targets=sorted(territories))}
    orgs = {i for i, rec in store.get_nodes(sorted(located)).items()
            if rec.label == "Organization"}
    orgs |= {o.id for o in store.nodes("Organization",
                                       where={"territory_id": sorted(territories)})}
    orgs -= territories
    frontier = set(orgs)
    while frontier:  # units and councils of those bodies that have no territory of their own
        units = {e.source for e in store.edges(["PART_OF", "ATTACHED_TO"],
                                               targets=sorted(frontier))}
        units = {u for u, rec in store.get_nodes(units).items()
                 if rec.label == "Organization" and not rec.props.get("territory_id")}
        frontier = units - orgs
        orgs |= frontier
    people = {e.source for e in store.edges(["EMPLOYED_AT", "HAS_ROLE"], targets=sorted(orgs))}
    owned = store.edges(["HAS_DIAGNOSTIC", "HAS_ROUTE"], sources=sorted(people))
    routes = {e.target for e in owned if e.type == "HAS_ROUTE"}
    reference = store.edges(["HAS_DEFICIT", "COMPLETED"], sources=sorted(people))
    reference += store.edges(["ADDRESSES", "INCLUDES"], sources=sorted(routes))
    assessments = {e.target for e in store.edges("HAS_ASSESSMENT", sources=sorted(orgs))}
    return (territories | extra | orgs | people | {e.target for e in owned}
            | {e.target for e in reference} | assessments)



# -- dataset rows ----------------------------------------------------------------------------


def _dataset_rows(nodes: list[NodeRecord], edges: list[EdgeRecord],
                  report: ExportReport) -> dict[str, list[dict[str, Any]]]:
    by_id = {n.id: n for n in nodes}
    out_edges: dict[tuple[str, str], list[EdgeRecord]] = defaultdict(list)  # (type, node)
    in_edges: dict[tuple[str, str], list[EdgeRecord]] = defaultdict(list)
    for e in edges:
        out_edges[(e.type, e.source)].append(e)
        in_edges[(e.type, e.target)].append(e)
    sheets: dict[str, list[dict[str, Any]]] = {name: [] for name in SHEETS}
    leftover: Counter[str] = Counter()

    def first(edges_: list[EdgeRecord], what: str, node: NodeRecord, end: str) -> str | None:
        if len(edges_) > 1:
            report.notes.append(f"{node.label} {node.id!r} has {len(edges_)} {what} edges; "
                                f"the format keeps one ({getattr(edges_[0], end)!r})")
            leftover[what] += len(edges_) - 1
        return getattr(edges_[0], end) if edges_ else None

    for n in nodes:
        p = n.props
        if n.label in KNOWLEDGE_LABELS:
            report.skipped[n.label] += 1
            continue
        if n.label == "Region":
            row = {"id": n.id, "kind": "region", **p}
            sheet = "territories"
        elif n.label == "Municipality":
            row = {"id": n.id, "kind": "municipality", **p}
            sheet = "territories"
        elif n.label == "Organization":
            row, sheet = {"id": n.id, **p}, "organizations"
        elif n.label == "Person":
            row, sheet = {"id": n.id, **p}, "people"
        elif n.label == "Competency":
            row, sheet = {"id": n.id, **p}, "competencies"
        elif n.label == "Diagnostic":
            person = first(in_edges[("HAS_DIAGNOSTIC", n.id)], "HAS_DIAGNOSTIC", n, "source")
            row, sheet = {"id": n.id, "person_id": person, **p}, "diagnostics"
        elif n.label == "Programme":
            provider = first(out_edges[("PROVIDED_BY", n.id)], "PROVIDED_BY", n, "target")
            row, sheet = {"id": n.id, "provider_id": provider, **p}, "programmes"
        elif n.label == "IndividualRoute":
            person = first(in_edges[("HAS_ROUTE", n.id)], "HAS_ROUTE", n, "source")
            row = {"id": n.id, "person_id": person, **p,
                   "competency_ids": [e.target for e in out_edges[("ADDRESSES", n.id)]],
                   "programme_ids": [e.target for e in out_edges[("INCLUDES", n.id)]]}
            sheet = "routes"
        elif n.label == "Assessment":
            school = first(in_edges[("HAS_ASSESSMENT", n.id)], "HAS_ASSESSMENT", n, "source")
            row, sheet = {"id": n.id, "school_id": school, **p}, "assessments"
        else:
            report.skipped[n.label] += 1
            report.notes.append(f"{n.label} nodes have no sheet in the dataset format")
            continue
        _put(sheets, sheet, row, report, f"{n.label} {n.id!r}")
        report.nodes[n.label] += 1

    for e in edges:
        source, target = by_id[e.source], by_id[e.target]
        if source.label in KNOWLEDGE_LABELS or target.label in KNOWLEDGE_LABELS:
            report.skipped[e.type] += 1
            continue
        if e.type in _FOLDED:
            report.edges[e.type] += 1
            continue
        if e.type == "LOCATED_IN":
            home = source.props.get("territory_id" if source.label == "Organization"
                                    else "region_id")
            if home == e.target:
                report.edges[e.type] += 1
                continue
            row, sheet = {"source_id": e.source, "type": e.type, "target_id": e.target,
                          **e.props}, "org_relations"
        elif e.type in _BODY_RELATIONS:
            row, sheet = {"source_id": e.source, "type": e.type, "target_id": e.target,
                          **e.props}, "org_relations"
        elif e.type in _EDGE_SHEETS:
            sheet = _EDGE_SHEETS[e.type]
            ends = [c for c in SHEETS[sheet].columns if c.endswith("_id")][:2]
            row = {ends[0]: e.source, ends[1]: e.target, **e.props}
            if sheet == "support":
                row["type"] = e.type
        else:
            report.skipped[e.type] += 1
            report.notes.append(f"{e.type} edges have no sheet in the dataset format")
            continue
        _put(sheets, sheet, row, report, f"{e.type} {e.id!r}")
        report.edges[e.type] += 1
    for what, extra in leftover.items():
        report.skipped[what] += extra
        report.edges[what] -= extra
    return {name: rows for name, rows in sheets.items() if rows}


def _put(sheets: dict[str, list[dict[str, Any]]], sheet: str, row: dict[str, Any],
         report: ExportReport, what: str) -> None:
    columns = SHEETS[sheet].columns
    lost = sorted(set(row) - set(columns) - _NOT_EXPORTED)
    if lost:
        report.notes.append(f"{what}: {', '.join(lost)} have no column in {sheet}; left out")
    sheets[sheet].append({c: row.get(c) for c in columns})


def _meta(nodes: list[NodeRecord], territory_id: str | None) -> dict[str, Any]:
    people = [n for n in nodes if n.label == "Person"]
    return {
        "name": f"methodnet export{' of ' + territory_id if territory_id else ''}",
        "synthetic": bool(people) and all(p.props.get("synthetic") for p in people),
        "description": f"exported on {dt.date.today().isoformat()}",
        "source": "methodnet export",
    }


def _write_csv(out: Path, sheets: dict[str, list[dict[str, Any]]], meta: dict[str, Any]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name in SHEETS:  # a stale file from an earlier export would be loaded with this one
        (out / f"{name}.csv").unlink(missing_ok=True)
    (out / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n",
                                 encoding="utf-8")
    for name, rows in sheets.items():
        columns = SHEETS[name].columns
        with open(out / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(columns)
            writer.writerows([escape_csv_cell(format_cell(r[c])) for c in columns]
                             for r in rows)


def _write_xlsx(out: Path, sheets: dict[str, list[dict[str, Any]]], meta: dict[str, Any]) -> None:
    from openpyxl import Workbook

    out.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(META_SHEET)
    ws.append(["key", "value"])
    for key, value in meta.items():
        ws.append(xlsx_row(ws, [key, format_cell(value)]))
    for name, rows in sheets.items():
        columns = SHEETS[name].columns
        dates = _date_columns(name)
        ws = wb.create_sheet(name)
        ws.append(columns)
        for r in rows:
            ws.append(xlsx_row(ws, [_xlsx_value(r[c], c in dates) for c in columns]))
    wb.save(out)


@cache
def _date_columns(sheet: str) -> frozenset[str]:
    props = SHEETS[sheet].row.model_json_schema()["properties"]
    return frozenset(name for name, schema in props.items()
                     if schema.get("format") == "date"
                     or any(s.get("format") == "date" for s in schema.get("anyOf", ())))


def _xlsx_value(value: Any, is_date: bool) -> Any:
    if value is None:
        return None
    if is_date and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if isinstance(value, list | tuple):
        return format_cell(value)
    return value


# -- Gephi -----------------------------------------------------------------------------------

_DISPLAY = ("short_name", "name", "full_name", "title", "number", "text")
# GEXF reads start/end as a time span and an edge's type as its direction; GraphML follows so
# that both files name things alike.
_RENAMED = {"start": "start_date", "end": "end_date", "type": "relation", "label": "node_label",
            "id": "node_id"}


def _gephi_graph(nodes: Iterable[NodeRecord], edges: Iterable[EdgeRecord]) -> nx.MultiDiGraph:
    """A networkx graph whose attributes GraphML and GEXF can hold: no lists, no ``None``."""
    g = nx.MultiDiGraph()
    for n in nodes:
        display = next((str(n.props[k]) for k in _DISPLAY if n.props.get(k)), n.id)
        attrs = {_RENAMED.get(k, k): _scalar(v) for k, v in n.props.items()}
        attrs.update(label=display[:120], node_label=n.label,
                     kind=str(n.props.get("kind", n.label)),
                     name=str(n.props.get("name") or n.props.get("full_name")
                              or n.props.get("title") or display))
        g.add_node(n.id, **attrs)
    for e in edges:
        attrs = {_RENAMED.get(k, k): _scalar(v) for k, v in e.props.items()}
        attrs.update(label=e.type, relation=e.type, id=e.id)
        g.add_edge(e.source, e.target, key=e.id, **attrs)
    return g


def _scalar(value: Any) -> str | int | float | bool:
    if isinstance(value, list | tuple):
        return "|".join(str(v) for v in value)
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)
