"""``auditLog``: the audit log, newest first, for admins only."""

from __future__ import annotations

import base64

import strawberry

from api.context import Info
from api.offloop import off_the_loop
from api.pagination import MAX_PAGE, Edge, PageInfo
from graph.auth import audit
from graph.auth.users import AccessDenied
from graph.errors import MethodnetError

__all__ = ["AuditQuery"]


@strawberry.type(description="One entry of the audit log (журнал действий).")
class AuditEntry:
    id: strawberry.ID
    at: str = strawberry.field(description="when, UTC, ISO 8601")
    actor: str = strawberry.field(description="who: a login, or cli:<user> for the shell")
    action: str = strawberry.field(description=", ".join(audit.ACTIONS))
    target: str = strawberry.field(description="what: a login, a mutation, a loaded path…")
    outcome: str = strawberry.field(description="ok, refused, paused or disabled")
    via: str
    counts: str = strawberry.field(description="counts as name=value, space-separated")
    ids: list[str] = strawberry.field(description=f"ids touched (the first {audit.MAX_IDS})")
    ids_total: int

    @classmethod
    def from_entry(cls, e: audit.AuditEntry) -> AuditEntry:
        return cls(id=strawberry.ID(e.id), at=e.at, actor=e.actor, action=e.action,
                   target=e.target, outcome=e.outcome, via=e.via,
                   counts=" ".join(f"{k}={v}" for k, v in sorted(e.counts.items())),
                   ids=e.ids, ids_total=e.ids_total)


@strawberry.type
class AuditConnection:
    page_info: PageInfo
    edges: list[Edge[AuditEntry]]

    @strawberry.field
    def nodes(self) -> list[AuditEntry]:
        return [e.node for e in self.edges]


def _cursor(entry_id: str) -> str:
    return base64.urlsafe_b64encode(f"a:{entry_id}".encode()).decode()


def _entry_id(cursor: str | None) -> str | None:
    if not cursor:
        return None
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        kind, value = "", ""
    if kind != "a" or not value:
        raise MethodnetError(f"the cursor {cursor!r} is not one this API gave out")
    return value


@strawberry.type
class AuditQuery:
    @strawberry.field(description="The audit log, newest first: sign-ins, imports, mutations, "
                                  "user management. Admins only.")
    async def audit_log(
        self, info: Info, first: int = 50, after: str | None = None,
        actor: str | None = None, action: str | None = None,
    ) -> AuditConnection:
        caller = info.context.caller
        if caller is not None and not caller.is_admin:
            raise AccessDenied("only an administrator reads the audit log / "
                               "журнал действий доступен только администратору")
        if first < 0 or first > MAX_PAGE:
            raise MethodnetError(f"first must be between 0 and {MAX_PAGE}, not {first}")
        page = await off_the_loop(audit.audit_log, info.context.store, first=first,
                                  after=_entry_id(after), actor=actor, action=action)
        edges = [Edge(cursor=_cursor(e.id), node=AuditEntry.from_entry(e))
                 for e in page.entries]
        return AuditConnection(
            page_info=PageInfo(has_next_page=page.has_more,
                               end_cursor=edges[-1].cursor if edges else after,
                               total_count=page.total),
            edges=edges)
