"""Every GraphQL mutation is written to the audit log: who, when, which field, ids, counts."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from inspect import isawaitable
from typing import Any

from graphql import GraphQLResolveInfo, OperationType
from starlette.concurrency import run_in_threadpool
from strawberry.extensions import SchemaExtension

from graph.auth import audit
from graph.auth.users import AccessDenied

__all__ = ["AuditMutations"]


def _ids(value: Any, key: str = "") -> Iterator[str]:
    """The id-like arguments of a mutation (``sourceId``, ``targetId``, ``ids``…), nested.

    >>> list(_ids({"input": {"source_id": "p1", "target_id": "s1", "subject": "x"}}))
    ['p1', 's1']
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    elif hasattr(value, "__dict__") and not isinstance(value, str | int | float | bool):
        value = vars(value)
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _ids(v, str(k))
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _ids(v, key)
    elif value is not None and key.lower().rstrip("s").endswith("id"):
        yield str(value)


def _counts(result: Any) -> dict[str, int]:
    """The whole-number fields of a mutation's answer (created, updated, unchanged…)."""
    fields = vars(result) if hasattr(result, "__dict__") else {}
    return {k: v for k, v in fields.items() if isinstance(v, int) and not isinstance(v, bool)}


class AuditMutations(SchemaExtension):
    """Records each top-level mutation field once it has run (``ok``) or failed
    (``refused``), in the store the request's context names, as the request's caller.

    A read-only caller (an analyst) is refused every mutation here, before its resolver runs,
    whatever the resolver itself checks.
    """

    def resolve(
        self, _next: Callable[..., Any], root: Any, info: GraphQLResolveInfo, *args: Any,
        **kwargs: Any,
    ) -> Any:
        if info.operation.operation != OperationType.MUTATION or info.path.prev is not None:
            return _next(root, info, *args, **kwargs)
        return self._audited(_next, root, info, *args, **kwargs)

    async def _audited(
        self, _next: Callable[..., Any], root: Any, info: GraphQLResolveInfo, *args: Any,
        **kwargs: Any,
    ) -> Any:
        context = info.context
        caller = getattr(context, "caller", None)
        actor = caller.name if caller is not None else "in-process"
        ids = list(_ids(kwargs))

        async def note(outcome: str, counts: dict[str, int]) -> None:
            await run_in_threadpool(audit.record, context.store, actor, "mutation",
                                    target=info.field_name, outcome=outcome, counts=counts,
                                    ids=ids, via=caller.via if caller is not None else "")

        scope = getattr(context, "scope", None)
        try:
            if scope is not None and scope.read_only:
                raise AccessDenied("this account may only read / учётная запись только для "
                                   "чтения")
            result = _next(root, info, *args, **kwargs)
            if isawaitable(result):
                result = await result
        except Exception:
            await note("refused", {})
            raise
        await note("ok", _counts(result))
        return result
