"""The audit log over GraphQL: every mutation recorded, and read back by admins."""

from api.audit.extension import AuditMutations, audit_every_mutation
from api.audit.queries import AuditQuery

__all__ = ["AuditMutations", "AuditQuery", "audit_every_mutation"]
