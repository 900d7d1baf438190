"""The exported schema.graphql is the schema the API serves; regenerate with `make schema`."""

from __future__ import annotations

from api.schema import schema
from tests.conftest import REPO


def test_schema_graphql_is_in_sync() -> None:
    shipped = (REPO / "schema.graphql").read_text(encoding="utf-8")
    assert shipped == schema.as_str() + "\n", (
        "schema.graphql is out of date: run `make schema` and commit it"
    )
