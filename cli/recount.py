"""The end step of a load into Neo4j and ``methodnet recount``: the country's gap counts kept
per district counted again (``graph/queries/kept_counts.py``), with progress on the terminal."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from cli.common import err_console

if TYPE_CHECKING:
    from graph.queries.gaps import GapKind
    from graph.store.base import Store

__all__ = ["keeps_counts", "recount_stale"]


def keeps_counts(store: Store) -> bool:
    """Whether ``store`` keeps the country's counts beyond this process (Neo4j does; the
    embedded store keeps them inside the serving process only, counted when it starts).

    >>> from graph.store import MemoryStore
    >>> keeps_counts(MemoryStore())
    False
    """
    from graph.store.memory import MemoryStore

    return not isinstance(store, MemoryStore) and store.gap_generations() is not None


def recount_stale(store: Store, *, quiet: bool = False) -> dict[str, dict[GapKind, int]] | None:
    """Count again every stale district of every kind of gap (the latest assessed period: the
    one a first screen opens on), saying each kind as it is done; the counts, or ``None`` where
    partials are not kept (``METHODNET_GAP_PARTIALS=0``)."""
    from graph.queries.kept_counts import enabled, recount

    if not enabled():
        return None
    started = time.monotonic()

    def progress(period: str, kind: GapKind, districts: int) -> None:
        if not quiet:
            err_console.print(f"[dim]  {period} {kind.value}: {districts} districts counted "
                              f"({time.monotonic() - started:.1f} s) / районов подсчитано[/]")

    if not quiet:
        err_console.print("[dim]counting the country's gaps per district … / подсчёт разрывов "
                          "по районам …[/]")
    found = recount(store, progress=progress)
    if found is not None and not quiet:
        err_console.print(f"[dim]counted in {time.monotonic() - started:.1f} s: the first screen "
                          "of the whole country is ready / первый экран страны готов[/]")
    return found
