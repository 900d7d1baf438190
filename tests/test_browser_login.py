"""The sign-in page in a real headless Chromium: a wrong password is refused in Russian, the
right one reaches the dashboard, and the session cookie is out of the page's scripts' reach."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn

from api.auth.routes import WRONG
from api.auth.session import COOKIE
from api.main import create_app
from graph.auth import users
from graph.settings import Settings
from graph.store import MemoryStore
from tests.test_browser import CHROMIUM, CHROMIUM_FLAGS
from tests.viz_dataset import load

pytestmark = pytest.mark.browser

PASSWORD = "пароль координатора 2025"


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    store = load(MemoryStore())
    users.add_user(store, "anna", "regional_coordinator", territory="RU-LEN",
                   password=PASSWORD)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(store=store, settings=Settings(auth="on", load_norm=25))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the app did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def tab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: run tools/install-chromium.sh (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-login")), executable_path=str(CHROMIUM),
            headless=True, args=CHROMIUM_FLAGS, locale="ru-RU")
        yield context.new_page()
        context.close()


def test_login_page_refuses_then_admits(tab: Any, url: str) -> None:
    tab.goto(f"{url}/dashboard?territory=RU-LEN")
    assert tab.url.startswith(f"{url}/login?next=")  # sent to sign in first
    assert tab.locator("h1").inner_text() == "Вход"
    tab.fill("#login", "anna")
    tab.fill("#password", "не тот пароль")
    tab.click("#sign-in")
    tab.wait_for_selector("#login-error")
    assert tab.locator("#login-error").inner_text() == WRONG
    assert tab.context.cookies() == []
    tab.fill("#password", PASSWORD)
    tab.click("#sign-in")
    tab.wait_for_selector("body[data-ready='1']")
    assert tab.url == f"{url}/dashboard?territory=RU-LEN"
    assert "Панель мониторинга" in tab.title()
    assert "Вы вошли: anna" in tab.locator(".methodnet-signed-in").inner_text()
    (cookie,) = [c for c in tab.context.cookies() if c["name"] == COOKIE]
    assert cookie["httpOnly"] is True and cookie["sameSite"] == "Lax"
    assert COOKIE not in tab.evaluate("() => document.cookie")  # scripts cannot read it
    tab.click(".methodnet-signed-in button")  # sign out
    tab.wait_for_selector("#sign-in")
    tab.goto(f"{url}/dashboard")
    assert tab.url.startswith(f"{url}/login")
