"""The «Закрыть пробелы» page: the plan of a territory and period, the gaps it cannot close,
what-if side by side, and accepting the pairs a coordinator ticks.

The page only translates: the plan, what-if and accepting are :mod:`graph.queries.plan`'s, run
as the signed-in caller. The accept form is protected as the sign-in form is: a POST whose
``Origin`` is another site is refused, and the session cookie is ``SameSite=Lax`` (another
site's form does not carry it); a read-only caller sees no button and is refused anyway; a
plan computed on an older revision is refused before anything is written.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from api.auth.routes import _same_origin
from api.context import caller_scope
from graph.errors import InvalidBatch, MethodnetError, NodeNotFound
from graph.queries import plan as q
from graph.queries.nodes import title_of
from graph.queries.picture import node_of
from graph.queries.scope import Scope
from graph.store.base import Store, WriteSummary
from viz import routes
from viz.dashboard import GAPS
from viz.page import _env
from viz.period import data_period, parse_period
from viz.words import INDICATOR_NAMES

__all__ = ["GAP_NAMES", "PlanPage", "plan_page", "router"]

router = APIRouter(tags=["pages"], include_in_schema=False, route_class=routes._PageRoute)

MAX_ROWS = 1000
"""Assignments (and open gaps) the page lists; the CLI and the XLSX give them all."""
MAX_FORM = 256 * 1024
"""The accept form's largest body: ``MAX_ROWS`` ticks of long ids fit."""

GAP_NAMES = {
    q.PlanGapKind.low_results_school: "ШНОР без поддержки по предмету",
    q.PlanGapKind.teacher_without_methodist: "Педагог без закреплённого методиста",
    q.PlanGapKind.deficit_without_route: "Педагог с дефицитами без ИОМ",
    q.PlanGapKind.young_specialist_without_support: "Молодой педагог без поддержки",
}
"""A plan's gap kinds as a coordinator says them."""

_WHO = {q.CandidateKind.mentor: "наставник (педагог той же школы)",
        q.CandidateKind.methodist: "методист", q.CandidateKind.pool: "методический актив",
        q.CandidateKind.community: "сообщество"}
_EDGE = {"SUPPORTS": "адресная поддержка", "MENTORS": "наставничество",
         "MEMBER_OF": "участие в школе молодого педагога",
         "HAS_ROUTE": "новый ИОМ и его сопровождение методистом"}
_BEFORE_AFTER = {**GAPS, "low_results_school": "ШНОР без поддержки по предмету (школа × предмет)",
                 # the plan closes every teacher's, not only those the dashboard's card counts
                 "teacher_without_methodist": "Педагоги без закреплённого методиста"}


@dataclass(frozen=True)
class Row:
    """One assignment as the page shows it, with the value its tick sends."""

    key: str
    gap: str
    target: str
    subject: str
    who: str
    who_kind: str
    edge: str
    why: str


@dataclass(frozen=True)
class PlanPage:
    """Everything the page shows for one territory and period."""

    territory: str
    territory_name: str
    period: str
    plan: q.Plan
    rows: list[Row]
    open_rows: list[tuple[str, str, str, str]]  # kind, title, subject, reason
    gaps: list[tuple[str, int, int]]  # name, before, after
    indicators: list[tuple[str, str, str]]  # name, before, after


def _value(v: float | None, unit: str) -> str:
    if v is None:
        return "—"
    return f"{v * 100:.1f}%" if unit == "share" else f"{v:.2f}".rstrip("0").rstrip(".")


def plan_page(store: Store, territory_id: str, period: str, *, scope: Scope,
              norm: int) -> PlanPage:
    """The plan, its open gaps and what-if, ready to show.

    >>> from graph.queries.demo import demo_store
    >>> from graph.rules import DEFAULT_LOAD_NORM
    >>> p = plan_page(demo_store(), "RU-LEN-a", "2025-H1", scope=Scope(), norm=DEFAULT_LOAD_NORM)
    >>> p.rows[0].gap, p.rows[0].who, p.rows[0].edge
    ('ШНОР без поддержки по предмету', 'Физикова Ольга', 'адресная поддержка')
    >>> p.gaps[0][1:]  # ШНОР × subject: before, after
    (2, 0)
    """
    p = q.plan(store, territory_id, period, scope=scope, norm=norm)
    w = q.what_if(store, p, scope=scope)
    found = {(r.gap.kind, r.gap.node_id, r.gap.subject): r for r in p.candidates}
    rows = []
    for a in p.assignments[:MAX_ROWS]:
        row = found[(a.gap_kind, a.target, a.subject)]
        c = next(c for c in row.candidates if c.candidate_id == a.source)
        rows.append(Row(f"{a.source}|{a.target}|{a.gap_kind.value}", GAP_NAMES[a.gap_kind],
                        row.gap.title, a.subject or "—", c.title, _WHO[c.kind],
                        _EDGE[a.edge_type], ", ".join(c.reasons_ru[1:])))
    open_rows = [(GAP_NAMES[u.gap.kind], u.gap.title, u.gap.subject or "—", u.reason_ru)
                 for u in p.unclosable[:MAX_ROWS]]
    gaps = [(_BEFORE_AFTER.get(k, k), n, w.gaps_after.get(k, 0))
            for k, n in w.gaps_before.items()]
    gaps.sort(key=lambda g: g[0] != _BEFORE_AFTER["low_results_school"])
    after = {v.code: v for v in w.indicators_after}
    indicators = [(INDICATOR_NAMES.get(v.code, v.title), _value(v.value, v.unit),
                   _value(after[v.code].value, v.unit) if v.code in after else "—")
                  for v in w.indicators_before]
    node = node_of(store, territory_id)
    return PlanPage(territory_id, title_of(node) if node else territory_id, period, p, rows,
                    open_rows, gaps, indicators)


class _Cache:
    """Pages already computed, per store object (held weakly, as the dashboard's cache does:
    a new store can never be served an old one's pages) and revision (a region's plan and
    what-if take seconds); a few entries per store, the oldest dropped first."""

    def __init__(self, size: int = 8) -> None:
        self.size = size
        self._entries: weakref.WeakKeyDictionary[
            Store, OrderedDict[tuple[object, ...], PlanPage]] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def get(self, store: Store, territory_id: str, period: str, scope: Scope,
            norm: int) -> PlanPage:
        revision = store.revision
        key = (revision, territory_id, period, scope, norm)
        with self._lock:
            mine = self._entries.get(store)
            hit = mine.get(key) if mine is not None and revision is not None else None
        if hit is not None:
            return hit
        answer = plan_page(store, territory_id, period, scope=scope, norm=norm)
        with self._lock:
            mine = self._entries.setdefault(store, OrderedDict())
            mine[key] = answer
            while len(mine) > self.size:
                mine.popitem(last=False)
        return answer


_PAGES = _Cache()

Territory = Annotated[str | None, Query(max_length=200, description="a region or district id")]
Period = Annotated[str | None, Query(max_length=32, description="e.g. 2025-H1")]
Accepted = Annotated[int | None, Query(ge=0, le=1_000_000)]


def _render(request: Request, page: PlanPage, *, note: str = "", stale: str = "",
            status: int = 200) -> HTMLResponse:
    store, scope = routes._store(request), caller_scope(request)
    body = _env().get_template("plan.html").render(
        title=f"Закрыть пробелы: {page.territory_name}", page=page, base="",
        period=page.period, territories=routes._territories(store, scope),
        periods=sorted(set(routes._periods(store)) | {page.period},
                       key=lambda c: parse_period(c).end),
        can_write=not scope.read_only, note=note, stale=Markup(stale),
        max_rows=MAX_ROWS, again=_address(page.territory, page.period))
    return HTMLResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


def _address(territory: str, period: str, **more: object) -> str:
    return "/plan?" + urlencode({"territory": territory, "period": period, **more})


def _period(store: Store, period: str | None) -> str:
    return parse_period(period or data_period(store)).code


def _territory(store: Store, territory_id: str, scope: Scope) -> str:
    """A region or district the caller may see, else the 404 an unknown id gets."""
    node = node_of(store, territory_id)
    if node is None or node.label not in ("Region", "Municipality") or \
            not scope.expanded(store).allows(territory_id):
        raise NodeNotFound(f"no region or municipality has the id {territory_id!r} / "
                           f"территория {territory_id!r} не найдена")
    return territory_id


@router.get("/plan", response_class=HTMLResponse)
async def plan_view(request: Request, territory: Territory = None, period: Period = None,
                    accepted: Accepted = None) -> HTMLResponse:
    """The plan of a territory (the caller's own by default) and period, to tick and accept."""
    store, scope = routes._store(request), caller_scope(request)
    tid = _territory(store, routes._board_territory(
        store, territory, scope, request.cookies.get(routes.TERRITORY_COOKIE)), scope)
    code = _period(store, period)
    page = await run_in_threadpool(_PAGES.get, store, tid, code, scope,
                                   routes._load_norm(request))
    note = (f"Принято связей: {accepted}. Пробелы ниже пересчитаны с учётом принятого."
            if accepted is not None else "")
    return _render(request, page, note=note)


@router.post("/plan/accept", response_class=HTMLResponse, response_model=None)
async def plan_accept(request: Request) -> Response:
    """Write the ticked pairs of the plan computed on the form's revision, all or nothing."""
    if not _same_origin(request):
        return routes._error(403, "Запрос отклонён", "Запрос пришёл с другого сайта.")
    scope = caller_scope(request)
    if scope.read_only:
        return routes._error(403, "Только просмотр",
                             "Ваша роль позволяет только смотреть план, но не принимать его.")
    raw = await request.body()
    if len(raw) > MAX_FORM:
        return routes._error(400, "Неверный запрос", "Отмечено слишком много строк.")
    form = parse_qs(raw.decode("utf-8", "replace"), max_num_fields=MAX_ROWS + 10)
    store = routes._store(request)
    territory = _territory(store, form.get("territory", [""])[0], scope)
    code = _period(store, form.get("period", [""])[0] or None)
    try:
        revision = int(form.get("revision", [""])[0])
    except ValueError:
        revision = None
    keep = [tuple(v.split("|", 2)) for v in form.get("pair", []) if v.count("|") == 2]
    if not keep:
        return RedirectResponse(_address(territory, code), status_code=303)
    caller = getattr(request.state, "caller", None)
    actor = (caller.login if caller is not None and caller.login else
             "local" if caller is not None else "anonymous")
    try:
        summary = await run_in_threadpool(_accept, store, territory, code, scope, revision,
                                          keep, actor, routes._load_norm(request))
    except q.StalePlan:
        page = await run_in_threadpool(_PAGES.get, store, territory, code, scope,
                                       routes._load_norm(request))
        link = Markup('<a id="recompute" href="{}">рассчитать план заново</a>').format(
            _address(territory, code))
        stale = Markup("План рассчитан на устаревших данных: после его расчёта данные "
                       "изменились. Ничего не записано; проверьте план ниже — он уже "
                       "рассчитан заново — или {}.").format(link)
        return _render(request, page, stale=stale, status=409)
    except InvalidBatch as e:
        return routes._error(403, "Нельзя принять",
                             "; ".join(p.message_ru or p.message for p in e.problems))
    created = sum(summary.created.values())
    return RedirectResponse(_address(territory, code, accepted=created), status_code=303)


def _accept(store: Store, territory: str, period: str, scope: Scope, revision: int | None,
            keep: list[tuple[str, ...]], actor: str, norm: int) -> WriteSummary:
    q.check_revision(store, revision)  # before the plan, so a stale form is named as such
    p = q.plan(store, territory, period, scope=scope, norm=norm)
    offered = {(a.source, a.target, a.gap_kind.value) for a in p.assignments}
    strange = [f"{k[0]} → {k[1]}" for k in keep if k not in offered]
    if strange:
        raise MethodnetError(f"not in the plan: {', '.join(strange[:5])} / нет в плане: "
                             f"{', '.join(strange[:5])}")
    return q.accept(store, p, scope=scope, actor=actor, revision=revision, keep=keep,
                    via="page")

