"""OpenID Connect sign-in (Keycloak; ЕСИА through it): configuration, not code.

Set ``METHODNET_OIDC_ISSUER``, ``METHODNET_OIDC_CLIENT_ID`` and ``METHODNET_OIDC_CLIENT_SECRET``;
the provider's role and territory claims (``METHODNET_OIDC_ROLE_CLAIM``,
``METHODNET_OIDC_TERRITORY_CLAIM``) say which role and territory the person gets. The flow is
the authorization code with PKCE; the ID token's signature (the provider's published keys),
issuer, audience, expiry and nonce are checked with joserfc.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from typing import Any
from urllib.parse import urlencode

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from starlette.concurrency import run_in_threadpool

from api.auth.middleware import AuthState
from api.auth.session import SessionSigner
from graph.auth import audit, users
from graph.auth.users import ROLES, AccessDenied
from graph.settings import Settings

__all__ = ["claims_to_user", "router"]

router = APIRouter(tags=["sign-in"], include_in_schema=False)
FLOW_COOKIE = "methodnet_oidc"
_DISCOVERY_TTL = 3600.0
_discovered: dict[str, tuple[float, dict[str, Any]]] = {}


def _flow_signer(state: AuthState) -> SessionSigner:
    return SessionSigner(state.secret, max_age=600, salt="methodnet-oidc")


async def _discover(settings: Settings) -> dict[str, Any]:
    issuer = (settings.oidc_issuer or "").rstrip("/")
    cached = _discovered.get(issuer)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    async with httpx.AsyncClient(timeout=10) as client:
        found = (await client.get(f"{issuer}/.well-known/openid-configuration")).json()
        found["jwks"] = (await client.get(found["jwks_uri"])).json()
    _discovered[issuer] = (time.monotonic() + _DISCOVERY_TTL, found)
    return found


def _redirect_uri(request: Request) -> str:
    return str(request.url_for("oidc_callback"))


def _error(message: str, status: int = 400) -> HTMLResponse:
    import html

    return HTMLResponse(
        '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Вход не выполнен'
        f'</title></head><body><h1>Вход не выполнен</h1><p>{html.escape(message)}</p>'
        '<p><a href="/login">Вернуться ко входу</a></p></body></html>', status_code=status)


@router.get("/auth/oidc/login")
async def oidc_login(request: Request, next: str | None = None) -> Response:
    """Send the browser to the identity provider, remembering state, nonce and PKCE verifier
    in a signed cookie that lives ten minutes."""
    from api.auth.routes import safe_next

    state: AuthState = request.app.state.auth
    if not state.oidc:
        return _error("Вход через единую учётную запись не настроен", 404)
    try:
        meta = await _discover(state.settings)
    except (httpx.HTTPError, ValueError, KeyError):
        return _error("Поставщик учётных записей не отвечает; попробуйте позже", 502)
    flow = {"s": secrets.token_urlsafe(24), "n": secrets.token_urlsafe(24),
            "v": secrets.token_urlsafe(48), "next": safe_next(next)}
    challenge = base64.urlsafe_b64encode(
        hashlib.sha256(flow["v"].encode()).digest()).rstrip(b"=").decode()
    query = urlencode({
        "response_type": "code", "client_id": state.settings.oidc_client_id,
        "redirect_uri": _redirect_uri(request), "scope": state.settings.oidc_scopes,
        "state": flow["s"], "nonce": flow["n"], "code_challenge": challenge,
        "code_challenge_method": "S256"})
    response = RedirectResponse(f"{meta['authorization_endpoint']}?{query}", status_code=303)
    response.set_cookie(FLOW_COOKIE, _flow_signer(state).dump(flow), max_age=600,
                        httponly=True, samesite="lax", secure=request.url.scheme == "https",
                        path="/auth/oidc")
    return response


def claims_to_user(settings: Settings, claims: dict[str, Any]) -> tuple[str, str, str | None]:
    """``(login, role, territory)`` from an ID token's claims, by the configured claim names.

    A role claim may be a list (Keycloak's roles): the first role Methodnet knows is taken.

    >>> s = Settings(oidc_role_claim="roles", oidc_territory_claim="terr")
    >>> claims_to_user(s, {"preferred_username": "Anna", "roles": ["x", "analyst"]})
    ('anna', 'analyst', None)
    """
    login = str(claims.get(settings.oidc_login_claim) or "").strip().lower()
    raw = claims.get(settings.oidc_role_claim)
    candidates = raw if isinstance(raw, list) else [raw]
    role = next((str(r) for r in candidates if r in ROLES), "")
    territory = claims.get(settings.oidc_territory_claim)
    if isinstance(territory, list):
        territory = territory[0] if len(territory) == 1 else None
    return login, role, str(territory) if territory else None


@router.get("/auth/oidc/callback", name="oidc_callback")
async def oidc_callback(request: Request, code: str = "", state: str = "") -> Response:
    """Exchange the code for tokens, check the ID token, and sign the person in."""
    from api.auth.routes import start_session

    auth: AuthState = request.app.state.auth
    if not auth.oidc:
        return _error("Вход через единую учётную запись не настроен", 404)
    flow = _flow_signer(auth).load(request.cookies.get(FLOW_COOKIE, ""))
    if flow is None or not code or not secrets.compare_digest(str(flow.get("s")), state):
        return _error("Сеанс входа устарел или подделан; начните вход заново")
    settings = auth.settings
    try:
        meta = await _discover(settings)
        async with httpx.AsyncClient(timeout=10) as client:
            answer = await client.post(meta["token_endpoint"], data={
                "grant_type": "authorization_code", "code": code,
                "redirect_uri": _redirect_uri(request), "code_verifier": flow["v"],
                "client_id": settings.oidc_client_id,
                "client_secret": settings.oidc_client_secret.get_secret_value()
                if settings.oidc_client_secret else ""})
        id_token = answer.json()["id_token"]
        token = jwt.decode(id_token, KeySet.import_key_set(meta["jwks"]))
        jwt.JWTClaimsRegistry(
            leeway=60,
            iss={"essential": True, "value": str(meta.get("issuer", settings.oidc_issuer))},
            aud={"essential": True, "value": str(settings.oidc_client_id)},
            exp={"essential": True},
            nonce={"essential": True, "value": flow["n"]},
        ).validate(token.claims)
        claims = token.claims
    except (httpx.HTTPError, ValueError, KeyError, JoseError):
        return _error("Поставщик учётных записей не подтвердил вход")
    login, role, territory = claims_to_user(settings, dict(claims))
    store = request.app.state.store
    try:
        user = await run_in_threadpool(users.upsert_external_user, store, login, role, territory)
    except AccessDenied as e:
        await run_in_threadpool(audit.record, store, login or "?", "sign_in_failed",
                                outcome="refused", via="oidc", target=str(e))
        return _error("Учётная запись не даёт доступа к Methodnet: нет роли или территории",
                      403)
    if user.disabled:
        await run_in_threadpool(audit.record, store, login, "sign_in_failed",
                                outcome="disabled", via="oidc")
        return _error("Учётная запись отключена администратором", 403)
    await run_in_threadpool(audit.record, store, login, "sign_in", via="oidc")
    response = start_session(request, user, str(flow.get("next", "/dashboard")), "oidc")
    response.delete_cookie(FLOW_COOKIE, path="/auth/oidc")
    return response
