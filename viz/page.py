"""HTML pages: network views, the dashboard, the landing page and the explorer, all in Russian.

vis-network and Chart.js are vendored in ``viz/static`` and served by the app; stand-alone pages
inline them, so no page ever loads a script from the internet. Our own template replaces
pyvis's: its templates pull vis-network from a CDN and its select/filter menus garble Cyrillic.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from viz.dashboard import INDICATORS, MAX_ROWS, Dashboard
from viz.detail import FONT_SIZE, LABEL_WIDTH, visible
from viz.home import with_period
from viz.layout import physics_on
from viz.period import period_ru
from viz.scene import Scene
from viz.style import FLAG_NAMES, GROUPS, legend, vis_groups

__all__ = [
    "STATIC_DIR",
    "dashboard_page",
    "error_page",
    "explorer_page",
    "index_page",
    "network_page",
    "scene_data",
    "script_tag",
]

STATIC_DIR = Path(__file__).parent / "static"
_TEMPLATES = Path(__file__).parent / "templates"

# Support edges are coloured so that "who helps whom" reads at a glance; the rest stay grey.
_EDGE_COLORS = {
    "SUPPORTS": "#2e7d32", "CURATES": "#2e7d32", "MENTORS": "#5e35b1", "TUTORS": "#8d6e63",
    "COORDINATES": "#c62828", "GUIDES": "#6a1b9a", "HAS_DUTY": "#f9a825",
    "SETS_DUTIES_OF": "#7986cb", "HAS_DEFICIT": "#ff7043", "HAS_ROUTE": "#fbc02d",
}


@cache
def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=select_autoescape(),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["period_ru"] = period_ru
    env.globals["with_period"] = with_period
    env.globals["search_words"] = search_words
    return env


def search_words() -> Markup:
    """What the search box calls the things it finds, in Russian, as JSON for the page.

    >>> import json; json.loads(str(search_words()))["kinds"]["school"]
    'Образовательная организация'
    """
    from graph.queries.search import ROLE_WORDS

    return _json({
        "labels": {"Region": "Субъект РФ", "Municipality": "Район, городской округ",
                   "Organization": "Организация", "Person": "Человек",
                   "Regulation": "Нормативный акт", "Term": "Понятие",
                   "Programme": "Программа ДПП", "Competency": "Компетенция"},
        "kinds": {k: st.name for k, st in GROUPS.items()},
        "roles": ROLE_WORDS,
    })


def script_tag(name: str, *, standalone: bool, static_base: str = "/static") -> Markup:
    """A ``<script>`` for a vendored library: inlined for stand-alone pages, else served by us.

    >>> str(script_tag("chart.umd.min.js", standalone=False))
    '<script src="/static/chart.umd.min.js"></script>'
    """
    if not standalone:
        return Markup(f'<script src="{static_base}/{name}"></script>')
    code = (STATIC_DIR / name).read_text(encoding="utf-8")
    # A literal "</script" would end the tag early; the vendored builds have none, keep it so.
    return Markup("<script>" + code.replace("</script", "<\\/script") + "</script>")


def _json(data: Any) -> Markup:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("</", "<\\/"))


def network_page(scene: Scene, *, standalone: bool = False, base: str = "",
                 depth: int | None = None, periods: list[str] | None = None,
                 period: str | None = None) -> str:
    """A page drawing ``scene`` with vis-network, positions precomputed, with our own controls.

    ``periods`` fill the page's period selector; ``period`` (the scene's own when ``None``)
    is kept on every link the page makes.

    >>> from viz.scene import Scene, VisNode
    >>> s = Scene("Тест"); s.add_node(VisNode("a", "Школа № 1", "school", "Organization"))
    >>> html = network_page(s)
    >>> "Школа № 1" in html and '<script src="/static/vis-network.min.js">' in html
    True
    """
    counts = Counter(n.group for n in scene.nodes.values())
    flag_counts = Counter(f for n in scene.nodes.values() for f in n.flags)
    for n in scene.nodes.values():
        flag_counts.update(n.flag_counts)
    rows = legend(scene.groups(), scene.flags())
    for row in rows:
        key = row["group"]
        row["count"] = str(flag_counts[key[5:]] if key.startswith("flag:") else counts[key])
    data = {
        **scene_data(scene),
        "groups": vis_groups(),
        "physics": physics_on(scene) and not scene.clusters,
        "font_size": FONT_SIZE,
        "label_width": LABEL_WIDTH,
        "focus": scene.focus,
        "base": base,
        "flag_names": FLAG_NAMES,
        "edge_colors": _EDGE_COLORS,
        "period": period or scene.period,
    }
    return _env().get_template("network.html").render(
        title=scene.title, subtitle=scene.subtitle, period=period or scene.period,
        periods=periods or [], notes=scene.notes,
        legend=rows, shown=visible(scene), drawn_from=max(scene.drawn_from, len(scene.nodes)),
        physics=data["physics"], focus_form=depth is not None, depth=depth, base=base,
        territory=scene.territory, standalone=standalone,
        data_json=_json(data),
        vis_script=script_tag("vis-network.min.js", standalone=standalone, static_base=base +
                              "/static"),
    )


def scene_data(scene: Scene) -> dict[str, Any]:
    """What a page (or a page's fetch) draws: nodes, edges and the clusters folded at first.

    >>> from viz.scene import Scene, VisNode
    >>> s = Scene("Тест"); s.add_node(VisNode("a", "Школа № 1", "school", "Organization"))
    >>> sorted(scene_data(s))
    ['clusters', 'edges', 'nodes', 'notes', 'title']
    """
    return {
        "title": scene.title,
        "nodes": [n.to_vis() for n in scene.nodes.values()],
        "edges": [e.to_vis() for e in scene.edges.values()],
        "clusters": [c.to_vis() for c in scene.clusters.values()],
        "notes": scene.notes,
    }


def dashboard_page(board: Dashboard, territories: list[tuple[str, str]]) -> str:
    """The dashboard: gap cards with their trend, the lists (sortable, filterable and paged in
    the browser, at most :data:`viz.dashboard.MAX_ROWS` rows each), the gaps per district, the
    indicators as a table and a bar chart, and the XLSX download; sections fold."""
    chart = {
        "labels": [r.name for r in board.rows if not r.total],
        "indicators": [{"code": i.code, "name": i.name, "percent": i.percent} for i in INDICATORS],
        "current": {i.code: [r.values[i.code][0] for r in board.rows if not r.total]
                    for i in INDICATORS},
        "previous": {i.code: [r.values[i.code][1] for r in board.rows if not r.total]
                     for i in INDICATORS},
        "period": board.period.code,
        "previous_period": board.previous.code,
        "period_name": period_ru(board.period.code),
        "previous_period_name": period_ru(board.previous.code),
    }
    return _env().get_template("dashboard.html").render(
        title=f"Панель мониторинга: {board.territory.props.get('name', board.territory.id)}",
        board=board, indicators=INDICATORS, territories=territories, base="",
        period=board.period.code, max_rows=MAX_ROWS,
        counts={g.code: g.by_district() for g in board.gaps},
        chart_json=_json(chart),
        chart_script=script_tag("chart.umd.min.js", standalone=False),
    )


def index_page(sections: list[tuple[str, list[tuple[str, str]]]], counts: dict[str, int],
               address: str | None = None) -> str:
    """The landing page: a list of links per section, what the store holds and the address
    the app serves on."""
    return _env().get_template("index.html").render(
        title="Методическая сеть региона", sections=sections, counts=counts, base="",
        address=address)


def error_page(title: str, message: str) -> str:
    """A Russian error page with links back.

    >>> "На главную" in error_page("Не найдено", "территория не найдена")
    True
    """
    return _env().get_template("error.html").render(title=title, message=message, base="")


def explorer_page(examples: list[tuple[str, str, str]]) -> str:
    """Links that open GraphiQL with a ready query: ``(title, description, query)``."""
    from urllib.parse import quote

    rows = [(t, d, q, "/graphql?query=" + quote(q)) for t, d, q in examples]
    return _env().get_template("explorer.html").render(
        title="Обозреватель запросов GraphQL", examples=rows, base="")
