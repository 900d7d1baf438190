"""``methodnet viz``: write a network view as one stand-alone HTML file (works offline)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from cli.common import StoreOpt, console, err_console, fail, opened_store

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the ``viz`` command to the ``methodnet`` app."""
    app.command("viz")(viz)


def viz(
    out: Annotated[Path, typer.Option("--out", "-o", help="the HTML file to write")],
    focus: Annotated[str | None, typer.Option(help="draw this node and its neighbourhood")] = None,
    depth: Annotated[int, typer.Option(min=0, max=4, help="how many edges from the focus")] = 1,
    region: Annotated[str | None, typer.Option(help="draw a region's structure instead")] = None,
    district: Annotated[str | None, typer.Option(help="draw one district instead")] = None,
    school: Annotated[str | None, typer.Option(help="draw one school's neighbourhood")] = None,
    regulation: Annotated[str | None, typer.Option(help="draw a regulation's graph")] = None,
    period: Annotated[str | None, typer.Option(help="monitoring period, e.g. 2025-H1")] = None,
    max_nodes: Annotated[int, typer.Option(help="aggregate above this many nodes")] = 1500,
    link_base: Annotated[str, typer.Option(
        help="where the page's links (drill-down, other views) point; the served app")
    ] = "http://127.0.0.1:8000",
    store: StoreOpt = None,
) -> None:
    """Write a stand-alone page (vis-network inlined, no network needed) for one view.

    Example: [bold]methodnet viz --focus LEN-cnppm --depth 2 --out cnppm.html[/]
    """
    from viz import views
    from viz.page import network_page

    chosen = [(k, v) for k, v in (("focus", focus), ("region", region), ("district", district),
                                  ("school", school), ("regulation", regulation)) if v]
    if len(chosen) != 1:
        fail("give exactly one of --focus, --region, --district, --school, --regulation")
    what, node_id = chosen[0]
    started = time.perf_counter()
    with opened_store(store, readonly=True) as s:
        if what == "focus":
            scene = views.focus_view(s, node_id, depth=depth, period=period, max_nodes=max_nodes)
        elif what == "region":
            scene = views.region_view(s, node_id, period=period, max_nodes=max_nodes)
        elif what == "district":
            scene = views.district_view(s, node_id, period=period, max_nodes=max_nodes)
        elif what == "school":
            scene = views.school_view(s, node_id, period=period, max_nodes=max_nodes)
        else:
            scene = views.regulation_view(s, node_id, max_nodes=max_nodes)
    html = network_page(scene, standalone=True, base=link_base.rstrip("/"),
                        depth=depth if what == "focus" else None)
    out.write_text(html, encoding="utf-8")
    err_console.print(f"[dim]built in {time.perf_counter() - started:.2f} s[/]")
    console.print(f"wrote {out}: {len(scene.nodes)} nodes, {len(scene.edges)} edges "
                  f"({len(html) // 1024} KB)")
