"""The whole country's first screen made ready when a server starts, in the background.

On Neo4j the first whole-country screen after a start paid for what no later one does: the
server plans every statement of the screen anew (several seconds on nation data), its pages
come from disk, and districts left stale (a write by another process, a bulk load) are counted
again. :func:`start_warm_up` does that work on a thread of its own as the app starts
(``api/main.py``; ``METHODNET_WARM_UP=0`` switches it off), without delaying the start or
``/healthz``:

- it asks the first screen of the whole country (every count and the first page of each list,
  ``gap_report(..., first=50)``) for the latest assessed period — the period the screen opens
  on: read back whole where the store keeps it (:meth:`NativeGaps.first_pages
  <graph.queries.native_gaps.NativeGaps.first_pages>`), else its stale districts are counted
  again and kept (:mod:`graph.queries.kept_counts`) and it is made and kept; no recount
  statement is planned meanwhile, so the screen has the server's cores;
- then it counts every kind's stale districts, reads the screen afresh by its statements (each
  planned, its data read: the first screen after a write needs them) and has the server plan
  the statements that recount a few districts after a write
  (:func:`graph.queries.kept_counts.plan_recounts`).

It runs again when the store's server restarts under the running app (:class:`ServerWatch`).

A first screen of the whole country asked while the warm-up prepares the screens waits for
that (:func:`wait_for_warm_up`, called by the country's questions), then answers from what it
prepared: the work is done once. It does not wait for the steps after it (several seconds on a
server just restarted). A failure is logged and
ends the warm-up only: the server goes on, and the first screen does the work itself, as it
would have without a warm-up.

>>> from graph.queries.demo import demo_store
>>> store = demo_store()
>>> warm_up(store, ["2025-H1"])
['2025-H1']
>>> start_warm_up(store) is None  # only a store that answers gaps in the database needs one
True
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from graph.store.base import Store

__all__ = ["FIRST_SCREEN", "ServerWatch", "WarmUp", "start_warm_up", "wait_for_warm_up",
           "warm_up", "watch_server"]

FIRST_SCREEN = 50
"""The first page of each list a first screen shows (the GraphQL ``items`` page by default)."""

# Longest a question waits for a warm-up under way before doing its own work.
WAIT_AT_MOST = 600.0
# Seconds the warm-up's later steps (a recount, the screen read afresh, the recount plans:
# seconds of server CPU on a server just restarted) wait once the screen is ready when first
# screens were waiting for it, so that those are answered first.
AFTER_WAITERS = 2.0
# A warm-up that fails is tried again after these pauses (seconds): right after a restart a
# server under load can time a statement out once (its pages still on disk, its plans new)
# and answer it in seconds the next time.
RETRY_PAUSES = (5.0, 20.0)

log = logging.getLogger("methodnet.warm_up")


@dataclass
class WarmUp:
    """One store's warm-up: what it prepares, when it started and ended, how it went."""

    periods: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    seconds: float | None = None
    error: str | None = None
    thread: threading.Thread | None = None
    done: threading.Event = field(default_factory=threading.Event)
    # Set once the first screens are prepared (or the warm-up ended): what a first screen
    # asked meanwhile waits for; the recount statements are planned after it.
    ready: threading.Event = field(default_factory=threading.Event)
    waiting: int = 0
    """First screens waiting for :attr:`ready` now."""

    def prepared(self) -> bool:
        """Set :attr:`ready`; whether first screens were waiting for it."""
        self.ready.set()
        return self.waiting > 0

    @property
    def state(self) -> str:
        """``running``, ``done`` or ``failed``.

        >>> w = WarmUp(); w.state
        'running'
        >>> w.error = "the store does not answer"; w.done.set(); w.state
        'failed'
        """
        if not self.done.is_set():
            return "running"
        return "failed" if self.error is not None else "done"

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until it ended (``timeout`` seconds at most); whether it has."""
        return self.done.wait(timeout)


_WARM_UPS: weakref.WeakKeyDictionary[Store, WarmUp] = weakref.WeakKeyDictionary()
_WAITING = threading.Lock()


def screen_period(store: Store) -> str:
    """The period a first screen opens on: the latest the data was assessed in (else today's
    half-year), as the coordinator's pages choose it.

    >>> from graph.queries.demo import demo_store
    >>> screen_period(demo_store())
    '2025-H1'
    """
    from graph.queries.picture import assessed_periods
    from graph.rules import latest_period as latest

    return latest(assessed_periods(store))


def warm_up(store: Store, periods: Sequence[str] | None = None, *,
            first: int = FIRST_SCREEN, ready: Callable[[], object] | None = None
            ) -> list[str]:
    """Prepare the whole country's first screen of each of ``periods`` (default: the latest
    assessed one) now: the screen asked (read back where it is kept whole, else its stale
    districts counted and it is made and kept), then (``ready()`` called before; if it answers
    true, screens were waiting, and the rest waits :data:`AFTER_WAITERS` seconds) every kind's
    stale districts counted again and kept, the screen read afresh by its statements (planned,
    their data read) and the recount statements planned. Returns the periods prepared."""
    from graph.queries.gaps import gap_report
    from graph.queries.kept_counts import plan_recounts, planning_deferred, recount

    wanted = list(periods) if periods else [screen_period(store)]
    with planning_deferred(store):  # the screen first, with all of the server's cores
        for period in wanted:
            # Read back whole where it is kept, else made and kept; the stale districts of
            # the kinds it counts from partials are counted again on the way.
            gap_report(store, period=period, first=first)
    # A first screen waiting may answer now (it needs no recount's plan), and have the
    # server's cores to itself a moment.
    if ready is not None and ready():
        time.sleep(AFTER_WAITERS)
    for period in wanted:
        # Every kind's stale districts (the screen's and the rest), then the screen read by
        # its statements and kept whole (planned for the first screen after a write).
        recount(store, [period])
        plan_recounts(store, period)
    return wanted


def start_warm_up(store: Store, periods: Sequence[str] | None = None, *,
                  first: int = FIRST_SCREEN) -> WarmUp | None:
    """Start :func:`warm_up` on a thread of its own and return at once; ``None`` (nothing
    started) for a store whose gap questions are not answered in the database (the embedded
    store has no plans to make, and keeps its partials in the process). A warm-up already
    under way for ``store`` is returned, not started twice."""
    from graph.queries.native_gaps import in_database

    if in_database(store) is None:
        return None
    running = _WARM_UPS.get(store)
    if running is not None and running.state == "running":
        return running
    job = WarmUp(periods=list(periods or []))

    def work() -> None:
        try:
            for attempt, pause in enumerate((*RETRY_PAUSES, None)):
                try:
                    job.periods = warm_up(store, periods, first=first, ready=job.prepared)
                    job.error = None
                    break
                except Exception as e:  # logged; the server goes on without it
                    job.error = f"{type(e).__name__}: {e}"
                    if store.closed:  # the app shuts down: nothing to warm up for
                        break
                    log.warning("warm-up of the first screen failed (attempt %d) after %.1f s: "
                                "%s / прогрев первого экрана не удался%s", attempt + 1,
                                time.monotonic() - job.started, job.error,
                                "" if pause is None else f"; again in {pause:.0f} s",
                                exc_info=pause is None)
                    if pause is not None:
                        time.sleep(pause)
            job.seconds = time.monotonic() - job.started
            if job.error is None:
                log.info("warm-up of the first screen done in %.1f s (periods: %s)",
                         job.seconds, ", ".join(job.periods))
        finally:
            job.ready.set()
            job.done.set()

    job.thread = threading.Thread(target=work, name="first-screen-warm-up", daemon=True)
    _WARM_UPS[store] = job
    job.thread.start()
    return job


WATCH_EVERY = 10.0
"""Seconds between two looks of a :class:`ServerWatch` at its server's start time."""


class ServerWatch:
    """Notices that the store's server restarted under a running app and warms up again.

    A Neo4j restarted drops every plan and cached page: the next first screen of the whole
    country would pay for them all again (6-12 s on nation data). The watch reads the server's
    start time (:meth:`Store.server_started <graph.store.base.Store.server_started>`, one
    short read) every :data:`WATCH_EVERY` seconds on a thread of its own and whenever
    ``/healthz`` is asked (:meth:`check`), never per request; when it changed it starts
    :func:`start_warm_up` again. The first look only notes it (the app's start-up began a
    warm-up already), unless that warm-up failed (the server was not up yet).

    >>> from graph.queries.demo import demo_store
    >>> watch = ServerWatch(demo_store())
    >>> watch.check(), watch.restarts  # the embedded store has no server to restart
    (False, 0)
    """

    def __init__(self, store: Store, warm: WarmUp | None = None, *,
                 periods: Sequence[str] | None = None, first: int = FIRST_SCREEN) -> None:
        self.store = store
        self.warm_up = warm
        """The latest warm-up: the start-up's, or the one after the latest restart."""
        self.periods = list(periods or [])
        self.first = first
        self.started: int | None = None
        """The server's start time at the latest look (``None`` before the first answer)."""
        self.restarts = 0
        """Restarts noticed since the app started."""
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def check(self) -> bool:
        """Look at the server's start time once; warm up again if the server restarted since
        the last look. Whether a warm-up was started. A server that does not answer is no
        error here (``/healthz`` says so)."""
        from graph.errors import MethodnetError
        from graph.queries.kept_counts import forget_plans

        try:
            now = self.store.server_started()
        except MethodnetError:
            return False
        if now is None:
            return False
        with self._lock:
            before, self.started = self.started, now
            restarted = before is not None and before != now
            failed = before is None and self.warm_up is not None and \
                self.warm_up.state == "failed"
            if not (restarted or failed):
                return False
            if restarted:
                self.restarts += 1
                log.warning("the store's server restarted (plans and cached pages dropped): "
                            "warming up the first screen again / сервер хранилища "
                            "перезапущен: первый экран прогревается заново")
            forget_plans(self.store)
            # The periods the last warm-up prepared: known, not read again from a cold server.
            periods = self.periods or (self.warm_up.periods if self.warm_up else None)
            job = start_warm_up(self.store, periods or None, first=self.first)
            self.warm_up = job or self.warm_up
            return job is not None

    def start(self, every: float = WATCH_EVERY) -> ServerWatch:
        """Look now and then every ``every`` seconds, on a daemon thread, until :meth:`stop`."""
        def work() -> None:
            self.check()
            while not self._stop.wait(every):
                self.check()

        self._thread = threading.Thread(target=work, name="server-watch", daemon=True)
        self._thread.start()
        return self

    def stop(self, wait: float = 5.0) -> None:
        """Stop looking (the app shuts down), waiting ``wait`` seconds at most for a look under
        way to end."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(wait)


def watch_server(store: Store, warm: WarmUp | None, *,
                 every: float = WATCH_EVERY) -> ServerWatch | None:
    """A started :class:`ServerWatch` of ``store``, or ``None`` for a store whose questions
    need no warm-up (the embedded store).

    >>> from graph.queries.demo import demo_store
    >>> watch_server(demo_store(), None) is None
    True
    """
    from graph.queries.native_gaps import in_database

    if in_database(store) is None:
        return None
    return ServerWatch(store, warm).start(every)


def wait_for_warm_up(store: Store, timeout: float = WAIT_AT_MOST) -> None:
    """If a warm-up of ``store`` is under way (on another thread), wait until its first screens
    are prepared: the whole country's first screen asked meanwhile then answers from what it
    prepared instead of counting and planning the same a second time (it does not wait for
    the recount statements' planning that ends the warm-up)."""
    job = _WARM_UPS.get(store)
    if job is None or job.ready.is_set() or threading.current_thread() is job.thread:
        return
    with _WAITING:
        job.waiting += 1
    try:
        job.ready.wait(timeout)
    finally:
        with _WAITING:
            job.waiting -= 1
