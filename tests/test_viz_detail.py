"""The level of detail of first views (:mod:`viz.detail`) on hand-built scenes and on the viz
dataset in both stores, and the district data a region page fetches, as a restricted caller."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from graph.queries.scope import Scope
from graph.settings import Settings
from graph.store import MemoryStore
from graph.store.base import Store
from tests.callers import caller_headers
from tests.viz_dataset import PERIOD, load
from viz import views
from viz.detail import FIRST_VIEW, SCREEN, arrange, fold, visible
from viz.scene import Scene, VisNode


def _district(schools: int, teachers: int, *, flagged: frozenset[int] = frozenset(),
              methodists: int = 0) -> Scene:
    """A district: its node and service, ``schools`` schools with ``teachers`` each and a
    methodological service; ``methodists`` at the service; schools in ``flagged`` flagged."""
    s = Scene("t")
    s.add_node(VisNode("d", "Район", "Municipality", "Municipality", rank=2, district="d"))
    s.add_node(VisNode("mms", "ММС", "methodological_service", "Organization", rank=3,
                       district="d"))
    for i in range(schools):
        flags = ["unsupported_low_results_school"] if i in flagged else []
        s.add_node(VisNode(f"s{i}", f"СОШ № {i}", "school", "Organization", rank=4,
                           district="d", flags=flags))
        s.add_node(VisNode(f"s{i}-ms", "ШМС", "school_methodological_service", "Organization",
                           rank=5, district="d"))
        s.add_edge(f"s{i}-ms", f"s{i}", "PART_OF", "подразделение")
        for k in range(teachers):
            s.add_node(VisNode(f"t{i}-{k}", "П", "teacher", "Person", rank=6, school=f"s{i}",
                               flags=["deficit_without_route"] if k == 0 else []))
    for k in range(methodists):
        s.add_node(VisNode(f"m{k}", "М", "municipal_methodist", "Person", rank=5, home="mms",
                           flags=["overloaded_methodist"] if k == 0 else []))
    return s


def test_every_school_is_drawn_with_its_staff_folded_into_it() -> None:
    scene = fold(_district(3, 4))
    cluster = scene.clusters["cluster:school:s1"]
    assert cluster.anchor == "s1" and cluster.count == 1 + 4 + 1  # school, teachers, service
    assert {n.id for n in scene.nodes.values() if n.cluster == cluster.id} == {
        "s1", "s1-ms", *(f"t1-{k}" for k in range(4))}
    assert cluster.flag_counts == {"deficit_without_route": 1}
    assert cluster.label == "СОШ № 1\nпедагогов: 4"
    assert visible(scene) == 2 + 3  # the district, its service, three schools


def test_a_full_district_folds_people_then_quiet_schools_keeping_the_flagged() -> None:
    scene = fold(_district(160, 2, flagged=frozenset({7, 70}), methodists=6))
    assert visible(scene) <= FIRST_VIEW
    shown = {n.id for n in scene.nodes.values() if n.cluster is None} | {
        c.id for c in scene.clusters.values() if c.parent is None}
    # Flagged schools and the flagged methodist stay in sight; the others are folded.
    assert {"cluster:school:s7", "cluster:school:s70", "m0"} <= shown
    assert "cluster:people:mms:municipal_methodist" in shown
    quiet = scene.clusters["cluster:schools:d"]
    assert quiet.count == 158 * 4 and quiet.label == "Школы без отметок: 158"
    assert scene.clusters["cluster:school:s8"].parent == quiet.id


def test_a_small_district_keeps_its_methodists_in_sight() -> None:
    scene = fold(_district(3, 2, methodists=5))
    assert all(scene.nodes[f"m{k}"].cluster is None for k in range(5))


def test_a_region_folds_its_districts_into_their_nodes() -> None:
    s = _district(2, 2)
    s.add_node(VisNode("r", "Область", "Region", "Region", rank=0))
    fold(s, region=True)
    district = s.clusters["cluster:district:d"]
    assert district.anchor == "d" and visible(s) == 2
    assert s.clusters["cluster:school:s0"].parent == district.id
    assert ("Школ", "2") in district.facts


def test_arrange_fills_the_screen_in_rows_by_rank() -> None:
    scene = arrange(fold(_district(60, 3, methodists=2)))
    top = [(c.x, c.y) for c in scene.clusters.values() if c.parent is None] + [
        (n.x, n.y) for n in scene.nodes.values() if n.cluster is None]
    assert len(set(top)) == len(top)  # no two things on one spot
    xs, ys = [p[0] for p in top if p[0] is not None], [p[1] for p in top if p[1] is not None]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    # As wide as the screen's proportions, not a strip.
    assert 0.5 < (width / height) / (SCREEN[0] / SCREEN[1]) < 2.5
    # Small ranks share a row; the schools come under them.
    assert scene.nodes["d"].y == scene.nodes["mms"].y < scene.clusters["cluster:school:s0"].y
    # A teacher waits under its school, where it appears when the school is opened.
    school = scene.clusters["cluster:school:s3"]
    teacher = scene.nodes["t3-0"]
    assert teacher.y is not None and school.y is not None and teacher.y > school.y
    assert (scene.nodes["s3"].x, scene.nodes["s3"].y) == (school.x, school.y)


def test_district_view_folds_schools(store: Store) -> None:
    load(store)
    scene = views.district_view(store, "RU-LEN-vsevolozhsky", period=PERIOD)
    cluster = scene.clusters["cluster:school:vsev-s1"]
    assert scene.nodes["t01"].cluster == cluster.id == scene.nodes["vsev-s1-ms"].cluster
    assert cluster.flags == scene.nodes["vsev-s1"].flags == []  # supported: not flagged
    assert scene.clusters["cluster:school:vsev-s2"].flags == ["unsupported_low_results_school"]
    assert scene.nodes["m-kuznetsov"].cluster is None  # a methodist, in sight
    assert all(n.x is not None for n in scene.nodes.values())


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app(store=load(MemoryStore()), settings=Settings(load_norm=25)))


def test_region_page_links_and_fetches_answer(client: TestClient) -> None:
    """Every drill-down and fetch a region page holds leads somewhere (no «Школы: 1» → 404)."""
    for max_nodes in (50, 5000):
        page = client.get(f"/network/region/RU-LEN?period={PERIOD}&max_nodes={max_nodes}")
        assert page.status_code == 200
        data = json.loads(re.search(r'id="graph-data">(.*?)</script>', page.text, re.S)[1])
        targets = [n[k] for n in data["nodes"] for k in ("link", "expand") if n.get(k)]
        assert targets or max_nodes == 5000
        for target in targets:
            assert client.get(target, params={"period": PERIOD}).status_code == 200, target


def test_district_data_applies_the_callers_scope(client: TestClient) -> None:
    luga = caller_headers(client.app, Scope.of(["RU-LEN-luzhsky"]))  # type: ignore[arg-type]
    own = client.get("/network/data/district/RU-LEN-luzhsky", headers=luga)
    assert own.status_code == 200
    ids = {n["id"] for n in own.json()["nodes"]}
    assert {"luga-s1", "t30"} <= ids
    assert not {"vsev-s1", "t01", "m-smirnova"} & ids  # nobody of another district
    foreign = client.get("/network/data/district/RU-LEN-vsevolozhsky", headers=luga)
    assert foreign.status_code == 404
    assert "vsev" not in foreign.text
    everyone = client.get("/network/data/district/RU-LEN-vsevolozhsky").json()
    assert {"vsev-s1", "t01"} <= {n["id"] for n in everyone["nodes"]}
    assert any(c["id"] == "cluster:school:vsev-s1" for c in everyone["clusters"])
