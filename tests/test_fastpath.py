"""The cache's fast path (api/fastpath.py): a repeated request answered before GraphQL, the same
bytes as the router's answer, never across scopes, never after a write, never for a request the
bounds refuse."""

from __future__ import annotations

import asyncio
import json

import pytest
from fastapi.testclient import TestClient

from api.fastpath import RevisionReader
from api.main import create_app
from graph.model import Batch, Organization
from graph.queries.scope import Scope
from graph.settings import Settings
from graph.store.base import Store
from tests.callers import caller_headers
from tests.test_store import tiny

ORGS = '{ nodes(label: "Organization") { nodes { id } } }'


def _ids(body: dict) -> list[str]:  # type: ignore[type-arg]
    return [n["id"] for n in body["data"]["nodes"]["nodes"]]


def test_a_repeated_request_gets_the_routers_answer_from_the_fast_path(store: Store) -> None:
    store.write(tiny())
    app = create_app(store=store)
    client = TestClient(app)
    first = client.post("/graphql", json={"query": ORGS})
    again = client.post("/graphql", json={"query": ORGS})
    assert app.state.answers.hits == 1 and app.state.answers.misses == 1
    assert again.content == first.content and again.headers["ETag"] == first.headers["ETag"]
    shown = {"content-type", "etag", "x-methodnet-local-mode"}
    assert {k: v for k, v in again.headers.items() if k in shown} == \
        {k: v for k, v in first.headers.items() if k in shown}
    held = client.post("/graphql", json={"query": ORGS},
                       headers={"If-None-Match": f'W/{first.headers["ETag"]}'})
    assert held.status_code == 304 and held.headers["ETag"] == first.headers["ETag"]
    # Other bytes asking the same are a miss of the fast path and a hit of the router's cache.
    spaced = client.post("/graphql", content=json.dumps({"query": ORGS}, indent=2),
                         headers={"Content-Type": "application/json"})
    assert spaced.content == first.content and app.state.answers.hits == 3


def test_a_kept_answer_does_not_survive_a_write(store: Store) -> None:
    store.write(tiny())
    client = TestClient(create_app(store=store))
    before = client.post("/graphql", json={"query": ORGS})
    assert client.post("/graphql", json={"query": ORGS}).content == before.content
    extra = Batch()
    extra.add(Organization(id="s9", name="Школа № 9", kind="school", level="institutional",
                           territory_id="M1"))
    store.write(extra)
    after = client.post("/graphql", json={"query": ORGS})
    assert "s9" in _ids(after.json()) and "s9" not in _ids(before.json())


def test_the_fast_path_never_crosses_scopes(store: Store) -> None:
    store.write(tiny())
    app = create_app(store=store, settings=Settings(auth="on"))
    client = TestClient(app)
    m1, m2 = caller_headers(app, Scope.of(["M1"])), caller_headers(app, Scope.of(["M2"]))
    one = [client.post("/graphql", json={"query": ORGS}, headers=m1) for _ in range(2)]
    two = [client.post("/graphql", json={"query": ORGS}, headers=m2) for _ in range(2)]
    assert one[0].content == one[1].content and two[0].content == two[1].content
    assert set(_ids(two[1].json())) <= {"s2"} and _ids(one[1].json()) != _ids(two[1].json())
    assert app.state.answers.hits == 2
    # Nobody signed in gets no kept answer, only the refusal.
    assert client.post("/graphql", json={"query": ORGS}).status_code == 401


def test_a_request_the_bounds_refuse_is_refused_every_time(store: Store) -> None:
    store.write(tiny())
    app = create_app(store=store)
    client = TestClient(app)
    refused = "{ brokers(top: 1000) { degree } }"
    for _ in range(3):
        r = client.post("/graphql", json={"query": refused})
        assert "top must be between 1 and 100" in r.json()["errors"][0]["message"]
        assert "ETag" not in r.headers
    assert app.state.answers.hits == 0


def test_a_mutation_is_never_answered_from_memory(store: Store) -> None:
    store.write(tiny())
    app = create_app(store=store)
    client = TestClient(app)
    write = 'mutation { assignSupport(input: {sourceId: "m1", targetId: "s2"}) { created } }'
    answers = [client.post("/graphql", json={"query": write}).json() for _ in range(2)]
    # Written the first time, found unchanged the second: each was executed.
    assert [a["data"]["assignSupport"]["created"] for a in answers] == [1, 0]
    assert app.state.answers.hits == 0


@pytest.mark.neo4j
def test_concurrent_requests_share_one_revision_read(_neo4j_store: Store) -> None:
    store = _neo4j_store
    reader = RevisionReader()

    async def together() -> list[int | None]:
        return await asyncio.gather(*(reader.read(store) for _ in range(30)))

    before = store.round_trips  # type: ignore[attr-defined]
    seen = asyncio.run(together())
    reads = store.round_trips - before  # type: ignore[attr-defined]
    assert len(set(seen)) == 1 and seen[0] == store.revision
    assert 1 <= reads <= 2  # the first read, then one shared by every request that came after
