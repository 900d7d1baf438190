"""The production store: a real Neo4j 5 server through the official driver.

Writes go in batched ``UNWIND … MERGE`` statements, all of one batch in one managed write
transaction, so a batch is accepted whole or not at all. Reads have a timeout; each read of a
question is an auto-commit query in the question's one session, under one deadline
(:meth:`Neo4jStore.read_together`). The driver
is passed in (or made by :meth:`Neo4jStore.connect`), never created deep inside.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any, ClassVar, TypeVar

import neo4j
from neo4j import GraphDatabase, ManagedTransaction, Query, unit_of_work
from neo4j.exceptions import (
    AuthError,
    ClientError,
    DatabaseError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph.errors import InvalidBatch, Problem, StoreError, StoreUnavailable
from graph.model.base import EdgeRecord, NodeRecord
from graph.model.batch import Batch
from graph.model.registry import EDGE_TYPES
from graph.model.wordforms import (
    SEARCH_PROPERTIES,
    SearchTerms,
    role_search_properties,
    search_key,
    search_properties,
)
from graph.store import cypher
from graph.store.base import (
    GraphCounts,
    KeptPartial,
    Progress,
    Store,
    WriteSummary,
    as_types,
)
from graph.store.primitives import (
    Direction,
    Neighbours,
    Reached,
    Walk,
    check_hops,
    followed,
    grouping_key,
    kept,
)
from graph.store.stale import CAP, Met, touched

__all__ = ["Neo4jStore"]

T = TypeVar("T")

log = logging.getLogger("methodnet.store")

CLOSE_WAIT = 10.0
"""Seconds :meth:`Neo4jStore.close` waits for work under way on other threads."""


class Neo4jStore(Store):
    """Neo4j store over a driver; creates its constraints and indexes on connect."""

    kind: ClassVar[str] = "neo4j"
    concurrent_reads: ClassVar[bool] = True  # the driver is thread-safe; sessions are not shared

    def __init__(
        self,
        driver: neo4j.Driver,
        *,
        database: str | None = None,
        read_timeout: float = 60.0,
        write_timeout: float = 1800.0,
        batch_size: int = 5000,
        owns_driver: bool = False,
        prepare: bool = True,
    ) -> None:
        self.driver = driver
        self.database = database
        self.batch_size = batch_size
        self._owns_driver = owns_driver
        self._closed = False
        # Sessions open now (see ``_at_work_now``): closing waits for them before the driver goes.
        self._at_work = 0
        self._work_changed = threading.Condition()
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        # Round trips to the server, so tests can show a question costs a few, not N+1.
        self.round_trips = 0
        # Reads too large to collect, answered record by record instead (see ``_rows``).
        self.streamed_reads = 0
        # The reads of the question a thread is answering (see ``read_together``).
        self._local = threading.local()
        # Whether the constraints and indexes are known to be there (see ``_ready``).
        self._prepared = False
        self._prepare_lock = threading.Lock()
        # Whether the server refused to tell its start time (see ``server_started``).
        self._start_time_refused = False
        if prepare:
            self._ready()

    @classmethod
    def connect(
        cls, uri: str, user: str | None = None, password: str | None = None, *,
        wait: bool = False, **kwargs: Any,
    ) -> Neo4jStore:
        """Open a driver on ``uri`` and check the server answers.

        With ``wait``, a server that does not answer yet is no error: the store is returned
        all the same, each use raises :class:`StoreUnavailable` until the server answers, and
        the first use after that prepares the schema (an app started before its database).
        Wrong credentials are an error either way.
        """
        auth = (user, password or "") if user else None
        driver = GraphDatabase.driver(uri, auth=auth)
        try:
            driver.verify_connectivity()
        except AuthError as e:
            driver.close()
            raise StoreUnavailable(f"Neo4j at {uri} refused the credentials: {e}") from e
        except (ServiceUnavailable, OSError) as e:
            if wait:
                return cls(driver, owns_driver=True, prepare=False, **kwargs)
            driver.close()
            raise StoreUnavailable(f"cannot reach Neo4j at {uri}: {e}") from e
        return cls(driver, owns_driver=True, **kwargs)

    def close(self, wait: float = CLOSE_WAIT) -> None:
        """Close the store: new work meets :class:`StoreUnavailable` at once, work under way on
        other threads (a warm-up, a watch's look, a request) is waited for, ``wait`` seconds at
        most, then the driver is closed. A connection another thread still uses when the
        driver goes can fail to say goodbye (the driver raises ``BufferError``); the server
        drops it anyway, so that is logged, not raised: shutting down never fails."""
        with self._work_changed:
            self._closed = True
            self._work_changed.wait_for(lambda: self._at_work == 0, timeout=wait)
            busy = self._at_work
        if not self._owns_driver:
            return
        try:
            self.driver.close()
        except (BufferError, DriverError, OSError) as e:
            log.warning("closing the Neo4j driver with %d session(s) still at work: %s: %s "
                        "/ соединения с Neo4j закрыты, не дождавшись работы", busy,
                        type(e).__name__, e)

    @property
    def closed(self) -> bool:
        return self._closed

    @contextlib.contextmanager
    def _at_work_now(self) -> Iterator[None]:
        """Count this thread's use of the driver as work :meth:`close` waits for; refuse it
        once the store is closed."""
        with self._work_changed:
            if self._closed:
                raise StoreUnavailable("the store is closed")
            self._at_work += 1
        try:
            yield
        finally:
            with self._work_changed:
                self._at_work -= 1
                self._work_changed.notify_all()

    # -- transactions --------------------------------------------------------------------
    def read_together(self, work: Callable[[], T]) -> T:
        """Run ``work`` with the reads of this thread as one question's: each an auto-commit
        query in one session, all within one deadline (the store's read timeout).

        A read in an explicit transaction costs a BEGIN and a COMMIT besides the query (the
        driver does not pipeline BEGIN: two round trips more on loopback), so no read begins
        one: a question of one read (a path, a neighbourhood, a node) is one round trip, a
        question of two reads (a territory's visibility, then its answer) two where it was
        four. Neo4j reads at *read committed* either way, so each read sees what was
        committed before it, as in a shared transaction; the session's bookmarks keep a
        later read from seeing an older database than an earlier one behind a router.

        ``work`` runs again, whole, on an error the driver calls retryable (a leader change,
        a deadlock), for up to :data:`RETRY_SECONDS`, as a managed transaction would be; a
        server that accepts no connection at all fails at once with
        :class:`~graph.errors.StoreUnavailable` (:meth:`check`). A read too large to collect
        within the server's transaction memory is read again record by record (see ``_rows``).
        """
        if getattr(self._local, "question", None) is not None:
            return work()
        return self._retried(work)

    def _retried(self, work: Callable[[], T]) -> T:
        """``work`` as one question (see :meth:`read_together`), again on a retryable error."""
        delays = _retry_delays()
        started: float | None = None
        with self._session("read") as session:
            while True:
                question = _Question(session, time.monotonic() + self._read_timeout)
                self._local.question = question
                try:
                    return work()
                except (DriverError, Neo4jError) as e:
                    if not e.is_retryable():
                        raise
                    if isinstance(e, ServiceUnavailable):
                        # a server that answers no connection at all (stopped, restarting) is
                        # said so at once, not after the retries a leader change needs
                        self.check()
                    started = time.monotonic() if started is None else started
                    if time.monotonic() - started > RETRY_SECONDS:
                        raise
                    time.sleep(next(delays))
                finally:
                    self._local.question = None

    @property
    def revision(self) -> int:
        """The database's last committed transaction, as a number (one short read).

        The bookmark a read returns names the newest transaction the server has committed,
        so it changes with every write, whoever made it, and stays put otherwise.

        Within a question (:meth:`read_together`) it is read once, at its first use, and kept
        until the question ends or this thread writes: every answer the question keys by it
        was read at that revision or after, so a kept answer is never older than its key says
        (a write meanwhile makes the key older, and the next question reads anew).
        """
        question: _Question | None = getattr(self._local, "question", None)
        if question is not None and question.revision is not None:
            return question.revision
        with self._session("read") as session:
            session.run(cypher.NOTHING).consume()
            marks = sorted(session.last_bookmarks().raw_values)
        self.round_trips += 1
        digest = hashlib.blake2b("\n".join(marks).encode(), digest_size=8).digest()
        found = int.from_bytes(digest, "big")
        if question is not None:
            question.revision = found
        return found

    def _forget_revision(self) -> None:
        """A write of this thread changes the revision: a question reads it again after."""
        question: _Question | None = getattr(self._local, "question", None)
        if question is not None:
            question.revision = None

    def _read(self, query: str, *, collected: bool = False, **params: Any
              ) -> list[dict[str, Any]]:
        question: _Question | None = getattr(self._local, "question", None)
        if question is None:  # a read of its own is a question of one read
            return self._retried(partial(self._read, query, collected=collected, **params))
        self.round_trips += 1
        try:
            # Records hold only plain values here (no graph entities, no temporal types), so
            # zipping with the keys is exact; ``Record.data()`` walks every value again.
            result = question.run(query, params)
            keys = result.keys()
            return [dict(zip(keys, r, strict=True)) for r in result]
        except TransientError as e:
            if collected and _out_of_memory(e):
                raise _TooLargeToCollect from e  # not retried: it would fail again
            raise

    def _rows(self, query: str, **params: Any) -> list[list[Any]]:
        """The collected ``rows`` list of a read that returns one (see ``cypher.GET_NODES``);
        record by record when the list would not fit the server's transaction memory."""
        try:
            found = self._read(query, collected=True, **params)
        except _TooLargeToCollect:
            self.streamed_reads += 1
            return [r["row"] for r in self._read(cypher.streamed(query), **params)]
        return found[0]["rows"] if found else []

    def _write(self, work: Any) -> Any:
        with self._session("write") as session:
            return session.execute_write(unit_of_work(timeout=self._write_timeout)(work))

    def _ready(self) -> None:
        """Prepare the schema if that could not be done on connecting (the server was down);
        raises :class:`StoreUnavailable` while the server still does not answer."""
        if self._prepared or getattr(self._local, "preparing", False):
            return
        with self._prepare_lock:
            if self._prepared:
                return
            self.check()  # fails fast while the server is down, where a read would retry
            self._local.preparing = True
            try:
                self.ensure_schema()
            finally:
                self._local.preparing = False

    def check(self) -> None:
        """Raise :class:`StoreUnavailable` at once if the server does not answer now."""
        try:
            with self._at_work_now():
                self.driver.verify_connectivity()
        except (ServiceUnavailable, OSError) as e:
            raise StoreUnavailable(f"Neo4j is not answering: {e}") from e
        except Neo4jError as e:
            raise StoreUnavailable(f"Neo4j refused the connection: {e.message}") from e

    def server_started(self) -> int | None:
        """The server's start time (JMX ``StartTime``, milliseconds), read from the server that
        takes writes (a cluster's leader: the same one each time); ``None`` where the server
        does not tell it (the procedure refused), and not asked again."""
        if self._start_time_refused:
            return None
        try:
            with self._at_work_now(), self.driver.session(
                    database=self.database, default_access_mode=neo4j.WRITE_ACCESS) as session:
                row = session.run(cypher.SERVER_STARTED).single()
        except (ServiceUnavailable, SessionExpired, OSError) as e:
            raise StoreUnavailable(f"Neo4j is not answering: {e}") from e
        except (ClientError, DatabaseError):
            self._start_time_refused = True
            return None
        found = None if row is None else row["started"]
        return int(found) if isinstance(found, int | float) else None

    @contextlib.contextmanager
    def _session(self, action: str) -> Iterator[neo4j.Session]:
        """A session whose driver errors reach the caller as the store's own."""
        if self._closed:
            raise StoreUnavailable("the store is closed")
        self._ready()
        if action != "read":
            self._forget_revision()
        try:
            with self._at_work_now(), self.driver.session(
                    database=self.database, default_access_mode=_ACCESS[action]) as session:
                yield session
        except ServiceUnavailable as e:
            raise StoreUnavailable(f"Neo4j is not answering: {e}") from e
        except Neo4jError as e:
            raise StoreError(f"Neo4j refused a {action}: {e.message}") from e

    def ensure_schema(self) -> None:
        """Create the id constraint and the indexes the questions use, those still missing.

        One read finds what exists (a constraint's index carries the constraint's name), so
        connecting to a prepared database costs one round trip, not one per index.
        """
        existing = set(self._read(cypher.SHOW_SCHEMA_NAMES)[0]["names"])
        missing = [s for name, s in cypher.schema_statements().items() if name not in existing]
        for statement in cypher.obsolete_indexes(sorted(existing)) + missing:
            self._write(lambda tx, s=statement: tx.run(s).consume())
        searching = [s for name, s in cypher.SEARCH_INDEXES.items() if name not in existing]
        if searching:
            self._fill_search()
            for statement in searching:
                self._write(lambda tx, s=statement: tx.run(s).consume())
        if missing or searching:
            self._write(lambda tx: tx.run("CALL db.awaitIndexes(300)").consume())
        self._prepared = True

    # -- search --------------------------------------------------------------------------
    def find_named(self, terms: SearchTerms, *, labels: Sequence[str],
                   inside: frozenset[str] | None, near: frozenset[str] | None,
                   work: Sequence[str] = ()
                   ) -> tuple[list[NodeRecord], list[EdgeRecord], dict[str, Any]]:
        """Search candidates from the full-text indexes, with the edges of ``work`` of those
        that are people and the territory of each body those lead to, in one statement (see
        :class:`graph.queries.search.FindsNames`)."""
        found = self._read(cypher.FIND_NAMED, names=cypher.lucene_search(terms),
                           roles=cypher.lucene_search(terms, names=False), labels=list(labels),
                           near=None if near is None else sorted(near),
                           inside=sorted(inside or ()), work=list(work))
        return _named([row for record in found for row in record["rows"]])

    def find_named_within(self, terms: SearchTerms, *, labels: Sequence[str],
                          territory: str | None, allowed: Sequence[str] | None,
                          work: Sequence[str] = ()
                          ) -> tuple[list[NodeRecord], list[EdgeRecord], dict[str, Any],
                                     list[str] | None, list[str]]:
        """:meth:`find_named` narrowed to the caller's sight of ``territory`` within
        ``allowed`` (the scope's territories, ``None``: unrestricted), the sight computed in
        the same statement (``cypher.FIND_NAMED_WITHIN``) and returned as its ``inside`` and
        ``above`` territories (see :func:`graph.queries.visibility.sight_of`)."""
        found = self._read(cypher.FIND_NAMED_WITHIN, names=cypher.lucene_search(terms),
                           roles=cypher.lucene_search(terms, names=False), labels=list(labels),
                           territory=territory, allowed=None if allowed is None else list(allowed),
                           work=list(work))
        nodes, held, territories = _named(found[0]["rows"])
        return nodes, held, territories, found[0]["inside"], found[0]["above"]

    def find_ranked(self, terms: SearchTerms) -> tuple[list[str], list[list[str]]] | None:
        """The search keys of the candidates ``terms`` find (see :func:`search_key`), then,
        for each role whose words they find, the element id of the person holding it and the
        role's key (JSON) — one statement, one short value per candidate; ``None`` when one of them
        was written before the keys existed (see :class:`graph.queries.search.RanksNames`)."""
        found = self._read(cypher.FIND_RANKED, names=cypher.lucene_search(terms),
                           roles=cypher.lucene_search(terms, names=False))
        named, roles = (list(record["keys"]) for record in found)
        if "" in named or any(pair[1] == "" for pair in roles):
            return None
        return named, roles

    def person_keys(self, refs: Sequence[str]) -> list[tuple[str, str]] | None:
        """``(element id, search key)`` of the people ``refs`` (element ids, as
        :meth:`find_ranked` returns them) that exist, or ``None`` when one of them was written
        before the keys existed."""
        pairs = [(ref, key) for ref, key in
                 self._read(cypher.SEARCH_KEYS, refs=list(refs))[0]["keys"]] if refs else []
        return None if any(key == "" for _, key in pairs) else pairs

    def _fill_search(self, chunk: int = 10_000) -> int:
        """Give every searchable node and role written before the search indexes existed its
        full-text properties (see :data:`cypher.SEARCH_BACKFILL_NODES`); how many it gave."""
        done = 0
        while True:
            rows = self._read(cypher.SEARCH_BACKFILL_NODES, limit=chunk)[0]["rows"]
            if not rows:
                break
            # A node that has its words lacks only its key, which needs no dictionary.
            updates = [{"id": node_id, "search": (
                {"_search_key": search_key(node_label, props)} if "_search_words" in props
                else search_properties(node_label, props))}
                for node_id, node_label, props in rows]
            self._write(lambda tx, u=updates: tx.run(cypher.SET_NODE_SEARCH, rows=u).consume())
            done += len(updates)
        while True:
            rows = self._read(cypher.SEARCH_BACKFILL_EDGES, limit=chunk)[0]["rows"]
            if not rows:
                break
            updates = [{"id": element, "search": role_search_properties("HAS_ROLE", props)}
                       for element, props in rows]
            self._write(lambda tx, u=updates: tx.run(cypher.SET_EDGE_SEARCH, rows=u).consume())
            done += len(updates)
        return done

    # -- writing -------------------------------------------------------------------------
    def write(self, batch: Batch, *, progress: Progress | None = None) -> WriteSummary:
        self._ready()
        problems = batch.check_ends(self.get_ends)
        if problems:
            raise InvalidBatch(problems)
        total = len(batch)
        summary = WriteSummary()

        def work(tx: ManagedTransaction) -> None:
            # Runs again from the start if the driver retries, so it starts from a clean slate.
            summary.created.clear()
            summary.updated.clear()
            summary.unchanged.clear()
            done = 0
            by_label: dict[str, list[NodeRecord]] = {}
            for rec in batch.nodes.values():
                by_label.setdefault(rec.label, []).append(rec)
            conflicts: dict[str, NodeRecord] = {}
            for lab, recs in by_label.items():
                for chunk in _chunks(recs, self.batch_size):
                    for row in tx.run(cypher.relabel_conflicts(lab), ids=[r.id for r in chunk]):
                        conflicts[row["id"]] = NodeRecord(row["label"], row["id"])
            if conflicts:
                raise InvalidBatch(batch.relabel_problems(conflicts))
            node_ids = list(batch.nodes)
            ends = [end for e in batch.edges.values() for end in (e.source, e.target)]
            before = _touched_in(tx, node_ids, ends)
            for lab, recs in by_label.items():
                for chunk in _chunks(recs, self.batch_size):
                    rows = [_node_row(r) for r in chunk]
                    _count(tx.run(cypher.merge_nodes(lab), rows=rows).single(), lab, summary)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
            by_type: dict[str, list[EdgeRecord]] = {}
            for erec in batch.edges.values():
                by_type.setdefault(erec.type, []).append(erec)
            for type_, erecs in by_type.items():
                for echunk in _chunks(erecs, self.batch_size):
                    rows = [_edge_row(e) for e in echunk]
                    _count(tx.run(cypher.merge_edges(type_), rows=rows).single(), type_, summary)
                    done += len(echunk)
                    if progress:
                        progress(done, total)
            _mark_stale(tx, before, _touched_in(tx, node_ids, ends) if before is not None
                        else None)

        self._forget_revision()
        try:
            with self._at_work_now(), self.driver.session(database=self.database) as session:
                session.execute_write(unit_of_work(timeout=self._write_timeout)(work))
        except ServiceUnavailable as e:
            raise StoreUnavailable(f"Neo4j is not answering: {e}") from e
        except Neo4jError as e:
            hint = ""
            if "dbms.memory.transaction" in (e.message or ""):
                hint = (" — the batch is larger than the server lets one transaction be: raise "
                        "dbms.memory.transaction.total.max (the bundled server's tx_memory) or "
                        "load the data in parts")
            raise StoreError(
                f"Neo4j refused the batch, nothing was written: {e.message}{hint}"
            ) from e
        return summary

    def bulk_write(
        self, batches: Iterable[Batch], *, progress: Progress | None = None,
        checked: bool = False,
    ) -> WriteSummary:
        """Write many batches in chunks of ``batch_size`` rows, each chunk its own transaction.

        NOT ATOMIC: a failure leaves the chunks before it written. For loading a whole country
        into a fresh database with bounded memory, where :meth:`write`'s one transaction would
        hold everything at once; rerunning the same load after a failure converges, because
        every statement is a MERGE. Each batch's nodes go before its edges, and a batch is
        written before the next is taken from ``batches``, so a lazy reader may check its ends
        against this store (see :func:`graph.loaders.dataset.stream.iter_batches`). Ends are
        checked per batch as :meth:`write` does, unless ``checked`` says the caller did (one
        lookup of every end per chunk instead of two); either way a chunk with an edge whose
        end is not in the database is refused whole, so an end deleted meanwhile is an error,
        not a lost edge. A bad batch raises ``InvalidBatch``. ``progress(done, 0)`` gets the
        running count of rows written (the total is unknown).
        """
        summary = WriteSummary()
        done = 0
        for batch in batches:
            problems = [] if checked else batch.check_ends(self.get_ends)
            if problems:
                raise InvalidBatch(problems)
            by_label: dict[str, list[NodeRecord]] = {}
            for rec in batch.nodes.values():
                by_label.setdefault(rec.label, []).append(rec)
            for lab, recs in by_label.items():
                for chunk in _chunks(recs, self.batch_size):
                    rows = [_node_row(r) for r in chunk]
                    statement = cypher.merge_nodes(lab)
                    self._write(lambda tx, s=statement, r=rows, n=lab: _count(
                        _marked_all(tx).run(s, rows=r).single(), n, summary))
                    done += len(chunk)
                    if progress:
                        progress(done, 0)
            by_type: dict[str, list[EdgeRecord]] = {}
            for erec in batch.edges.values():
                by_type.setdefault(erec.type, []).append(erec)
            for type_, erecs in by_type.items():
                for echunk in _chunks(erecs, self.batch_size):
                    rows = [_edge_row(e) for e in echunk]
                    statement = cypher.merge_edges(type_)
                    try:
                        self._write(lambda tx, s=statement, r=rows, t=type_: _count_edges(
                            _marked_all(tx).run(s, rows=r).single(), t, summary, len(r)))
                    except _EndsMissing:
                        # The chunk was rolled back; say which ends are missing, and where.
                        raise InvalidBatch(batch.check_ends(self.get_ends) or [Problem(
                            f"an end of a {type_} edge is not in the database",
                            message_ru=f"конец связи {type_} не найден в базе")]) from None
                    done += len(echunk)
                    if progress:
                        progress(done, 0)
        return summary

    def delete(self, node_ids: Iterable[str] = (), edge_ids: Iterable[str] = ()) -> int:
        nodes, edges = list(node_ids), list(edge_ids)

        def work(tx: ManagedTransaction) -> int:
            n = 0
            rows = [{"source": _edge_source(e), "id": e} for e in edges]
            ends = [end for r in tx.run(cypher.STALE_EDGE_ENDS, rows=rows)
                    for end in (r["source"], r["target"])] if edges else []
            _mark_stale(tx, _touched_in(tx, nodes, ends), set())
            if edges:
                n += tx.run(cypher.DELETE_EDGES, rows=rows).single(strict=True)["deleted"]
            if nodes:
                n += tx.run(cypher.DELETE_NODES, ids=nodes).single(strict=True)["deleted"]
            return n

        deleted: int = self._write(work)
        return deleted

    def clear(self) -> None:
        """Remove everything, in chunks of bounded size (each its own transaction)."""
        for statement in (cypher.CLEAR_EDGES_CHUNK, cypher.CLEAR_CHUNK,
                          cypher.CLEAR_PRIVATE_CHUNK):
            while self._write(
                lambda tx, s=statement: _marked_all(tx).run(s, limit=10_000).single(
                    strict=True)["deleted"]
            ):
                pass
        self.forget_gap_partials()

    # -- the country's gap counts kept per district (graph/queries/kept_counts.py) -------
    def gap_generations(self) -> dict[str, int] | None:
        rows = self._read(cypher.GENERATIONS)
        return {str(d): int(g) for d, g in rows[0]["rows"]} if rows else {}

    def forget_gap_partials(self) -> None:
        self._write(lambda tx: _marked_all(tx))

    def kept_gap_partials(self, keys: Sequence[str]) -> dict[str, dict[str, KeptPartial]]:
        rows = self._read(cypher.KEPT_PARTIALS, keys=list(keys))
        return _partials([[r["id"], r["districts"], r["tags"], r["counts"], r["members"]]
                          for r in rows])

    def keep_gap_partials(self, kept: Mapping[str, Mapping[str, KeptPartial]]) -> None:
        rows = [{"id": key, "districts": list(partials),
                 "tags": [p[0] for p in partials.values()],
                 "counts": [p[1] for p in partials.values()],
                 # One string a district (a property cannot hold lists of lists); none kept:
                 # an empty property, read back as ``None``.
                 "members": ([_MEMBERS_KEPT + _SEPARATOR.join(p[2]) if p[2] is not None
                              else "" for p in partials.values()]
                             if any(p[2] is not None for p in partials.values()) else None)}
                for key, partials in kept.items()]
        if not rows:
            return
        # Not kept if the server refuses (a user who may only read): the counts were answered
        # already, and are counted again next time.
        with contextlib.suppress(DriverError, Neo4jError):
            self._write(lambda tx: tx.run(cypher.KEEP_PARTIALS, rows=rows).consume())

    def first_screen_state(self, keys: Sequence[str], page: str) -> dict[str, Any]:
        """What a whole-country first screen reads before counting, in one statement
        (``cypher.FIRST_SCREEN_STATE``): ``generations`` (every district's), ``places`` (every
        organization's territory), ``municipalities``, ``partials`` (those kept under
        ``keys``, as :meth:`kept_gap_partials` gives them), and the screen kept under ``page``
        (``tag`` and packed ``rows``, ``None`` if none is)."""
        rows = self._read(cypher.FIRST_SCREEN_STATE, keys=list(keys), page=page)
        row = rows[0]
        packed = row["page"]
        return {"generations": {str(d): int(g) for d, g in row["generations"]},
                "places": list(row["places"]), "municipalities": list(row["municipalities"]),
                "partials": _partials(row["partials"]), "tag": row["tag"],
                "rows": bytes(packed) if isinstance(packed, bytes | bytearray) else None}

    def keep_gap_page(self, key: str, tag: str, rows: bytes) -> None:
        """Keep the first screen's rows (as the caller packed them) under ``key`` with
        ``tag``; not kept if the server refuses (a user who may only read): the screen was
        answered already."""
        with contextlib.suppress(DriverError, Neo4jError):
            self._write(lambda tx: tx.run(cypher.KEEP_PAGE, key=key, tag=tag,
                                          rows=rows).consume())

    # -- private records -----------------------------------------------------------------
    def put_private(self, records: Iterable[NodeRecord]) -> None:
        by_label: dict[str, list[dict[str, Any]]] = {}
        for r in records:
            cypher.private_label(r.label)  # refuse a foreign label before writing anything
            by_label.setdefault(r.label, []).append({"id": r.id, "props": {**r.props, "id": r.id}})
        if not by_label:
            return

        def work(tx: ManagedTransaction) -> None:
            for name, rows in by_label.items():
                tx.run(cypher.merge_private(name), rows=rows).consume()

        self._write(work)

    def get_private(self, label: str, ids: Iterable[str]) -> dict[str, NodeRecord]:
        rows = self._rows(cypher.get_private(label), ids=list(dict.fromkeys(ids)))
        return {r[0]: _private(label, r) for r in rows}

    def private(
        self,
        label: str,
        where: Mapping[str, Any] | None = None,
        *,
        descending: bool = False,
        after: str | None = None,
        limit: int | None = None,
    ) -> list[NodeRecord]:
        keys, values, membership = _filters(where)
        query = cypher.private_query(label, keys, membership, descending=descending,
                                     after=after is not None, limit=limit is not None)
        rows = self._read(query, after=after, limit=limit, **values)
        return [_private(label, r["row"]) for r in rows]

    def count_private(self, label: str, where: Mapping[str, Any] | None = None) -> int:
        keys, values, membership = _filters(where)
        rows = self._read(cypher.count_private(label, keys, membership), **values)
        return int(rows[0]["count"]) if rows else 0

    # -- reading -------------------------------------------------------------------------
    def answer_records(self, query: str, **params: Any) -> list[dict[str, Any]]:
        """The records of one of the questions computed in the server
        (``cypher.gap_statement``), as one read of the question; see
        :meth:`answer` for the statements that collect their rows."""
        return self._read(query, **params)

    def profile(self, query: str, **params: Any) -> dict[str, Any]:
        """The profiled plan of a read (run to the end), as the driver gives it."""
        def run(tx: ManagedTransaction) -> dict[str, Any]:
            result = tx.run(cypher.profiled(query), params)
            for _ in result:  # the profile is complete once every row is read
                pass
            return dict(result.consume().profile or {})

        with self._session("read") as session:
            return session.execute_read(run)

    def get_nodes(self, ids: Iterable[str]) -> dict[str, NodeRecord]:
        found: dict[str, NodeRecord] = {}
        for chunk in _chunks(list(dict.fromkeys(ids)), 50_000):
            for row in self._rows(cypher.GET_NODES, ids=chunk):
                found[row[0]] = _node(row)
        return found

    def get_ends(self, ids: Iterable[str]) -> dict[str, NodeRecord]:
        found: dict[str, NodeRecord] = {}
        for chunk in _chunks(list(dict.fromkeys(ids)), 50_000):
            for node_id, node_label, kind in self._rows(cypher.GET_ENDS, ids=chunk):
                found[node_id] = NodeRecord(node_label, node_id,
                                            {} if kind is None else {"kind": kind})
        return found

    def nodes(
        self, label: str | None = None, where: Mapping[str, Any] | None = None
    ) -> list[NodeRecord]:
        keys, values, membership = _filters(where)
        rows = self._rows(cypher.nodes_query(label, keys, membership), **values)
        return sorted((_node(r) for r in rows), key=_by_id)

    def edges(
        self,
        types: str | Sequence[str] | None = None,
        *,
        sources: Iterable[str] | None = None,
        targets: Iterable[str] | None = None,
        where: Mapping[str, Any] | None = None,
    ) -> list[EdgeRecord]:
        keys, values, membership = _filters(where)
        src = list(dict.fromkeys(sources)) if sources is not None else None
        tgt = list(dict.fromkeys(targets)) if targets is not None else None
        if (src is not None and not src) or (tgt is not None and not tgt):
            return []
        by_source = src is not None and (tgt is None or len(src) <= len(tgt))
        by_target = tgt is not None
        query = cypher.edges_query(
            as_types(types), by_source=by_source, by_target=by_target, keys=keys,
            membership=membership,
        )
        if not by_source and by_target:
            rows = self._rows(query, targets=tgt, **values)
            if src is not None:
                wanted = set(src)
                rows = [r for r in rows if r[1] in wanted]
        else:
            rows = self._rows(query, sources=src, targets=tgt, **values)
        return sorted((_edge(r) for r in rows), key=_by_id)

    def answer(self, query: str, **params: Any) -> list[list[Any]]:
        """The collected ``rows`` of a question computed in the database (the statements of
        :mod:`graph.store.cypher` under "Indicators, support and load"), in the question's read
        transaction (see :meth:`read_together`)."""
        return self._rows(query, **params)

    # -- graph primitives: one Cypher statement each ----------------------------------------
    def neighbours(
        self,
        ids: Iterable[str],
        types: str | Sequence[str] | None = None,
        *,
        direction: Direction = "both",
        ends: bool = False,
    ) -> Neighbours:
        wanted = as_types(types)
        start = list(dict.fromkeys(ids))
        query = cypher.neighbours_query(wanted, direction, ends=ends)
        if not start or wanted == []:
            return Neighbours(())
        found: dict[str, EdgeRecord] = {}
        far: dict[str, NodeRecord] = {}
        for chunk in _chunks(start, 50_000):
            for row in self._rows(query, ids=chunk):
                e = _edge(row[:4])
                found[e.id] = e
                if ends:
                    far[row[4]] = _node(row[4:])
        return Neighbours(tuple(e for _, e in sorted(found.items())), far)

    def reach(
        self,
        ids: Iterable[str],
        types: str | Sequence[str] | None = None,
        *,
        direction: Direction = "both",
        max_hops: int = 1,
        limit: int | None = None,
        edges: bool = False,
        properties: bool = True,
    ) -> Reached:
        """One statement; see :func:`graph.store.cypher.reach_query` for its plan."""
        wanted = as_types(types)
        hops = 0 if wanted == [] else max_hops
        query = cypher.reach_query(wanted or None, direction, hops,
                                   limit=limit is not None, edges=edges,
                                   properties=properties)
        rows = self._read(query, ids=list(dict.fromkeys(ids)),
                          limit=None if limit is None else limit + 1)
        found = rows[0] if rows else {"nodes": [], "edges": []}
        if properties:
            distance = {row[0]: row[3] for row in found["nodes"]}
            nodes = {row[0]: _node(row[:3]) for row in found["nodes"]}
        else:
            distance = {row[0]: row[2] for row in found["nodes"]}
            nodes = {row[0]: NodeRecord(row[1], row[0], {}) for row in found["nodes"]}
        distance, truncated = kept(distance, limit)
        walked: dict[str, EdgeRecord] = {}
        for per_node in found["edges"]:
            for row in per_node:
                e = _edge(row)
                if followed(e, distance, direction, max_hops):
                    walked[e.id] = e
        return Reached(distance, {n: nodes[n] for n in distance},
                       tuple(e for _, e in sorted(walked.items())), truncated)

    def shortest_path(
        self,
        source: str,
        target: str,
        types: str | Sequence[str] | None = None,
        *,
        direction: Direction = "both",
        max_hops: int = 6,
    ) -> Walk | None:
        """One statement; see :func:`graph.store.cypher.shortest_path_query`."""
        wanted = as_types(types)
        check_hops(max_hops)
        query = cypher.shortest_path_query(wanted or None, direction, max(max_hops, 1))
        if source == target:
            node = self.get_node(source)
            return None if node is None else Walk((node,), ())
        if max_hops == 0 or wanted == []:
            return None
        rows = self._read(query, source=source, target=target)
        if not rows:
            return None
        return Walk(tuple(_node(r) for r in rows[0]["nodes"]),
                    tuple(_edge(r) for r in rows[0]["edges"]))

    def count_by(
        self, label: str, key: str, where: Mapping[str, Any] | None = None
    ) -> dict[Any, int]:
        keys, values, membership = _filters(where)
        rows = self._read(cypher.count_by_query(label, key, keys, membership), **values)
        found: dict[Any, int] = {}
        for r in rows:
            value = grouping_key(r["value"])
            found[value] = found.get(value, 0) + r["count"]
        return dict(sorted(found.items(), key=lambda kv: (kv[0] is None, str(kv[0]))))

    def counts(self) -> GraphCounts:
        nodes = {r["name"]: r["count"] for r in self._read(cypher.COUNT_NODES) if r["name"]}
        edges = {r["name"]: r["count"] for r in self._read(cypher.COUNT_EDGES)}
        return GraphCounts(dict(sorted(nodes.items())), dict(sorted(edges.items())))


RETRY_SECONDS = 30.0
"""How long a question is tried again on retryable errors (the driver's own default for
managed transactions)."""
_ACCESS = {"read": neo4j.READ_ACCESS, "write": neo4j.WRITE_ACCESS}


def _retry_delays() -> Iterator[float]:
    """1 s, 2 s, 4 s… with a fifth either way, as the driver waits between retries."""
    delay = 1.0
    while True:
        yield delay * random.uniform(0.8, 1.2)
        delay *= 2


class _Question:
    """The reads of one question in one session: each an auto-commit query (one round trip),
    given what is left of the question's time (a read past it fails as a timed-out
    transaction would).

    >>> _Question(None, time.monotonic() + 60).left() > 59
    True
    >>> _Question(None, time.monotonic() - 1).left()
    0.001
    """

    def __init__(self, session: neo4j.Session, deadline: float) -> None:
        self.session = session
        self.deadline = deadline
        self.revision: int | None = None  # the store's, read at the question's first use

    def left(self) -> float:
        """Seconds left before the deadline, at least a millisecond (Neo4j takes a timeout of
        zero as none)."""
        return max(round(self.deadline - time.monotonic(), 3), 0.001)

    def run(self, query: str, params: dict[str, Any]) -> neo4j.Result:
        return self.session.run(Query(query, timeout=self.left()), params)


class _TooLargeToCollect(Exception):
    """A collected read exceeded the server's transaction memory."""


def _out_of_memory(error: TransientError) -> bool:
    return "MemoryPoolOutOfMemoryError" in (error.code or "") or \
        "dbms.memory.transaction" in (error.message or "")


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _count(row: neo4j.Record | None, name: str, summary: WriteSummary) -> None:
    if row is None:
        return
    summary.created[name] += row["created"]
    summary.updated[name] += row["updated"]
    summary.unchanged[name] += row["total"] - row["created"] - row["updated"]
    for counter in (summary.created, summary.updated, summary.unchanged):
        if counter[name] == 0:
            del counter[name]


class _EndsMissing(Exception):
    """An edge chunk matched fewer rows than it holds: an end is not in the database."""


def _count_edges(row: neo4j.Record | None, name: str, summary: WriteSummary,
                 expected: int) -> None:
    # ``MERGE`` after ``MATCH`` of the ends drops a row whose end is missing, silently.
    if row is None or row["total"] < expected:
        raise _EndsMissing
    _count(row, name, summary)


def _filters(
    where: Mapping[str, Any] | None,
) -> tuple[list[str], dict[str, Any], list[bool]]:
    """Keys, their values as parameters ``v0``, ``v1``… and which are lists (``IN``)."""
    if not where:
        return [], {}, []
    keys = list(where)
    values = [list(v) if isinstance(v, list | tuple | set | frozenset) else v
              for v in where.values()]
    return keys, {f"v{i}": v for i, v in enumerate(values)}, [isinstance(v, list) for v in values]


def node_of_row(row: Sequence[Any]) -> NodeRecord:
    """A node from a row ``[id, label, props]`` of a read."""
    return _node(list(row))


def edge_of_row(row: Sequence[Any]) -> EdgeRecord:
    """An edge from a row ``[type, source, target, props]`` of a read."""
    return _edge(list(row))


def _node(row: Sequence[Any]) -> NodeRecord:
    node_id, node_label, props = row
    props.pop("id", None)
    for name in SEARCH_PROPERTIES:
        props.pop(name, None)
    return NodeRecord(node_label, node_id, props)


def _private(name: str, row: Sequence[Any]) -> NodeRecord:
    node_id, props = row
    props.pop("id", None)
    return NodeRecord(name, node_id, props)


def _edge(row: Sequence[Any]) -> EdgeRecord:
    edge_type, source, target, props = row
    eid = props.pop("id")
    props.pop("_search_words", None)
    props.pop("_search_key", None)
    key = eid.split("@", 1)[1] if "@" in eid else ""
    return EdgeRecord(edge_type, source, target, key, props)


def _node_row(rec: NodeRecord) -> dict[str, Any]:
    """A node as :func:`cypher.merge_nodes` writes it, with what its full-text index reads."""
    props = {**rec.props, "id": rec.id}
    return {"id": rec.id, "props": {**props, **search_properties(rec.label, props)}}


def _edge_row(rec: EdgeRecord) -> dict[str, Any]:
    """An edge as :func:`cypher.merge_edges` writes it (a role with the words of the role)."""
    return {"id": rec.id, "source": rec.source, "target": rec.target,
            "props": {**rec.props, "id": rec.id,
                      **role_search_properties(rec.type, {**rec.props, "id": rec.id})}}


def _edge_source(edge_id: str) -> str:
    """The source id inside an edge id (``source|TYPE>target@key``, see ``edge_id``).

    >>> _edge_source("p|1|SUPPORTS>s1@math")
    'p|1'
    """
    for type_ in EDGE_TYPES:
        marker = f"|{type_}>"
        if marker in edge_id:
            return edge_id.split(marker, 1)[0]
    return ""  # not an edge id of ours: matches nothing


def _by_id(record: NodeRecord | EdgeRecord) -> str:
    return record.id




def _touched_in(tx: ManagedTransaction, node_ids: Sequence[str], ends: Sequence[str]
                ) -> set[str] | None:
    """The districts a write of ``node_ids`` and of edges with ``ends`` can change the gap
    counts of, read in the write's transaction (:func:`graph.store.stale.touched`)."""
    ids = sorted({*node_ids, *ends})
    if not ids:
        return set()
    if len(ids) > CAP:
        return None

    def met(result: Any) -> list[Met]:
        return [Met(r["id"], bool(r["person"]), bool(r["org"]), bool(r["municipality"]),
                    r["territory"]) for r in result]

    found = {m.id: m for m in met(tx.run(cypher.STALE_NODES, ids=ids))}

    def around(frontier: Sequence[str], last: bool) -> list[Met] | None:
        rows = met(tx.run(cypher.STALE_NEIGHBOURS, ids=list(frontier), last=last, cap=CAP + 1))
        return None if len(rows) > CAP else rows

    return touched([found[i] for i in dict.fromkeys(node_ids) if i in found],
                   [found[i] for i in dict.fromkeys(ends) if i in found], around)


def _mark_stale(tx: ManagedTransaction, before: set[str] | None,
                after: set[str] | None) -> None:
    """Raise, in the write's transaction, the generation of every district it touched (before
    or after it), or every district's (``*``) when it was too broad to bound."""
    districts = ["*"] if before is None or after is None else sorted(before | after)
    if districts:
        tx.run(cypher.BUMP_GENERATIONS, districts=districts).consume()


def _marked_all(tx: ManagedTransaction) -> ManagedTransaction:
    """``tx`` with every district's generation raised in it: for the chunks of bulk writes."""
    tx.run(cypher.BUMP_GENERATIONS, districts=["*"]).consume()
    return tx


def _named(found: Sequence[Sequence[Any]]
           ) -> tuple[list[NodeRecord], list[EdgeRecord], dict[str, Any]]:
    """The rows of ``cypher.FIND_NAMED`` as the nodes (by id), their work edges and the
    territory of each body those lead to."""
    rows = {row[0]: row for row in found}
    held = [_edge([edge_type, node_id, target, props])
            for node_id, row in rows.items() for edge_type, target, _, props in row[3]]
    territories = {target: territory for row in rows.values()
                   for _, target, territory, _ in row[3]}
    return sorted((_node(r[:3]) for r in rows.values()), key=_by_id), held, territories


# A district's kept gaps (``KeptPartial``'s last item) in one string property: ``=`` then the
# ids or subject keys joined by a character no id holds; an empty string: none kept.
_MEMBERS_KEPT = "="
_SEPARATOR = "\x1f"


def _partials(rows: Sequence[Sequence[Any]]) -> dict[str, dict[str, KeptPartial]]:
    """``[id, districts, tags, counts, members]`` rows of ``GapPartials`` as kept partials."""
    found: dict[str, dict[str, KeptPartial]] = {}
    for key, districts, tags, counts, listed in rows:
        members = listed or [None] * len(districts)
        found[key] = {d: (t, int(n), _members(m)) for d, t, n, m in zip(
            districts, tags, counts, members, strict=True)}
    return found


def _members(text: str | None) -> tuple[str, ...] | None:
    """A district's kept gaps as :meth:`Neo4jStore.keep_gap_partials` wrote them.

    >>> _members(None), _members(""), _members("="), _members("=a" + _SEPARATOR + "b")
    (None, None, (), ('a', 'b'))
    """
    if not text or not text.startswith(_MEMBERS_KEPT):
        return None
    rest = text[len(_MEMBERS_KEPT):]
    return tuple(rest.split(_SEPARATOR)) if rest else ()
