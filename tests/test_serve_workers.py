"""``methodnet serve --workers N``: several server processes over Neo4j, refused on the embedded
store (which one process holds)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from cli.main import app
from graph.store.base import Store
from tests.test_store import tiny

REPO = Path(__file__).resolve().parent.parent


def test_workers_are_refused_on_the_embedded_store(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("METHODNET_STORE_PATH", str(tmp_path / "store"))
    result = CliRunner().invoke(app, ["serve", "--store", "memory", "--workers", "2"])
    assert result.exit_code != 0
    assert "--workers needs the Neo4j store" in result.output
    assert "только с Neo4j" in result.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.mark.neo4j
def test_several_workers_serve_one_neo4j(_neo4j_store: Store, neo4j_uri: str,
                                        tmp_path: Path) -> None:
    store = _neo4j_store
    store.clear()
    store.write(tiny())
    port = _free_port()
    env = {**os.environ, "NEO4J_URI": neo4j_uri, "METHODNET_STORE_PATH": str(tmp_path / "s"),
           "METHODNET_AUTH": "local", "METHODNET_RATE_LIMIT_PER_MINUTE": "0",
           "PYTHONPATH": str(REPO)}
    server = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "serve", "--store", "neo4j", "--workers", "2",
         "--port", str(port)], cwd=REPO, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, server.stderr.read().decode()[-2000:] \
                if server.stderr else ""
            try:
                if httpx.get(f"{url}/healthz", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.5)
        query = {"query": '{ nodes(label: "Organization") { nodes { id } } }'}
        # Several connections: requests spread over both processes, each answers alike.
        answers = []
        for _ in range(6):
            with httpx.Client() as client:
                answers.append(client.post(f"{url}/graphql", json=query, timeout=30).json())
        assert all(a == answers[0] for a in answers)
        assert {n["id"] for n in answers[0]["data"]["nodes"]["nodes"]} >= {"s1", "s2", "mms1"}
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        store.clear()
    err = server.stderr.read().decode() if server.stderr else ""
    assert "2 worker processes" in err
