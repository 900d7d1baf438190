"""The country's gap counts kept per district stay exact through random writes, on both stores.

Each example draws a random network (tests/random_networks.py), writes it, and counts every
kind of gap for the whole country from the partials kept per district
(graph/queries/kept_counts.py). Then it makes a random sequence of writes of every kind —
nodes and edges deleted, written again, their properties that the rules read changed
(territory, kind, community kind, route status and date, birth and career years, subjects;
edge dates, roles, subjects), new edges of each relation type the gap rules read — and after
each write the kept counts must equal the counts computed anew (partials off). A district a
write failed to mark keeps its old partial and the sums differ.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import InvalidBatch
from graph.model import Batch
from graph.model.base import EdgeRecord, NodeRecord
from graph.queries.gaps import GapKind, gap_report
from graph.queries.kept_counts import kept_counts
from graph.store import Store
from tests.random_networks import SUBJECTS, YEARS, Network, networks, periods

_DATES = [None] + [f"{y}-{md}" for y in YEARS for md in ("01-01", "03-31", "06-30", "07-01",
                                                          "12-31")]
_KINDS = ["school", "methodological_service", "pd_center", "methodist_pool", "council",
          "school_methodological_service", "community", "education_authority"]
_ROLES = ["teacher", "regional_methodist", "municipal_methodist", "mentor", "tutor"]
# The relation types the gap rules read, with the labels of their ends.
_EDGES = {
    "EMPLOYED_AT": ("Person", "Organization"), "HAS_ROLE": ("Person", "Organization"),
    "SUPPORTS": ("Person", "Person"), "TUTORS": ("Person", "Person"),
    "MENTORS": ("Person", "Person"), "CURATES": ("Person", "Person"),
    "MEMBER_OF": ("Person", "Organization"), "HAS_DEFICIT": ("Person", "Competency"),
    "HAS_ROUTE": ("Person", "IndividualRoute"), "PART_OF": ("Organization", "Organization"),
    "ATTACHED_TO": ("Organization", "Organization"),
}

_SETTINGS = settings(max_examples=25, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture,
                                            HealthCheck.too_slow, HealthCheck.data_too_large])


def _exact(store: Store, period: str, level: str | None, norm: int) -> dict[GapKind, int]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("METHODNET_GAP_PARTIALS", "0")
        return gap_report(store, period=period, counts_only=True, level=level, norm=norm).counts


def _same(store: Store, period: str, level: str | None, norm: int) -> None:
    kept = kept_counts(store, list(GapKind), period=period, level=level, norm=norm)
    assert kept == _exact(store, period, level, norm)


@_SETTINGS
@given(data=st.data())
def test_kept_counts_equal_the_exact_ones_after_every_write(store: Store,
                                                            data: st.DataObject) -> None:
    period = data.draw(periods(), label="period")
    net = data.draw(networks(around=period), label="network")
    level = data.draw(st.sampled_from([None, "regional", "municipal"]), label="level")
    norm = data.draw(st.integers(1, 3), label="norm")
    store.clear()
    store.write(net.batch)
    _same(store, period, level, norm)
    for _ in range(data.draw(st.integers(1, 8), label="writes")):
        _write(store, net, data)
        _same(store, period, level, norm)
    # Another period's partials are kept apart, and exact too.
    _same(store, data.draw(periods(), label="another period"), level, norm)


def _write(store: Store, net: Network, data: st.DataObject) -> None:
    """One random write: of a node or an edge, deleted, restored, changed or new."""
    nodes = store.nodes()
    edges = store.edges()
    what = data.draw(st.sampled_from(["delete node", "delete edge", "restore", "node property",
                                      "edge property", "new edge"]), label="write")
    try:
        if what == "delete node" and nodes:
            store.delete(node_ids=[data.draw(st.sampled_from(nodes), label="node").id])
        elif what == "delete edge" and edges:
            store.delete(edge_ids=[data.draw(st.sampled_from(edges), label="edge").id])
        elif what == "restore":
            records: list[Any] = [*net.batch.nodes.values(), *net.batch.edges.values()]
            rec = data.draw(st.sampled_from(records), label="restored")
            store.write(Batch(nodes={rec.id: rec}) if isinstance(rec, NodeRecord)
                        else Batch(edges={rec.id: rec}))
        elif what == "node property" and nodes:
            node = data.draw(st.sampled_from(nodes), label="node")
            props = _changed_node(node, net, data)
            store.write(Batch(nodes={node.id: NodeRecord(node.label, node.id, props)}))
        elif what == "edge property" and edges:
            edge = data.draw(st.sampled_from(edges), label="edge")
            props = _changed_edge(edge.type, dict(edge.props), data)
            store.write(Batch(edges={edge.id: EdgeRecord(edge.type, edge.source, edge.target,
                                                         edge.key, props)}))
        elif what == "new edge":
            type_ = data.draw(st.sampled_from(sorted(_EDGES)), label="type")
            source_label, target_label = _EDGES[type_]
            sources = [n.id for n in nodes if n.label == source_label]
            targets = [n.id for n in nodes if n.label == target_label]
            if sources and targets:
                props = _changed_edge(type_, {}, data)
                new = EdgeRecord(type_, data.draw(st.sampled_from(sources), label="source"),
                                 data.draw(st.sampled_from(targets), label="target"),
                                 data.draw(st.sampled_from(["", "x"]), label="key"), props)
                store.write(Batch(edges={new.id: new}))
    except InvalidBatch:
        pass  # an edge whose end is gone: refused, nothing written


def _changed_node(node: NodeRecord, net: Network, data: st.DataObject) -> dict[str, Any]:
    props = dict(node.props)
    choices: dict[str, st.SearchStrategy[Any]] = {
        "Organization": st.sampled_from(["territory_id", "kind", "community_kind",
                                         "generic_name"]),
        "Person": st.sampled_from(["birth_year", "career_start_year", "subjects"]),
        "IndividualRoute": st.sampled_from(["status", "created"]),
        "Competency": st.just("subject"),
    }
    if node.label not in choices:
        props["name"] = "другое имя"
        return props
    key = data.draw(choices[node.label], label="property")
    value: Any = {
        "territory_id": st.sampled_from([*net.districts, *net.regions, None]),
        "kind": st.sampled_from(_KINDS),
        "community_kind": st.sampled_from(["young_teacher_school", "club", None]),
        "generic_name": st.booleans(),
        "birth_year": st.none() | st.integers(YEARS[0] - 37, YEARS[-1] - 22),
        "career_start_year": st.none() | st.integers(YEARS[0] - 3, YEARS[-1] + 1),
        "subjects": st.lists(st.sampled_from(SUBJECTS), max_size=2),
        "status": st.sampled_from(["draft", "active", "completed", "cancelled"]),
        "created": st.sampled_from([d for d in _DATES if d]),
        "subject": st.none() | st.sampled_from(SUBJECTS),
    }[key]
    return _drawn(props, key, value, data)


def _changed_edge(type_: str, props: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    keys = ["start", "end"]
    if type_ == "HAS_ROLE":
        keys += ["role", "subjects"]
        props.setdefault("role", "teacher")
    if type_ in ("SUPPORTS", "TUTORS"):
        keys.append("subject")
    if type_ == "HAS_DEFICIT":
        keys = ["date"]
    if type_ == "EMPLOYED_AT":
        keys.append("subjects")
    key = data.draw(st.sampled_from(keys), label="edge property")
    value: Any = {
        "start": st.sampled_from(_DATES), "end": st.sampled_from(_DATES),
        "date": st.sampled_from(_DATES), "role": st.sampled_from(_ROLES),
        "subjects": st.lists(st.sampled_from(SUBJECTS), max_size=2),
        "subject": st.none() | st.sampled_from(SUBJECTS),
    }[key]
    return _drawn(props, key, value, data)


def _drawn(props: dict[str, Any], key: str, value: st.SearchStrategy[Any],
           data: st.DataObject) -> dict[str, Any]:
    """``props`` with ``key`` set to a value drawn from ``value`` (removed when it is ``None``)."""
    drawn = data.draw(value, label=key)
    if drawn is None:
        props.pop(key, None)
    else:
        props[key] = drawn
    return props
