"""Every GraphQL mutation is written to the audit log: who, when, which field, ids, counts."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from inspect import isawaitable
from typing import Any

from strawberry.extensions import FieldExtension
from strawberry.types import Info

from api.offloop import off_the_loop
from graph.auth import audit
from graph.auth.users import AccessDenied

__all__ = ["AuditMutations", "audit_every_mutation"]


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


class AuditMutations(FieldExtension):
    """Records a mutation field once it has run (``ok``) or failed (``refused``), in the
    store the request's context names, as the request's caller.

    A read-only caller (an analyst) is refused every mutation here, before its resolver runs,
    whatever the resolver itself checks. :func:`audit_every_mutation` puts it on every field
    of the schema's mutation type; it is a field extension, not a schema extension, so that
    the fields of queries (a list of a few hundred items has thousands) do not each pass
    through it.
    """

    def resolve(self, next_: Callable[..., Any], source: Any, info: Info,
                **kwargs: Any) -> Any:
        actor, via, ids = _who(info, kwargs)
        try:
            _refuse_read_only(info)
            result = next_(source, info, **kwargs)
        except Exception:
            _note(info, actor, via, ids, "refused", {})
            raise
        _note(info, actor, via, ids, "ok", _counts(result))
        return result

    async def resolve_async(self, next_: Callable[..., Any], source: Any, info: Info,
                            **kwargs: Any) -> Any:
        actor, via, ids = _who(info, kwargs)
        try:
            _refuse_read_only(info)
            result = next_(source, info, **kwargs)
            if isawaitable(result):
                result = await result
        except Exception:
            await off_the_loop(_note, info, actor, via, ids, "refused", {})
            raise
        await off_the_loop(_note, info, actor, via, ids, "ok", _counts(result))
        return result


def _who(info: Info, kwargs: dict[str, Any]) -> tuple[str, str, list[str]]:
    caller = getattr(info.context, "caller", None)
    actor = caller.name if caller is not None else "in-process"
    return actor, caller.via if caller is not None else "", list(_ids(kwargs))


def _refuse_read_only(info: Info) -> None:
    scope = getattr(info.context, "scope", None)
    if scope is not None and scope.read_only:
        raise AccessDenied("this account may only read / учётная запись только для чтения")


def _note(info: Info, actor: str, via: str, ids: list[str], outcome: str,
          counts: dict[str, int]) -> None:
    audit.record(info.context.store, actor, "mutation", target=info.field_name,
                 outcome=outcome, counts=counts, ids=ids, via=via)


def audit_every_mutation(mutation: type) -> type:
    """``mutation`` (the schema's mutation type) with :class:`AuditMutations` on every field:
    a mutation added later is audited without doing anything."""
    for field_ in mutation.__strawberry_definition__.fields:  # type: ignore[attr-defined]
        if not any(isinstance(e, AuditMutations) for e in field_.extensions):
            field_.extensions.append(AuditMutations())
    return mutation
