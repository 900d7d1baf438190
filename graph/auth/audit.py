"""The audit log (журнал действий): who did what, when, to which ids — kept in the store."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.model.base import NodeRecord
from graph.store.base import Store

__all__ = ["ACTIONS", "MAX_IDS", "AuditEntry", "AuditPage", "audit_log", "record"]

ACTIONS = (
    "sign_in", "sign_in_failed", "sign_out", "load", "load_redefine", "mutation",
    "user_add", "user_disable", "user_token", "user_revoke", "plan_accept",
)
"""What an entry can say was done (``load_redefine``: a load allowed to redefine nodes it does
not own, ``methodnet load --allow-redefine``)."""

MAX_IDS = 200
"""Ids kept per entry; the count of all of them is kept besides (``ids_total``)."""


@dataclass(frozen=True)
class AuditEntry:
    """One thing done: by whom (``actor``), when (``at``, UTC), what (``action`` and
    ``target``), with counts and ids, and whether it was done (``outcome``)."""

    id: str
    at: str
    actor: str
    action: str
    target: str = ""
    outcome: str = "ok"
    counts: dict[str, int] = field(default_factory=dict)
    ids: list[str] = field(default_factory=list)
    ids_total: int = 0
    via: str = ""

    @classmethod
    def from_record(cls, rec: NodeRecord) -> AuditEntry:
        p = rec.props
        return cls(id=rec.id, at=p.get("at", ""), actor=p.get("actor", ""),
                   action=p.get("action", ""), target=p.get("target", ""),
                   outcome=p.get("outcome", "ok"),
                   counts=json.loads(p.get("counts", "{}")), ids=list(p.get("ids", [])),
                   ids_total=int(p.get("ids_total", 0)), via=p.get("via", ""))

    def row(self) -> dict[str, Any]:
        """A flat row for tables, JSON and CSV."""
        return {"at": self.at, "actor": self.actor, "action": self.action,
                "target": self.target, "outcome": self.outcome, "via": self.via,
                "counts": " ".join(f"{k}={v}" for k, v in sorted(self.counts.items())),
                "ids": " ".join(self.ids) + (" …" if self.ids_total > len(self.ids) else ""),
                "ids_total": self.ids_total}


def _clip(text: str, n: int = 200) -> str:
    """Text from a caller, kept printable and short (an entry must not carry a payload).

    >>> _clip("a\\x1b[31mb" + "x" * 300)[:8]
    'a?[31mbx'
    """
    clean = "".join(c if c.isprintable() else "?" for c in text)
    return clean[:n]


def record(
    store: Store,
    actor: str,
    action: str,
    *,
    target: str = "",
    outcome: str = "ok",
    counts: Mapping[str, int] | None = None,
    ids: Iterable[str] = (),
    via: str = "",
) -> AuditEntry:
    """Append an entry to the audit log and return it.

    >>> from graph.store import MemoryStore
    >>> s = MemoryStore()
    >>> e = record(s, "anna", "user_add", target="boris", counts={"users": 1})
    >>> [(x.actor, x.action, x.target) for x in audit_log(s).entries]
    [('anna', 'user_add', 'boris')]
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    now = dt.datetime.now(dt.UTC)
    # Ids sort by time (microseconds), with a random tail so two entries never collide.
    entry_id = f"{now:%Y%m%dT%H%M%S.%fZ}-{secrets.token_hex(4)}"
    all_ids = [_clip(str(i)) for i in ids]
    props: dict[str, Any] = {
        "at": now.isoformat(timespec="seconds"), "actor": _clip(actor, 64), "action": action,
        "target": _clip(target), "outcome": outcome,
        "counts": json.dumps(dict(sorted((counts or {}).items())), ensure_ascii=False),
        "ids_total": len(all_ids), "via": via,
    }
    if all_ids:
        props["ids"] = all_ids[:MAX_IDS]
    store.put_private([NodeRecord("AuditEntry", entry_id, props)])
    return AuditEntry.from_record(NodeRecord("AuditEntry", entry_id, props))


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    total: int
    has_more: bool


def audit_log(
    store: Store, *, first: int = 100, after: str | None = None, actor: str | None = None,
    action: str | None = None,
) -> AuditPage:
    """Entries newest first, ``first`` of them after the entry id ``after``, optionally only
    of one ``actor`` and/or one ``action``."""
    where: dict[str, Any] = {}
    if actor:
        where["actor"] = actor
    if action:
        where["action"] = action
    found = store.private("AuditEntry", where or None, descending=True, after=after,
                          limit=first + 1)
    return AuditPage([AuditEntry.from_record(r) for r in found[:first]],
                     store.count_private("AuditEntry", where or None), len(found) > first)
