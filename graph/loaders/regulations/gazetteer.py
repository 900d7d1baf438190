"""The gazetteer (``bodies.json``): canonical territories and bodies, validated by the model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from graph.errors import InvalidBatch, Problem
from graph.model import Batch, LocatedIn, Municipality, Organization, Region, edge_class
from graph.model.base import Id
from graph.model.batch import Origin

__all__ = ["Gazetteer", "RelationEntry", "TerritoryEntry"]


class TerritoryEntry(BaseModel):
    """A region or municipality, with the other names a text may use for it."""

    model_config = ConfigDict(extra="forbid")
    id: Id
    kind: Literal["region", "municipality"]
    name: str
    region_id: Id | None = None
    code: str | None = None
    aliases: list[str] = Field(default_factory=list)

    def node(self) -> Region | Municipality:
        if self.kind == "region":
            return Region(id=self.id, name=self.name, code=self.code)
        if self.region_id is None:
            raise ValueError(f"municipality {self.id!r} needs a region_id")
        return Municipality(id=self.id, name=self.name, region_id=self.region_id)


class RelationEntry(BaseModel):
    """A relation between two bodies known without a text (PART_OF, ATTACHED_TO, …)."""

    model_config = ConfigDict(extra="forbid")
    type: str
    source: Id
    target: Id


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: str = "methodnet-gazetteer/1"
    description: str = ""
    territories: list[TerritoryEntry] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    relations: list[RelationEntry] = Field(default_factory=list)


class Gazetteer:
    """Canonical territories and bodies by id, and the territory tree.

    >>> g = Gazetteer.from_data({"territories": [
    ...     {"id": "RU-X", "kind": "region", "name": "Иксская область"},
    ...     {"id": "RU-X-a", "kind": "municipality", "name": "Айский район", "region_id": "RU-X"}],
    ...     "organizations": [{"id": "X-ko", "name": "Комитет образования Иксской области",
    ...                        "kind": "education_authority", "level": "regional",
    ...                        "territory_id": "RU-X"}]})
    >>> g.region_of("RU-X-a"), sorted(g.tree("RU-X-a")), g.level_of("RU-X-a")
    ('RU-X', ['RU-X', 'RU-X-a'], 'municipal')
    >>> len(g.batch())
    5
    """

    def __init__(self, territories: list[TerritoryEntry], organizations: list[Organization],
                 relations: list[RelationEntry], where: str = "bodies.json") -> None:
        self.territories = {t.id: t for t in territories}
        self.organizations = {o.id: o for o in organizations}
        self.relations = relations
        self.where = where
        problems = self._check()
        if problems:
            raise InvalidBatch(problems)

    @classmethod
    def from_data(cls, data: dict[str, Any], where: str = "bodies.json") -> Gazetteer:
        try:
            parsed = _File.model_validate(data)
        except ValidationError as e:
            raise InvalidBatch([
                Problem(err["msg"], where, None, ".".join(str(x) for x in err["loc"]),
                        f"ошибка в справочнике органов: {err['msg']}")
                for err in e.errors()
            ]) from e
        return cls(parsed.territories, parsed.organizations, parsed.relations, where)

    @classmethod
    def from_file(cls, path: Path) -> Gazetteer:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            raise InvalidBatch([Problem(f"cannot read the gazetteer: {e}", path.name, None, None,
                                        f"не удаётся прочитать справочник: {e}")]) from e
        return cls.from_data(data, path.name)

    def _check(self) -> list[Problem]:
        problems = []
        for t in self.territories.values():
            if t.kind == "municipality" and t.region_id not in self.territories:
                problems.append(Problem(f"municipality {t.id!r}: unknown region {t.region_id!r}",
                                        self.where, None, "region_id",
                                        f"муниципалитет {t.id!r}: неизвестный регион"))
        for o in self.organizations.values():
            if o.territory_id is not None and o.territory_id not in self.territories:
                problems.append(Problem(f"body {o.id!r}: unknown territory {o.territory_id!r}",
                                        self.where, None, "territory_id",
                                        f"орган {o.id!r}: неизвестная территория"))
        for r in self.relations:
            try:
                edge_class(r.type)
            except KeyError as e:
                problems.append(Problem(str(e), self.where, None, "type", str(e)))
            for end in (r.source, r.target):
                if end not in self.organizations:
                    problems.append(Problem(f"relation {r.type}: unknown body {end!r}",
                                            self.where, None, None,
                                            f"связь {r.type}: неизвестный орган {end!r}"))
        return problems

    # -- territory tree ----------------------------------------------------------------------
    def region_of(self, territory_id: str | None) -> str | None:
        t = self.territories.get(territory_id or "")
        if t is None:
            return None
        return t.id if t.kind == "region" else t.region_id

    def tree(self, territory_id: str | None) -> set[str]:
        """The territory's region and every municipality of that region."""
        region = self.region_of(territory_id)
        if region is None:
            return set()
        return {region} | {t.id for t in self.territories.values() if t.region_id == region}

    def level_of(self, territory_id: str | None) -> str | None:
        t = self.territories.get(territory_id or "")
        if t is None:
            return None
        return "regional" if t.kind == "region" else "municipal"

    def territory_names(self, territory_id: str | None) -> list[str]:
        """Every name of a territory and of its region (the qualifiers a body name carries)."""
        names: list[str] = []
        for tid in (territory_id, self.region_of(territory_id)):
            t = self.territories.get(tid or "")
            if t is not None and t.name not in names:
                names += [t.name, *t.aliases]
        return names

    # -- graph -------------------------------------------------------------------------------
    def batch(self) -> Batch:
        """The territories, bodies and relations as graph facts."""
        batch = Batch()
        here = Origin(self.where)
        for t in self.territories.values():
            batch.add(t.node(), here)
            if t.region_id:
                batch.add(LocatedIn(source=t.id, target=t.region_id), here)
        for o in self.organizations.values():
            batch.add(o, here)
            if o.territory_id:
                batch.add(LocatedIn(source=o.id, target=o.territory_id), here)
        for r in self.relations:
            batch.add(edge_class(r.type).model_validate({"source": r.source, "target": r.target}),
                      here)
        return batch
