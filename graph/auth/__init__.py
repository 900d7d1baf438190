"""Users, roles and the audit log: who may do what, and who did what."""

from graph.auth.audit import AuditEntry, audit_log, record
from graph.auth.users import (
    ROLES,
    AccessDenied,
    Role,
    User,
    UserError,
    add_user,
    authenticate_password,
    authenticate_token,
    disable_user,
    get_user,
    issue_token,
    list_tokens,
    list_users,
    revoke_tokens,
    scope_of,
)

__all__ = [
    "ROLES",
    "AccessDenied",
    "AuditEntry",
    "Role",
    "User",
    "UserError",
    "add_user",
    "audit_log",
    "authenticate_password",
    "authenticate_token",
    "disable_user",
    "get_user",
    "issue_token",
    "list_tokens",
    "list_users",
    "record",
    "revoke_tokens",
    "scope_of",
]
