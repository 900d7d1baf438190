"""The coordinator's screen, served by the API app: network views, dashboard, explorer."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles

from api.caller_store import caller_store
from api.context import caller_scope
from graph.errors import MethodnetError, NodeNotFound, StoreUnavailable
from graph.queries.nodes import title_of
from graph.queries.scope import EVERYTHING, Scope
from graph.queries.seen import seen_counts, seen_nodes
from graph.settings import get_settings
from graph.store.base import Store
from viz import page, views
from viz.aggregate import AGGREGATE_ABOVE
from viz.dashboard import Dashboard, DashboardCache, gaps_xlsx
from viz.scene import Scene

__all__ = ["MAX_DEPTH", "MAX_NODES", "example_queries", "mount", "router"]

MAX_NODES = 5000
"""The most nodes a network page draws before aggregating (20 000 made a 12 MB page)."""
MAX_DEPTH = 4
"""The most hops a focus page walks."""


def _bad_parameters(error: RequestValidationError) -> str:
    """A Russian sentence per bad query parameter, without echoing what was sent.

    >>> _bad_parameters(RequestValidationError([{"type": "less_than_equal",
    ...     "loc": ("query", "max_nodes"), "ctx": {"le": 5000}, "input": "99999"}]))
    'max_nodes: не больше 5000'
    """
    parts = []
    for e in error.errors():
        name = str(e.get("loc", ("", "?"))[-1])
        ctx = e.get("ctx") or {}
        kind = e.get("type", "")
        if kind == "less_than_equal":
            parts.append(f"{name}: не больше {ctx.get('le')}")
        elif kind == "greater_than_equal":
            parts.append(f"{name}: не меньше {ctx.get('ge')}")
        elif kind == "string_too_long":
            parts.append(f"{name}: не длиннее {ctx.get('max_length')} символов")
        elif kind in ("int_parsing", "int_from_float"):
            parts.append(f"{name}: нужно целое число")
        else:
            parts.append(f"{name}: неверное значение")
    return "; ".join(parts)


class _PageRoute(APIRoute):
    """Our errors become a Russian HTML page (404 for unknown ids, 400 for bad input, bad or
    out-of-range parameters included) on these routes only, so the rest of the app keeps its
    own error handling."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as e:
                return _error(400, "Неверный запрос", _bad_parameters(e))
            except NodeNotFound as e:
                return _error(404, "Не найдено", str(e))
            except StoreUnavailable as e:
                return _error(503, "Хранилище недоступно",
                              f"База данных сейчас не отвечает; повторите попытку позже. ({e})")
            except MethodnetError as e:
                return _error(400, "Неверный запрос", str(e))

        return handle


router = APIRouter(tags=["pages"], include_in_schema=False, route_class=_PageRoute)
QUERIES_MD = Path(__file__).resolve().parent.parent / "docs" / "queries.md"

Period = Annotated[str | None, Query(max_length=32,
                                     description="monitoring period, e.g. 2025-H1")]
Territory = Annotated[str | None, Query(max_length=200, description="a region or district id")]
MaxNodes = Annotated[int, Query(ge=50, le=MAX_NODES, description="aggregate above this many nodes")]


def mount(app: FastAPI) -> None:
    """Add the pages and the vendored scripts (``/static``) to the app."""
    app.state.dashboards = DashboardCache()
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=page.STATIC_DIR), name="static")


def warm(app: FastAPI) -> threading.Thread:
    """Compute the default dashboard in the background, so the first visitor need not wait."""

    def work() -> None:
        store: Store = app.state.store
        try:
            tid = _board_territory(store, None)
            app.state.dashboards.get(store, tid, None, load_norm=get_settings().load_norm)
        except MethodnetError:
            pass  # an empty store has no dashboard to prepare

    thread = threading.Thread(target=work, name="dashboard-warm-up", daemon=True)
    thread.start()
    return thread


def _board(request: Request, tid: str, period: str | None) -> Dashboard:
    cache: DashboardCache = request.app.state.dashboards
    return cache.get(_store(request), tid, period, load_norm=_load_norm(request),
                     scope=caller_scope(request))


def _error(status: int, title: str, message: str) -> HTMLResponse:
    from html import escape

    body = (f'<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>{title}</title>'
            f'</head><body><h1>{title}</h1><p>{escape(message)}</p><p><a href="/">На главную</a>'
            "</p></body></html>")
    return HTMLResponse(body, status_code=status)


def _store(request: Request) -> Store:
    """The store as this caller may read it (pseudonymised for an analyst)."""
    return caller_store(request, caller_scope(request))


def _load_norm(request: Request) -> int:
    settings = getattr(request.app.state, "settings", None) or get_settings()
    return int(settings.load_norm)


def _html(scene: Scene, depth: int | None = None) -> HTMLResponse:
    return HTMLResponse(page.network_page(scene, depth=depth))


@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    """The landing page linking every view."""
    store, scope = _store(request), caller_scope(request)
    regions = seen_nodes(store, "Region", scope=scope)
    munis = seen_nodes(store, "Municipality", scope=scope)
    all_regulations = seen_nodes(store, "Regulation", scope=scope)
    regulations = [r for r in all_regulations if r.props.get("source")] or all_regulations
    boards = [r for r in regions if scope.expanded(store).allows(r.id)] or munis
    sections = [
        ("Структура РСНМС по регионам",
         [(title_of(r), f"/network/region/{r.id}") for r in regions]),
        ("Панель мониторинга", [(f"Показатели и пробелы: {title_of(r)}",
                                 f"/dashboard?territory={r.id}") for r in boards]),
        ("Районы и городские округа",
         [(title_of(m), f"/network/district/{m.id}") for m in munis]),
        ("Нормативные акты: пункты, субъекты, функции",
         [(title_of(r), f"/network/regulation/{r.id}") for r in regulations]),
        ("Запросы", [("Обозреватель GraphQL с готовыми запросами", "/explorer"),
                     ("GraphiQL", "/graphql")]),
    ]
    counts = seen_counts(store, scope=scope)
    return HTMLResponse(page.index_page(
        sections, {"nodes": counts.total_nodes, "edges": counts.total_edges}))


@router.get("/network/region", response_class=HTMLResponse, response_model=None)
def region_default(request: Request) -> Response:
    """The first region's structure (most installations hold one region)."""
    regions = seen_nodes(_store(request), "Region", scope=caller_scope(request))
    if not regions:
        raise NodeNotFound("the store holds no region yet / в хранилище ещё нет регионов")
    return RedirectResponse(f"/network/region/{regions[0].id}", status_code=307)


@router.get("/network/region/{region_id}", response_class=HTMLResponse)
def region(request: Request, region_id: str, period: Period = None,
           max_nodes: MaxNodes = AGGREGATE_ABOVE) -> HTMLResponse:
    return _html(views.region_view(_store(request), region_id, period=period,
                                   load_norm=_load_norm(request), max_nodes=max_nodes,
                                   scope=caller_scope(request)))


@router.get("/network/district/{municipality_id}", response_class=HTMLResponse)
def district(request: Request, municipality_id: str, period: Period = None,
             max_nodes: MaxNodes = AGGREGATE_ABOVE) -> HTMLResponse:
    return _html(views.district_view(_store(request), municipality_id, period=period,
                                     load_norm=_load_norm(request), max_nodes=max_nodes,
                                     scope=caller_scope(request)))


@router.get("/network/school/{school_id}", response_class=HTMLResponse)
def school(request: Request, school_id: str, period: Period = None,
           max_nodes: MaxNodes = AGGREGATE_ABOVE) -> HTMLResponse:
    return _html(views.school_view(_store(request), school_id, period=period,
                                   load_norm=_load_norm(request), max_nodes=max_nodes,
                                   scope=caller_scope(request)))


@router.get("/network/regulation/{regulation_id}", response_class=HTMLResponse)
def regulation(request: Request, regulation_id: str,
               max_nodes: MaxNodes = AGGREGATE_ABOVE) -> HTMLResponse:
    return _html(views.regulation_view(_store(request), regulation_id, max_nodes=max_nodes,
                                       scope=caller_scope(request)))


@router.get("/network/focus/{node_id}", response_class=HTMLResponse)
def focus(request: Request, node_id: str,
          depth: Annotated[int, Query(ge=0, le=MAX_DEPTH)] = 1,
          period: Period = None, max_nodes: MaxNodes = AGGREGATE_ABOVE) -> HTMLResponse:
    scene = views.focus_view(_store(request), node_id, depth=depth, period=period,
                             load_norm=_load_norm(request), max_nodes=max_nodes,
                             scope=caller_scope(request))
    return _html(scene, depth=depth)


def _territories(store: Store, scope: Scope) -> list[tuple[str, str]]:
    """The territories whose dashboard the caller may open, regions with their districts."""
    allowed = scope.expanded(store)
    munis = seen_nodes(store, "Municipality", scope=scope)
    out = []
    for r in seen_nodes(store, "Region", scope=scope):
        if allowed.allows(r.id):
            out.append((r.id, title_of(r)))
        out += [(m.id, "— " + title_of(m)) for m in munis if m.props.get("region_id") == r.id]
    return out


def _board_territory(store: Store, territory: str | None, scope: Scope = EVERYTHING) -> str:
    """The territory asked for, or the caller's first (a region before its districts)."""
    if territory:
        return territory
    choices = _territories(store, scope)
    if not choices:
        raise NodeNotFound("the store holds no region yet / в хранилище ещё нет регионов")
    return choices[0][0]


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard_view(request: Request, territory: Territory = None,
                   period: Period = None) -> HTMLResponse:
    """Indicators per district with their change, the gap lists and the XLSX download."""
    store, scope = _store(request), caller_scope(request)
    board = _board(request, _board_territory(store, territory, scope), period)
    return HTMLResponse(page.dashboard_page(board, _territories(store, scope)))


@router.get("/dashboard/gaps.xlsx")
def dashboard_xlsx(request: Request, territory: Territory = None,
                   period: Period = None) -> Response:
    store = _store(request)
    tid = _board_territory(store, territory, caller_scope(request))
    board = _board(request, tid, period)
    name = f"gaps-{tid}-{board.period.code}.xlsx"
    return Response(gaps_xlsx(board), media_type=_XLSX,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/explorer", response_class=HTMLResponse)
def explorer() -> HTMLResponse:
    """GraphiQL links with ready queries from docs/queries.md."""
    return HTMLResponse(page.explorer_page(example_queries()))


_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FALLBACK = [
    ("Сколько чего в графе", "Число узлов и связей каждого вида.",
     "{\n  counts {\n    totalNodes\n    totalEdges\n  }\n}"),
    ("Узел и его связи", "ЦНППМ Ленинградской области со всеми связями.",
     '{\n  node(id: "LEN-cnppm") {\n    node { id label title kind }\n'
     "    outgoing { type target }\n    incoming { type source }\n  }\n}"),
    ("Регионы", "Первые регионы в хранилище.",
     '{\n  nodes(label: "Region", first: 10) {\n    nodes { id title }\n  }\n}'),
]

_BLOCK = re.compile(r"```graphql\n(.*?)```", re.S)
_CAPTION = re.compile(r"^> \*\*(?P<title>[^*]+?)\.?\*\*\s*(?P<text>(?:.+\n?)*?)\n*\Z", re.M)


def example_queries(path: Path = QUERIES_MD) -> list[tuple[str, str, str]]:
    """``(title, description, query)`` for every ```graphql block of ``docs/queries.md``, from
    the Russian caption right above it: ``> **Title.** One sentence on what it answers.``
    A block without a caption is named by the nearest heading, with no description.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "q.md"
    >>> md = ("## Counts\\nHow many nodes.\\n\\n> **Счёт узлов.** Сколько в графе\\n> узлов.\\n\\n"
    ...       "```graphql\\n{ counts { totalNodes } }\\n```\\n\\n```json\\n{}\\n```\\n"
    ...       "```graphql\\n{ health { status } }\\n```\\n")
    >>> _ = p.write_text(md)
    >>> example_queries(p)  # doctest: +NORMALIZE_WHITESPACE
    [('Счёт узлов', 'Сколько в графе узлов.', '{ counts { totalNodes } }'),
     ('Counts', '', '{ health { status } }')]
    """
    if not path.exists():
        return list(_FALLBACK)
    text = path.read_text(encoding="utf-8")
    out: list[tuple[str, str, str]] = []
    last = 0
    for m in _BLOCK.finditer(text):
        before = text[last:m.start()]
        caption = _CAPTION.search(before.rstrip() + "\n")
        if caption:
            title = caption["title"].strip()
            description = " ".join(caption["text"].replace("\n> ", " ").split())
        else:
            headings = re.findall(r"^#+\s*(.+)$", text[:m.start()], re.M)
            title, description = (headings[-1].strip() if headings else "GraphQL"), ""
        out.append((title, description, m.group(1).strip()))
        last = m.end()
    return out or list(_FALLBACK)
