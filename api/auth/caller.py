"""Who is calling: the signed-in user (or the local mode's single user), with their scope."""

from __future__ import annotations

from dataclasses import dataclass

from graph.auth.users import User
from graph.queries.scope import Scope

__all__ = ["LOCAL", "Caller"]

NOTHING = Scope.of([], read_only=True)


@dataclass(frozen=True)
class Caller:
    """The caller of a request, set by the sign-in middleware as ``request.state.caller``.

    ``id`` is stable per user (``user:anna``), ``local`` in local mode, ``anonymous:<address>``
    before sign-in; a rate limiter may key on it.

    >>> Caller.of(User("anna", "district_coordinator", "M1"), "bearer").id
    'user:anna'
    """

    id: str
    scope: Scope
    role: str
    login: str | None = None
    via: str = ""
    """How the caller proved who they are: ``bearer``, ``session``, ``oidc`` or ``local``."""

    @classmethod
    def of(cls, user: User, via: str) -> Caller:
        return cls(id=f"user:{user.login}", scope=user.scope, role=user.role, login=user.login,
                   via=via)

    @classmethod
    def anonymous(cls, address: str) -> Caller:
        return cls(id=f"anonymous:{address}", scope=NOTHING, role="anonymous", via="")

    @property
    def signed_in(self) -> bool:
        return self.role != "anonymous"

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def name(self) -> str:
        """How the audit log names the caller."""
        return self.login or self.id


LOCAL = Caller(id="local", scope=Scope(), role="admin", login=None, via="local")
"""The single user of local mode: everything, like an admin."""
