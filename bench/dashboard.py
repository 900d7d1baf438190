"""How long a coordinator waits for the dashboard on the bundled sample data (SYNTHETIC people).

    .venv/bin/python bench/dashboard.py

Loads ``data/`` into a fresh embedded store and measures (1) computing each dashboard without a
cache, the way a visit after a write or to a period not yet seen pays for it, and (2) the
app as ``make run`` serves it: a first visit with no warm-up, the start-up's warm-up of the
default dashboard (the app serves once it is ready), the first visit after it, the
other dashboards once the warm-up is done, and the XLSX. Prints a Markdown table; nothing is
asserted (speed is never a test).
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
sys.path[:] = [p for p in sys.path if p not in (_HERE, "")]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import socket  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from functools import partial  # noqa: E402

import httpx  # noqa: E402

TERRITORIES = [("RU-LEN", None), ("RU-LEN", "2025-H1"), ("RU-LEN-tosnensky", None),
               ("RU-LEN-vsevolozhsky", None), ("RU-AMU", None)]
REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    import uvicorn

    from api.main import create_app
    from graph.loaders import load_path
    from graph.settings import Settings
    from graph.store import MemoryStore
    from viz.dashboard import DashboardCache, dashboard
    from viz.routes import warm

    store = MemoryStore()
    started = time.perf_counter()
    load_path(store, REPO / "data")
    print(f"loaded data/ in {time.perf_counter() - started:.1f} s\n")
    print("| what | wall | CPU |\n|---|---:|---:|")
    for tid, period in TERRITORIES:
        best = min(_timed(partial(dashboard, store, tid, period)) for _ in range(3))
        print(f"| computing `{tid}` {period or '(default period)'}, no cache, best of 3 | "
              f"{best[0]:.2f} s | {best[1]:.2f} s |")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(store=store, settings=Settings())

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    base = f"http://127.0.0.1:{port}"
    with httpx.Client(base_url=base, timeout=60) as client:
        wall = _get(client, "/dashboard?territory=RU-LEN")
        print(f"| first visit to `/dashboard` without a warm-up | {wall:.2f} s | |")
        app.state.dashboards = DashboardCache()
        started = time.perf_counter()
        warming = warm(app)  # what the app's start-up does with a store it opens itself
        print(f"| start-up: the warm-up of the first dashboard | "
              f"{time.perf_counter() - started:.2f} s | |")
        wall = _get(client, "/dashboard")
        print(f"| first visit to `/dashboard` after start-up | {wall:.2f} s | |")
        warming.join()
        for path in ("/dashboard", "/dashboard?territory=RU-LEN&period=2025-H1",
                     "/dashboard?territory=RU-LEN-tosnensky", "/dashboard/gaps.xlsx"):
            print(f"| `{path}` after the warm-up | {_get(client, path):.2f} s | |")
    server.should_exit = True
    thread.join(timeout=10)


def _timed(work: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def _get(client: httpx.Client, path: str) -> float:
    started = time.perf_counter()
    response = client.get(path)
    response.raise_for_status()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
