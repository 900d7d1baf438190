"""The coordinator's screen, served by the API app: network views, dashboard, explorer."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles

from api.caller_store import caller_store
from api.context import caller_scope
from graph.errors import MethodnetError, NodeNotFound, StoreUnavailable
from graph.queries.nodes import node_territory, title_of
from graph.settings import get_settings
from graph.store.base import Store
from viz import page, views
from viz.aggregate import AGGREGATE_ABOVE
from viz.dashboard import Dashboard, DashboardCache, gaps_xlsx
from viz.scene import Scene

__all__ = ["example_queries", "mount", "router"]

class _PageRoute(APIRoute):
    """Our errors become a Russian HTML page (404 for unknown ids, 400 for bad input) on these
    routes only, so the rest of the app keeps its own error handling."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
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

Period = Annotated[str | None, Query(description="monitoring period, e.g. 2025-H1")]
MaxNodes = Annotated[int, Query(ge=50, le=20000, description="aggregate above this many nodes")]


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
    return cache.get(_store(request), tid, period, load_norm=_load_norm(request))


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


def _check_scope(request: Request, store: Store, node_id: str) -> None:
    """The caller's scope (header, as for GraphQL) must include the node's territory."""
    scope = caller_scope(request)
    if scope.unrestricted:
        return
    node = store.get_node(node_id)
    territory = node_territory(node) if node else None
    if territory is None or not scope.expanded(store).allows(territory):
        raise NodeNotFound(f"nothing has the id {node_id!r} / узел {node_id!r} не найден")


def _html(scene: Scene, depth: int | None = None) -> HTMLResponse:
    return HTMLResponse(page.network_page(scene, depth=depth))


@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    """The landing page linking every view."""
    store = _store(request)
    regions = store.nodes("Region")
    munis = store.nodes("Municipality")
    regulations = [r for r in store.nodes("Regulation") if r.props.get("source")] or \
        store.nodes("Regulation")
    sections = [
        ("Структура РСНМС по регионам",
         [(title_of(r), f"/network/region/{r.id}") for r in regions]),
        ("Панель мониторинга", [(f"Показатели и пробелы: {title_of(r)}",
                                 f"/dashboard?territory={r.id}") for r in regions]),
        ("Районы и городские округа",
         [(title_of(m), f"/network/district/{m.id}") for m in munis]),
        ("Нормативные акты: пункты, субъекты, функции",
         [(title_of(r), f"/network/regulation/{r.id}") for r in regulations]),
        ("Запросы", [("Обозреватель GraphQL с готовыми запросами", "/explorer"),
                     ("GraphiQL", "/graphql")]),
    ]
    counts = store.counts()
    return HTMLResponse(page.index_page(
        sections, {"nodes": counts.total_nodes, "edges": counts.total_edges}))


@router.get("/network/region", response_class=HTMLResponse, response_model=None)
def region_default(request: Request) -> Response:
    """The first region's structure (most installations hold one region)."""
    regions = _store(request).nodes("Region")
    if not regions:
        raise NodeNotFound("the store holds no region yet / в хранилище ещё нет регионов")
    return RedirectResponse(f"/network/region/{regions[0].id}", status_code=307)


@router.get("/network/region/{region_id}", response_class=HTMLResponse)
def region(request: Request, region_id: str, period: Period = None,
           max_nodes: MaxNodes = AGGREGATE_ABOVE) -> HTMLResponse:
    store = _store(request)
    _check_scope(request, store, region_id)
    return _html(views.region_view(store, region_id, period=period,
                                   load_norm=_load_norm(request), max_nodes=max_nodes))


@router.get("/network/district/{municipality_id}", response_class=HTMLResponse)
def district(request: Request, municipality_id: str, period: Period = None,
             max_nodes: MaxNodes = AGGREGATE_ABOVE) -> HTMLResponse:
    store = _store(request)
    _check_scope(request, store, municipality_id)
    return _html(views.district_view(store, municipality_id, period=period,
                                     load_norm=_load_norm(request), max_nodes=max_nodes))


@router.get("/network/school/{school_id}", response_class=HTMLResponse)
def school(request: Request, school_id: str, period: Period = None,
           max_nodes: MaxNodes = AGGREGATE_ABOVE) -> HTMLResponse:
    store = _store(request)
    _check_scope(request, store, school_id)
    return _html(views.school_view(store, school_id, period=period,
                                   load_norm=_load_norm(request), max_nodes=max_nodes))


@router.get("/network/regulation/{regulation_id}", response_class=HTMLResponse)
def regulation(request: Request, regulation_id: str,
               max_nodes: MaxNodes = AGGREGATE_ABOVE) -> HTMLResponse:
    return _html(views.regulation_view(_store(request), regulation_id, max_nodes=max_nodes))


@router.get("/network/focus/{node_id}", response_class=HTMLResponse)
def focus(request: Request, node_id: str, depth: Annotated[int, Query(ge=0, le=4)] = 1,
          period: Period = None, max_nodes: MaxNodes = AGGREGATE_ABOVE) -> HTMLResponse:
    store = _store(request)
    _check_scope(request, store, node_id)
    scene = views.focus_view(store, node_id, depth=depth, period=period,
                             load_norm=_load_norm(request), max_nodes=max_nodes)
    return _html(scene, depth=depth)


def _territories(store: Store) -> list[tuple[str, str]]:
    out = []
    for r in store.nodes("Region"):
        out.append((r.id, title_of(r)))
        out += [(m.id, "— " + title_of(m))
                for m in store.nodes("Municipality", where={"region_id": r.id})]
    return out


def _board_territory(store: Store, territory: str | None) -> str:
    if territory:
        return territory
    regions = store.nodes("Region")
    if not regions:
        raise NodeNotFound("the store holds no region yet / в хранилище ещё нет регионов")
    return regions[0].id


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard_view(request: Request, territory: str | None = None,
                   period: Period = None) -> HTMLResponse:
    """Indicators per district with their change, the gap lists and the XLSX download."""
    store = _store(request)
    tid = _board_territory(store, territory)
    _check_scope(request, store, tid)
    board = _board(request, tid, period)
    return HTMLResponse(page.dashboard_page(board, _territories(store)))


@router.get("/dashboard/gaps.xlsx")
def dashboard_xlsx(request: Request, territory: str | None = None,
                   period: Period = None) -> Response:
    store = _store(request)
    tid = _board_territory(store, territory)
    _check_scope(request, store, tid)
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


def example_queries(path: Path = QUERIES_MD) -> list[tuple[str, str, str]]:
    """``(title, description, query)`` for every ```graphql block of ``docs/queries.md``:
    the nearest heading above names it, the paragraph between describes it.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "q.md"
    >>> md = "## Счёт\\nСколько узлов.\\n```graphql\\n{ counts { totalNodes } }\\n```\\n"
    >>> _ = p.write_text(md)
    >>> example_queries(p)
    [('Счёт', 'Сколько узлов.', '{ counts { totalNodes } }')]
    """
    if not path.exists():
        return list(_FALLBACK)
    text = path.read_text(encoding="utf-8")
    out: list[tuple[str, str, str]] = []
    last = 0
    for m in _BLOCK.finditer(text):
        before = text[last:m.start()]
        headings = re.findall(r"^#+\s*(.+)$", before, re.M)
        title = headings[-1].strip() if headings else f"Запрос {len(out) + 1}"
        after_heading = re.split(r"^#+.*$", before, flags=re.M)[-1]
        description = " ".join(after_heading.split())
        out.append((title, description, m.group(1).strip()))
        last = m.end()
    return out or list(_FALLBACK)
