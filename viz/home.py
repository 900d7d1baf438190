"""Where the coordinator's screen opens: the caller's own territory, kept in the links."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlencode

from graph.queries.picture import nodes_where, schools_per_territory
from graph.queries.scope import Scope
from graph.queries.seen import seen_nodes
from graph.rules import region_of
from graph.store.base import Store

__all__ = ["TERRITORY_COOKIE", "home_region", "home_territory", "with_period"]

TERRITORY_COOKIE = "methodnet_territory"
"""The cookie that remembers the territory a coordinator last chose."""


def home_territory(store: Store, scope: Scope, remembered: str | None = None) -> str | None:
    """The territory a dashboard opens on when none is asked for.

    The last one chosen (``remembered``) if the caller may still see it; else the caller's own
    (a region before a district); in local mode, with full access, the region holding the most
    schools. ``None`` when the store has no territory the caller may see.

    >>> from graph.store import MemoryStore
    >>> from graph.model import Batch, Municipality, Organization, Region
    >>> s = MemoryStore(); b = Batch()
    >>> b.add(Region(id="RU-AMU", name="Амурская область"))
    >>> b.add(Region(id="RU-LEN", name="Ленинградская область"))
    >>> b.add(Municipality(id="RU-LEN-luga", name="Лужский район", region_id="RU-LEN"))
    >>> b.add(Organization(id="s1", name="Школа № 1", kind="school", level="institutional",
    ...                    territory_id="RU-LEN-luga"))
    >>> _ = s.write(b)
    >>> home_territory(s, Scope()), home_territory(s, Scope(), "RU-AMU")
    ('RU-LEN', 'RU-AMU')
    >>> home_territory(s, Scope.of(["RU-LEN-luga"]), "RU-AMU")
    'RU-LEN-luga'
    """
    allowed = scope.expanded(store)
    regions = seen_nodes(store, "Region", scope=scope)
    munis = seen_nodes(store, "Municipality", scope=scope)
    places = {n.id for n in regions + munis if allowed.allows(n.id)}
    if remembered and remembered in places:
        return remembered
    if not scope.unrestricted:
        own = sorted(t for t in scope.territories or () if t in places)
        own_regions = [t for t in own if any(r.id == t for r in regions)]
        if own_regions or own:
            return (own_regions or own)[0]
    return home_region(store, [r.id for r in regions if r.id in places]) or (
        min(places) if places else None)


def home_region(store: Store, regions: list[str]) -> str | None:
    """Of ``regions``, the one with the most schools (ties: the first), ``None`` for none."""
    if not regions:
        return None
    region_by = {m.id: str(region_of(m)) for m in nodes_where(store, "Municipality")}
    schools: Counter[str] = Counter()
    for place, n in schools_per_territory(store).items():
        schools[region_by.get(place, place)] += n
    return max(regions, key=lambda r: (schools[r], -regions.index(r)))


def with_period(path: str, period: str | None, **params: str | int | None) -> str:
    """``path`` with the period and other parameters in its query, so a link keeps the view.

    >>> with_period("/network/district/RU-LEN-luga", "2025-H1")
    '/network/district/RU-LEN-luga?period=2025-H1'
    >>> with_period("/dashboard", None, territory="RU-LEN")
    '/dashboard?territory=RU-LEN'
    >>> with_period("/network/focus/t1?depth=1", "2025-H1")
    '/network/focus/t1?depth=1&period=2025-H1'
    """
    # A page without a period of its own (the landing page) passes none, or an empty one.
    query = {k: v for k, v in ({"period": period or None} | params).items() if v is not None}
    return path + (("&" if "?" in path else "?") + urlencode(query) if query else "")
