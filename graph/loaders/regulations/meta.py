"""A regulation's metadata file (``<name>.meta.json``): what the text's title page says."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from graph.errors import InvalidBatch, Problem
from graph.model.base import Id
from graph.model.enums import ActKind, Level

__all__ = ["ApprovalAct", "RegulationMeta", "read_meta"]


# An act's kind as the title page names it, for a metadata file written in Russian.
_ACT_KIND_WORDS = {
    "положение": ActKind.regulation, "порядок": ActKind.procedure, "устав": ActKind.charter,
    "методические рекомендации": ActKind.recommendations, "рекомендации": ActKind.recommendations,
    "план": ActKind.plan, "план мероприятий": ActKind.plan, "дорожная карта": ActKind.plan,
    "концепция": ActKind.concept, "программа": ActKind.programme, "паспорт": ActKind.passport,
    "приказ": ActKind.order, "распоряжение": ActKind.disposition,
    "постановление": ActKind.government_resolution, "указ": ActKind.decree,
    "закон": ActKind.regional_law, "федеральный закон": ActKind.federal_law,
    "областной закон": ActKind.regional_law, "иное": ActKind.other, "другое": ActKind.other,
}


def _act_kind(value: object) -> object:
    """An act kind given by its Russian name («Порядок», «дорожная карта») is its value."""
    if isinstance(value, str):
        return _ACT_KIND_WORDS.get(" ".join(value.lower().replace("ё", "е").split()), value)
    return value


class ApprovalAct(BaseModel):
    """The order or disposition that approved a regulation («Утверждено приказом … № 17»)."""

    model_config = ConfigDict(extra="forbid")
    act_kind: ActKind
    issuer: str | None = None
    _act_kind_in_russian = field_validator("act_kind", mode="before")(_act_kind)
    date: dt.date | None = None
    number: str | None = None


class RegulationMeta(BaseModel):
    """Metadata of one regulation text; only ``id`` and ``title`` are required.

    >>> RegulationMeta(id="reg-x", title="Положение о …", territory_id="RU-LEN").act_kind
    <ActKind.regulation: 'regulation'>
    >>> RegulationMeta(id="reg-y", title="Порядок …", act_kind="Порядок").act_kind
    <ActKind.procedure: 'procedure'>
    """

    model_config = ConfigDict(extra="forbid")
    id: Id
    title: str
    act_kind: ActKind = ActKind.regulation
    issuer: str | None = None
    date: dt.date | None = None
    number: str | None = None
    territory_id: Id | None = None
    level: Level | None = None
    approved_by: ApprovalAct | None = None
    source: str | None = None
    # Where the bodies come from: "text" (found in the text, the gazetteer a source of other
    # names) or "gazetteer" (the gazetteer's bodies only, as the bundled five were written for).
    bodies: Literal["text", "gazetteer"] = "text"

    _act_kind_in_russian = field_validator("act_kind", mode="before")(_act_kind)


def read_meta(path: Path) -> RegulationMeta:
    """Read and validate a meta file; problems are raised as :class:`InvalidBatch`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        meta = RegulationMeta.model_validate(data)
    except (OSError, json.JSONDecodeError) as e:
        raise InvalidBatch([Problem(f"cannot read metadata: {e}", path.name, None, None,
                                    f"не удаётся прочитать метаданные: {e}")]) from e
    except ValidationError as e:
        raise InvalidBatch([
            Problem(err["msg"], path.name, None, ".".join(str(x) for x in err["loc"]),
                    f"ошибка в метаданных: {err['msg']}")
            for err in e.errors()
        ]) from e
    if meta.source is None:
        meta = meta.model_copy(update={"source": path.name.removesuffix(".meta.json") + ".txt"})
    return meta
