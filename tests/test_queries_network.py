"""Question 7 on the hand-built network: brokers, isolated schools, communities, internships."""

from __future__ import annotations

import pytest

from graph.errors import MethodnetError
from graph.queries.in_database import in_database
from graph.queries.network import (
    brokers,
    internship_reach,
    isolated_schools,
    school_communities,
)
from graph.queries.scope import Scope
from graph.store.base import Store
from tests.coordination_dataset import DAY, load, more
from tests.reads import count_reads

V, L = "RU-LEN-vsevolozhsky", "RU-LEN-luzhsky"


@pytest.fixture
def net(store: Store) -> Store:
    return load(store)


def test_brokers_of_a_district(net: Store) -> None:
    # Luga on DAY: t4 - sch-l1 - sch-l2 - t5 and LEN-luzhsky-pool - m3 - LEN-luzhsky-mms,
    # seven nodes; normalised betweenness is pairs-through / C(6, 2) = pairs / 15.
    found = brokers(net, territory_id=L, on=DAY)
    assert [(b.node.id, b.betweenness, b.degree) for b in found] == [
        ("sch-l1", round(2 / 15, 6), 2), ("sch-l2", round(2 / 15, 6), 2),
        ("m3", round(1 / 15, 6), 2),
    ]
    assert found[0].edge_types == (("EMPLOYED_AT", 1), ("HAS_ROLE", 1),
                                   ("HORIZONTAL_LEARNING", 1))
    assert [b.node.id for b in brokers(net, territory_id=L, on=DAY, label="Person")] == ["m3"]
    assert len(brokers(net, territory_id=L, on=DAY, top=1)) == 1


def test_brokers_count_old_edges_without_a_day(net: Store) -> None:
    # m3's ended support of sch-l2 joins the two chains; removing sch-l2 now splits
    # {t4, sch-l1} | {t5} | {m3, pool, mms}: 2·1 + 2·3 + 1·3 = 11 pairs; m3: 1 + 4 + 4 = 9.
    assert [(b.node.id, b.betweenness) for b in brokers(net, territory_id=L, top=2)] == [
        ("sch-l2", round(11 / 15, 6)), ("m3", round(9 / 15, 6))]


def test_brokers_of_everything_and_scope(net: Store) -> None:
    top = brokers(net, on=DAY, top=3)
    assert [b.node.id for b in top] == ["t1", "m1", "LEN-cnppm"]
    # Scope narrows the network itself: nothing of Luga reaches a Vsevolozhsk caller.
    hidden = {b.node.id for b in brokers(net, on=DAY, top=50, scope=Scope.of([V]))}
    assert hidden == {"m2", "sch-v1", "sch-v2", "t1", "mentor1", "LEN-vsevolozhsky-pool"}
    with pytest.raises(MethodnetError):
        brokers(net, top=-1)


def test_isolated_schools(net: Store) -> None:
    found = isolated_schools(net, on=DAY)
    assert [(x.school.id, x.territory_id, x.teachers) for x in found] == [
        ("sch-z1", "RU-AMU-zeya", 1), ("sch-v3", V, 1)]
    assert [x.school.id for x in isolated_schools(net, territory_id=V, on=DAY)] == ["sch-v3"]
    assert [x.school.id for x in isolated_schools(net, scope=Scope.of(["RU-AMU"]))] == ["sch-z1"]
    assert isolated_schools(net, territory_id=L, on=DAY) == []


def test_school_communities(net: Store) -> None:
    found = school_communities(net, on=DAY)
    assert [[s.id for s in c.schools] for c in found] == [["sch-l1", "sch-l2"],
                                                        ["sch-v1", "sch-v2"]]
    assert [c.index for c in found] == [1, 2]
    assert [e.id for e in found[1].links] == ["sch-v1|HORIZONTAL_LEARNING>sch-v2@2024-09-01"]
    assert found[0].territories == (L,)
    louvain = school_communities(net, method="louvain")
    assert [[s.id for s in c.schools] for c in louvain] == [["sch-l1", "sch-l2"],
                                                          ["sch-v1", "sch-v2"]]
    assert [[s.id for s in c.schools] for c in school_communities(net, territory_id=V)] == [
        ["sch-v1", "sch-v2"]]
    assert school_communities(net, scope=Scope.of(["RU-AMU"])) == []
    with pytest.raises(MethodnetError, match="louvain"):
        school_communities(net, method="magic")


def test_louvain_splits_a_chain_the_same_way_every_time(net: Store) -> None:
    net.write(more(12))
    first = school_communities(net, territory_id=V, method="louvain")
    assert len(first) > 1
    assert all(len(c.schools) > 1 for c in first)
    again = school_communities(net, territory_id=V, method="louvain")
    assert [[s.id for s in c.schools] for c in first] == [[s.id for s in c.schools]
                                                          for c in again]


def test_internship_reach(net: Store) -> None:
    (site,) = internship_reach(net, on=DAY)
    assert site.site.id == "sch-v1"
    assert [b.id for b in site.designated_by] == ["LEN-loiro"]
    assert site.district_id == V
    assert [s.id for s in site.schools] == ["sch-v2", "sch-v3"]
    assert [e.id for e in site.links] == ["sch-v1|HORIZONTAL_LEARNING>sch-v2@2024-09-01"]
    assert site.teachers == 2  # t2 and t3; the site's own teachers host, they are not reached
    assert internship_reach(net, scope=Scope.of(["RU-AMU"])) == []
    assert internship_reach(net, territory_id=L) == []
    # Within a territory only its schools' designations are read: the same answer.
    assert internship_reach(net, territory_id=V, on=DAY) == [site]


@pytest.mark.parametrize("question", [
    lambda s: brokers(s, territory_id=V, on=DAY),
    lambda s: brokers(s, on=DAY),
    lambda s: isolated_schools(s, territory_id="RU-LEN", on=DAY),
    lambda s: school_communities(s, on=DAY),
    lambda s: internship_reach(s, on=DAY, scope=Scope.of(["RU-LEN"])),
], ids=["brokers_district", "brokers_all", "isolated", "communities", "internships"])
def test_reads_do_not_grow_with_the_network(net: Store, question: object) -> None:
    assert callable(question)
    small = count_reads(net, lambda: question(net))
    net.write(more(30))
    assert count_reads(net, lambda: question(net)) == small
    assert small <= 10


def test_isolated_schools_of_a_district_take_few_reads(net: Store) -> None:
    # On Neo4j one statement: the caller's sight of the territory and the question together.
    # On the embedded store two reads for the territory (its closure, its records), then the
    # schools, their edges, and their teachers' supporters and memberships with the bodies at
    # their ends.
    reads = count_reads(net, lambda: isolated_schools(net, territory_id=V, on=DAY))
    assert reads == (1 if in_database(net) is not None else 5)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("sampled", [False, True])
@pytest.mark.parametrize("leafy", [False, True])
def test_betweenness_is_networkx_betweenness(seed: int, sampled: bool, leafy: bool) -> None:
    import random

    import networkx as nx

    from graph.queries.network import COMMUNITY_SEED, betweenness

    g = nx.gnm_random_graph(60, 110, seed=seed)
    g.add_edge(3, 3)  # a self-loop changes nothing
    g.add_node(61)  # nor does an isolated node
    if leafy:
        # As in a support network: most people hang off one school (leaves take a shortcut),
        # with a leaf on a leaf, a pair on its own and a star.
        pick = random.Random(seed)
        for leaf in range(100, 160):
            g.add_edge(leaf, pick.randrange(60))
        g.add_edge(160, 100)
        g.add_edge(170, 171)
        g.add_edges_from((180, 181 + i) for i in range(5))
    nodes = sorted(g)
    k = 20 if sampled else None
    expected = nx.betweenness_centrality(g, k=k, normalized=True, seed=COMMUNITY_SEED)
    sources = (random.Random(COMMUNITY_SEED).sample(nodes, 20) if sampled else nodes)
    index = {v: i for i, v in enumerate(nodes)}
    adjacency = [sorted(index[w] for w in g[v] if w != v) for v in nodes]
    got = betweenness(adjacency, [index[s] for s in sources])
    assert got == pytest.approx([expected[v] for v in nodes], abs=1e-12)
    assert max(got) > 0
