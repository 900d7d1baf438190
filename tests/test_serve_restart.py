"""Killing the served app and starting it again loses no accepted write (issue: make run)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from graph.store import MemoryStore
from tests.test_store import tiny

MUTATION = """mutation { assignSupport(input: {sourceId: "m1", targetId: "t2",
  subject: "физика", start: "2026-11-01"}) { created } }"""
QUERY = '{ node(id: "t2") { incoming { type source } } }'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def serve(store_path: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "METHODNET_STORE": "memory", "METHODNET_STORE_PATH": str(store_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise AssertionError("the app did not start within 60 s")


@pytest.fixture
def store_path(tmp_path: Path) -> Iterator[Path]:
    with MemoryStore(tmp_path) as s:
        s.write(tiny())
    yield tmp_path


def test_accepted_write_survives_kill_9(store_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/graphql"
    proc = serve(store_path, port)
    try:
        answer = httpx.post(url, json={"query": MUTATION}, timeout=30).json()
        assert answer == {"data": {"assignSupport": {"created": 1}}}
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    proc = serve(store_path, port)
    try:
        incoming = httpx.post(url, json={"query": QUERY}, timeout=30).json()
        assert {"type": "SUPPORTS", "source": "m1"} in incoming["data"]["node"]["incoming"]
    finally:
        proc.terminate()
        proc.wait()
