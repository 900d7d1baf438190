"""The sign-in page (/login), sign-out (/logout), and OpenID Connect's two steps."""

from __future__ import annotations

import asyncio
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool

from api.auth.caller import Caller
from api.auth.middleware import LOCAL_BANNER, AuthState
from api.auth.session import COOKIE
from graph.auth import audit, users
from graph.store.base import Store

__all__ = ["WRONG", "router", "safe_next", "start_session"]

router = APIRouter(tags=["sign-in"], include_in_schema=False)

WRONG = "Неверное имя пользователя или пароль"
"""The one answer to a failed sign-in, whichever part was wrong."""
PAUSED = "Слишком много неудачных попыток входа. Попробуйте позже"
FAILURE_DELAY = 0.5
"""Seconds a failed sign-in waits before it answers (without holding up anyone else)."""
MAX_FORM = 8192
DEFAULT_NEXT = "/dashboard"


@cache
def _env() -> Environment:
    folder = Path(__file__).resolve().parent.parent.parent / "viz" / "templates"
    return Environment(loader=FileSystemLoader(folder), autoescape=select_autoescape())


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path of this site only, never another site.

    >>> safe_next("/network/region/R1?period=2025-H1")
    '/network/region/R1?period=2025-H1'
    >>> safe_next("//evil.example/x"), safe_next("https://evil.example"), safe_next("/\\\\x")
    ('/dashboard', '/dashboard', '/dashboard')
    """
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return DEFAULT_NEXT
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(ord(c) < 32 for c in target):
        return DEFAULT_NEXT
    return target


def _page(request: Request, *, error: str = "", login: str = "", next_: str = DEFAULT_NEXT,
          status: int = 200) -> HTMLResponse:
    state: AuthState = request.app.state.auth
    local = LOCAL_BANNER if state.local(request.app.state.store) else ""
    body = _env().get_template("login.html").render(
        error=error, login=login, next=next_, oidc=state.oidc, local=local)
    return HTMLResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


def _same_origin(request: Request) -> bool:
    """A form posted from our own pages (browsers send Origin with every POST)."""
    origin = request.headers.get("origin")
    if origin is None:
        return True  # not a browser (curl, tests); a cross-site browser POST carries Origin
    return urlsplit(origin).netloc == request.headers.get("host", "")


def start_session(request: Request, user: users.User, target: str, via: str) -> Response:
    """Redirect to ``target`` with a fresh signed session cookie for ``user``."""
    state: AuthState = request.app.state.auth
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        COOKIE, state.signer.dump({"l": user.login, "v": user.session_version, "via": via}),
        max_age=int(state.signer.max_age), httponly=True, samesite="lax",
        secure=request.url.scheme == "https", path="/")
    return response


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request, next: str | None = None) -> Response:
    """The sign-in page, in Russian."""
    caller: Caller = request.state.caller
    if caller.signed_in and caller.via != "local":
        return RedirectResponse(safe_next(next), status_code=303)
    return _page(request, next_=safe_next(next))


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    """Check a login and password; on success set the session cookie and go on."""
    if not _same_origin(request):
        return _page(request, error="Запрос пришёл с другого сайта", status=403)
    raw = await request.body()
    form = parse_qs(raw[:MAX_FORM].decode("utf-8", "replace"), max_num_fields=10)
    login = form.get("login", [""])[0].strip().lower()[:64]
    password = form.get("password", [""])[0]
    target = safe_next(form.get("next", [DEFAULT_NEXT])[0])
    state: AuthState = request.app.state.auth
    store: Store = request.app.state.store
    address = request.client.host if request.client else "unknown"
    keys = (f"login:{login}", f"addr:{address}")
    if state.limiter.paused(*keys):
        # Neither checked nor recorded: the failure that began the pause was, and a flood of
        # attempts must not fill the audit log.
        return _page(request, error=PAUSED, login=login, next_=target, status=429)
    user = await run_in_threadpool(users.authenticate_password, store, login, password)
    if user is None:
        state.limiter.failed(*keys)
        outcome = "paused" if state.limiter.paused(*keys) else "refused"
        await run_in_threadpool(audit.record, store, login or "?", "sign_in_failed",
                                outcome=outcome, via="password", target=address)
        await asyncio.sleep(FAILURE_DELAY)
        return _page(request, error=WRONG, login=login, next_=target, status=401)
    state.limiter.succeeded(keys[0])
    await run_in_threadpool(audit.record, store, user.login, "sign_in", via="password",
                            target=address)
    return start_session(request, user, target, "session")


@router.post("/logout")
async def logout(request: Request) -> Response:
    """Sign out: this user's sessions end on every device, the cookie is removed."""
    caller: Caller = request.state.caller
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    if not _same_origin(request) or caller.login is None or caller.via == "bearer":
        return response
    store: Store = request.app.state.store
    await run_in_threadpool(users.end_sessions, store, caller.login)
    await run_in_threadpool(audit.record, store, caller.login, "sign_out", via=caller.via)
    return response
