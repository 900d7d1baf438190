"""Question 6 on the hand-built network: support chains, the coordination tree, paths."""

from __future__ import annotations

import pytest

from graph.errors import MethodnetError, NodeNotFound
from graph.queries.paths import (
    coordination_tree,
    neighbourhood,
    shortest_path,
    support_chain,
)
from graph.queries.scope import Scope
from graph.store.base import Store
from tests.coordination_dataset import DAY, load, more
from tests.reads import count_reads

V = "RU-LEN-vsevolozhsky"


@pytest.fixture
def net(store: Store) -> Store:
    return load(store)


def test_support_chain_climbs_from_teacher_to_region(net: Store) -> None:
    chain = support_chain(net, "t1", on=DAY)
    assert [(s.depth, s.role, s.node.id) for s in chain.steps] == [
        (0, "teacher", "t1"),
        (1, "school", "sch-v1"),
        (1, "community", "LEN-vsevolozhsky-mo-math"),
        (1, "supporter", "m1"),
        (1, "supporter", "mentor1"),
        (2, "school_service", "sch-v1-sms"),
        (2, "supporter_body", "LEN-cnppm"),
        (2, "supporter_body", "LEN-vsevolozhsky-pool"),
        (2, "district_service", "LEN-vsevolozhsky-mms"),
        (2, "coordinating_body", "LEN-vsevolozhsky-ko"),
        (3, "coordinating_body", "LEN-koipo"),
        (3, "coordinating_body", "LEN-loiro"),
    ]
    assert chain.reaches_region
    via = {s.node.id: [e.id for e in s.via] for s in chain.steps}
    assert via["m1"] == ["m1|SUPPORTS>t1@математика@2024-09-01"]
    assert via["LEN-cnppm"] == ["LEN-cnppm|COORDINATES>LEN-vsevolozhsky-mms",
                                "m1|HAS_ROLE>LEN-cnppm@regional_methodist@2024-09-01"]
    assert via["LEN-koipo"] == ["LEN-koipo|COORDINATES>LEN-vsevolozhsky-ko",
                                "LEN-loiro|SUBORDINATE_TO>LEN-koipo"]
    assert via["LEN-vsevolozhsky-mms"] == [
        "LEN-vsevolozhsky-mms|COORDINATES>LEN-vsevolozhsky-mo-math",
        "LEN-vsevolozhsky-pool|ATTACHED_TO>LEN-vsevolozhsky-mms",
    ]


def test_support_chain_of_a_school_curated_by_the_region(net: Store) -> None:
    chain = support_chain(net, "t4", on=DAY)
    assert [(s.role, s.node.id) for s in chain.steps] == [
        ("teacher", "t4"), ("school", "sch-l1"), ("supporter", "LEN-cnppm"),
        ("district_service", "LEN-luzhsky-mms"), ("coordinating_body", "LEN-loiro"),
        ("coordinating_body", "LEN-luzhsky-ko"), ("coordinating_body", "LEN-koipo"),
    ]


def test_support_chain_ignores_support_that_ended(net: Store) -> None:
    assert "m3" not in support_chain(net, "t5", on=DAY).ids()
    assert support_chain(net, "t5").ids("supporter") == ["m3"]  # ever, without a day


def test_support_chain_scope(net: Store) -> None:
    district = Scope.of([V])
    chain = support_chain(net, "t1", on=DAY, scope=district)
    # The regional methodist works outside the district: hidden; the regional bodies above
    # the district are part of its structure: shown.
    assert "m1" not in chain.ids()
    assert {"LEN-cnppm", "LEN-koipo", "LEN-loiro", "mentor1"} <= set(chain.ids())
    with pytest.raises(NodeNotFound, match="t1"):
        support_chain(net, "t1", scope=Scope.of(["RU-LEN-luzhsky"]))
    with pytest.raises(NodeNotFound):
        support_chain(net, "nobody")


def test_coordination_tree_from_the_regional_committee(net: Store) -> None:
    tree = coordination_tree(net, territory_id="RU-LEN")
    assert tree.root.id == "LEN-koipo"
    assert [(t.node.id, t.depth, t.parent_id) for t in tree.nodes] == [
        ("LEN-koipo", 0, None),
        ("LEN-loiro", 1, "LEN-koipo"),
        ("LEN-cnppm", 2, "LEN-loiro"),
        ("LEN-vsevolozhsky-ko", 1, "LEN-koipo"),
        ("LEN-vsevolozhsky-mms", 2, "LEN-vsevolozhsky-ko"),
        ("LEN-vsevolozhsky-mo-math", 3, "LEN-vsevolozhsky-mms"),
        ("LEN-vsevolozhsky-pool", 3, "LEN-vsevolozhsky-mms"),
        ("sch-v1", 2, "LEN-vsevolozhsky-ko"),
        ("sch-v1-sms", 3, "sch-v1"),
        ("shmo-v1-math", 4, "sch-v1-sms"),
        ("sch-v2", 2, "LEN-vsevolozhsky-ko"),
        ("sch-v3", 2, "LEN-vsevolozhsky-ko"),
    ]
    by_id = {t.node.id: t for t in tree.nodes}
    assert by_id["LEN-vsevolozhsky-mms"].via is not None
    assert by_id["LEN-vsevolozhsky-mms"].via.type == "SUBORDINATE_TO"
    assert [e.id for e in by_id["LEN-vsevolozhsky-mms"].also] == [
        "LEN-cnppm|COORDINATES>LEN-vsevolozhsky-mms"]
    assert not tree.truncated


def test_coordination_tree_bounds_and_roots(net: Store) -> None:
    tree = coordination_tree(net, territory_id=V)
    assert tree.root.id == "LEN-vsevolozhsky-ko"
    assert len(tree.nodes) == 9
    shallow = coordination_tree(net, "LEN-koipo", max_depth=1)
    assert [t.node.id for t in shallow.nodes] == ["LEN-koipo", "LEN-loiro",
                                                  "LEN-vsevolozhsky-ko"]
    assert shallow.truncated
    with pytest.raises(MethodnetError, match="root"):
        coordination_tree(net)
    with pytest.raises(NodeNotFound):
        coordination_tree(net, territory_id="RU-LEN-luzhsky-nowhere")
    with pytest.raises(NodeNotFound):
        coordination_tree(net, "LEN-koipo", scope=Scope.of(["RU-AMU"]))


def test_shortest_path(net: Store) -> None:
    path = shortest_path(net, "t1", "LEN-koipo")
    assert path is not None
    assert [n.id for n in path.nodes] == ["t1", "sch-v1", "LEN-vsevolozhsky-ko", "LEN-koipo"]
    assert path.types == ("EMPLOYED_AT", "SUBORDINATE_TO", "COORDINATES")
    across = shortest_path(net, "t1", "t4")
    assert across is not None
    assert [n.id for n in across.nodes] == ["t1", "m1", "LEN-cnppm", "sch-l1", "t4"]
    assert across.types == ("SUPPORTS", "HAS_ROLE", "CURATES", "EMPLOYED_AT")
    assert shortest_path(net, "t2", "t5", types=["EMPLOYED_AT", "HORIZONTAL_LEARNING",
                                                  "SUPPORTS", "CURATES"]) is None
    assert shortest_path(net, "t1", "t4", max_depth=3) is None
    same = shortest_path(net, "t1", "t1")
    assert same is not None and same.length == 0


def test_shortest_path_scope(net: Store) -> None:
    district = Scope.of([V])
    path = shortest_path(net, "t3", "LEN-koipo", scope=district)
    assert path is not None and [n.id for n in path.nodes] == [
        "t3", "sch-v3", "LEN-vsevolozhsky-ko", "LEN-koipo"]
    with pytest.raises(NodeNotFound, match="t4"):
        shortest_path(net, "t1", "t4", scope=district)
    # m1 is hidden from the district, so the path may not pass through him either.
    path = shortest_path(net, "t1", "LEN-cnppm", scope=district)
    assert path is not None and "m1" not in [n.id for n in path.nodes]


def test_neighbourhood(net: Store) -> None:
    body_types = ["SUBORDINATE_TO", "COORDINATES", "ATTACHED_TO"]
    hood = neighbourhood(net, "LEN-vsevolozhsky-mms", depth=2, types=body_types)
    assert [(n.node.id, n.distance) for n in hood.nodes] == [
        ("LEN-vsevolozhsky-mms", 0), ("LEN-cnppm", 1), ("LEN-vsevolozhsky-ko", 1),
        ("LEN-vsevolozhsky-mo-math", 1), ("LEN-vsevolozhsky-pool", 1), ("LEN-koipo", 2),
        ("sch-v1", 2), ("sch-v2", 2), ("sch-v3", 2),
    ]
    assert len(hood.edges) == 8 and not hood.truncated
    small = neighbourhood(net, "LEN-vsevolozhsky-mms", depth=2, types=body_types, limit=4)
    assert [n.node.id for n in small.nodes] == [
        "LEN-vsevolozhsky-mms", "LEN-cnppm", "LEN-vsevolozhsky-ko", "LEN-vsevolozhsky-mo-math"]
    assert small.truncated
    assert [n.node.id for n in neighbourhood(net, "t1", depth=0).nodes] == ["t1"]


def test_neighbourhood_scope(net: Store) -> None:
    hood = neighbourhood(net, "sch-v1", scope=Scope.of([V]))
    # The school's assessment is located at the school, so its district's caller sees it, with
    # its teachers and the institute that made it an internship site (a body above).
    assert [n.node.id for n in hood.nodes] == [
        "sch-v1", "LEN-loiro", "LEN-vsevolozhsky-ko", "as-sch-v1", "mentor1", "sch-v1-sms",
        "sch-v2", "t1"]
    # From the other district's school its results are not seen.
    luga = neighbourhood(net, "sch-l1", scope=Scope.of(["RU-LEN-luzhsky"]))
    assert "as-sch-l1" in {n.node.id for n in luga.nodes}
    assert "as-sch-v1" not in {n.node.id for n in neighbourhood(
        net, "LEN-loiro", depth=2, scope=Scope.of(["RU-LEN-luzhsky"])).nodes}


@pytest.mark.parametrize("scope", [None, Scope.of([V]), Scope.of(["RU-LEN-luzhsky"])],
                         ids=["everything", "vsevolozhsky", "luzhsky"])
@pytest.mark.parametrize(("center", "depth", "limit"), [
    ("sch-v1", 1, 200), ("sch-v1", 2, 200), ("LEN-loiro", 2, 200), ("LEN-loiro", 3, 5),
    ("sch-l1", 3, 200)])
def test_a_neighbourhood_without_properties_is_the_same_nodes(
        net: Store, scope: Scope | None, center: str, depth: int, limit: int) -> None:
    ask = {"depth": depth, "limit": limit} | ({"scope": scope} if scope else {})
    try:
        full = neighbourhood(net, center, **ask)
    except NodeNotFound:  # a centre the caller cannot see is not found either way
        with pytest.raises(NodeNotFound):
            neighbourhood(net, center, ids_only=True, **ask)
        return
    for nodes_only in (False, True):
        bare = neighbourhood(net, center, ids_only=True, nodes_only=nodes_only, **ask)
        assert [(n.node.id, n.node.label, n.distance) for n in bare.nodes] == [
            (n.node.id, n.node.label, n.distance) for n in full.nodes]
        assert bare.truncated == full.truncated
        assert bare.edges == (() if nodes_only else full.edges)
        assert (bare.center.id, bare.center.label) == (full.center.id, full.center.label)
        assert all(n.node.props == {} for n in bare.nodes) and bare.center.props == {}
    # The full answer does carry properties: the comparison above is not of two bare ones.
    assert any(n.node.props for n in full.nodes)


def test_a_neighbourhood_without_properties_hides_what_the_caller_cannot_see(
        net: Store) -> None:
    luga = Scope.of(["RU-LEN-luzhsky"])
    seen = {n.node.id for n in neighbourhood(net, "LEN-loiro", depth=2, ids_only=True,
                                             nodes_only=True, scope=luga).nodes}
    everything = {n.node.id for n in neighbourhood(net, "LEN-loiro", depth=2,
                                                   ids_only=True).nodes}
    assert "as-sch-v1" in everything and "as-sch-v1" not in seen
    assert "as-sch-l1" in {n.node.id for n in neighbourhood(
        net, "sch-l1", ids_only=True, scope=luga).nodes}
    with pytest.raises(NodeNotFound):
        neighbourhood(net, "t1", ids_only=True, scope=luga)


def test_a_neighbourhood_without_properties_is_one_read(net: Store) -> None:
    assert count_reads(net, lambda: neighbourhood(net, "sch-v1", depth=2, ids_only=True,
                                                  nodes_only=True)) == 1


@pytest.mark.parametrize("question", [
    lambda s: support_chain(s, "t1", on=DAY),
    lambda s: coordination_tree(s, territory_id="RU-LEN"),
    lambda s: neighbourhood(s, "LEN-vsevolozhsky-ko", depth=2),
], ids=["support_chain", "coordination_tree", "neighbourhood"])
def test_reads_do_not_grow_with_the_network(net: Store, question: object) -> None:
    assert callable(question)
    small = count_reads(net, lambda: question(net))
    net.write(more(30))
    assert count_reads(net, lambda: question(net)) == small
    # Body relations are read a level at a time: reads follow the depth of the hierarchy
    # (a handful of levels), never the number of bodies, schools or people.
    assert small <= 16


def test_a_neighbourhood_is_one_read(net: Store) -> None:
    # The walk and the edges it followed come in one statement on Neo4j (the store's reach).
    assert count_reads(net, lambda: neighbourhood(net, "LEN-vsevolozhsky-ko", depth=2)) == 1
    assert count_reads(net, lambda: neighbourhood(net, "sch-v1", depth=2, limit=3)) == 1
    # Only the nodes: the same nodes, no edges, one (cheaper) read.
    full = neighbourhood(net, "sch-v1", depth=2)
    bare = neighbourhood(net, "sch-v1", depth=2, nodes_only=True)
    assert full.edges and bare.edges == () and (bare.nodes, bare.truncated) == (
        full.nodes, full.truncated)
    assert count_reads(net, lambda: neighbourhood(net, "sch-v1", nodes_only=True)) == 1


def test_path_reads_are_per_hop(net: Store) -> None:
    # Four hops: two reads a hop, two for the ends, one for the path's nodes.
    assert count_reads(net, lambda: shortest_path(net, "t1", "t4")) <= 2 * 4 + 3
