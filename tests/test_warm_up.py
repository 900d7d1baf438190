"""The first screen of the whole country made ready: at a server's start-up
(graph/queries/warm_up.py, api/main.py) and at the end of a load or ``methodnet recount``
(cli/recount.py).

The warm-up runs on a Neo4j store only (the embedded store has no plans to make and keeps its
partials in the serving process); the load-time and ``recount`` counting on any store that keeps
its partials beyond the process (Neo4j). Each test checks what was kept: after a warm-up or a
recount no district is stale, so a first screen counts nothing again (``_count`` is not called).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.main import create_app
from cli.main import app as cli
from graph.queries import kept_counts, warm_up
from graph.queries.demo import demo_store
from graph.queries.gaps import GapKind, gap_report
from graph.settings import Settings
from graph.store import Store

PERIOD = "2025-H1"  # the demo's latest assessed period: the one a first screen opens on
TINY = Path(__file__).resolve().parent / "data" / "tiny"


def _exact(store: Store) -> dict[GapKind, int]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("METHODNET_GAP_PARTIALS", "0")
        return gap_report(store, period=PERIOD, counts_only=True).counts


def _counted_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> dict[GapKind, int]:
    """The whole country's kept counts, failing if any district had to be counted again."""
    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("a district was stale")

    with monkeypatch.context() as mp:
        mp.setattr(kept_counts, "_count", refuse)
        found = kept_counts.kept_counts(store, list(GapKind), period=PERIOD)
    assert found is not None
    return found


@pytest.fixture
def demo(store: Store) -> Iterator[Store]:
    demo_store(store)
    store.forget_gap_partials()  # as after a bulk load: every district stale
    yield store


def test_the_warm_up_counts_the_stale_districts_and_plans_the_screen(
        demo: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    job = warm_up.start_warm_up(demo)
    if demo.kind == "memory":
        assert job is None  # nothing to prepare on the embedded store
        return
    assert job is not None
    assert job.wait(300)
    assert (job.state, job.error, job.periods) == ("done", None, [PERIOD])
    assert job.seconds is not None
    assert _counted_nothing(demo, monkeypatch) == _exact(demo)


@pytest.mark.neo4j
def test_a_first_screen_asked_during_the_warm_up_waits_for_it(
        _neo4j_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _neo4j_store
    store.clear()
    demo_store(store)
    store.forget_gap_partials()
    real, release = warm_up.warm_up, threading.Event()
    counted: list[object] = []
    count = kept_counts._count

    def held(*args: object, **kwargs: object) -> list[str]:
        release.wait(60)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    def counting(*args: object, **kwargs: object) -> object:
        counted.append(threading.current_thread().name)
        return count(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(warm_up, "warm_up", held)
    monkeypatch.setattr(kept_counts, "_count", counting)
    job = warm_up.start_warm_up(store)
    assert job is not None
    answers: list[dict[GapKind, int]] = []
    asker = threading.Thread(target=lambda: answers.append(
        gap_report(store, period=PERIOD, first=2).counts))
    asker.start()
    asker.join(1.0)
    assert asker.is_alive(), "the first screen did not wait for the warm-up"
    release.set()
    assert job.wait(300)
    asker.join(300)
    assert job.state == "done"
    assert answers == [_exact(store)]
    # The stale districts counted by it only: the screen's kinds, then (after the screen was
    # ready) the one kind the screen does not take from partials.
    assert counted == ["first-screen-warm-up"] * 2
    store.clear()


def test_a_failed_warm_up_is_logged_and_the_store_answers(
        demo: Store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    def broken(*_a: object, **_k: object) -> list[str]:
        raise RuntimeError("the server went away")

    monkeypatch.setattr(warm_up, "warm_up", broken)
    monkeypatch.setattr(warm_up, "RETRY_PAUSES", (0.0,))  # tried twice, then given up
    with caplog.at_level(logging.WARNING, logger="methodnet.warm_up"):
        job = warm_up.start_warm_up(demo)
        if job is None:
            assert demo.kind == "memory"
            return
        assert job.wait(60)
    assert job.state == "failed"
    assert "the server went away" in (job.error or "")
    assert "warm-up of the first screen failed (attempt 2)" in caplog.text
    # The first screen does the work itself.
    assert gap_report(demo, period=PERIOD, first=1).counts == _exact(demo)


def _background_done() -> None:
    """Wait for the app's start-up threads (the dashboards', the first screen's, the planning
    of recounts) before the app closes its store under them."""
    for thread in threading.enumerate():
        if thread.name in ("dashboard-warm-up", "first-screen-warm-up", "gaps-plan"):
            thread.join(300)


def _app_settings(neo4j_uri: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                  **more: str) -> Settings:
    monkeypatch.setenv("NEO4J_URI", neo4j_uri)
    for name, value in {"METHODNET_STORE": "neo4j", "METHODNET_AUTH": "local",
                        "METHODNET_STORE_PATH": str(tmp_path / "s"), **more}.items():
        monkeypatch.setenv(name, value)
    return Settings()


@pytest.mark.neo4j
def test_the_app_starts_the_warm_up_without_waiting_for_it(
        _neo4j_store: Store, neo4j_uri: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    store = _neo4j_store
    store.clear()
    demo_store(store)
    store.forget_gap_partials()
    release = threading.Event()
    real = warm_up.warm_up

    def held(*args: object, **kwargs: object) -> list[str]:
        release.wait(60)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(warm_up, "warm_up", held)
    settings = _app_settings(neo4j_uri, tmp_path, monkeypatch)
    try:
        with TestClient(create_app(settings=settings)) as client:
            # Started, and /healthz answers while it runs.
            health = client.get("/healthz")
            assert health.status_code == 200
            assert health.json()["warm_up"] == "running"
            release.set()
            job = client.app.state.warm_up  # type: ignore[attr-defined]
            assert job.wait(300)
            assert client.get("/healthz").json()["warm_up"] == "done"
            _background_done()
    finally:
        release.set()
    assert _counted_nothing(store, monkeypatch) == _exact(store)
    store.clear()


@pytest.mark.neo4j
def test_the_warm_up_can_be_turned_off(
        _neo4j_store: Store, neo4j_uri: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    store = _neo4j_store
    store.clear()
    demo_store(store)
    store.forget_gap_partials()
    started: list[Store] = []
    monkeypatch.setattr(warm_up, "warm_up", lambda s, *_a, **_k: started.append(s) or [])
    settings = _app_settings(neo4j_uri, tmp_path, monkeypatch, METHODNET_WARM_UP="0")
    assert settings.warm_up is False
    with TestClient(create_app(settings=settings)) as client:
        assert client.get("/healthz").json() == {"status": "ok", "store": "neo4j"}
        _background_done()
    assert started == []
    store.clear()


@pytest.mark.neo4j
@pytest.mark.parametrize("how", [["recount"], ["load", "--bulk", str(TINY)]])
def test_recount_and_a_load_leave_every_district_counted(
        _neo4j_store: Store, neo4j_uri: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        how: list[str]) -> None:
    store = _neo4j_store
    store.clear()
    if how[0] == "recount":
        demo_store(store)
        store.forget_gap_partials()
    _app_settings(neo4j_uri, tmp_path, monkeypatch)
    result = CliRunner().invoke(cli, [*how, "--store", "neo4j"])
    assert result.exit_code == 0, result.output
    assert "counted" in result.output
    latest = warm_up.screen_period(store)

    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("a district was stale")

    with monkeypatch.context() as mp:
        mp.setattr(kept_counts, "_count", refuse)
        kept = kept_counts.kept_counts(store, list(GapKind), period=latest)
    with monkeypatch.context() as mp:
        mp.setenv("METHODNET_GAP_PARTIALS", "0")
        assert kept == gap_report(store, period=latest, counts_only=True).counts
    store.clear()


@pytest.mark.neo4j
def test_recount_mark_only_leaves_the_counting_to_the_first_screen(
        _neo4j_store: Store, neo4j_uri: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    store = _neo4j_store
    store.clear()
    demo_store(store)
    assert kept_counts.kept_counts(store, list(GapKind), period=PERIOD) is not None  # all kept
    _app_settings(neo4j_uri, tmp_path, monkeypatch)
    result = CliRunner().invoke(cli, ["recount", "--mark-only", "--store", "neo4j"])
    assert result.exit_code == 0, result.output
    assert "marked stale" in result.output
    with pytest.raises(AssertionError, match="stale"):
        _counted_nothing(store, monkeypatch)
    store.clear()


def test_a_warm_up_that_fails_once_is_tried_again(
        demo: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    real, calls = warm_up.warm_up, []

    def once_broken(*args: object, **kwargs: object) -> list[str]:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("a statement timed out")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(warm_up, "warm_up", once_broken)
    monkeypatch.setattr(warm_up, "RETRY_PAUSES", (0.0,))
    job = warm_up.start_warm_up(demo)
    if job is None:
        assert demo.kind == "memory"
        return
    assert job.wait(300)
    assert (job.state, job.error, len(calls)) == ("done", None, 2)
    assert _counted_nothing(demo, monkeypatch) == _exact(demo)


@pytest.mark.neo4j
def test_a_first_screen_does_not_wait_for_the_recounts_planning(
        _neo4j_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The warm-up's last step (the recount statements planned) is not waited for: a first
    screen asked then answers from the screens the warm-up prepared."""
    store = _neo4j_store
    store.clear()
    demo_store(store)
    store.forget_gap_partials()
    planning, release = threading.Event(), threading.Event()
    real = kept_counts.plan_recounts

    def held(*args: object, **kwargs: object) -> None:
        planning.set()
        release.wait(60)
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(kept_counts, "plan_recounts", held)
    job = warm_up.start_warm_up(store)
    assert job is not None
    try:
        assert planning.wait(300), "the warm-up did not reach the recounts' planning"
        assert job.ready.is_set() and job.state == "running"
        answers: list[dict[GapKind, int]] = []
        asker = threading.Thread(target=lambda: answers.append(
            gap_report(store, period=PERIOD, first=2).counts))
        asker.start()
        asker.join(300)
        assert not asker.is_alive(), "the first screen waited for the recounts' planning"
        assert answers == [_exact(store)]
    finally:
        release.set()
    assert job.wait(300)
    assert (job.state, job.error) == ("done", None)
    store.clear()
