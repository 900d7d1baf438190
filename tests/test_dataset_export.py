"""Export: the dataset format round-trips through load; GraphML and GEXF open again."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
import typer
from typer.testing import CliRunner

from cli.dataset import register, render_problems
from graph.errors import NodeNotFound, Problem
from graph.export import export
from graph.loaders.dataset import load_dataset, read_dataset
from graph.model import Batch, Clause, HasClause, Mentions, Regulation
from graph.store import Store

TINY = Path(__file__).resolve().parent / "data" / "tiny"


def with_knowledge(store: Store) -> None:
    """A regulation that names a body: knowledge the dataset format does not carry."""
    b = Batch()
    b.add(Regulation(id="reg-001", title="Положение о ММС", act_kind="regulation"))
    b.add(Clause(id="reg-001-1", regulation_id="reg-001", number="1", text="Общие положения"))
    b.add(HasClause(source="reg-001", target="reg-001-1"))
    b.add(Mentions(source="reg-001", target="LEN-vsevolozhsky-mms", name="ММС"))
    store.write(b)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip(store: Store, tmp_path: Path, fmt: str) -> None:
    load_dataset(store, TINY)
    nodes, edges = store.nodes(), store.edges()
    with_knowledge(store)
    out = tmp_path / ("export" if fmt == "csv" else "export.xlsx")
    report = export(store, out, fmt)  # type: ignore[arg-type]
    assert report.skipped == {"Regulation": 1, "Clause": 1, "HAS_CLAUSE": 1, "MENTIONS": 1}
    assert sum(report.nodes.values()) == len(nodes)
    assert sum(report.edges.values()) == len(edges)
    store.clear()
    summary = load_dataset(store, out)
    assert sum(summary.created.values()) == len(nodes) + len(edges)
    assert store.nodes() == nodes
    assert store.edges() == edges


def test_round_trip_keeps_what_node_rows_cannot_say(store: Store, tmp_path: Path) -> None:
    """Relations of bodies from the regulations (with their clause) and a second LOCATED_IN."""
    from graph.model import Chairs, LocatedIn, PartOf

    load_dataset(store, TINY)
    b = Batch()
    b.add(PartOf(source="LEN-rms-council", target="LEN-loiro", clause_id="reg-000-2.1",
                 regulation_id="reg-000"))
    b.add(Chairs(source="tiny-p-vasiliev", target="LEN-rms-council"))
    b.add(LocatedIn(source="LEN-loiro", target="RU-LEN-vsevolozhsky"))
    store.write(b)
    nodes, edges = store.nodes(), store.edges()
    export(store, tmp_path / "out", "csv")
    store.clear()
    load_dataset(store, tmp_path / "out")
    assert (store.nodes(), store.edges()) == (nodes, edges)


def test_territory_export(store: Store, tmp_path: Path) -> None:
    load_dataset(store, TINY)
    report = export(store, tmp_path / "gat", "csv", territory_id="RU-LEN-gatchinsky")
    assert report.nodes["Person"] == 3
    assert report.nodes["Organization"] == 4  # authority, service, two schools
    assert report.nodes["Region"] == 1  # the district's region comes along, alone
    batch = read_dataset(tmp_path / "gat")  # complete in itself
    assert not any("vsev" in i for i in batch.nodes)
    assert {"tiny-d-2", "tiny-d-3", "tiny-r-2", "tiny-c-psych", "tiny-c-fgos",
            "tiny-prog-fgos", "tiny-a-gat-2-2025H1"} <= set(batch.nodes)
    whole = export(store, tmp_path / "len", "csv", territory_id="RU-LEN")
    assert whole.nodes["Municipality"] == 2 and whole.nodes["Person"] == 10


def test_unknown_territory(store: Store, tmp_path: Path) -> None:
    load_dataset(store, TINY)
    with pytest.raises(NodeNotFound, match="tiny-p-ivanova"):
        export(store, tmp_path / "x", "csv", territory_id="tiny-p-ivanova")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_gephi_files_open_again(store: Store, tmp_path: Path, fmt: str) -> None:
    load_dataset(store, TINY)
    with_knowledge(store)
    counts = store.counts()
    out = tmp_path / f"graph.{fmt}"
    report = export(store, out, fmt)  # type: ignore[arg-type]
    assert not report.skipped
    g = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert g.number_of_nodes() == counts.total_nodes
    assert g.number_of_edges() == counts.total_edges
    school = g.nodes["tiny-school-vsev-1"]
    assert school["label"] == "СОШ № 1"
    assert school["kind"] == "school"
    assert school["node_label"] == "Organization"
    assert school["name"].startswith("МОУ «Средняя")
    assert g.nodes["tiny-p-petrov"]["subjects"] == "физика|математика"
    assert g.nodes["reg-001"]["kind"] == "Regulation"


def test_gephi_export_of_one_territory(store: Store, tmp_path: Path) -> None:
    load_dataset(store, TINY)
    export(store, tmp_path / "vsev.graphml", "graphml", territory_id="RU-LEN-vsevolozhsky")
    g = nx.read_graphml(tmp_path / "vsev.graphml")
    assert "tiny-p-ivanova" in g and "tiny-p-kuznetsova" not in g


# -- the commands -----------------------------------------------------------------------------

def cli_app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def test_validate_command(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(cli_app(), ["validate", str(TINY)])
    assert ok.exit_code == 0, ok.output
    assert "no problems" in ok.output
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "people.csv").write_text("id,ФИО,Год рождения\np1,Иванов,абв\n", encoding="utf-8")
    result = runner.invoke(cli_app(), ["validate", str(bad)])
    assert result.exit_code == 1
    assert "people.csv" in result.output and "Год рождения" in result.output


def test_export_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from graph.store import MemoryStore

    with MemoryStore(tmp_path / "store") as s:
        load_dataset(s, TINY)
    monkeypatch.setenv("METHODNET_STORE_PATH", str(tmp_path / "store"))
    result = CliRunner().invoke(cli_app(), ["export", "--format", "gexf", "--territory",
                                            "RU-LEN-gatchinsky", "--out",
                                            str(tmp_path / "g.gexf"), "--store", "memory"])
    assert result.exit_code == 0, result.output
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() > 0


def test_render_problems() -> None:
    from rich.console import Console

    problems = [Problem("bad date", "people.csv", 3, "start", "не дата")] * 3
    console = Console(width=120, record=True)
    console.print(render_problems(problems, limit=2))
    text = console.export_text()
    assert "3 problem(s)" in text and "не дата" in text and "and 1 more" in text
