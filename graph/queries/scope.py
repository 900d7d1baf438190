"""The caller's scope: the territories whose data a caller may see, enforced by every query."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph.rules import territory_closure
from graph.store.base import Store

__all__ = ["EVERYTHING", "Scope", "territory_closure"]


@dataclass(frozen=True)
class Scope:
    """Territories a caller may see; ``None`` means every territory.

    A region in the scope includes its municipalities (see
    :func:`graph.rules.territory_closure`).

    >>> Scope.of(["RU-LEN"]).allows("RU-LEN")
    True
    >>> Scope.of(["RU-LEN"]).allows("RU-AMU")
    False
    >>> EVERYTHING.allows("RU-AMU")
    True
    """

    territories: frozenset[str] | None = None
    read_only: bool = False
    """The caller may read but not write (an analyst)."""
    pseudonymised: bool = False
    """People are shown by stable pseudonyms and age bands, without free text (an analyst)."""

    @classmethod
    def of(
        cls, territories: Iterable[str] | None, *, read_only: bool = False,
        pseudonymised: bool = False,
    ) -> Scope:
        return cls(None if territories is None else frozenset(territories), read_only,
                   pseudonymised)

    @property
    def unrestricted(self) -> bool:
        return self.territories is None

    def allows(self, territory_id: str | None) -> bool:
        """Whether data located in ``territory_id`` is visible (unlocated data: only to all)."""
        if self.territories is None:
            return True
        return territory_id is not None and territory_id in self.territories

    def allows_write(self, territory_id: str | None) -> bool:
        """Whether the caller may write data located in ``territory_id``.

        >>> Scope.of(["RU-LEN"], read_only=True).allows_write("RU-LEN")
        False
        """
        return not self.read_only and self.allows(territory_id)

    def expanded(self, store: Store) -> Scope:
        """The same scope with every region's municipalities added."""
        if self.territories is None:
            return self
        return Scope(frozenset(territory_closure(store, self.territories)), self.read_only,
                     self.pseudonymised)


EVERYTHING = Scope()

