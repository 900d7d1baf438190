"""What an analyst reads: a store that shows people by pseudonym, age band and no free text.

:class:`PseudonymisedStore` wraps a store and rewrites every record it hands out, so every
question, page and download built on it (the API and the pages use it for a caller whose
scope is ``pseudonymised``) sees:

* a person's name as a stable pseudonym (``Педагог 3F9A2C1B``: a keyed HMAC of the person's
  id, the same across requests and restarts while the key stays; without the key it cannot
  be traced back or recomputed from a list of ids);
* an ``age_band`` (``до 35``, ``35–49``, ``50–64``, ``65 и старше``) instead of the birth year;
* no free text people typed: a position, a member's role in a council, a topic, a
  diagnostic's instrument; a subject only where it is a subject the store's catalogue knows
  (competencies, programmes, assessments, bodies), so «физика» stays and a note typed into
  the subject does not. An edge whose identity held such text gets a keyed hash in its place.

Reads filtered on a rewritten property are filtered after the rewrite, so a filter cannot
serve as an oracle for a real name. Writes are refused: an analyst only reads.

>>> from graph.model import Batch, Person
>>> from graph.store import MemoryStore
>>> real = MemoryStore(); b = Batch()
>>> b.add(Person(id="t1", full_name="Петрова Анна", birth_year=1990)); _ = real.write(b)
>>> analyst = PseudonymisedStore(real, b"secret", this_year=2026)
>>> analyst.get_node("t1").props
{'full_name': 'Педагог 19F46A48', 'age_band': '35–49', 'synthetic': False}
>>> analyst.nodes("Person", where={"full_name": "Петрова Анна"})
[]
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from graph.errors import StoreError
from graph.model.base import EdgeRecord, NodeRecord
from graph.model.batch import Batch
from graph.rules import YOUNG_SPECIALIST_AGE_BAND, YOUNG_SPECIALIST_MAX_AGE
from graph.store.base import GraphCounts, Progress, Store, WriteSummary, matches
from graph.store.primitives import Direction, Neighbours, Reached

__all__ = [
    "AGE_BANDS",
    "FREE_TEXT",
    "YOUNG_BAND",
    "PseudonymisedStore",
    "age_band",
    "load_key",
    "pseudonym",
]

T = TypeVar("T")

AGE_BANDS: tuple[tuple[int, str], ...] = (
    (YOUNG_SPECIALIST_MAX_AGE, YOUNG_SPECIALIST_AGE_BAND), (50, "35–49"), (65, "50–64"))
"""``(age below which, band)``, youngest first; older people are «65 и старше». The first
band ends where a young specialist's age ends (see :func:`graph.rules.young_specialist`)."""
OLDEST_BAND = "65 и старше"
YOUNG_BAND = AGE_BANDS[0][1]

PERSON_KEPT = ("career_start_year", "subjects", "synthetic")
"""A person's properties an analyst sees as they are (besides the pseudonym and age band)."""

FREE_TEXT: dict[str, tuple[str, ...]] = {
    "Diagnostic": ("instrument",),
    "EMPLOYED_AT": ("position",),
    "MEMBER_OF": ("role",),
    "HORIZONTAL_LEARNING": ("topic",),
    "INTERNSHIP_SITE": ("topic",),
}
"""Properties typed by people as free text, by node label or edge type: never shown."""

SUBJECT_PROPS: dict[str, str] = {
    "SUPPORTS": "subject", "MENTORS": "subject", "TUTORS": "subject", "CURATES": "subject",
    "HAS_ROLE": "subjects",
}
"""Subjects typed with people's edges: kept only where the store's catalogue knows them."""
OTHER_SUBJECT = "другое"

_CATALOGUE = (("Competency", "subject"), ("Programme", "subject"),
              ("Assessment", "low_subjects"), ("Organization", "subjects"))


def pseudonym(person_id: str, key: bytes) -> str:
    """The stable pseudonym of a person: a keyed HMAC-SHA-256 of the id, eight hex digits
    (two of a region's 20 000 people share one with a chance of about 5 %; ids stay distinct).

    >>> pseudonym("t1", b"secret")
    'Педагог 19F46A48'
    >>> pseudonym("t1", b"another key") != pseudonym("t1", b"secret")
    True
    """
    digest = hmac.new(key, person_id.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"Педагог {digest[:8].upper()}"


def age_band(birth_year: int, this_year: int) -> str:
    """The age band of someone born in ``birth_year``.

    >>> [age_band(y, 2026) for y in (2000, 1992, 1991, 1977, 1976, 1962, 1961)]
    ['до 35', 'до 35', '35–49', '35–49', '50–64', '50–64', '65 и старше']
    """
    age = this_year - birth_year
    for below, band in AGE_BANDS:
        if age < below:
            return band
    return OLDEST_BAND


def load_key(secret: str | None, key_file: Path) -> bytes:
    """The pseudonym key: ``secret`` if given, else the key kept in ``key_file`` (32 random
    bytes made on first use, readable by the owner only), so pseudonyms survive restarts."""
    if secret:
        return secret.encode("utf-8")
    try:
        return bytes.fromhex(key_file.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    except ValueError as e:
        raise StoreError(f"the pseudonym key file {key_file} is not a hex key: {e}") from e
    key_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    key = secrets.token_bytes(32)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key.hex())
    return key


class PseudonymisedStore(Store):
    """The store ``inner`` as an analyst may read it; see the module's docstring."""

    kind: ClassVar[str] = "pseudonymised"

    def __init__(self, inner: Store, key: bytes, *, this_year: int | None = None,
                 catalogue_ttl: float = 60.0) -> None:
        self.inner = inner
        self._key = key
        self._this_year = this_year
        self._catalogue_ttl = catalogue_ttl
        self._catalogue: tuple[float, _Catalogue] | None = None
        self._names: dict[str, str] = {}  # pseudonyms already computed, by person id
        self._lock = threading.Lock()

    # -- what an analyst sees ------------------------------------------------------------
    def _subjects(self) -> _Catalogue:
        """Subjects of the store's catalogue (case-folded), re-read every ``catalogue_ttl`` s.
        A subject added meanwhile shows as «другое» until then: late, never too much."""
        with self._lock:
            cached = self._catalogue
        if cached is not None and time.monotonic() - cached[0] < self._catalogue_ttl:
            return cached[1]
        found: set[str] = set()
        for label, prop in _CATALOGUE:
            for rec in self.inner.nodes(label):
                value = rec.props.get(prop)
                for s in value if isinstance(value, list) else [value]:
                    if isinstance(s, str) and s.strip():
                        found.add(s.strip().casefold())
        subjects = _Catalogue(frozenset(found))
        with self._lock:
            self._catalogue = (time.monotonic(), subjects)
        return subjects

    def _name(self, person_id: str) -> str:
        name = self._names.get(person_id)
        if name is None:
            if len(self._names) > 1_000_000:
                self._names.clear()
            name = self._names[person_id] = pseudonym(person_id, self._key)
        return name

    def _node(self, rec: NodeRecord, catalogue: _Catalogue) -> NodeRecord:
        if rec.label == "Person":
            props: dict[str, Any] = {"full_name": self._name(rec.id)}
            born = rec.props.get("birth_year")
            if isinstance(born, int):
                props["age_band"] = age_band(born, self._this_year or dt.date.today().year)
            for name in PERSON_KEPT:
                if name in rec.props:
                    props[name] = rec.props[name]
            if "subjects" in props:
                props["subjects"] = _known(props["subjects"], catalogue)
                if not props["subjects"]:
                    del props["subjects"]
            return NodeRecord(rec.label, rec.id, props)
        dropped = FREE_TEXT.get(rec.label, ())
        if any(name in rec.props for name in dropped):
            return NodeRecord(rec.label, rec.id,
                              {k: v for k, v in rec.props.items() if k not in dropped})
        return rec

    def _edge(self, rec: EdgeRecord, catalogue: _Catalogue) -> EdgeRecord:
        if rec.type not in _EDGE_TYPES_REWRITTEN:
            return rec
        dropped = FREE_TEXT.get(rec.type, ())
        subject_prop = SUBJECT_PROPS.get(rec.type)
        value = rec.props.get(subject_prop) if subject_prop is not None else None
        kept = value is None or (all(catalogue.knows(v) for v in value)
                                 if isinstance(value, list) else catalogue.knows(value))
        if kept and not any(name in rec.props for name in dropped):
            return rec  # nothing to hide: the record as it is
        props = {k: v for k, v in rec.props.items() if k not in dropped}
        if subject_prop is not None and not kept:
            if isinstance(value, list):
                props[subject_prop] = _known(value, catalogue)
                if not props[subject_prop]:
                    del props[subject_prop]
            else:
                props[subject_prop] = OTHER_SUBJECT
        # The key is made of identity fields (a subject among them): hash it, keyed.
        key = rec.key and "p" + hmac.new(self._key, rec.key.encode("utf-8"),
                                         hashlib.sha256).hexdigest()[:12]
        return EdgeRecord(rec.type, rec.source, rec.target, key, props)

    # -- reading -------------------------------------------------------------------------
    def get_nodes(self, ids: Iterable[str]) -> dict[str, NodeRecord]:
        catalogue = self._subjects()
        return {i: self._node(n, catalogue) for i, n in self.inner.get_nodes(ids).items()}

    def get_ends(self, ids: Iterable[str]) -> dict[str, NodeRecord]:
        return self.inner.get_ends(ids)  # labels and kinds only

    def nodes(
        self, label: str | None = None, where: Mapping[str, Any] | None = None
    ) -> list[NodeRecord]:
        rewritten = _NODE_REWRITTEN
        if label in (None, "Person") and where:
            # What a person record loses may not be filtered on either: only what it keeps.
            rewritten = frozenset(where) - {"career_start_year", "synthetic"}
        plain, after = _split(where, rewritten)
        catalogue = self._subjects()
        found = [self._node(n, catalogue) for n in self.inner.nodes(label, plain)]
        return [n for n in found if matches(n.props, after)] if after else found

    def edges(
        self,
        types: str | Sequence[str] | None = None,
        *,
        sources: Iterable[str] | None = None,
        targets: Iterable[str] | None = None,
        where: Mapping[str, Any] | None = None,
    ) -> list[EdgeRecord]:
        plain, after = _split(where, _EDGE_REWRITTEN)
        catalogue = self._subjects()
        found = [self._edge(e, catalogue) for e in self.inner.edges(
            types, sources=sources, targets=targets, where=plain)]
        found = [e for e in found if matches(e.props, after)] if after else found
        return sorted(found, key=lambda e: e.id)  # a hashed key moves an edge in id order

    def counts(self) -> GraphCounts:
        return self.inner.counts()

    # The walks of the wrapped store, their records shown as an analyst sees them. A shortest
    # path and grouped counts take the interface's own walk over the reads above: which path
    # is first depends on edge ids (a hashed key changes them), and a grouped property may be
    # one the analyst sees rewritten.
    def neighbours(
        self,
        ids: Iterable[str],
        types: str | Sequence[str] | None = None,
        *,
        direction: Direction = "both",
        ends: bool = False,
    ) -> Neighbours:
        found = self.inner.neighbours(ids, types, direction=direction, ends=ends)
        catalogue = self._subjects()
        return Neighbours(
            tuple(sorted((self._edge(e, catalogue) for e in found.edges), key=lambda e: e.id)),
            {i: self._node(n, catalogue) for i, n in found.ends.items()})

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
        found = self.inner.reach(ids, types, direction=direction, max_hops=max_hops,
                                 limit=limit, edges=edges, properties=properties)
        catalogue = self._subjects()
        return Reached(
            found.distance,
            {i: self._node(n, catalogue) if properties else n for i, n in found.nodes.items()},
            tuple(sorted((self._edge(e, catalogue) for e in found.edges), key=lambda e: e.id)),
            found.truncated)

    def read_together(self, work: Callable[[], T]) -> T:
        return self.inner.read_together(work)

    def check(self) -> None:
        self.inner.check()

    @property
    def revision(self) -> int | None:
        return self.inner.revision

    # -- writing: never ------------------------------------------------------------------
    def write(self, batch: Batch, *, progress: Progress | None = None) -> WriteSummary:
        raise _read_only()

    def delete(self, node_ids: Iterable[str] = (), edge_ids: Iterable[str] = ()) -> int:
        raise _read_only()

    def clear(self) -> None:
        raise _read_only()

    def put_private(self, records: Iterable[NodeRecord]) -> None:
        """The audit log records what an analyst's request did (a refused mutation, say) in
        the wrapped store; reading users and the log back through this store stays refused."""
        records = list(records)
        if any(r.label != "AuditEntry" for r in records):
            raise _read_only()
        self.inner.put_private(records)

    def close(self) -> None:
        """The wrapped store stays open: it belongs to whoever opened it."""


_NODE_REWRITTEN = frozenset({"full_name", "birth_year", "age_band", "subjects",
                             *(p for props in FREE_TEXT.values() for p in props)})
_EDGE_TYPES_REWRITTEN = frozenset({*FREE_TEXT, *SUBJECT_PROPS})
_EDGE_REWRITTEN = frozenset({*SUBJECT_PROPS.values(),
                             *(p for props in FREE_TEXT.values() for p in props)})


class _Catalogue:
    """The subjects a store's catalogue knows, case-folded, and the answers already given."""

    __slots__ = ("folded", "memo")

    def __init__(self, folded: frozenset[str]) -> None:
        self.folded = folded
        self.memo: dict[str, bool] = {}

    def knows(self, subject: object) -> bool:
        if not isinstance(subject, str):
            return False
        known = self.memo.get(subject)
        if known is None:
            known = self.memo[subject] = subject.strip().casefold() in self.folded
        return known


def _known(subjects: Any, catalogue: _Catalogue) -> list[str]:
    """The subjects among ``subjects`` that the catalogue knows."""
    return [s for s in subjects if catalogue.knows(s)]


def _split(where: Mapping[str, Any] | None, rewritten: frozenset[str]
           ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """``where`` as the part the wrapped store may filter on and the part on rewritten
    properties, which must be matched against what the analyst sees."""
    if not where:
        return None, None
    plain = {k: v for k, v in where.items() if k not in rewritten}
    after = {k: v for k, v in where.items() if k in rewritten}
    return plain or None, after or None


def _read_only() -> StoreError:
    return StoreError("pseudonymised data is read-only / обезличенные данные только для чтения")
