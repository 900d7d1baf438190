"""Every question of the registry as a ``methodnet <verb>``, with the shared output options.

The verbs are made from :data:`graph.queries.registry.QUESTIONS`: each parameter becomes an
argument or an option (``--territory``, ``--period``, ``--on``, …), and every verb takes
``--format table|json|csv|xlsx``, ``--out FILE``, ``--store`` and ``--as LOGIN`` (answer as
that user sees the data: their territory, pseudonyms for an analyst). Without ``--as`` the
command is the local operator's, who sees everything (whoever can open the store can read it).
"""

from __future__ import annotations

import datetime as dt
import inspect
from pathlib import Path
from typing import Annotated, Any

import typer

from cli.common import FormatOpt, OutputFormat, StoreOpt, fail, opened_store, print_rows
from graph.queries.registry import QUESTIONS, Param, Question
from graph.queries.scope import EVERYTHING, Scope
from graph.store.base import Store

__all__ = ["answer", "command_of", "register", "verbs"]

OutOpt = Annotated[Path | None, typer.Option("--out", "-o", help="write to this file")]
AsOpt = Annotated[str | None, typer.Option(
    "--as", help="answer as this user sees it (their territory; pseudonyms for an analyst)")]
_SHORT = {"territory_id": "-t", "period": "-p", "kinds": "-k"}


def verbs() -> dict[str, Question]:
    """The verbs this module makes: every question without a hand-written command."""
    return {q.verb: q for q in QUESTIONS.values() if q.handwritten_cli is None}


def _help(p: Param) -> str:
    allowed = p.allowed
    choices = f" ({', '.join(allowed)})" if allowed and len(allowed) <= 12 else ""
    return f"{p.help_en}{choices} / {p.help_ru}"


def _parameter(p: Param) -> inspect.Parameter:
    base: Any = int if p.kind is int else float if p.kind is float else str
    if p.kind is bool:
        info: Any = typer.Option(p.flag, help=_help(p))
        return inspect.Parameter(p.name, inspect.Parameter.KEYWORD_ONLY, default=False,
                                 annotation=Annotated[bool, info])
    annotation: Any = list[base] | None if p.many else base | None
    if p.argument:
        info = typer.Argument(help=_help(p), show_default=False)
        default: Any = ... if p.required else None
        if p.required:
            annotation = base
    else:
        decls = [p.flag, *([_SHORT[p.name]] if p.name in _SHORT else [])]
        info = typer.Option(*decls, help=_help(p))
        default = ... if p.required else None
        if p.required:
            annotation = base
    return inspect.Parameter(p.name, inspect.Parameter.KEYWORD_ONLY, default=default,
                             annotation=Annotated[annotation, info])


def _reader(store: Store, login: str | None) -> tuple[Store, Scope]:
    """The store and scope of ``--as LOGIN``, or the local operator's (everything)."""
    if login is None:
        return store, EVERYTHING
    from graph.auth import users as users_mod

    user = users_mod.get_user(store, login)
    if user is None or user.disabled:
        fail(f"no enabled user {login!r} / нет действующего пользователя {login!r}")
    if not user.scope.pseudonymised:
        return store, user.scope
    from graph.settings import get_settings
    from graph.store.pseudonymised import PseudonymisedStore, load_key

    settings = get_settings()
    secret = settings.pseudonym_key.get_secret_value() if settings.pseudonym_key else None
    return PseudonymisedStore(store, load_key(secret, settings.pseudonym_key_file)), user.scope


def _value(p: Param, raw: Any) -> Any:
    if p.kind is not dt.date or raw in (None, ""):
        return raw
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        fail(f"{p.flag}: {raw!r} is not a date YYYY-MM-DD / не дата ГГГГ-ММ-ДД")


def answer(q: Question, store: Store, values: dict[str, Any], *, scope: Scope = EVERYTHING,
           summary: bool = False, with_candidates: bool = False
           ) -> tuple[list[dict[str, Any]], str]:
    """The rows and title of ``q`` for the values its command parsed (a bad value: one line);
    ``with_candidates`` adds, to a question showing gaps, who could take each one."""
    asked = {p.name: _value(p, values.get(p.name)) for p in q.params}
    if with_candidates and (not asked.get("territory_id") or not asked.get("period")):
        fail("--candidates needs --territory and --period / для --candidates укажите "
             "--territory и --period")
    if summary and "counts_only" in asked:
        asked["counts_only"] = True  # a summary shows counts only: no list is computed
    try:
        result = q.ask(store, scope=scope, **asked)
    except ValueError as e:
        fail(str(e))
    rows = q.summary(result) if summary and q.summary else q.rows(result)
    if with_candidates and q.gap_of is not None and not summary:
        from graph.queries.plan import best_candidates, candidates

        best = best_candidates(candidates(store, asked["territory_id"], asked["period"],
                                          scope=scope, norm=asked.get("norm"),
                                          kinds=q.gap_kinds))
        rows = [{**row, "candidate": best.get(q.gap_of(row), "")} for row in rows]
    return rows, q.title(result) if q.title else q.verb


def command_of(q: Question) -> Any:
    """The Typer command of a question: its parameters plus the shared output options."""

    def command(**values: Any) -> None:
        kind, fmt, out = values.pop("store"), values.pop("fmt"), values.pop("out")
        login, summary = values.pop("as_user"), values.pop("summary", False)
        with_candidates = values.pop("with_candidates", False)
        with opened_store(kind, readonly=True) as s:
            reader, scope = _reader(s, login)
            rows, title = answer(q, reader, values, scope=scope, summary=summary,
                                 with_candidates=with_candidates)
        print_rows(rows, fmt, title=title, out=out)

    shared = [
        inspect.Parameter("store", inspect.Parameter.KEYWORD_ONLY, default=None,
                          annotation=StoreOpt),
        inspect.Parameter("fmt", inspect.Parameter.KEYWORD_ONLY, default=OutputFormat.table,
                          annotation=FormatOpt),
        inspect.Parameter("out", inspect.Parameter.KEYWORD_ONLY, default=None,
                          annotation=OutOpt),
        inspect.Parameter("as_user", inspect.Parameter.KEYWORD_ONLY, default=None,
                          annotation=AsOpt),
    ]
    if q.summary is not None:
        shared.append(inspect.Parameter(
            "summary", inspect.Parameter.KEYWORD_ONLY, default=False,
            annotation=Annotated[bool, typer.Option(help="only the count of each kind")]))
    if q.gap_of is not None:
        shared.append(inspect.Parameter(
            "with_candidates", inspect.Parameter.KEYWORD_ONLY, default=False,
            annotation=Annotated[bool, typer.Option(
                "--candidates", help="add who could take each gap (needs --territory and "
                                     "--period; see methodnet plan) / кто мог бы взять")]))
    command.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [_parameter(p) for p in q.params] + shared)
    command.__name__ = q.name
    command.__doc__ = (f"{q.help_en}\n\n{q.help_ru}\n\n"
                       f"Example: [bold]methodnet {q.verb} {q.example}[/]".replace(" [/]", "[/]"))
    return command


def register(app: typer.Typer) -> None:
    """Add a verb for every question of the registry to the ``methodnet`` app."""
    for verb, q in verbs().items():
        app.command(verb)(command_of(q))
