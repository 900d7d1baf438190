"""``methodnet users`` and ``methodnet audit``: manage who signs in, read who did what."""

from __future__ import annotations

import getpass
import sys
from typing import Annotated

import typer

from cli.common import FormatOpt, OutputFormat, StoreOpt, console, fail, opened_store, print_rows
from graph.auth import audit as audit_mod
from graph.auth import users as users_mod

__all__ = ["cli_actor", "register"]

users_app = typer.Typer(help="Users who sign in, their roles and bearer tokens.",
                        no_args_is_help=True)


def cli_actor() -> str:
    """Who the audit log names for a command run without ``--as``: the operating-system user
    at the server's shell (who can open the store can do anything with it)."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


@users_app.command("add")
def add(
    login: Annotated[str, typer.Argument(help="the login (lower-case letters, digits, . _ - @)")],
    role: Annotated[str, typer.Option(
        "--role", help="admin, regional_coordinator, district_coordinator or analyst")],
    territory: Annotated[str | None, typer.Option(
        "--territory", help="the region (regional_coordinator) or municipality "
                            "(district_coordinator) id; optional for an analyst")] = None,
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="read the password from the first line of standard input "
                                 "(without it the user signs in with tokens or OpenID only)")
    ] = False,
    store: StoreOpt = None,
) -> None:
    """Add a user with a role.

    Example: [bold]echo 'long secret phrase' | methodnet users add anna --role
    district_coordinator --territory RU-LEN-luzhsky --password-stdin[/]
    """
    password = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            fail("--password-stdin got an empty line / пустой пароль")
    with opened_store(store) as s:
        user = users_mod.add_user(s, login, role, territory=territory, password=password)
        audit_mod.record(s, cli_actor(), "user_add", target=login, via="cli",
                         counts={"users": 1}, ids=[login])
    console.print(f"added {user.login} ({user.role}"
                  f"{', ' + user.territory if user.territory else ''})")


@users_app.command("list")
def list_(fmt: FormatOpt = OutputFormat.table, store: StoreOpt = None) -> None:
    """Every user: login, role, territory, whether disabled (never a hash).

    Example: [bold]methodnet users list --format json[/]
    """
    with opened_store(store, readonly=True) as s:
        rows = [{"login": u.login, "role": u.role, "territory": u.territory or "",
                 "disabled": u.disabled, "password": u.has_password, "created": u.created}
                for u in users_mod.list_users(s)]
    print_rows(rows, fmt, title="users")


@users_app.command("disable")
def disable(login: Annotated[str, typer.Argument(help="the login")],
            store: StoreOpt = None) -> None:
    """Disable a user: their password, tokens and sessions stop working at once.

    Example: [bold]methodnet users disable anna[/]
    """
    with opened_store(store) as s:
        users_mod.disable_user(s, login)
        audit_mod.record(s, cli_actor(), "user_disable", target=login, via="cli", ids=[login])
    console.print(f"disabled {login}")


@users_app.command("token")
def token(login: Annotated[str, typer.Argument(help="the login")],
          days: Annotated[int, typer.Option(
              "--days", help=f"how many days the token works (0: until revoked; at most "
                             f"{users_mod.MAX_TOKEN_DAYS})")] = users_mod.TOKEN_DAYS,
          store: StoreOpt = None) -> None:
    """Print a new bearer token for a user, once (only its hash is kept).

    Example: [bold]methodnet users token robot --days 30[/], then
    [bold]curl -H "Authorization: Bearer mn_…" …/graphql[/]
    """
    with opened_store(store) as s:
        issued = users_mod.issue_token(s, login, days=days)
        audit_mod.record(s, cli_actor(), "user_token", target=login, via="cli", ids=[login],
                         counts={"days": days})
    sys.stdout.write(issued + "\n")


@users_app.command("tokens")
def tokens(login: Annotated[str, typer.Argument(help="the login")],
           fmt: FormatOpt = OutputFormat.table, store: StoreOpt = None) -> None:
    """A user's tokens: the start of each stored hash, created, expires, whether it works.

    Example: [bold]methodnet users tokens robot[/]
    """
    with opened_store(store, readonly=True) as s:
        if users_mod.get_user(s, login) is None:
            fail(f"no user {login!r} / пользователя {login!r} нет")
        rows = users_mod.list_tokens(s, login)
    print_rows(rows, fmt, title=f"tokens of {login}")


@users_app.command("revoke")
def revoke(login: Annotated[str, typer.Argument(help="the login")],
           store: StoreOpt = None) -> None:
    """Revoke every token of a user at once (a leaked token; the user stays enabled).

    Example: [bold]methodnet users revoke robot[/]
    """
    with opened_store(store) as s:
        revoked = users_mod.revoke_tokens(s, login)
        audit_mod.record(s, cli_actor(), "user_revoke", target=login, via="cli", ids=[login],
                         counts={"tokens": revoked})
    console.print(f"revoked {revoked} token(s) of {login}")


def audit(
    fmt: FormatOpt = OutputFormat.table,
    actor: Annotated[str | None, typer.Option(help="only this actor's entries")] = None,
    action: Annotated[str | None, typer.Option(
        help=f"only this action: {', '.join(audit_mod.ACTIONS)}")] = None,
    limit: Annotated[int, typer.Option(help="newest entries to show", min=1,
                                       max=1_000_000)] = 100,
    store: StoreOpt = None,
) -> None:
    """The audit log, newest first: sign-ins, imports, changes and user management.

    Example: [bold]methodnet audit --action sign_in_failed --format csv[/]
    """
    if action is not None and action not in audit_mod.ACTIONS:
        fail(f"unknown action {action!r}; actions: {', '.join(audit_mod.ACTIONS)}")
    with opened_store(store, readonly=True) as s:
        page = audit_mod.audit_log(s, first=limit, actor=actor, action=action)
    if fmt is OutputFormat.xlsx:
        fail("the audit log is printed as table, json or csv")
    print_rows([e.row() for e in page.entries], fmt,
               title=f"audit log: {len(page.entries)} of {page.total}")


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
    app.command("audit")(audit)
