"""Posting GraphQL to the app in tests."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

__all__ = ["gql"]


def gql(client: TestClient, query: str, headers: dict[str, str] | None = None,
        **variables: Any) -> dict[str, Any]:
    """POST a GraphQL document; the HTTP status must be 200, the body is returned as JSON."""
    response = client.post("/graphql", json={"query": query, "variables": variables},
                           headers=headers or {})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body
