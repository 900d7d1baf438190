"""The regulations knowledge graph in both stores: loading, idempotence and the queries."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import NodeNotFound
from graph.loaders.regulations import load_regulations, read_regulations
from graph.model import Batch
from graph.queries.regulations import citation_graph, duties_of, regulation_diff, who_must
from graph.store import Store

FOLDER = Path(__file__).resolve().parent.parent / "data" / "regulations"


@pytest.fixture(scope="module")
def batch() -> Batch:
    # Parsed once per module: what load_regulations writes (test_loading_twice runs it whole).
    return read_regulations(FOLDER)[0]


@pytest.fixture
def loaded(store: Store, batch: Batch) -> Store:
    store.write(batch)
    return store


def test_loading_twice_changes_nothing(store: Store) -> None:
    first, report = load_regulations(store, FOLDER)
    assert sum(first.created.values()) > 0
    assert first.created["Clause"] == 24 + 55 + 37 + 24 + 50
    second, _ = load_regulations(store, FOLDER)
    assert sum(second.created.values()) == 0
    assert sum(second.updated.values()) == 0
    assert report.skipped  # the loader says what it did not understand


def test_clauses_per_document(loaded: Store) -> None:
    expected = {
        "reg-2019-lo-regional-methodological-service": 24,
        "reg-2023-vsevolozhsk-mms": 55,
        "reg-lo-mobile-service": 37,
        "reg-zeya-gms": 24,
        "reg-2023-lo-rsnms": 50,
    }
    for reg, count in expected.items():
        assert len(loaded.edges("HAS_CLAUSE", sources=[reg])) == count
        assert len(loaded.nodes("Clause", {"regulation_id": reg})) == count


def test_273_fz_is_one_node_cited_by_001_and_004(loaded: Store) -> None:
    law = loaded.get_node("act:federal_law:2012-12-29:273-fz")
    assert law is not None
    assert law.props["number"] == "273-ФЗ" and law.props["date"] == "2012-12-29"
    citing = {e.source for e in loaded.edges("CITES", targets=[law.id])}
    assert {"reg-2023-lo-rsnms", "reg-2023-vsevolozhsk-mms"} <= citing
    shared = {a.id for a in citation_graph(loaded).shared
              if {"reg-2023-lo-rsnms", "reg-2023-vsevolozhsk-mms"} <= set(a.cited_by)}
    assert len(shared) == 9  # all of 004's normative base, and 001 cites 004 itself


def test_cnpmm_typo_is_cnppm(loaded: Store) -> None:
    duties = duties_of(loaded, "LEN-cnppm")
    assert {d.clause_number for d in duties} == {"3.2.4"}
    assert len(duties) == 13
    mention = loaded.edges("MENTIONS", sources=["reg-2023-lo-rsnms"], targets=["LEN-cnppm"])
    assert len(mention) == 1


def test_who_must_support_low_results_schools(loaded: Store) -> None:
    # Read from the texts: 001 §2.2 (ММС) and §2.4 (сообщества); 003 §1.3 (задачи ММС Зеи);
    # 004 §3.2.4 (ЦНППМ), §3.2.7 (региональный актив), §3.3.4 (муниципальный актив).
    rows = [(o.regulation_id, o.clause_number, o.organization_id)
            for o in who_must(loaded, "low_results_support")]
    assert rows == [
        ("reg-2023-vsevolozhsk-mms", "2.2", "LEN-vsevolozhsky-mms"),
        ("reg-2023-vsevolozhsk-mms", "2.4",
         "LEN-vsevolozhsky-generic-municipal-community-professional_association"),
        ("reg-zeya-gms", "1.3", "AMU-zeya-gms"),
        ("reg-2023-lo-rsnms", "3.2.4", "LEN-cnppm"),
        ("reg-2023-lo-rsnms", "3.2.7", "LEN-pool"),
        ("reg-2023-lo-rsnms", "3.3.4", "LEN-generic-municipal-methodist_pool"),
    ]
    only_amur = who_must(loaded, "low_results_support", territory_id="RU-AMU")
    assert [o.organization_id for o in only_amur] == ["AMU-zeya-gms"]
    assert "низкие" in only_amur[0].duty and only_amur[0].clause_text.startswith("Задачи ММС")


def test_duties_of_a_body_across_regulations(loaded: Store) -> None:
    loiro = duties_of(loaded, "LEN-loiro")
    by_reg: dict[str, int] = {}
    for d in loiro:
        by_reg[d.regulation_id] = by_reg.get(d.regulation_id, 0) + 1
    assert by_reg == {"reg-2019-lo-regional-methodological-service": 1, "reg-2023-lo-rsnms": 8}
    with pytest.raises(NodeNotFound, match="nowhere"):
        duties_of(loaded, "nowhere")


def test_regulation_diff_2019_service_vs_2023_system(loaded: Store) -> None:
    d = regulation_diff(loaded, "reg-2019-lo-regional-methodological-service",
                        "reg-2023-lo-rsnms")
    assert {"LEN-ks-rms", "LEN-rms-service"} <= set(d.bodies_only_in_a)
    assert {"LEN-cnppm", "LEN-rmc", "LEN-pool", "LEN-rnmc-spo"} <= set(
        d.bodies_only_in_b)
    assert "LEN-umo" not in d.bodies_only_in_b  # 2019 names the regional УМО too (§4.1)
    assert "low_results_support" in d.categories_only_in_b
    assert ("LEN-cnppm", "individual_routes") in d.duties_only_in_b
    with pytest.raises(NodeNotFound):
        regulation_diff(loaded, "reg-2023-lo-rsnms", "reg-nowhere")


def test_structure_edges_carry_their_clause(loaded: Store) -> None:
    [chairs] = loaded.edges("CHAIRS", sources=["LEN-loiro"], targets=["LEN-ks-rms"])
    assert chairs.props == {"clause_id": "reg-2019-lo-regional-methodological-service:4.2",
                            "regulation_id": "reg-2019-lo-regional-methodological-service"}
    [part] = loaded.edges("PART_OF", sources=["LEN-cnppm"], targets=["LEN-loiro"])
    assert part.props["clause_id"] == "reg-2023-lo-rsnms:3.2.1"


def test_indicators_are_computable_or_not(loaded: Store) -> None:
    computable = loaded.nodes("Indicator", {"computable": True})
    assert {n.props["code"] for n in computable} == {
        "share_registry_programmes_from_diagnostics", "share_teachers_diagnosed",
        "share_teachers_with_routes", "teachers_per_regional_methodist",
        "share_young_specialists_supported", "methodists_per_school",
        "share_schools_with_methodological_service"}
    assert len(loaded.nodes("Indicator")) == 18
