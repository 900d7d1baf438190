"""The ceiling: ``neo4j-admin database import full`` of a dataset, from CSV files made for it.

The dataset's sheets are read and validated row by row with the loader's models (no reference
checks: the import tool reports dangling ends itself), and every chunk of rows becomes one
node file per label and one relationship file per type, each with its own typed header. The
tool runs from the same Maven jars as the bench server (``org.neo4j.cli.AdminTool``) into a
database folder of its own, so nothing the server holds is touched.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from itertools import islice
from pathlib import Path
from typing import Any

from bench.harness import WORK_DIR, Clock

__all__ = ["export_csv", "run_import"]

_ARRAY = ";"


def _kind(values: list[Any]) -> str:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return "boolean"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "long"
    if present and all(isinstance(v, float | int) and not isinstance(v, bool)
                       for v in present):
        return "double"
    if present and all(isinstance(v, list) for v in present):
        return "string[]"
    return "string"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return _ARRAY.join(str(v) for v in value)
    return str(value)


def _write(path: Path, head: list[str], keys: list[str], rows: list[dict[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(head)
        for row in rows:
            w.writerow([_cell(row.get(k)) for k in keys])


def export_csv(path: Path, out: Path, rows: int = 50_000) -> dict[str, Any]:
    """Write import CSVs for the dataset at ``path`` into ``out``; the file lists and counts.

    Rows the loader's models reject are left out and listed under ``skipped``.
    """
    from graph.errors import InvalidBatch, Problem
    from graph.loaders.dataset.columns import SHEETS
    from graph.loaders.dataset.loader import _Checker, _meta
    from graph.loaders.dataset.reader import Table, read_tables

    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    problems: list[Problem] = []
    meta = _meta(path, problems)
    node_files: list[str] = []
    edge_files: list[str] = []
    nodes = edges = 0
    n = 0
    skipped: list[Problem] = []
    for table in read_tables(path, problems):
        while chunk := list(islice(table.rows, rows)):
            checker = _Checker(meta.synthetic)
            checker.read(Table(table.name, table.where, table.headers, iter(chunk),
                               table.list_seps), SHEETS[table.name], problems)
            # The ceiling measures the import tool, not the data: rows the loader rejects are
            # left out and counted, not fatal.
            skipped += problems
            problems = []
            by_label: dict[str, list[dict[str, Any]]] = {}
            for rec in checker.batch.nodes.values():
                by_label.setdefault(rec.label, []).append(
                    {**rec.props, "id": rec.id, ":LABEL": f"Node{_ARRAY}{rec.label}"})
            for label, recs in by_label.items():
                keys = sorted({k for r in recs for k in r} - {"id", ":LABEL"})
                head = ["id:ID", ":LABEL"] + [f"{k}:{_kind([r.get(k) for r in recs])}"
                                              for k in keys]
                n += 1
                file = out / f"n{n:05d}-{label}.csv"
                _write(file, head, ["id", ":LABEL", *keys], recs)
                node_files.append(str(file))
                nodes += len(recs)
            by_type: dict[str, list[dict[str, Any]]] = {}
            for erec in checker.batch.edges.values():
                by_type.setdefault(erec.type, []).append(
                    {**erec.props, "id": erec.id, ":START_ID": erec.source,
                     ":END_ID": erec.target, ":TYPE": erec.type})
            for type_, erecs in by_type.items():
                keys = sorted({k for r in erecs for k in r} - {":START_ID", ":END_ID", ":TYPE"})
                head = [":START_ID", ":END_ID", ":TYPE"] + [
                    f"{k}:{_kind([r.get(k) for r in erecs])}" for k in keys]
                n += 1
                file = out / f"r{n:05d}-{type_}.csv"
                _write(file, head, [":START_ID", ":END_ID", ":TYPE", *keys], erecs)
                edge_files.append(str(file))
                edges += len(erecs)
    if problems:  # problems of the folder itself (unknown files, bad dataset.json)
        raise InvalidBatch(problems)
    return {"nodes": nodes, "edges": edges, "node_files": node_files, "edge_files": edge_files,
            "skipped": [str(p) for p in skipped]}


def run_import(files: dict[str, Any], lib: Path, home: Path = WORK_DIR / "admin-import",
               heap: str = "2g") -> dict[str, Any]:
    """Run the import tool into ``home``'s own database; wall time and the tool's last lines."""
    shutil.rmtree(home / "data", ignore_errors=True)
    (home / "conf").mkdir(parents=True, exist_ok=True)
    (home / "conf" / "neo4j.conf").write_text(
        f"server.directories.data={home / 'data'}\nserver.directories.logs={home / 'logs'}\n")
    args = [shutil.which("java") or "java", f"-Xmx{heap}", "-cp", f"{lib}{os.sep}*",
            "org.neo4j.cli.AdminTool", "database", "import", "full", "neo4j",
            "--overwrite-destination=true", f"--array-delimiter={_ARRAY}",
            "--skip-duplicate-nodes=true", "--skip-bad-relationships=true",
            "--bad-tolerance=100000", f"--report-file={home / 'import.report'}"]
    args += [f"--nodes={f}" for f in files["node_files"]]
    args += [f"--relationships={f}" for f in files["edge_files"]]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    with Clock() as clock:
        proc = subprocess.run(args, capture_output=True, text=True, env=env, timeout=7200,
                              check=False)
    tail = (proc.stdout + proc.stderr).strip().splitlines()[-12:]
    return {"seconds": clock.wall, "returncode": proc.returncode, "tail": tail,
            "nodes": files["nodes"], "edges": files["edges"]}
