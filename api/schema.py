"""The GraphQL schema, composed of one query and one mutation mixin per domain."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors, MaxAliasesLimiter, MaxTokensLimiter
from strawberry.extensions.query_depth_limiter import QueryDepthLimiter

from api.audit import AuditMutations, AuditQuery
from api.coordination.queries import CoordinationQuery
from api.network.queries import NetworkQuery
from api.system.mutations import SystemMutation
from api.system.queries import SystemQuery
from graph.errors import MethodnetError

__all__ = ["MAX_ALIASES", "MAX_DEPTH", "MAX_TOKENS", "Mutation", "Query", "schema"]

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 5000


@strawberry.type
class Query(CoordinationQuery, NetworkQuery, SystemQuery, AuditQuery):
    """Every question Methodnet answers."""


@strawberry.type
class Mutation(SystemMutation):
    """The writes a coordinator makes by hand."""


def _should_mask(error: GraphQLError) -> bool:
    """Show our own errors (and GraphQL's validation messages); hide anything unexpected."""
    original = error.original_error
    if original is None:
        return False
    return not isinstance(original, MethodnetError | ValueError)


schema = strawberry.Schema(
    query=Query,
    mutation=Mutation,
    # Factories, not instances: an extension instance would be shared by concurrent requests.
    extensions=[
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        AuditMutations,
        lambda: MaskErrors(
            should_mask_error=_should_mask,
            error_message="Внутренняя ошибка сервера / internal server error",
        ),
    ],
)
