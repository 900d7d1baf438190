"""The GraphQL schema, composed of one query and one mutation mixin per domain."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors, MaxTokensLimiter

from api.audit import AuditQuery, audit_every_mutation
from api.bounds import MAX_ALIASES, MAX_DEPTH, MAX_TOKENS, RequestBounds
from api.coordination.queries import CoordinationQuery
from api.entities.queries import ENTITY_TYPES, EntityQuery
from api.fastlists import FastListExecutionContext
from api.network.queries import NetworkQuery
from api.planning.mutations import PlanningMutation
from api.planning.queries import PlanningQuery
from api.regulations.queries import RegulationsQuery
from api.system.mutations import SystemMutation
from api.system.queries import SystemQuery
from graph.errors import MethodnetError

__all__ = ["MAX_ALIASES", "MAX_DEPTH", "MAX_TOKENS", "Mutation", "Query", "make_schema", "schema"]


@strawberry.type
class Query(CoordinationQuery, NetworkQuery, SystemQuery, AuditQuery, PlanningQuery,
            EntityQuery, RegulationsQuery):
    """Every question Methodnet answers."""


@audit_every_mutation  # each field written to the audit log (api/audit/extension.py)
@strawberry.type
class Mutation(SystemMutation, PlanningMutation):
    """The writes a coordinator makes by hand."""


def _should_mask(error: GraphQLError) -> bool:
    """Show our own errors (and GraphQL's validation messages); hide anything unexpected."""
    original = error.original_error
    if original is None:
        return False
    if error.path is None and isinstance(original, GraphQLError):
        return False  # a variable the caller sent does not fit its type (api.bounds)
    return not isinstance(original, MethodnetError | ValueError)


def make_schema(*, fast_lists: bool = True) -> strawberry.Schema:
    """The schema; ``fast_lists=False`` leaves every list to graphql-core's own completion
    (the answer is the same: tests/test_fastlists.py compares the two on every document)."""
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        types=ENTITY_TYPES,
        # Factories, not instances: an extension instance would be shared by concurrent requests.
        # RequestBounds first: its checks (cost, depth, aliases, sizes; linear in the document)
        # run before any other validation, and it shortens the error messages last.
        extensions=[
            RequestBounds,
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            lambda: MaskErrors(
                should_mask_error=_should_mask,
                error_message="Внутренняя ошибка сервера / internal server error",
            ),
        ],
        # Lists of plain objects completed in one loop (api/fastlists.py; docs/graphql.md).
        execution_context_class=FastListExecutionContext if fast_lists else None,
    )


schema = make_schema()
