"""The page builders of ``viz``: views, aggregation, styles, overlay, pages and routes."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import typer
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from typer.testing import CliRunner

from api.main import create_app
from graph.errors import MethodnetError, NodeNotFound
from graph.model import EDGE_TYPES, OrganizationKind
from graph.model.base import NodeRecord
from graph.queries.scope import Scope
from graph.settings import Settings
from graph.store import MemoryStore, Store
from tests.callers import caller_headers
from tests.viz_dataset import PERIOD, TEACHER_NAMES, build, load
from viz import views
from viz.aggregate import aggregate
from viz.dashboard import GAPS, INDICATORS, dashboard
from viz.layout import PHYSICS_MAX_NODES, lay_out, physics_on
from viz.overlay import coverage
from viz.page import network_page, script_tag
from viz.period import parse_period
from viz.routes import example_queries
from viz.scene import Scene, VisNode
from viz.style import EDGE_LABELS, GROUPS, edge_label, group_of, legend
from viz.workbook import gaps_xlsx

REMOTE_SCRIPT = re.compile(r"<script[^>]*\bsrc\s*=\s*[\"']?(https?:)?//", re.I)


@pytest.fixture
def memory() -> Store:
    return load(MemoryStore())


@pytest.fixture
def client(memory: Store) -> TestClient:
    return TestClient(create_app(store=memory, settings=Settings(load_norm=25)))


def _crowd(teachers: int, schools: int = 3, districts: int = 2) -> Scene:
    scene = Scene("много")
    for d in range(districts):
        scene.add_node(VisNode(f"d{d}", f"Район {d}", "Municipality", "Municipality",
                               district=f"d{d}"))
    for s in range(schools):
        district = f"d{s % districts}"
        scene.add_node(VisNode(f"s{s}", f"Школа {s}", "school", "Organization",
                               district=district))
        scene.add_edge(f"s{s}", district, "LOCATED_IN", "расположен в")
    for t in range(teachers):
        school = f"s{t % schools}"
        scene.add_node(VisNode(f"t{t}", f"Педагог {t}", "teacher", "Person", school=school,
                               flags=["deficit_without_route"] if t % 10 == 0 else []))
        scene.add_edge(f"t{t}", school, "EMPLOYED_AT", "работает в")
    return scene


# -- periods ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("code", "start", "end", "previous"), [
    ("2025-H1", "2025-01-01", "2025-06-30", "2024-H2"),
    ("2025-H2", "2025-07-01", "2025-12-31", "2025-H1"),
    ("2024-Q1", "2024-01-01", "2024-03-31", "2023-Q4"),
    ("2024-Q4", "2024-10-01", "2024-12-31", "2024-Q3"),
    ("2024-Y", "2024-01-01", "2024-12-31", "2023-Y"),
])
def test_periods(code: str, start: str, end: str, previous: str) -> None:
    p = parse_period(code)
    assert (p.start.isoformat(), p.end.isoformat(), p.previous().code) == (start, end, previous)


@pytest.mark.parametrize("bad", ["2025", "2025-H3", "H1-2025", "2025-Q5"])
def test_bad_period(bad: str) -> None:
    with pytest.raises(MethodnetError, match="2025-H1"):
        parse_period(bad)


# -- aggregation -----------------------------------------------------------------------------
def test_small_scene_is_not_aggregated() -> None:
    scene = aggregate(_crowd(20), threshold=100)
    assert len(scene.nodes) == 2 + 3 + 20
    assert not any(n.kind == "Aggregate" for n in scene.nodes.values())


def test_teachers_become_counts_per_school() -> None:
    scene = aggregate(_crowd(300), threshold=100)
    counts = {n.id: n for n in scene.nodes.values() if n.kind == "Aggregate"}
    assert sorted(counts) == ["count:teachers:s0", "count:teachers:s1", "count:teachers:s2"]
    assert sum(n.count or 0 for n in counts.values()) == 300
    assert counts["count:teachers:s0"].count == 100
    # Every tenth teacher was flagged; the flags survive as counts.
    assert sum(n.flag_counts["deficit_without_route"] for n in counts.values()) == 30
    assert counts["count:teachers:s1"].link == "/network/school/s1"
    assert ("count:teachers:s1", "s1", "EMPLOYED_AT") in scene.edges
    assert scene.edges[("count:teachers:s1", "s1", "EMPLOYED_AT")].count == 100
    assert scene.drawn_from == 305


def test_schools_become_counts_per_district_when_teacher_counts_are_not_enough() -> None:
    scene = aggregate(_crowd(3000, schools=400, districts=4), threshold=100)
    assert len(scene.nodes) == 4 + 4
    agg = scene.nodes["count:schools:d1"]
    assert agg.count == 100 + 750  # its schools plus their teachers
    assert agg.link == "/network/district/d1"
    assert agg.label.startswith("Школы: 100")
    assert ("count:schools:d1", "d1", "LOCATED_IN") in scene.edges


# -- styles ----------------------------------------------------------------------------------
def test_every_kind_and_edge_type_has_a_russian_name() -> None:
    for kind in OrganizationKind:
        assert kind.value in GROUPS
        assert re.search("[А-Яа-я]", GROUPS[kind.value].name)
    for type_ in EDGE_TYPES:
        assert re.search("[А-Яа-я]", EDGE_LABELS[type_]), type_


def test_groups_and_labels() -> None:
    school = NodeRecord("Organization", "s", {"kind": "school"})
    assert group_of(school) == "school"
    assert group_of(NodeRecord("Person", "p", {}), "regional_methodist") == "regional_methodist"
    assert edge_label("SUPPORTS") == "адресная поддержка"
    assert edge_label("HAS_ROLE", {"role": "tutor"}) == "тьютор"
    rows = legend({"teacher", "Region"}, {"overloaded_methodist"})
    assert [r["name"] for r in rows] == ["Субъект РФ", "Педагог", "Методист перегружен"]


# -- overlay ---------------------------------------------------------------------------------
def test_overlay_flags_the_known_gaps(store: Store) -> None:
    load(store)
    cover = coverage(store, period=PERIOD, territory_id="RU-LEN")
    assert cover.flags == {
        "vsev-s2": ["unsupported_low_results_school"],
        "m-kuznetsov": ["overloaded_methodist"],
        "t01": ["deficit_without_route"],
        "t03": ["deficit_without_route"],
    }
    assert ("Адресная поддержка", "нет") in cover.facts["vsev-s2"]
    assert ("Сопровождает педагогов", "26 (норма 25)") in cover.facts["m-kuznetsov"]


def test_overlay_depends_on_the_period_and_norm(memory: Store) -> None:
    # In 2024-H2 only vsev-s1 had low results, and it was supported; nobody had deficits yet.
    assert coverage(memory, period="2024-H2").flags == {"m-kuznetsov": ["overloaded_methodist"]}
    assert coverage(memory, period="2024-H2", load_norm=30).flags == {}


# -- views -----------------------------------------------------------------------------------
def test_region_view_draws_bodies_schools_and_people(store: Store) -> None:
    load(store)
    scene = views.region_view(store, "RU-LEN", period=PERIOD)
    ids = set(scene.nodes)
    assert {"RU-LEN", "LEN-koipo", "LEN-cnppm", "LEN-vsevolozhsky-mms", "vsev-s1"} <= ids
    assert set(TEACHER_NAMES) <= ids
    assert ("LEN-cnppm", "LEN-vsevolozhsky-mms", "COORDINATES") in scene.edges
    assert scene.nodes["vsev-s2"].flags == ["unsupported_low_results_school"]
    assert scene.nodes["m-kuznetsov"].group == "municipal_methodist"
    assert scene.nodes["t01"].label == "Петрова М. И."
    assert all(n.x is not None and n.y is not None for n in scene.nodes.values())


def test_schools_right_in_a_region_have_no_district_view_to_drill_to() -> None:
    """The region's «Школы: 1» led to /network/district/<the region>: a 404."""
    s = Scene("t")
    s.add_node(VisNode("r", "Область", "Region", "Region"))
    s.add_node(VisNode("d", "Район", "Municipality", "Municipality"))
    for i, where in enumerate(["r", "d", "d"]):
        s.add_node(VisNode(f"s{i}", "Школа", "school", "Organization", district=where))
    aggregate(s, threshold=2)
    assert s.nodes["count:schools:d"].link == "/network/district/d"
    assert s.nodes["count:schools:r"].link is None


def test_region_view_summarises_districts_above_the_threshold(memory: Store) -> None:
    scene = views.region_view(memory, "RU-LEN", period=PERIOD, max_nodes=20)
    assert not {"vsev-s1", "LEN-vsevolozhsky-mms"} & set(scene.nodes)
    assert not set(TEACHER_NAMES) & set(scene.nodes)
    vsev = scene.nodes["RU-LEN-vsevolozhsky"]
    # The district tells what it holds and where the page fetches it when it is opened.
    assert vsev.expand == "/network/data/district/RU-LEN-vsevolozhsky"
    assert vsev.flag_counts["unsupported_low_results_school"] == 1
    assert vsev.flag_counts["deficit_without_route"] == 2
    assert ("Школ", "2") in vsev.facts
    assert scene.notes and scene.drawn_from > len(scene.nodes)


def test_school_view_neighbourhood(memory: Store) -> None:
    scene = views.school_view(memory, "vsev-s1", period=PERIOD)
    ids = set(scene.nodes)
    assert {"vsev-s1", "vsev-s1-ms", "m-smirnova", "m-kuznetsov", "LEN-cnppm",
            "LEN-vsevolozhsky-mms", "r-t02", "c-methods", "t01"} <= ids
    assert "vsev-s2" not in ids and "t25" not in ids
    assert ("m-smirnova", "vsev-s1", "SUPPORTS") in scene.edges
    assert ("t02", "r-t02", "HAS_ROUTE") in scene.edges
    assert scene.focus == "vsev-s1"


def test_district_view(memory: Store) -> None:
    scene = views.district_view(memory, "RU-LEN-luzhsky", period=PERIOD)
    assert {"RU-LEN-luzhsky", "luga-s1", "LEN-luzhsky-mms", "LEN-cnppm", "t30"} <= set(scene.nodes)
    assert "vsev-s1" not in scene.nodes
    assert "m-kuznetsov" in scene.nodes  # he supports teachers of Luga too


def test_regulation_view(store: Store) -> None:
    load(store)
    scene = views.regulation_view(store, "LEN-reg-004")
    assert set(scene.nodes) == {"LEN-reg-004", "LEN-reg-004-3.2.4", "LEN-cnppm",
                                "LEN-reg-004-duty-1", "LEN-reg-004-ind-1", "LEN-reg-004-6.1"}
    assert ("LEN-reg-004-3.2.4", "LEN-cnppm", "SETS_DUTIES_OF") in scene.edges
    assert ("LEN-cnppm", "LEN-reg-004-duty-1", "HAS_DUTY") in scene.edges
    assert scene.nodes["LEN-reg-004-3.2.4"].label == "п. 3.2.4"


def test_focus_view_depth(memory: Store) -> None:
    one = views.focus_view(memory, "t01", depth=1, period=PERIOD)
    assert set(one.nodes) == {"t01", "vsev-s1", "m-smirnova", "c-methods", "d-t01"}
    two = views.focus_view(memory, "t01", depth=2, period=PERIOD)
    assert {"t02", "LEN-cnppm", "RU-LEN-vsevolozhsky"} & set(two.nodes) >= {"t02", "LEN-cnppm"}
    assert one.nodes["t01"].flags == ["deficit_without_route"]


@pytest.mark.parametrize("view", [views.region_view, views.district_view, views.school_view,
                                  views.regulation_view, views.focus_view])
def test_unknown_ids(memory: Store, view: object) -> None:
    with pytest.raises(NodeNotFound, match="не найден"):
        view(memory, "nope")  # type: ignore[operator]


def test_layout_is_deterministic_and_physics_off_when_big(memory: Store) -> None:
    a = views.region_view(memory, "RU-LEN", period=PERIOD)
    b = views.region_view(memory, "RU-LEN", period=PERIOD)
    assert [(n.x, n.y) for n in a.nodes.values()] == [(n.x, n.y) for n in b.nodes.values()]
    big = lay_out(_crowd(PHYSICS_MAX_NODES + 10))
    assert not physics_on(big) and physics_on(a)
    assert len({(n.x, n.y) for n in big.nodes.values()}) == len(big.nodes)


# -- dashboard -------------------------------------------------------------------------------
def test_dashboard_indicators_and_gaps(store: Store) -> None:
    load(store)
    board = dashboard(store, "RU-LEN", PERIOD)
    assert board.previous.code == "2024-H2"
    rows = {r.territory_id: r for r in board.rows}
    assert list(rows) == ["RU-LEN-vsevolozhsky", "RU-LEN-luzhsky", "RU-LEN"]
    assert [r.total for r in board.rows] == [False, False, True]
    # 5 of the 28 Vsevolozhsk teachers were diagnosed in February 2025, none before: +17.9 p.p.
    assert rows["RU-LEN-vsevolozhsky"].values["share_teachers_diagnosed"] == (17.9, 0.0, 17.9)
    assert rows["RU-LEN"].values["share_teachers_with_routes"] == (2.8, 0.0, 2.8)  # 1 of 36
    assert rows["RU-LEN-vsevolozhsky"].values["share_schools_with_methodological_service"][0] \
        == 50.0
    gaps = {g.code: [i.node_id for i in g.items] for g in board.gaps}
    assert gaps["unsupported_low_results_school"] == ["vsev-s2"]
    assert gaps["methodist_over_load"] == ["m-kuznetsov"]
    assert gaps["deficit_without_route"] == ["t01", "t03"]
    assert gaps["young_specialist_without_support"] == ["t24"]
    assert gaps["school_without_methodological_service"] == ["luga-s1", "vsev-s2"]
    assert set(gaps) == set(GAPS)


def test_gap_report_xlsx(memory: Store) -> None:
    board = dashboard(memory, "RU-LEN", PERIOD)
    wb = load_workbook(io.BytesIO(gaps_xlsx(board, "http://127.0.0.1:8000/")))
    assert wb.sheetnames[0] == "Сводка" and wb.sheetnames[-1] == "Показатели"
    assert len(wb.sheetnames) == 3 + len(GAPS)
    sheet = wb["Дефициты без ИОМ"]
    rows = list(sheet.iter_rows(min_row=3))
    assert [r[0].value for r in rows] == [TEACHER_NAMES["t01"], TEACHER_NAMES["t03"]]
    assert [r[5].hyperlink.target for r in rows] == [
        f"http://127.0.0.1:8000/network/focus/{t}?depth=1&period={PERIOD}" for t in ("t01", "t03")]
    header = [c.value for c in wb["Показатели"][2]]
    assert header[1] == INDICATORS[0].name + ", %"


# -- pages -----------------------------------------------------------------------------------
def test_network_page_embeds_positions_and_no_remote_script(memory: Store) -> None:
    html = network_page(views.school_view(memory, "vsev-s1", period=PERIOD))
    assert not REMOTE_SCRIPT.search(html)
    assert '<script src="/static/vis-network.min.js"></script>' in html
    assert "Петрова М. И." in html  # Cyrillic as it is, not \u escapes
    assert '"x":' in html and '"physics":true' in html


def test_standalone_page_inlines_vis_network(memory: Store) -> None:
    html = network_page(views.focus_view(memory, "vsev-s2", period=PERIOD), standalone=True)
    assert "<script src" not in html
    assert "vis-network" in html and len(html) > 500_000
    assert str(script_tag("vis-network.min.js", standalone=True)).count("</script>") == 1


@pytest.mark.parametrize("path", [
    "/", "/network/region/RU-LEN", "/network/district/RU-LEN-vsevolozhsky",
    "/network/school/vsev-s1", "/network/regulation/LEN-reg-004",
    "/network/focus/LEN-cnppm?depth=2", "/dashboard", "/dashboard?territory=RU-LEN-luzhsky",
    "/explorer",
])
def test_pages_answer_in_russian_without_remote_scripts(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    assert '<html lang="ru">' in r.text
    assert not REMOTE_SCRIPT.search(r.text)
    for src in re.findall(r'<script[^>]*src="([^"]+)"', r.text):
        assert src.startswith("/static/"), src
        assert client.get(src).status_code == 200


def test_static_scripts_are_served(client: TestClient) -> None:
    r = client.get("/static/vis-network.min.js")
    assert r.status_code == 200 and "vis-network" in r.text[:200]
    assert client.get("/static/chart.umd.min.js").status_code == 200


def test_region_shortcut_and_not_found(client: TestClient) -> None:
    r = client.get("/network/region", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "/network/region/RU-LEN"
    r = client.get("/network/school/nope")
    assert r.status_code == 404 and "не найден" in r.text
    assert client.get("/dashboard?period=2025-H7").status_code == 400


def test_restricted_caller_cannot_open_other_territories(client: TestClient) -> None:
    r = client.get("/network/district/RU-LEN-luzhsky",
                   headers=caller_headers(client.app,  # type: ignore[arg-type]
                                          Scope.of(["RU-LEN-vsevolozhsky"])))
    assert r.status_code == 404


def test_dashboard_page_lists_gaps_with_links(client: TestClient) -> None:
    html = client.get(f"/dashboard?territory=RU-LEN&period={PERIOD}").text
    assert "ШНОР без адресной поддержки" in html
    assert f'href="/network/focus/vsev-s2?period={PERIOD}&amp;depth=1"' in html
    assert f'href="/network/focus/t03?period={PERIOD}&amp;depth=1' in html
    assert '<script src="/static/chart.umd.min.js"></script>' in html
    r = client.get(f"/dashboard/gaps.xlsx?territory=RU-LEN&period={PERIOD}")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(r.content))["ШНОР без поддержки"]
    assert sheet["A3"].value == "МОУ «Лицей № 2» г. Всеволожска, Всеволожский район"
    assert sheet["E3"].hyperlink.target == \
        f"http://testserver/network/school/vsev-s2?period={PERIOD}"


def test_explorer_links_to_graphiql(client: TestClient) -> None:
    html = client.get("/explorer").text
    links = re.findall(r'href="(/graphql\?query=[^"]+)"', html)
    assert links and len(links) == len(example_queries())
    assert client.get("/healthz").status_code == 200  # the rest of the app is untouched


# -- CLI -------------------------------------------------------------------------------------
def test_cli_writes_a_standalone_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cli.viz import register

    with MemoryStore(tmp_path / "store") as s:
        s.write(build())
    monkeypatch.setenv("METHODNET_STORE", "memory")
    monkeypatch.setenv("METHODNET_STORE_PATH", str(tmp_path / "store"))
    app = typer.Typer()
    register(app)

    @app.command()
    def other() -> None:  # a second command keeps typer from flattening the app
        """Nothing."""

    out = tmp_path / "focus.html"
    result = CliRunner().invoke(app, ["viz", "--focus", "vsev-s2", "--depth", "1",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<script src" not in html and "МОУ «Лицей № 2» г. Всеволожска" in html
    assert "wrote" in result.output
    bad = CliRunner().invoke(app, ["viz", "--out", str(out)])  # no view chosen
    assert bad.exit_code == 1
