"""Where and when a question looks: one value for the territory, period, day and caller's scope.

Built and checked once (a malformed period is refused here, with the error every question
gives), then
handed to the question, which reads its days and territories from it instead of taking the
same four keywords again. The registry (:meth:`graph.queries.registry.Question.ask`) builds it
from the shared ``territory_id``/``period``/``on`` parameters and the caller's scope, so CLI
verbs, GraphQL resolvers and pages pass through it unchanged.
"""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from dataclasses import dataclass, fields
from typing import Any

from graph.queries.scope import EVERYTHING, Scope
from graph.rules import InvalidArgument, period_bounds, territory_closure
from graph.store.base import Store

__all__ = ["Where"]

_FIELDS = ("territory_id", "period", "on", "scope")


@dataclass(frozen=True)
class Where:
    """A territory (a region with its municipalities, or a municipality; ``None`` = all), a
    monitoring period (``None`` = today), a day (``on``) and the caller's scope.

    >>> w = Where(territory_id="RU-LEN", period="2025-H1")
    >>> w.window, w.day
    ((datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)), datetime.date(2025, 6, 30))
    >>> Where(on=dt.date(2025, 3, 1), period="2025-H1").day
    datetime.date(2025, 3, 1)
    >>> Where(period="2025-06")
    Traceback (most recent call last):
    ...
    graph.rules.InvalidArgument: period '2025-06' is not like 2025-H1, 2025-Q3 or 2025-Y
    """

    territory_id: str | None = None
    period: str | None = None
    on: dt.date | None = None
    scope: Scope = EVERYTHING

    def __post_init__(self) -> None:
        if self.period is not None:
            period_bounds(self.period)  # refuses a malformed one, once

    @classmethod
    def of(cls, where: Where | None = None, **given: Any) -> Where:
        """``where``, or the one the keywords a question was called with make (its shorthand:
        ``gap_report(store, territory_id="RU-LEN")``); both at once is a mistake.

        >>> Where.of(territory_id="RU-LEN").territory_id
        'RU-LEN'
        >>> Where.of(Where(period="2025-H1"), period=None).period
        '2025-H1'
        >>> Where.of(Where(period="2025-H1"), territory_id="RU-LEN")
        Traceback (most recent call last):
        ...
        TypeError: give the question a Where or territory_id/period/on/scope, not both
        """
        unknown = set(given) - set(_FIELDS)
        if unknown:
            raise TypeError(f"Where has no {', '.join(sorted(unknown))}")
        set_ = {k: v for k, v in given.items()
                if v is not None and not (k == "scope" and v == EVERYTHING)}
        if where is None:
            return cls(**set_)
        if set_:
            raise TypeError("give the question a Where or territory_id/period/on/scope, "
                            "not both")
        return where

    def replace(self, **changes: Any) -> Where:
        """The same with some fields changed (e.g. another period for a comparison)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        return Where(**(values | changes))

    @property
    def window(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day of the period (``None`` without a period)."""
        return None if self.period is None else period_bounds(self.period)

    @property
    def first(self) -> dt.date:
        """The first day support may count on: the period's first, else :attr:`day`."""
        return self.window[0] if self.window else self.day

    @property
    def day(self) -> dt.date:
        """The day staff, roles, routes and deficits are judged on: ``on``, else the period's
        last day, else today."""
        if self.on is not None:
            return self.on
        return self.window[1] if self.window else dt.date.today()

    def territories(self, store: Store) -> frozenset[str] | None:
        """The territories looked at: ``territory_id`` with its municipalities, within the
        scope (``None`` = all). An unknown territory, or one outside the scope, is refused with
        one message for both, so a scope does not reveal what exists. Kept per store revision.

        >>> from graph.queries.demo import demo_store
        >>> sorted(Where(territory_id="RU-LEN").territories(demo_store()))
        ['RU-LEN', 'RU-LEN-a', 'RU-LEN-b']
        >>> Where(territory_id="RU-LEN", scope=Scope.of(["RU-AMU"])).territories(demo_store())
        Traceback (most recent call last):
        ...
        graph.rules.InvalidArgument: no territory has the id 'RU-LEN' (or it is outside ...
        """
        revision = store.revision
        key = (revision, self.territory_id, self.scope.territories)
        if revision is not None:
            with _lock:
                cached = _closures.get(store, {}).get(key)
            if cached is not None:
                return cached[0]
        found = self._territories(store)
        if revision is not None:
            with _lock:
                kept = _closures.setdefault(store, {})
                if len(kept) >= _KEEP or any(k[0] != revision for k in kept):
                    kept.clear()
                kept[key] = (found,)
        return found

    def _territories(self, store: Store) -> frozenset[str] | None:
        visible = None if self.scope.territories is None else frozenset(
            territory_closure(store, self.scope.territories))
        if self.territory_id is None:
            return visible
        node = store.get_node(self.territory_id)
        wanted: set[str] = set()
        if node is not None and node.label in ("Region", "Municipality"):
            wanted = territory_closure(store, [self.territory_id])
            if visible is not None:
                wanted &= visible
        if not wanted:
            raise InvalidArgument(
                f"no territory has the id {self.territory_id!r} (or it is outside your scope)"
            )
        return frozenset(wanted)


_KEEP = 256
_lock = threading.Lock()
_closures: weakref.WeakKeyDictionary[Store, dict[tuple[Any, ...],
                                               tuple[frozenset[str] | None]]] = (
    weakref.WeakKeyDictionary())
"""Closures already worked out, per store and revision (a write changes the revision)."""
