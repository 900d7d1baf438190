"""The audit log: sign-ins, imports, mutations and user management are recorded, kept in
the store (both stores), and read by admins only — through GraphQL and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.main import create_app
from cli.main import app as cli
from graph.auth import audit, users
from graph.model.base import NodeRecord
from graph.queries.scope import Scope
from graph.settings import Settings
from graph.store import MemoryStore
from graph.store.base import Store
from tests.callers import caller_headers
from tests.graphql import gql
from tests.test_store import tiny

runner = CliRunner()
TINY = Path(__file__).parent / "data" / "tiny"
ASSIGN = """mutation($input: SupportInput!) { assignSupport(input: $input) {
    created updated unchanged } }"""
LOG = """query($first: Int!, $after: String, $actor: String, $action: String) {
  auditLog(first: $first, after: $after, actor: $actor, action: $action) {
    pageInfo { hasNextPage endCursor totalCount }
    nodes { at actor action target outcome via counts ids idsTotal } } }"""


def test_a_mutation_is_recorded_with_who_what_counts_and_ids(store: Store) -> None:
    store.write(tiny())
    app = create_app(store=store, settings=Settings(auth="on"))
    client = TestClient(app)
    admin = caller_headers(app, Scope())
    body = gql(client, ASSIGN, headers=admin,
               input={"sourceId": "m1", "targetId": "t2", "subject": "математика"})
    assert body["data"]["assignSupport"]["created"] == 1
    body = gql(client, ASSIGN, headers=admin, input={"sourceId": "m1", "targetId": "ghost"})
    assert body["errors"]
    log = gql(client, LOG, headers=admin, first=10, action="mutation")["data"]["auditLog"]
    assert log["pageInfo"]["totalCount"] == 2
    refused, done = log["nodes"]  # newest first
    assert done == {"at": done["at"], "actor": "test-admin-all", "action": "mutation",
                    "target": "assignSupport", "outcome": "ok", "via": "bearer",
                    "counts": "created=1 unchanged=0 updated=0", "ids": ["m1", "t2"],
                    "idsTotal": 2}
    assert refused["outcome"] == "refused" and refused["ids"] == ["m1", "ghost"]
    assert done["at"].endswith("+00:00")


def test_a_read_only_caller_is_refused_every_mutation(store: Store) -> None:
    store.write(tiny())
    app = create_app(store=store, settings=Settings(auth="on"))
    analyst = caller_headers(app, Scope.of(None, read_only=True, pseudonymised=True))
    body = gql(TestClient(app), ASSIGN, headers=analyst,
               input={"sourceId": "m1", "targetId": "t2", "subject": "математика"})
    assert body["data"] is None
    assert body["errors"][0]["message"] == \
        "this account may only read / учётная запись только для чтения"
    assert store.edges("SUPPORTS", targets=["t2"]) == []
    (entry,) = audit.audit_log(store, action="mutation").entries
    assert (entry.actor, entry.outcome) == ("test-analyst-all", "refused")


def test_only_admins_read_the_audit_log(store: Store) -> None:
    store.write(tiny())
    app = create_app(store=store, settings=Settings(auth="on"))
    client = TestClient(app)
    for scope in (Scope.of(["M1"]), Scope.of(["R"]),
                  Scope.of(None, read_only=True, pseudonymised=True)):
        body = gql(client, LOG, headers=caller_headers(app, scope), first=5)
        assert body["data"] is None
        assert body["errors"][0]["message"] == (
            "only an administrator reads the audit log / "
            "журнал действий доступен только администратору")


def test_the_audit_log_pages_newest_first_and_filters(store: Store) -> None:
    for i in range(5):
        audit.record(store, "anna" if i % 2 else "boris", "sign_in", target=f"10.0.0.{i}")
    app = create_app(store=store)
    client = TestClient(app)
    first = gql(client, LOG, first=2)["data"]["auditLog"]
    assert [n["target"] for n in first["nodes"]] == ["10.0.0.4", "10.0.0.3"]
    assert first["pageInfo"]["hasNextPage"] and first["pageInfo"]["totalCount"] == 5
    rest = gql(client, LOG, first=10, after=first["pageInfo"]["endCursor"])["data"]["auditLog"]
    assert [n["target"] for n in rest["nodes"]] == ["10.0.0.2", "10.0.0.1", "10.0.0.0"]
    assert not rest["pageInfo"]["hasNextPage"]
    anna = gql(client, LOG, first=10, actor="anna")["data"]["auditLog"]
    assert [n["target"] for n in anna["nodes"]] == ["10.0.0.3", "10.0.0.1"]
    assert "not one this API gave out" in gql(client, LOG, first=1, after="x")["errors"][0][
        "message"]
    assert "between 0 and" in gql(client, LOG, first=10**6)["errors"][0]["message"]


def test_an_entry_keeps_ids_bounded_and_text_printable(store: Store) -> None:
    entry = audit.record(store, "bad\x1b[2Jactor" + "x" * 500, "load",
                         ids=[f"id{i}" for i in range(1000)])
    kept = audit.audit_log(store).entries[0]
    assert kept == entry
    assert kept.actor.startswith("bad?[2Jactor") and len(kept.actor) == 64
    assert len(kept.ids) == audit.MAX_IDS and kept.ids_total == 1000
    with pytest.raises(ValueError, match="unknown audit action"):
        audit.record(store, "anna", "drop_everything")


# -- the command line ----------------------------------------------------------------------
@pytest.fixture
def store_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store"
    with MemoryStore(path) as s:
        s.write(tiny())
    monkeypatch.setenv("METHODNET_STORE_PATH", str(path))
    monkeypatch.setenv("METHODNET_STORE", "memory")
    monkeypatch.delenv("METHODNET_AUTH", raising=False)
    return path


def test_users_are_managed_from_the_cli(store_path: Path) -> None:
    r = runner.invoke(cli, ["users", "add", "anna", "--role", "district_coordinator",
                            "--territory", "M1", "--password-stdin"],
                      input="очень длинный пароль\n")
    assert r.exit_code == 0, r.output
    assert runner.invoke(cli, ["users", "add", "bot", "--role", "admin"]).exit_code == 0
    bad = runner.invoke(cli, ["users", "add", "x", "--role", "district_coordinator",
                              "--territory", "R"])
    assert bad.exit_code == 1 and "is not a Municipality" in bad.output
    assert "Traceback" not in bad.output
    token = runner.invoke(cli, ["users", "token", "bot"])
    assert token.exit_code == 0 and token.stdout.startswith("mn_")
    listed = json.loads(runner.invoke(cli, ["users", "list", "--format", "json"]).stdout)
    assert [(u["login"], u["role"], u["territory"], u["password"]) for u in listed] == [
        ("anna", "district_coordinator", "M1", True), ("bot", "admin", "", False)]
    assert "hash" not in json.dumps(listed)
    assert runner.invoke(cli, ["users", "disable", "anna"]).exit_code == 0
    with MemoryStore(store_path, readonly=True) as s:
        assert users.get_user(s, "anna").disabled  # type: ignore[union-attr]
        assert users.authenticate_token(s, token.stdout.strip()).login == "bot"  # type: ignore
        actions = [(e.action, e.target) for e in audit.audit_log(s).entries]
    assert actions == [("user_disable", "anna"), ("user_token", "bot"), ("user_add", "bot"),
                       ("user_add", "anna")]


def test_audit_command_prints_table_json_and_csv(store_path: Path) -> None:
    with MemoryStore(store_path) as s:
        audit.record(s, "anna", "sign_in", via="password", target="127.0.0.1")
        audit.record(s, "boris", "sign_in_failed", outcome="refused", target="127.0.0.1")
    as_json = json.loads(runner.invoke(cli, ["audit", "--format", "json"]).stdout)
    assert [(e["actor"], e["action"], e["outcome"]) for e in as_json] == [
        ("boris", "sign_in_failed", "refused"), ("anna", "sign_in", "ok")]
    as_csv = runner.invoke(cli, ["audit", "--format", "csv", "--actor", "anna"]).stdout
    assert as_csv.splitlines()[0].startswith("at,actor,action,target,outcome")
    assert len(as_csv.splitlines()) == 2
    table = runner.invoke(cli, ["audit", "--action", "sign_in_failed"])
    assert table.exit_code == 0 and "boris" in table.stdout and "anna" not in table.stdout
    bad = runner.invoke(cli, ["audit", "--action", "nonsense"])
    assert bad.exit_code == 1 and "unknown action" in bad.output


def test_a_load_is_recorded_and_acts_as_the_user(store_path: Path) -> None:
    with MemoryStore(store_path) as s:
        users.add_user(s, "root", "admin")
        users.add_user(s, "ana", "analyst")
    r = runner.invoke(cli, ["load", "--quiet", "--as", "root", str(TINY)])
    assert r.exit_code == 0, r.output
    refused = runner.invoke(cli, ["load", "--quiet", "--as", "ana", str(TINY)])
    assert refused.exit_code == 1 and "may not load" in refused.output
    ghost = runner.invoke(cli, ["load", "--quiet", "--as", "ghost", str(TINY)])
    assert ghost.exit_code == 1 and "no enabled user" in ghost.output
    assert runner.invoke(cli, ["load", "--quiet", str(TINY)]).exit_code == 0
    with MemoryStore(store_path, readonly=True) as s:
        loads = audit.audit_log(s, action="load").entries
    assert [e.actor for e in loads][1] == "root" and loads[0].actor.startswith("cli")
    assert loads[1].ids == [str(TINY)] and loads[1].counts["created"] > 0
    assert loads[0].counts["created"] == 0 and loads[0].counts["unchanged"] > 0


def test_a_district_load_outside_its_territory_is_refused_and_recorded(
        store_path: Path) -> None:
    with MemoryStore(store_path) as s:
        users.add_user(s, "dora", "district_coordinator", territory="M1")
    r = runner.invoke(cli, ["load", "--quiet", "--as", "dora", str(TINY)])  # other districts
    assert r.exit_code == 1, r.output
    with MemoryStore(store_path, readonly=True) as s:
        assert s.counts().total_nodes == 9  # nothing was loaded
        refused = audit.audit_log(s, action="load").entries
    assert [(e.actor, e.outcome) for e in refused] == [("dora", "refused")]


def test_serving_on_other_addresses_needs_sign_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("METHODNET_AUTH", raising=False)
    for host in ("0.0.0.0", "192.168.1.10", "::"):
        r = runner.invoke(cli, ["serve", "--host", host])
        assert r.exit_code == 1 and "METHODNET_AUTH=on" in r.output, host
    monkeypatch.setenv("METHODNET_AUTH", "local")
    assert runner.invoke(cli, ["serve", "--host", "0.0.0.0"]).exit_code == 1


def test_private_records_never_reach_exports(store_path: Path, tmp_path: Path) -> None:
    with MemoryStore(store_path) as s:
        s.put_private([NodeRecord("User", "anna", {"role": "admin", "password_hash": "h"})])
        audit.record(s, "anna", "sign_in")
    out = tmp_path / "out"
    r = runner.invoke(cli, ["export", "--out", str(out)])
    assert r.exit_code == 0, r.output
    text = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file())
    assert "anna" not in text and "AuditEntry" not in text and "sign_in" not in text


def test_tokens_expire_and_are_revoked_from_the_cli(store_path: Path) -> None:
    assert runner.invoke(cli, ["users", "add", "bot", "--role", "admin"]).exit_code == 0
    short = runner.invoke(cli, ["users", "token", "bot", "--days", "1"]).stdout.strip()
    forever = runner.invoke(cli, ["users", "token", "bot", "--days", "0"]).stdout.strip()
    bad = runner.invoke(cli, ["users", "token", "bot", "--days", "-3"])
    assert bad.exit_code == 1 and "0 (no end) to 3660 days" in bad.output
    listed = json.loads(runner.invoke(cli, ["users", "tokens", "bot", "--format", "json"]).stdout)
    assert sorted(bool(t["expires"]) for t in listed) == [False, True]
    assert all(t["works"] for t in listed) and short not in json.dumps(listed)
    revoked = runner.invoke(cli, ["users", "revoke", "bot"])
    assert revoked.exit_code == 0 and "revoked 2 token(s)" in revoked.stdout
    with MemoryStore(store_path, readonly=True) as s:
        assert users.authenticate_token(s, short) is None
        assert users.authenticate_token(s, forever) is None
        bot = users.get_user(s, "bot")
        assert bot is not None and not bot.disabled
        entry = audit.audit_log(s, action="user_revoke").entries[0]
    assert (entry.target, entry.counts) == ("bot", {"tokens": 2})


def test_every_mutation_field_is_audited() -> None:
    """The audit is a field extension on the mutation type: a mutation added to any mixin
    gets it, and no query field passes through it."""
    from api.audit import AuditMutations
    from api.schema import Mutation, Query

    mutations = Mutation.__strawberry_definition__.fields  # type: ignore[attr-defined]
    assert mutations and all(
        sum(isinstance(e, AuditMutations) for e in f.extensions) == 1 for f in mutations)
    queries = Query.__strawberry_definition__.fields  # type: ignore[attr-defined]
    assert not any(isinstance(e, AuditMutations) for f in queries for e in f.extensions)
