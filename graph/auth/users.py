"""Users with roles, kept as private records of the store; passwords and tokens only hashed."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import Any, Literal, get_args

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from graph.errors import MethodnetError
from graph.model.base import NodeRecord
from graph.queries.scope import Scope
from graph.store.base import Store

__all__ = [
    "ROLES",
    "AccessDenied",
    "Role",
    "User",
    "UserError",
    "add_user",
    "authenticate_password",
    "authenticate_token",
    "disable_user",
    "get_user",
    "hash_token",
    "issue_token",
    "list_tokens",
    "list_users",
    "revoke_tokens",
    "scope_of",
]

Role = Literal["admin", "regional_coordinator", "district_coordinator", "analyst"]
ROLES: tuple[Role, ...] = get_args(Role)

# The territory label each role is bound to (None: no territory; analyst: optional, any).
_ROLE_TERRITORY: dict[str, tuple[str, ...]] = {
    "admin": (),
    "regional_coordinator": ("Region",),
    "district_coordinator": ("Municipality",),
    "analyst": ("Region", "Municipality"),
}
_LOGIN = re.compile(r"^[a-z0-9][a-z0-9._@-]{0,63}$")
MIN_PASSWORD = 10
TOKEN_PREFIX = "mn_"
TOKEN_DAYS = 90
"""How long a bearer token works unless issued for another number of days (0: no end)."""
MAX_TOKEN_DAYS = 3660

# Argon2id with argon2-cffi's defaults (RFC 9106's low-memory profile: 64 MiB, 3 passes).
_hasher = PasswordHasher()
# Verified when the login is unknown, so that a wrong login costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class UserError(MethodnetError):
    """A user-management request that cannot be done (bad login, role, territory…)."""


class AccessDenied(MethodnetError):
    """The caller may not do this."""


@dataclass(frozen=True)
class User:
    """A person or program that signs in, with one role and (for most roles) one territory."""

    login: str
    role: Role
    territory: str | None = None
    disabled: bool = False
    has_password: bool = False
    created: str = ""
    session_version: int = 0
    """Raised by a sign-out: session cookies carrying an older version stop working."""

    @property
    def scope(self) -> Scope:
        return scope_of(self)

    @classmethod
    def from_record(cls, rec: NodeRecord) -> User:
        p = rec.props
        return cls(login=rec.id, role=p.get("role", ""), territory=p.get("territory"),
                   disabled=bool(p.get("disabled", False)),
                   has_password=bool(p.get("password_hash")), created=p.get("created", ""),
                   session_version=int(p.get("session_version", 0)))


def scope_of(user: User) -> Scope:
    """What a user may see and write: the one mapping from roles to scopes.

    >>> scope_of(User("a", "admin")).unrestricted
    True
    >>> s = scope_of(User("d", "district_coordinator", "RU-LEN-luzhsky"))
    >>> sorted(s.territories), s.read_only
    (['RU-LEN-luzhsky'], False)
    >>> s = scope_of(User("x", "analyst"))
    >>> s.unrestricted, s.read_only, s.pseudonymised
    (True, True, True)
    >>> scope_of(User("z", "superuser")).territories  # a record edited by hand: nothing
    frozenset()
    """
    if user.role not in ROLES:
        return Scope.of([], read_only=True)
    if user.role == "admin":
        return Scope()
    if user.role == "analyst":
        return Scope.of([user.territory] if user.territory else None, read_only=True,
                        pseudonymised=True)
    if not user.territory:  # never stored so, but a record edited by hand must not widen
        return Scope.of([], read_only=True)
    return Scope.of([user.territory])


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def hash_token(token: str) -> str:
    """The id a token is stored under: its SHA-256 (a token is 256 random bits, so a fast
    hash is safe, and the lookup is one read by id).

    >>> len(hash_token("mn_x"))
    64
    """
    return hashlib.sha256(token.encode()).hexdigest()


def _user_record(store: Store, login: str) -> NodeRecord | None:
    return store.get_private("User", [login]).get(login)


def get_user(store: Store, login: str) -> User | None:
    rec = _user_record(store, login)
    return User.from_record(rec) if rec else None


def list_users(store: Store) -> list[User]:
    """Every user, by login."""
    return [User.from_record(r) for r in store.private("User")]


def _check_territory(store: Store, role: str, territory: str | None) -> None:
    allowed = _ROLE_TERRITORY[role]
    if not allowed:
        if territory:
            raise UserError(f"the role {role} has no territory / у роли {role} нет территории")
        return
    if territory is None:
        if role == "analyst":
            return
        raise UserError(f"the role {role} needs --territory ({' or '.join(allowed)}) / "
                        f"роли {role} нужна территория")
    node = store.get_node(territory)
    if node is None or node.label not in allowed:
        raise UserError(f"{territory!r} is not a {' or '.join(allowed)} of the store / "
                        f"{territory!r} — не территория нужного вида")


def add_user(
    store: Store, login: str, role: str, *, territory: str | None = None,
    password: str | None = None, source: str = "local",
) -> User:
    """Create a user; the password (if any) is stored only as an Argon2id hash.

    >>> from graph.store import MemoryStore
    >>> s = MemoryStore()
    >>> add_user(s, "anna", "admin").scope.unrestricted
    True
    >>> add_user(s, "anna", "admin")
    Traceback (most recent call last):
    ...
    graph.auth.users.UserError: the user 'anna' exists already / пользователь 'anna' уже есть
    """
    if not _LOGIN.match(login):
        raise UserError(f"{login!r} is not a valid login: lower-case letters, digits, '.', "
                        "'_', '-', '@', up to 64 / недопустимое имя пользователя")
    if role not in ROLES:
        raise UserError(f"unknown role {role!r}; roles: {', '.join(ROLES)} / неизвестная роль")
    _check_territory(store, role, territory)
    if _user_record(store, login) is not None:
        raise UserError(f"the user {login!r} exists already / пользователь {login!r} уже есть")
    props: dict[str, Any] = {"role": role, "disabled": False, "created": _now(),
                             "session_version": 0, "source": source}
    if territory:
        props["territory"] = territory
    if password is not None:
        props["password_hash"] = _hash_password(password)
    store.put_private([NodeRecord("User", login, props)])
    return User.from_record(NodeRecord("User", login, props))


def _hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UserError(f"a password needs at least {MIN_PASSWORD} characters / "
                        f"пароль должен быть не короче {MIN_PASSWORD} символов")
    return _hasher.hash(password)


def _update(store: Store, login: str, **changes: Any) -> User:
    rec = _user_record(store, login)
    if rec is None:
        raise UserError(f"no user {login!r} / пользователя {login!r} нет")
    props = {**rec.props, **changes}
    store.put_private([NodeRecord("User", login, props)])
    return User.from_record(NodeRecord("User", login, props))


def disable_user(store: Store, login: str) -> User:
    """Disable a user: their password, tokens and sessions stop working at once."""
    user = get_user(store, login)
    return _update(store, login, disabled=True,
                   session_version=(user.session_version + 1) if user else 1)


def end_sessions(store: Store, login: str) -> None:
    """Sign a user out everywhere: every session cookie issued so far stops working."""
    user = get_user(store, login)
    if user is not None:
        _update(store, login, session_version=user.session_version + 1)


def issue_token(store: Store, login: str, *, days: int = TOKEN_DAYS) -> str:
    """A new bearer token for ``login``, working for ``days`` (0: until revoked): returned
    once, stored only as its hash.

    >>> from graph.store import MemoryStore
    >>> s = MemoryStore(); _ = add_user(s, "bot", "admin")
    >>> token = issue_token(s, "bot")
    >>> authenticate_token(s, token).login
    'bot'
    >>> issue_token(s, "bot", days=-1)
    Traceback (most recent call last):
    ...
    graph.auth.users.UserError: a token works 0 (no end) to 3660 days, not -1 / ...
    """
    if not 0 <= days <= MAX_TOKEN_DAYS:
        raise UserError(f"a token works 0 (no end) to {MAX_TOKEN_DAYS} days, not {days} / "
                        f"срок действия токена — от 0 (бессрочно) до {MAX_TOKEN_DAYS} дней")
    user = get_user(store, login)
    if user is None:
        raise UserError(f"no user {login!r} / пользователя {login!r} нет")
    if user.disabled:
        raise UserError(f"the user {login!r} is disabled / пользователь {login!r} отключён")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = dt.datetime.now(dt.UTC)
    props: dict[str, Any] = {"login": login, "created": now.isoformat(timespec="seconds")}
    if days:
        props["expires"] = (now + dt.timedelta(days=days)).isoformat(timespec="seconds")
    store.put_private([NodeRecord("Token", hash_token(token), props)])
    return token


def _token_works(rec: NodeRecord, now: dt.datetime) -> bool:
    """Whether a stored token is neither revoked nor past its end."""
    if rec.props.get("revoked"):
        return False
    expires = rec.props.get("expires")
    try:
        return not expires or dt.datetime.fromisoformat(str(expires)) > now
    except ValueError:  # a record edited by hand: refuse rather than guess
        return False


def authenticate_token(store: Store, token: str) -> User | None:
    """The enabled user a bearer token belongs to, or ``None`` (unknown, revoked or expired
    token, disabled user)."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    rec = store.get_private("Token", [hash_token(token)]).get(hash_token(token))
    if rec is None or not _token_works(rec, dt.datetime.now(dt.UTC)):
        return None
    user = get_user(store, str(rec.props.get("login", "")))
    return user if user is not None and not user.disabled else None


def list_tokens(store: Store, login: str) -> list[dict[str, Any]]:
    """The tokens of ``login``, oldest first: the first 8 characters of the stored hash (to
    tell them apart, useless to sign in with), created, expires, and whether each works.

    >>> from graph.store import MemoryStore
    >>> s = MemoryStore(); _ = add_user(s, "bot", "admin"); _ = issue_token(s, "bot", days=0)
    >>> [(t["expires"], t["works"]) for t in list_tokens(s, "bot")]
    [('', True)]
    """
    now = dt.datetime.now(dt.UTC)
    rows = [{"token": rec.id[:8], "created": str(rec.props.get("created", "")),
             "expires": str(rec.props.get("expires", "")),
             "revoked": bool(rec.props.get("revoked", False)), "works": _token_works(rec, now)}
            for rec in store.private("Token", where={"login": login})]
    return sorted(rows, key=lambda r: (r["created"], r["token"]))


def revoke_tokens(store: Store, login: str) -> int:
    """Revoke every working token of ``login`` at once (sessions and password unchanged);
    how many were revoked.

    >>> from graph.store import MemoryStore
    >>> s = MemoryStore(); _ = add_user(s, "bot", "admin"); t = issue_token(s, "bot")
    >>> revoke_tokens(s, "bot"), authenticate_token(s, t), revoke_tokens(s, "bot")
    (1, None, 0)
    """
    if get_user(store, login) is None:
        raise UserError(f"no user {login!r} / пользователя {login!r} нет")
    now = dt.datetime.now(dt.UTC)
    working = [rec for rec in store.private("Token", where={"login": login})
               if _token_works(rec, now)]
    store.put_private([NodeRecord("Token", rec.id, {**rec.props, "revoked": True,
                                                    "revoked_at": _now()})
                       for rec in working])
    return len(working)


def authenticate_password(store: Store, login: str, password: str) -> User | None:
    """The enabled user with this login and password, or ``None`` — whichever part was wrong,
    and in about the same time either way.

    >>> from graph.store import MemoryStore
    >>> s = MemoryStore(); _ = add_user(s, "anna", "admin", password="верный пароль")
    >>> authenticate_password(s, "anna", "верный пароль").login
    'anna'
    >>> authenticate_password(s, "anna", "неверный"), authenticate_password(s, "x", "y")
    (None, None)
    """
    rec = _user_record(store, login) if _LOGIN.match(login) and len(password) <= 1024 else None
    stored = rec.props.get("password_hash") if rec is not None else None
    try:
        _hasher.verify(stored or _DUMMY_HASH, password[:1024])
    except (VerificationError, InvalidHashError):
        return None
    if rec is None or stored is None:
        return None
    user = User.from_record(rec)
    if user.disabled:
        return None
    if _hasher.check_needs_rehash(stored):
        _update(store, login, password_hash=_hasher.hash(password))
    return user


def upsert_external_user(store: Store, login: str, role: str, territory: str | None) -> User:
    """The user an identity provider vouched for, created or brought up to date with the
    role and territory its claims carry; a user disabled here stays disabled."""
    if not _LOGIN.match(login):
        raise AccessDenied(f"the identity provider's login {login!r} is not usable here")
    if role not in ROLES:
        raise AccessDenied(f"the identity provider gave no known role (got {role!r})")
    try:
        _check_territory(store, role, territory)
    except UserError as e:
        raise AccessDenied(str(e)) from None
    existing = _user_record(store, login)
    if existing is None:
        return add_user(store, login, role, territory=territory, source="oidc")
    props = {**existing.props, "role": role}
    props.pop("territory", None)
    if territory:
        props["territory"] = territory
    store.put_private([NodeRecord("User", login, props)])
    return User.from_record(NodeRecord("User", login, props))
