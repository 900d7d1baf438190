"""Side by side: Methodnet's GraphQL API and the Neo4j GraphQL Library over the same Neo4j.

Both servers run at once on loopback over the bench Neo4j holding the same data: Methodnet
(uvicorn, ``api.main``, the Neo4j store) and ``bench/neo4j_graphql/server.mjs`` (Apollo Server
with ``@neo4j/graphql``). Each question is sent to both in alternation, one request at a time,
so they see the same machine; the ratio is Methodnet's median over @neo4j/graphql's.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from bench.harness import BENCH_DIR, Section, fmt_s, percentile

__all__ = ["CANNOT", "Pair", "comparison_section", "node_server", "pairs", "run_comparison"]

NODE_DIR = BENCH_DIR / "neo4j_graphql"
Say = Callable[[str], None]

CANNOT: dict[str, str] = {
    "gap_report (all seven kinds)": "period windows (active at some day of the period), "
    "young specialists (age and career from the period's year), the load norm and the "
    "per-district service rules are logic, not filters; only one kind (deficits without a "
    "route) maps to a filter, and it is compared below",
    "indicators / compute_indicator": "ratios over counted sets per territory and period; each "
    "would be a hand-written @cypher statement, i.e. the query reimplemented in Cypher",
    "duty_compliance": "joins duties (generic by kind or bound to a body) to evidence edges "
    "per category; only as one large hand-written @cypher",
    "support_chain": "climbs a different set of relations at each step with an evidence edge "
    "per step; a variable-length @cypher pattern loses the rules",
    "brokers (betweenness)": "needs a graph algorithm; Neo4j Community has no GDS, and the "
    "library has no algorithms",
    "school_communities (components, Louvain)": "same: graph algorithms",
    "internship_reach": "union of district peers and horizontal links minus own teachers; "
    "possible only as a hand-written @cypher",
    "search (inflection-tolerant)": "the library filters by CONTAINS/STARTS WITH on one "
    "property; «методического центра» does not find «методический центр»; compared below "
    "with CONTAINS, which answers a different (narrower) question",
    "regulation_diff": "a set difference of clause texts between two documents",
}
"""Questions the Neo4j GraphQL Library cannot express, and why."""


@dataclass(frozen=True)
class Pair:
    """The same question to both servers: Methodnet's document and @neo4j/graphql's."""

    name: str
    how: str  # "native", "@cypher", "partial"
    methodnet: str
    neo4j_graphql: str
    variables: dict[str, Any]


def pairs(district: str, period: str, school: str, teacher: str, methodist: str) -> list[Pair]:
    """The questions @neo4j/graphql can express, as a pair of documents each."""
    dp = {"t": district, "p": period}
    return [
        Pair("low_results_support (district)", "native (data only; subject matching and "
             "period windows left to the client)",
             "query($t: String, $p: String) { lowResultsSupport(territoryId: $t, period: $p) "
             "{ unsupported mismatched schools { schoolId lowSubjects supporters { id } "
             "uncoveredSubjects } } }",
             "query($t: String!, $p: String!) { organizations(where: {kind: {eq: \"school\"}, "
             "territory_id: {eq: $t}, assessments: {some: {period: {eq: $p}, "
             "low_results: {eq: true}}}}) { id assessments(where: {period: {eq: $p}}) "
             "{ low_subjects } supportedBy { id subjects } supportedByBody { id } "
             "curatedBy { id } staff { id supportedBy { id subjects } tutoredBy { id } } } }",
             dp),
        Pair("gaps: deficits without a route (district)", "native",
             "query($t: String, $p: String) { gaps(territoryId: $t, period: $p, "
             "kinds: [deficit_without_route]) { total lists { kind count "
             "items(first: 500) { nodes { nodeId } } } } }",
             "query($t: String!) { people(where: {deficits: {some: {id: {startsWith: \"\"}}}, "
             "routes: {none: {id: {startsWith: \"\"}}}, employedAt: {some: "
             "{territory_id: {eq: $t}, kind: {eq: \"school\"}}}}) { id deficits { id } } }",
             dp),
        Pair("methodist_load (district)", "native + @cypher count",
             "query($t: String, $p: String) { methodistLoad(territoryId: $t, period: $p) "
             "{ methodists(first: 200) { nodes { methodistId teacherCount } } } }",
             "query($t: String!) { people(where: {rolesConnection: {some: {edge: {role: "
             "{in: [\"municipal_methodist\", \"regional_methodist\"]}}, node: {territory_id: "
             "{eq: $t}}}}}) { id teacherCount } }",
             dp),
        Pair("isolated_schools (district)", "native (NONE filters)",
             "query($t: String) { isolatedSchools(territoryId: $t, first: 500) "
             "{ nodes { school { id } teachers } } }",
             "query($t: String!) { organizations(where: {kind: {eq: \"school\"}, "
             "territory_id: {eq: $t}, supportedBy: {none: {id: {startsWith: \"\"}}}, "
             "supportedByBody: {none: {id: {startsWith: \"\"}}}, curatedBy: {none: "
             "{id: {startsWith: \"\"}}}, learnsFrom: {none: {id: {startsWith: \"\"}}}, "
             "teaches: {none: {id: {startsWith: \"\"}}}, staff: {none: {OR: [{supportedBy: "
             "{some: {id: {startsWith: \"\"}}}}, {tutoredBy: {some: {id: {startsWith: \"\"}}}}, "
             "{memberOf: {some: {kind: {eq: \"community\"}}}}]}}}) { id } }",
             {"t": district}),
        Pair("coordination_tree (district)", "native, fixed depth 3 (no cycles or «also»)",
             "query($t: String) { coordinationTree(territoryId: $t) { root { id } "
             "nodes { nodes { node { id } depth parentId } } } }",
             "query($t: String!) { organizations(where: {kind: {eq: \"education_authority\"}, "
             "territory_id: {eq: $t}}) { id coordinates { id coordinates { id coordinates "
             "{ id } guides { id } } guides { id } units { id } } guides { id } units { id } "
             "subordinates { id } councils { id } } }",
             {"t": district}),
        Pair("shortest_path teacher→methodist", "@cypher allShortestPaths, the same choice "
             "among equally short paths as Methodnet's",
             "query($a: ID!, $b: ID!) { shortestPath(sourceId: $a, targetId: $b) "
             "{ length nodes { id } } }",
             "query($a: ID!, $b: ID!) { shortestPathIds(a: $a, b: $b) }",
             {"a": teacher, "b": methodist}),
        Pair("neighbourhood depth 2 (school)", "@cypher: each node once at its distance, "
             "nearest first, cut at the limit (ids only, no edges)",
             "query($id: ID!) { neighbourhood(id: $id, depth: 2, limit: 500) "
             "{ nodes { node { id } distance } } }",
             "query($id: ID!) { organizations(where: {id: {eq: $id}}) { id neighbourIds } }",
             {"id": school}),
        Pair("node (a teacher and its edges)", "native (one field per relationship type)",
             "query($id: ID!) { node(id: $id) { node { id title } outgoing { id } "
             "incoming { id } } }",
             "query($id: ID!) { people(where: {id: {eq: $id}}) { id full_name employedAt "
             "{ id } roles { id } memberOf { id } supportedBy { id } tutoredBy { id } "
             "mentoredBy { id } deficits { id } diagnostics { id } routes { id } "
             "completed { id } } }",
             {"id": teacher}),
        Pair("search «методический центр» (district)", "partial: CONTAINS on name only",
             "query($t: String) { search(text: \"методический центр\", territoryId: $t) "
             "{ nodes { node { id } score } } }",
             "query($t: String!) { organizations(where: {territory_id: {eq: $t}, "
             "name: {contains: \"етодический центр\"}}) { id name } }",
             {"t": district}),
    ]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def npm_ci(say: Say) -> None:
    """Install the locked Node packages unless every dependency is installed whole."""
    wanted = json.loads((NODE_DIR / "package.json").read_text(encoding="utf-8"))["dependencies"]
    if all((NODE_DIR / "node_modules" / name / "package.json").is_file() for name in wanted):
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is not installed: the @neo4j/graphql comparison needs Node.js")
    say("npm ci in bench/neo4j_graphql …")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=NODE_DIR, check=True,
                   timeout=900, capture_output=True)


@contextlib.contextmanager
def node_server(neo4j_uri: str, timeout: float = 120) -> Iterator[str]:
    """``node server.mjs`` on a free port; yields its GraphQL URL."""
    port = _free_port()
    proc = subprocess.Popen(["node", "server.mjs"], cwd=NODE_DIR,
                            env={**os.environ, "NEO4J_URI": neo4j_uri, "PORT": str(port)},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + timeout
        assert proc.stdout is not None
        while True:
            line = proc.stdout.readline().decode()
            if "NEO4J_GRAPHQL_READY" in line:
                break
            if proc.poll() is not None or time.monotonic() > deadline:
                rest = proc.stdout.read().decode() if proc.poll() is not None else ""
                raise RuntimeError(f"the @neo4j/graphql server did not start: {line}{rest}")
        yield url
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _post(http: httpx.Client, url: str, query: str, variables: dict[str, Any]) -> float:
    t0 = time.perf_counter()
    r = http.post(url, json={"query": query, "variables": variables})
    elapsed = time.perf_counter() - t0
    body = r.json()
    if r.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"{url}: {r.status_code} {str(body.get('errors'))[:300]}")
    return elapsed


def run_comparison(methodnet_url: str, ng_url: str, the_pairs: list[Pair], *, say: Say,
                   repeat: int = 31, budget: float = 40.0) -> list[dict[str, Any]]:
    """Each pair: a warm-up of each, then alternating timed requests (bounded by ``budget``)."""
    results = []
    with httpx.Client(timeout=300) as http:
        for pair in the_pairs:
            row: dict[str, Any] = {"name": pair.name, "how": pair.how}
            try:
                mn_url = f"{methodnet_url}/graphql"
                _post(http, mn_url, pair.methodnet, pair.variables)
                _post(http, ng_url, pair.neo4j_graphql, pair.variables)
                mn: list[float] = []
                ng: list[float] = []
                started = time.perf_counter()
                for _ in range(repeat):
                    mn.append(_post(http, mn_url, pair.methodnet, pair.variables))
                    ng.append(_post(http, ng_url, pair.neo4j_graphql, pair.variables))
                    if time.perf_counter() - started > budget:
                        break
                row.update({"methodnet": mn, "neo4j_graphql": ng,
                            "methodnet_median": statistics.median(mn),
                            "neo4j_graphql_median": statistics.median(ng),
                            "methodnet_p95": percentile(mn, 95),
                            "neo4j_graphql_p95": percentile(ng, 95)})
                row["ratio"] = row["methodnet_median"] / row["neo4j_graphql_median"]
                say(f"  {pair.name}: Methodnet {fmt_s(row['methodnet_median'])} "
                    f"(p95 {fmt_s(row['methodnet_p95'])}), "
                    f"@neo4j/graphql {fmt_s(row['neo4j_graphql_median'])} "
                    f"(p95 {fmt_s(row['neo4j_graphql_p95'])}), n={len(mn)}, "
                    f"ratio {row['ratio']:.2f}")
            except Exception as e:  # reported in the table, not hidden
                row["error"] = f"{type(e).__name__}: {e}"[:300]
                say(f"  {pair.name}: error {row['error']}")
            results.append(row)
    return results


def comparison_section(scale: str, rows: list[dict[str, Any]]) -> Section:
    section = Section(
        "neo4j_graphql", f"Methodnet vs @neo4j/graphql, same Neo4j, {scale} data "
        "(sequential requests over loopback, medians)",
        ["question", "how @neo4j/graphql expresses it", "Methodnet median · p95",
         "@neo4j/graphql median · p95", "ratio Methodnet/@neo4j/graphql", "goal ≤ 1"])
    for r in rows:
        if "error" in r:
            section.rows.append([r["name"], r["how"], f"error: {r['error']}", "–", "–", "–"])
            continue
        ok = r["ratio"] <= 1.0
        section.rows.append([
            r["name"], r["how"],
            f"{fmt_s(r['methodnet_median'])} · {fmt_s(r['methodnet_p95'])}",
            f"{fmt_s(r['neo4j_graphql_median'])} · {fmt_s(r['neo4j_graphql_p95'])}",
            f"{r['ratio']:.2f}", "met" if ok else "**not met**"])
    section.notes += [
        "Both answer over HTTP from the same Neo4j; Methodnet's answers carry more (evidence, "
        "subject matching, period windows), @neo4j/graphql's only the data of the question.",
        "The traversals do the same work in the database on both sides: the shortest path is "
        "the same one of equally short paths (allShortestPaths, ordered by edge ids), the "
        "neighbourhood each node once at its distance, ordered and cut at the limit (until "
        "2026-11-26 @neo4j/graphql took any shortest path and every node within two hops, "
        "unordered). Methodnet's neighbourhood answers each node with its distance, "
        "@neo4j/graphql's a list of ids.",
        *[f"Cannot express {name}: {why}." for name, why in CANNOT.items()],
    ]
    return section
