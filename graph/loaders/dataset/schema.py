"""The JSON Schema of the dataset format, generated from the row models."""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import models_json_schema

from graph.loaders.dataset.columns import SHEETS, DatasetMeta

__all__ = ["SCHEMA_ID", "json_schema", "schema_text"]

SCHEMA_ID = "https://methodnet.example/dataset.schema.json"


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of a dataset: one array of rows per sheet.

    Cells are described as the loader reads them after parsing (lists as arrays, dates as
    ``format: date``); each column carries its Russian headers as ``x-headers-ru``.

    >>> schema = json_schema()
    >>> schema["properties"]["people"]["items"]
    {'$ref': '#/$defs/people'}
    >>> "full_name" in schema["$defs"]["people"]["required"]
    True
    """
    models: list[Any] = [(s.row, "validation") for s in SHEETS.values()]
    models.append((DatasetMeta, "validation"))
    _, defs = models_json_schema(models, ref_template="#/$defs/{model}")
    all_defs: dict[str, Any] = defs.get("$defs", {})
    # One definition per sheet, named as the sheet (people, not PersonRow).
    renames = {s.row.__name__: name for name, s in SHEETS.items()}
    renames[DatasetMeta.__name__] = "dataset"
    text = json.dumps(all_defs, ensure_ascii=False)
    for old, new in renames.items():
        text = text.replace(f'"#/$defs/{old}"', f'"#/$defs/{new}"')
    all_defs = {renames.get(k, k): v for k, v in json.loads(text).items()}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Methodnet dataset",
        "description": (
            "A dataset is a folder of CSV files or one XLSX workbook; each file or sheet is an "
            "array of rows. See docs/data-format.md."
        ),
        "type": "object",
        "properties": {
            "dataset": {"$ref": "#/$defs/dataset"},
            **{name: {"type": "array", "items": {"$ref": f"#/$defs/{name}"}}
               for name in SHEETS},
        },
        "additionalProperties": False,
        "$defs": dict(sorted(all_defs.items())),
    }


def schema_text() -> str:
    """The schema as the file ``docs/dataset.schema.json`` holds it."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
