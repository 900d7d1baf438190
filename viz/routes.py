"""The coordinator's screen, served by the API app: network views, dashboard, explorer."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles

from api.caller_store import caller_store
from api.context import caller_scope
from graph.errors import MethodnetError, NodeNotFound, StoreUnavailable
from graph.queries.nodes import title_of
from graph.queries.picture import assessed_periods, node_of
from graph.queries.scope import EVERYTHING, Scope
from graph.queries.seen import seen_counts, seen_nodes
from graph.rules import region_of
from graph.settings import get_settings
from graph.store.base import Store
from viz import page, views
from viz.aggregate import AGGREGATE_ABOVE
from viz.dashboard import Dashboard, DashboardCache
from viz.home import TERRITORY_COOKIE, home_territory, with_period
from viz.period import parse_period, period_ru
from viz.scene import Scene
from viz.workbook import gaps_xlsx

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
    from viz.plan_page import router as plan_router

    app.state.dashboards = DashboardCache()
    app.include_router(router)
    app.include_router(plan_router)
    app.mount("/static", StaticFiles(directory=page.STATIC_DIR), name="static")


WARM_WAIT = 10.0
"""Seconds the app's start-up waits for the first dashboard before it serves anyway."""


def warm(app: FastAPI, wait: float = WARM_WAIT) -> threading.Thread:
    """Compute the dashboards a coordinator opens first, so that no first visit waits.

    The default dashboard is ready before this returns (within ``wait`` seconds: a store that
    is slow to answer does not hold up the start); the view of a coordinator of that
    territory and its other periods follow in the background. A visitor arriving before one
    is ready waits for that computation, not for a second one."""
    first_done = threading.Event()

    def work() -> None:
        store: Store = app.state.store
        norm = get_settings().load_norm
        try:
            tid = _board_territory(store, None)
            app.state.dashboards.get(store, tid, None, load_norm=norm)
            first_done.set()
            wanted: list[tuple[str | None, Scope]] = [(None, Scope.of([tid]))]
            wanted += [(p, EVERYTHING) for p in reversed(_periods(store))]
            for period, scope in wanted:
                app.state.dashboards.get(store, tid, period, load_norm=norm, scope=scope)
        except MethodnetError:
            pass  # an empty store has no dashboard to prepare
        finally:
            first_done.set()

    thread = threading.Thread(target=work, name="dashboard-warm-up", daemon=True)
    thread.start()
    first_done.wait(wait)
    return thread


def _board(request: Request, tid: str, period: str | None) -> Dashboard:
    cache: DashboardCache = request.app.state.dashboards
    return cache.get(_store(request), tid, period, load_norm=_load_norm(request),
                     scope=caller_scope(request))


def _error(status: int, title: str, message: str) -> HTMLResponse:
    """A Russian error page with a way back; of a bilingual message only the Russian half."""
    return HTMLResponse(page.error_page(title, _russian(message)), status_code=status)


def _russian(message: str) -> str:
    """The Russian half of an ``english / русский`` message (the whole one if it has none).

    >>> _russian("no Municipality has the id 'x' / Район 'x' не найден")
    'Район не найден'
    >>> _russian("Неверный период")
    'Неверный период'
    """
    head, sep, tail = message.rpartition(" / ")
    if sep and re.search("[а-яА-ЯёЁ]", tail) and not re.search("[а-яА-ЯёЁ]", head):
        # The id or code asked for is in the address already; the page names no code.
        return re.sub(r"\s*'[^']*'", "", tail)
    if not re.search("[а-яА-ЯёЁ]", message):
        return "Запрос не удалось выполнить: проверьте адрес страницы."
    return message


def _store(request: Request) -> Store:
    """The store as this caller may read it (pseudonymised for an analyst)."""
    return caller_store(request, caller_scope(request))


def _load_norm(request: Request) -> int:
    settings = getattr(request.app.state, "settings", None) or get_settings()
    return int(settings.load_norm)


def _html(scene: Scene, depth: int | None = None, *, store: Store | None = None,
          period: str | None = None) -> HTMLResponse:
    periods = _periods(store) if store is not None else None
    return HTMLResponse(page.network_page(scene, depth=depth, periods=periods,
                                          period=_valid(period)))


@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    """The landing page linking every view."""
    store, scope = _store(request), caller_scope(request)
    regions = seen_nodes(store, "Region", scope=scope)
    munis = seen_nodes(store, "Municipality", scope=scope)
    all_regulations = seen_nodes(store, "Regulation", scope=scope)
    regulations = [r for r in all_regulations if r.props.get("source")] or all_regulations
    boards = [r for r in regions if scope.expanded(store).allows(r.id)] or munis
    munis = sorted(munis, key=lambda m: title_of(m).casefold())
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
        sections, {"nodes": counts.total_nodes, "edges": counts.total_edges},
        address=str(request.base_url)))


@router.get("/network/region", response_class=HTMLResponse, response_model=None)
def region_default(request: Request, period: Period = None) -> Response:
    """The caller's own territory: its region's structure, or its district's for a district
    coordinator (in local mode the last one chosen, else the region with the most schools)."""
    store = _store(request)
    tid = home_territory(store, caller_scope(request), request.cookies.get(TERRITORY_COOKIE))
    node = node_of(store, tid) if tid else None
    if node is None:
        raise NodeNotFound("the store holds no region yet / в хранилище ещё нет регионов")
    kind = "region" if node.label == "Region" else "district"
    return RedirectResponse(with_period(f"/network/{kind}/{tid}", _valid(period)),
                            status_code=307)


def _valid(period: str | None) -> str | None:
    """A period to keep on a link: the one asked for if well formed (a bad one is refused by
    the page it leads to, not here)."""
    if period is None:
        return None
    try:
        return parse_period(period).code
    except MethodnetError:
        return None


def _periods(store: Store) -> list[str]:
    """The periods the data has, oldest first, for the pages' period selector."""
    codes = set(assessed_periods(store))
    return sorted((p for p in codes if _valid(p)), key=lambda p: parse_period(p).end)


def _remember(response: HTMLResponse, territory: str) -> HTMLResponse:
    """Keep the territory a coordinator chose for the next visit (a year, this site only)."""
    response.set_cookie(TERRITORY_COOKIE, territory, max_age=365 * 24 * 3600, httponly=True,
                        samesite="lax")
    return response


@router.get("/network/region/{region_id}", response_class=HTMLResponse)
def region(request: Request, region_id: str, period: Period = None,
           max_nodes: MaxNodes = views.PAGE_NODES) -> HTMLResponse:
    store = _store(request)
    scene = views.region_view(store, region_id, period=period, load_norm=_load_norm(request),
                              max_nodes=max_nodes, scope=caller_scope(request))
    return _remember(_html(scene, store=store), region_id)


@router.get("/network/district/{municipality_id}", response_class=HTMLResponse)
def district(request: Request, municipality_id: str, period: Period = None,
             max_nodes: MaxNodes = views.PAGE_NODES) -> HTMLResponse:
    store = _store(request)
    scene = views.district_view(store, municipality_id, period=period,
                                load_norm=_load_norm(request), max_nodes=max_nodes,
                                scope=caller_scope(request))
    return _remember(_html(scene, store=store), municipality_id)


@router.get("/network/data/district/{municipality_id}")
def district_data(request: Request, municipality_id: str, period: Period = None,
                  max_nodes: MaxNodes = views.PAGE_NODES) -> JSONResponse:
    """The district view as data, for a region page that opens a district in place: the same
    view as ``/network/district/…``, so the caller's scope applies the same way."""
    store = _store(request)
    scene = views.district_view(store, municipality_id, period=period,
                                load_norm=_load_norm(request), max_nodes=max_nodes,
                                scope=caller_scope(request))
    return JSONResponse(page.scene_data(scene))


@router.get("/network/school/{school_id}", response_class=HTMLResponse)
def school(request: Request, school_id: str, period: Period = None,
           max_nodes: MaxNodes = AGGREGATE_ABOVE) -> HTMLResponse:
    store = _store(request)
    return _html(views.school_view(store, school_id, period=period,
                                   load_norm=_load_norm(request), max_nodes=max_nodes,
                                   scope=caller_scope(request)), store=store)


@router.get("/network/regulation/{regulation_id}", response_class=HTMLResponse)
def regulation(request: Request, regulation_id: str, period: Period = None,
               max_nodes: MaxNodes = AGGREGATE_ABOVE) -> HTMLResponse:
    """A regulation has no period of its own; the one the coordinator came with is kept."""
    return _html(views.regulation_view(_store(request), regulation_id, max_nodes=max_nodes,
                                       scope=caller_scope(request)), period=period)


@router.get("/network/focus/{node_id}", response_class=HTMLResponse)
def focus(request: Request, node_id: str,
          depth: Annotated[int, Query(ge=0, le=MAX_DEPTH)] = 1,
          period: Period = None, max_nodes: MaxNodes = AGGREGATE_ABOVE) -> HTMLResponse:
    store = _store(request)
    scene = views.focus_view(store, node_id, depth=depth, period=period,
                             load_norm=_load_norm(request), max_nodes=max_nodes,
                             scope=caller_scope(request))
    return _html(scene, depth=depth, store=store)


def _territories(store: Store, scope: Scope) -> list[tuple[str, str]]:
    """The territories whose dashboard the caller may open, regions with their districts."""
    allowed = scope.expanded(store)
    munis = seen_nodes(store, "Municipality", scope=scope)
    out = []
    for r in seen_nodes(store, "Region", scope=scope):
        if allowed.allows(r.id):
            out.append((r.id, title_of(r)))
        out += [(m.id, "— " + title_of(m)) for m in munis if region_of(m) == r.id]
    return out


def _board_territory(store: Store, territory: str | None, scope: Scope = EVERYTHING,
                     remembered: str | None = None) -> str:
    """The territory asked for, or the caller's own (see :func:`viz.home.home_territory`)."""
    if territory:
        return territory
    home = home_territory(store, scope, remembered)
    if home is None:
        raise NodeNotFound("the store holds no region yet / в хранилище ещё нет регионов")
    return home


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard_view(request: Request, territory: Territory = None,
                   period: Period = None) -> HTMLResponse:
    """Indicators per district with their change, the gap lists and the XLSX download."""
    store, scope = _store(request), caller_scope(request)
    tid = _board_territory(store, territory, scope, request.cookies.get(TERRITORY_COOKIE))
    board = _board(request, tid, period)
    response = HTMLResponse(page.dashboard_page(board, _territories(store, scope)))
    return _remember(response, tid) if territory else response


@router.get("/dashboard/gaps.xlsx")
def dashboard_xlsx(request: Request, territory: Territory = None,
                   period: Period = None) -> Response:
    store = _store(request)
    tid = _board_territory(store, territory, caller_scope(request),
                           request.cookies.get(TERRITORY_COOKIE))
    board = _board(request, tid, period)
    name = quote(f"Пробелы — {title_of(board.territory)} — {period_ru(board.period.code)}.xlsx")
    return Response(gaps_xlsx(board, str(request.base_url)), media_type=_XLSX,
                    headers={"Content-Disposition": f'attachment; filename="gaps.xlsx"; '
                                                    f"filename*=UTF-8''{name}"})


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
