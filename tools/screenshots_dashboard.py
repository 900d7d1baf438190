"""Screenshots at 1440×900 of the coordinator's main pages, from the bundled sample data.

    .venv/bin/python tools/screenshots_dashboard.py            # writes docs/img/*.png
    .venv/bin/python tools/screenshots_dashboard.py --out /tmp/shots

Loads ``data/`` (the regulations and the two sample regions; the people and schools in them
are SYNTHETIC, see data/samples/README.md) into a fresh in-memory store, serves the app on a free
local port and drives Debian's Chromium (tools/install-chromium.sh) headless, aborting every
request that would leave the computer. The pages are those of :data:`PAGES`: the landing page,
the dashboard as it first opens, the view of a low-results school opened from the dashboard's
list, the error page of an unknown district and the «Закрыть пробелы» page of a district.
Network pages have a script of their own.
"""

from __future__ import annotations

import argparse
import socket
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CHROMIUM = Path("/usr/bin/chromium")
SIZE = {"width": 1440, "height": 900}


def _dashboard(tab: Any) -> None:
    tab.wait_for_selector("body[data-ready='1']")


def _school(tab: Any) -> None:
    """From the dashboard, the first school of the low-results lists, as a coordinator opens it."""
    _dashboard(tab)
    tab.click("details[open] table[data-gap] a.item-link >> nth=0")
    tab.wait_for_url("**/network/school/**")
    tab.wait_for_function("window.methodnet && window.methodnet.ready === true",
                          timeout=60_000)
    tab.wait_for_timeout(500)  # the last frame of the drawing


PAGES: list[tuple[str, str, Callable[[Any], None] | None]] = [
    ("landing.png", "/", None),
    ("dashboard.png", "/dashboard", _dashboard),
    ("school.png", "/dashboard", _school),
    ("error.png", "/network/district/RU-LEN-nowhere", None),
    ("plan.png", "/plan?territory=RU-LEN-tosnensky&period=2025-H1", None),
]
"""``(file, path, what to do once it is open)`` for each screenshot."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img")
    args = parser.parse_args()
    import uvicorn
    from playwright.sync_api import sync_playwright

    from api.main import create_app
    from graph.loaders import load_path
    from graph.settings import Settings
    from graph.store import MemoryStore

    store = MemoryStore()
    load_path(store, REPO / "data")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store=store, settings=Settings()),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                         args=["--no-sandbox", "--disable-gpu"])
            for name, path, ready in PAGES:
                context = browser.new_context(viewport=SIZE, locale="ru-RU")
                context.route("**/*", lambda route: route.continue_()
                              if route.request.url.startswith((base, "data:", "blob:"))
                              else route.abort())
                tab = context.new_page()
                tab.goto(base + path)
                if ready is not None:
                    ready(tab)
                tab.screenshot(path=str(args.out / name))
                print(f"{args.out / name}: {tab.url.removeprefix(base)}")
                context.close()
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)


if __name__ == "__main__":
    main()
