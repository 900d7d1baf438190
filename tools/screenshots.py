"""Screenshots of the coordinator's network views at 1440×900, from the bundled sample data.

    .venv/bin/python tools/screenshots.py          # or: make screenshots

Loads ``data/`` (the regulations and the SYNTHETIC sample regions) into an embedded store,
serves the app on a free local port and drives Debian's headless Chromium
(``tools/install-chromium.sh``) through Playwright. Writes into ``docs/img/``:

- ``district.png``        — Всеволожский район as it opens: schools with their staff folded;
- ``district-school.png`` — the same with one flagged school opened in place;
- ``region.png``          — Ленинградская область as it opens: districts summarised;
- ``region-district.png`` — the region with Тосненский район opened in place;
- ``search.png``          — «методист математики» typed on Всеволожский's view;
- ``network.png``         — that flagged school's own network page, with the coverage overlay
  (the README's image).
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

OUT = REPO / "docs" / "img"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def _serve() -> tuple[str, Any]:
    import uvicorn

    from api.main import create_app
    from graph.loaders import load_path
    from graph.settings import Settings
    from graph.store import MemoryStore

    store = MemoryStore()
    load_path(store, REPO / "data")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(store=store, settings=Settings(load_norm=25))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def _ready(tab: Any) -> None:
    tab.wait_for_function("window.methodnet && window.methodnet.ready === true", timeout=120_000)


def _double_click(tab: Any, node: str) -> None:
    point = tab.evaluate("""id => {
        const net = window.methodnet.network;
        const p = net.canvasToDOM(net.getPositions([id])[id]);
        const box = document.getElementById('network').getBoundingClientRect();
        return {x: box.left + p.x, y: box.top + p.y};
    }""", node)
    tab.mouse.dblclick(point["x"], point["y"])


def main() -> None:
    from playwright.sync_api import sync_playwright

    url, server = _serve()
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        tab = browser.new_page(viewport={"width": 1440, "height": 900}, locale="ru-RU")
        # Nothing leaves the computer.
        tab.route("**/*", lambda route: route.continue_()
                  if route.request.url.startswith((url, "data:", "blob:")) else route.abort())

        tab.goto(f"{url}/network/district/RU-LEN-vsevolozhsky", timeout=120_000)
        _ready(tab)
        tab.screenshot(path=str(OUT / "district.png"))
        flagged = tab.evaluate("""() => {
            const schools = Object.values(window.methodnet.clusters)
                .filter(c => c.id.startsWith('cluster:school:'));
            const first = schools.filter(c => c.flags.length)
                .concat(schools.filter(c => Object.keys(c.flag_counts).length));
            return first.length ? first[0].id : null; }""")
        if flagged:
            _double_click(tab, flagged)
            tab.evaluate("id => window.methodnet.showDetails(id)", flagged.split(":")[-1])
            tab.add_style_tag(content=".vis-tooltip { display: none !important; }")
            tab.screenshot(path=str(OUT / "district-school.png"))
            tab.goto(f"{url}/network/school/{flagged.split(':')[-1]}", timeout=120_000)
            _ready(tab)
            tab.add_style_tag(content=".vis-tooltip { display: none !important; }")
            tab.screenshot(path=str(OUT / "network.png"))

        tab.goto(f"{url}/network/district/RU-LEN-vsevolozhsky", timeout=120_000)
        _ready(tab)
        tab.fill("#site-search", "методист математики")
        tab.wait_for_selector("#search-results a")
        tab.screenshot(path=str(OUT / "search.png"))

        tab.goto(f"{url}/network/region/RU-LEN", timeout=120_000)
        _ready(tab)
        tab.screenshot(path=str(OUT / "region.png"))
        _double_click(tab, "RU-LEN-tosnensky")
        tab.wait_for_function("() => window.methodnet.nodes.get('LEN-tosnensky-s001')")
        tab.add_style_tag(content=".vis-tooltip { display: none !important; }")
        tab.screenshot(path=str(OUT / "region-district.png"))
        browser.close()
    server.should_exit = True
    for name in ("district", "district-school", "network", "search", "region",
                 "region-district"):
        print(f"docs/img/{name}.png")


if __name__ == "__main__":
    main()
