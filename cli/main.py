"""``methodnet``: load data, serve the API, run questions, manage the bundled Neo4j."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from cli.common import StoreOpt, console, err_console, fail, opened_store, progress_bar
from cli.recount import keeps_counts, recount_stale
from graph.errors import InvalidBatch, MethodnetError
from graph.queries.scope import EVERYTHING, Scope
from graph.settings import get_settings
from graph.store import Store
from graph.store.memory import check_journal

app = typer.Typer(
    name="methodnet",
    help="Methodnet: the graph of a region's system of methodological support of teachers.\n\n"
    "Load regulations and registries, ask who supports whom, find the gaps.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
neo4j_app = typer.Typer(help="The bundled Neo4j server (used when NEO4J_URI is not set).",
                        no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")


@app.command()
def serve(
    store: StoreOpt = None,
    host: Annotated[str | None, typer.Option(help="address to listen on")] = None,
    port: Annotated[int | None, typer.Option(help="port to listen on")] = None,
    workers: Annotated[int, typer.Option(
        min=1, max=64, help="server processes (Neo4j only: the embedded store lives in one "
                            "process); each keeps its own answers and limits")] = 1,
) -> None:
    """Serve the GraphQL API and pages (GraphiQL at /graphql).

    Example: [bold]methodnet serve --port 8000[/]; on Neo4j, several processes:
    [bold]methodnet serve --store neo4j --workers 4[/]
    """
    import os

    import uvicorn

    from api.auth.middleware import is_loopback
    from api.main import create_app

    settings = get_settings()
    if store is not None:
        settings.store = store.value
    host = host or settings.host
    port = port or settings.port
    if not is_loopback(host) and settings.auth != "on":
        fail(f"refusing to serve on {host}: other computers could reach it without signing in. "
             "Set METHODNET_AUTH=on and add users (methodnet users add …), or serve on "
             "127.0.0.1 / отказ: без входа по паролю сервер доступен только с этого компьютера")
    settings.host = host  # the app trusts the Host it is served on
    if workers > 1 and settings.store == "memory":
        fail("--workers needs the Neo4j store (METHODNET_STORE=neo4j or --store neo4j): the "
             "embedded store is held by one process / несколько процессов (--workers) возможны "
             "только с Neo4j: встроенное хранилище принадлежит одному процессу")
    try:
        if settings.store == "memory":
            check_journal(settings.store_path)  # the store opens later, inside the server
        app_ = create_app(settings=settings)
    except MethodnetError as e:
        fail(str(e))
    if settings.auth == "local":
        err_console.print("[yellow]local mode: no sign-in, full access, this computer only[/]")
    elif settings.auth == "auto":
        err_console.print("[yellow]local mode (no sign-in, full access) until the first user "
                          "exists; METHODNET_AUTH=on requires sign-in always[/]")
    err_console.print(f"Methodnet on http://{host}:{port}/ (pages; GraphQL at /graphql; store: "
                      f"{settings.store}) / приложение: http://{host}:{port}/")
    err_console.print("Another port: METHODNET_PORT=8001 methodnet serve (or --port 8001) / "
                      "другой порт: переменная METHODNET_PORT или --port")
    if workers == 1:
        uvicorn.run(app_, host=host, port=port, log_level="info")
        return
    from api.auth.session import load_secret

    if settings.session_secret is None:
        load_secret(settings.store_path)  # made once here, so every worker signs alike
    # Each worker makes its app from the environment (api.main:app_from_environment).
    os.environ.update(METHODNET_STORE=settings.store, METHODNET_HOST=host)
    err_console.print(f"{workers} worker processes / процессов: {workers}")
    uvicorn.run("api.main:app_from_environment", factory=True, host=host, port=port,
                workers=workers, log_level="info")


@app.command()
def load(
    path: Annotated[Path, typer.Argument(help="a regulations folder, a regulation file (.txt in "
                                              "any common encoding, .docx, .pdf, .rtf, .html), a "
                                              "dataset folder or .xlsx, or a folder of them")],
    store: StoreOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bars")] = False,
    bulk: Annotated[bool, typer.Option(
        "--bulk", help="datasets in checked chunks of 20 000 rows with bounded memory, for a "
                       "whole country; NOT all-or-nothing: a bad chunk stops the load after "
                       "the chunks before it, and loading again completes it")] = False,
    allow_redefine: Annotated[bool, typer.Option(
        "--allow-redefine", help="let datasets change the kind or territory of nodes the store "
                                 "holds, and the bodies and territories that came from the "
                                 "regulations; without it such rows are problems")] = False,
    as_user: Annotated[str | None, typer.Option(
        "--as", help="load as this user: only what their role and territory allow, and the "
                     "audit log names them")] = None,
    reg: Annotated[str | None, typer.Option(
        "--id", help="a regulation file's id (default reg-<file name>)")] = None,
    title: Annotated[str | None, typer.Option(
        help="a regulation file's title (default: from its first lines)")] = None,
    territory: Annotated[str | None, typer.Option(
        help="a regulation file's territory id, e.g. RU-PSK or RU-PSK-ostrov")] = None,
    level: Annotated[str | None, typer.Option(
        help="a regulation file's level: federal, regional, municipal or institutional")] = None,
    date: Annotated[str | None, typer.Option(help="a regulation file's date, YYYY-MM-DD")] = None,
    number: Annotated[str | None, typer.Option(help="a regulation file's number")] = None,
    meta: Annotated[Path | None, typer.Option(
        help="a regulation file's metadata (.meta.json; default: the one beside it)")] = None,
    gazetteer: Annotated[Path | None, typer.Option(
        help="the gazetteer for a regulation file (default: bodies.json beside it, else the "
             "bundled one)")] = None,
    force: Annotated[bool, typer.Option(
        help="load a regulation file even when no clause or no body was found in it")] = False,
) -> None:
    """Load regulations and datasets; each source is written whole or not at all.

    Example: [bold]methodnet load data/[/]; one regulation:
    [bold]methodnet load polozhenie.docx --territory RU-PSK --level regional[/]; a country
    into Neo4j:
    [bold]methodnet load --bulk --store neo4j nation/[/]; a district's data as its
    coordinator: [bold]methodnet load --as anna luzhsky.xlsx[/]
    """
    from cli.users import cli_actor
    from graph.auth import audit as audit_mod
    from graph.loaders import Source, load_path
    from graph.store.base import Progress

    with opened_store(store) as s, progress_bar("loading", quiet=quiet) as bar:
        def progress(source: Source) -> Progress:
            err_console.print(f"[dim]loading {source.kind} from {source.path} …[/]")
            return bar

        actor, scope = _load_actor(s, as_user, load_path)
        actor = actor or cli_actor()
        try:
            options = {"id": reg, "title": title, "territory_id": territory, "level": level,
                       "date": date, "number": number}
            loaded = load_path(s, path, progress=progress, bulk=bulk,
                               allow_redefine=allow_redefine, scope=scope,
                               regulation={"options": options, "meta_file": meta,
                                           "gazetteer": gazetteer, "force": force})
        except InvalidBatch as e:
            audit_mod.record(s, actor, "load_redefine" if allow_redefine else "load",
                             target=str(path), outcome="refused", via="cli",
                             counts={"problems": len(e.problems)})
            _report_problems(e, partly_written=bulk)
            raise typer.Exit(1) from None
        except MethodnetError as e:
            audit_mod.record(s, actor, "load", target=str(path), outcome="refused", via="cli")
            fail(str(e))
        totals: dict[str, int] = {"created": 0, "updated": 0, "unchanged": 0}
        for item in loaded:
            table = Table(title=f"{item.source.kind}: {item.source.path}")
            for col in ("", "created", "updated", "unchanged"):
                table.add_column(col, justify="right" if col else "left")
            for name, c, u, n in item.summary.rows():
                table.add_row(name, str(c), str(u), str(n))
                totals["created"] += c
                totals["updated"] += u
                totals["unchanged"] += n
            console.print(table)
            console.print(f"{item.source.path}: {item.summary}")
            for note in item.notes:
                console.print(f"  [yellow]skipped:[/] {note}")
        action = "load_redefine" if allow_redefine else "load"
        audit_mod.record(s, actor, action, target=str(path), via="cli", counts=totals,
                         ids=[str(item.source.path) for item in loaded])
        if loaded and keeps_counts(s):
            # A bulk load marks every district stale: counted now, not by the first screen.
            recount_stale(s, quiet=quiet)


def _load_actor(
    s: Store, login: str | None, loader: Callable[..., object]
) -> tuple[str | None, Scope]:
    """Who a load acts as, and the ``scope`` to hand the loader (where it takes one).

    The loader refuses rows outside the user's scope: nothing is loaded with more rights than
    the user has.
    """
    if login is None:
        return None, EVERYTHING
    from graph.auth import users as users_mod

    user = users_mod.get_user(s, login)
    if user is None or user.disabled:
        fail(f"no enabled user {login!r} / нет действующего пользователя {login!r}")
    scope = user.scope
    if scope.read_only:
        fail(f"{login} ({user.role}) may not load data / роль {user.role} не может загружать")
    return login, scope


def _report_problems(error: InvalidBatch, *, partly_written: bool = False) -> None:
    from cli.dataset import PARTLY_WRITTEN, render_problems

    if partly_written:
        err_console.print(render_problems(error.problems, outcome=PARTLY_WRITTEN))
    else:
        err_console.print(render_problems(error.problems))


@app.command()
def info(store: StoreOpt = None) -> None:
    """How many nodes and edges of each kind the store holds."""
    with opened_store(store, readonly=True) as s:
        counts = s.counts()
    table = Table(title=f"{counts.total_nodes} nodes, {counts.total_edges} edges")
    table.add_column("label / type")
    table.add_column("count", justify="right")
    for name, n in {**counts.nodes, **counts.edges}.items():
        table.add_row(name, str(n))
    console.print(table)


@app.command()
def recount(
    store: StoreOpt = None,
    mark_only: Annotated[bool, typer.Option(
        "--mark-only", help="only mark every district's kept counts stale; the next first "
                            "screen (or a server's start-up) counts them")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress")] = False,
) -> None:
    """Count the whole country's gap counts afresh: every district's kept counts marked stale,
    then counted again and kept (the latest assessed period).

    Run it after the database was written other than through Methodnet (the database's own import
    tools, a statement by hand): such writes do not mark the districts they change. Counting
    every district is about as long as one exact count of the whole country (seconds to a
    minute on a national database); with --mark-only the next first screen pays for it.

    Example: [bold]methodnet recount --store neo4j[/]
    """
    with opened_store(store) as s:
        if not keeps_counts(s):
            console.print("the embedded store keeps its counts inside the serving process only; "
                          "they are counted afresh when it starts / встроенное хранилище держит "
                          "подсчёты только в памяти сервера")
            return
        s.forget_gap_partials()
        if mark_only:
            console.print("every district's kept gap counts are marked stale; the next first "
                          "screen counts them again / сохранённые подсчёты всех районов "
                          "помечены устаревшими")
            return
        found = recount_stale(s, quiet=quiet)
    if found is None:
        console.print("every district's kept gap counts are marked stale; partials are off "
                      "(METHODNET_GAP_PARTIALS=0) / подсчёты помечены устаревшими, хранение "
                      "подсчётов выключено")
        return
    for period, counts in found.items():
        console.print(f"{period}: " + ", ".join(f"{k.value} {n}" for k, n in counts.items()))
    console.print("every district's gap counts are counted again and kept / подсчёты всех "
                  "районов обновлены")


@app.command()
def query(
    document: Annotated[str, typer.Argument(help="a GraphQL document, or @FILE to read one")],
    var: Annotated[list[str] | None, typer.Option(
        "--var", "-v", help="a variable as name=value (value parsed as JSON when it can be)")
    ] = None,
    store: StoreOpt = None,
) -> None:
    """Run a GraphQL document in-process against the store and print the JSON answer.

    Example: [bold]methodnet query '{ counts { totalNodes } }'[/]
    """
    import asyncio
    import logging

    from api.context import Context
    from api.schema import schema
    from graph.queries.scope import Scope

    text = Path(document[1:]).read_text(encoding="utf-8") if document.startswith("@") else document
    variables: dict[str, object] = {}
    for item in var or []:
        name, sep, raw = item.partition("=")
        if not sep:
            fail(f"--var takes name=value, not {item!r}")
        try:
            variables[name] = json.loads(raw)
        except json.JSONDecodeError:
            variables[name] = raw
    # The answer's "errors" say what went wrong; strawberry's log would add a traceback.
    log = logging.getLogger("strawberry.execution")
    level, log.level = log.level, logging.CRITICAL
    try:
        with opened_store(store, readonly=True) as s:
            ctx = Context(store=s, settings=get_settings(), scope=Scope())
            result = asyncio.run(schema.execute(text, variable_values=variables,
                                                context_value=ctx))
    finally:
        log.setLevel(level)
    out: dict[str, object] = {"data": result.data}
    if result.errors:
        out["errors"] = [{"message": e.message, "path": e.path} for e in result.errors]
    console.print_json(json.dumps(out, ensure_ascii=False, default=str))
    if result.errors:
        raise typer.Exit(1)


@app.command("schema")
def export_schema(
    out: Annotated[Path, typer.Option(help="where to write the SDL")] = Path("schema.graphql"),
) -> None:
    """Write the GraphQL schema (SDL) to schema.graphql."""
    from api.schema import schema

    out.write_text(schema.as_str() + "\n", encoding="utf-8")
    console.print(f"wrote {out}")


@neo4j_app.command("start")
def neo4j_start() -> None:
    """Install (first time) and start the bundled Neo4j; waits until Bolt answers."""
    from graph.store import neo4j_server

    config = neo4j_server.Neo4jServerConfig()
    try:
        status = neo4j_server.start(config, progress=lambda m: err_console.print(f"[dim]{m}[/]"))
    except neo4j_server.Neo4jServerError as e:
        fail(str(e))
    console.print(f"Neo4j running at {status.uri} (pid {status.pid}, data in {config.home})")


@neo4j_app.command("stop")
def neo4j_stop() -> None:
    """Stop the bundled Neo4j cleanly (its data folder is kept)."""
    from graph.store import neo4j_server

    was = neo4j_server.stop(neo4j_server.Neo4jServerConfig())
    console.print("Neo4j stopped" if was else "Neo4j was not running")


@neo4j_app.command("status")
def neo4j_status() -> None:
    """Whether the bundled Neo4j runs, where, and with which pid."""
    from graph.store import neo4j_server

    s = neo4j_server.status(neo4j_server.Neo4jServerConfig())
    console.print(f"{'running' if s.running else 'stopped'}: {s.uri} pid={s.pid} home={s.home}")
    raise typer.Exit(0 if s.running else 3)


def _register_areas() -> None:
    # Each area's commands live beside their own concerns; main only assembles them.
    from cli import dataset, generate, planning, questions, regulations, report, users, viz

    for module in (dataset, generate, questions, planning, regulations, report, viz, users):
        module.register(app)


_register_areas()

if __name__ == "__main__":
    app()
