"""OpenID Connect sign-in against a tiny real provider on a local port (no internet): the
code flow with PKCE, the ID token's signature, audience and nonce, and the claims' role."""

from __future__ import annotations

import base64
import hashlib
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse
from fastapi.testclient import TestClient
from joserfc import jwt
from joserfc.jwk import RSAKey

from api.auth.session import COOKIE
from api.main import create_app
from graph.auth import audit, users
from graph.settings import Settings
from graph.store import MemoryStore
from graph.store.base import Store
from tests.graphql import gql
from tests.test_store import tiny

ORGS = '{ nodes(label: "Organization") { nodes { id } } }'


@dataclass
class Provider:
    """A minimal identity provider: discovery, authorize (approves at once), token, keys."""

    url: str = ""
    claims: dict[str, Any] = field(default_factory=dict)
    audience: str = "methodnet"
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, parameters={
        "kid": "k1", "use": "sig", "alg": "RS256"}))
    pending: dict[str, dict[str, str]] = field(default_factory=dict)

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.get("/.well-known/openid-configuration")
        def discovery() -> dict[str, str]:
            return {"issuer": self.url, "authorization_endpoint": f"{self.url}/authorize",
                    "token_endpoint": f"{self.url}/token", "jwks_uri": f"{self.url}/jwks"}

        @app.get("/jwks")
        def jwks() -> dict[str, Any]:
            return {"keys": [self.key.as_dict(private=False)]}

        @app.get("/authorize")
        def authorize(redirect_uri: str, state: str, nonce: str, code_challenge: str,
                      client_id: str) -> RedirectResponse:
            code = f"code-{len(self.pending)}"
            self.pending[code] = {"nonce": nonce, "challenge": code_challenge,
                                  "client_id": client_id, "redirect_uri": redirect_uri}
            return RedirectResponse(f"{redirect_uri}?{urlencode({'code': code, 'state': state})}",
                                    status_code=303)

        @app.post("/token")
        async def token(request: Request) -> dict[str, str]:
            form = {k: v[0] for k, v in parse_qs((await request.body()).decode()).items()}
            code_verifier, client_secret = form["code_verifier"], form["client_secret"]
            redirect_uri = form["redirect_uri"]
            asked = self.pending.pop(form["code"])
            challenge = base64.urlsafe_b64encode(
                hashlib.sha256(code_verifier.encode()).digest()).rstrip(b"=").decode()
            assert challenge == asked["challenge"] and client_secret == "s3cret"
            assert redirect_uri == asked["redirect_uri"]
            now = int(time.time())
            claims = {"iss": self.url, "aud": self.audience, "sub": "42", "iat": now,
                      "exp": now + 300, "nonce": asked["nonce"], **self.claims}
            return {"access_token": "x", "token_type": "Bearer",
                    "id_token": jwt.encode({"alg": "RS256", "kid": "k1"}, claims, self.key)}

        return app


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    p = Provider()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    p.url = f"http://127.0.0.1:{port}"
    server = uvicorn.Server(uvicorn.Config(p.app(), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the provider did not start"
        time.sleep(0.05)
    yield p
    server.should_exit = True
    thread.join(timeout=10)


def _client(provider: Provider, store: Store) -> TestClient:
    settings = Settings(auth="on", oidc_issuer=provider.url, oidc_client_id="methodnet",
                        oidc_client_secret="s3cret")  # type: ignore[arg-type]
    return TestClient(create_app(store=store, settings=settings), follow_redirects=False)


def _sign_in(client: TestClient, state_override: str | None = None) -> httpx.Response:
    start = client.get("/auth/oidc/login?next=/network/district/M1")
    assert start.status_code == 303
    at_provider = httpx.get(start.headers["location"], follow_redirects=False)
    back = urlsplit(at_provider.headers["location"])
    query = parse_qs(back.query)
    if state_override is not None:
        query["state"] = [state_override]
    return client.get(f"{back.path}?{urlencode({k: v[0] for k, v in query.items()})}")


def test_a_provider_vouched_user_gets_the_claimed_role_and_territory(
        provider: Provider) -> None:
    store = MemoryStore()
    store.write(tiny())
    provider.claims = {"preferred_username": "Anna.K", "methodnet_role": "district_coordinator",
                       "methodnet_territory": "M2"}
    client = _client(provider, store)
    assert "Войти через единую учётную запись региона" in client.get("/login").text
    done = _sign_in(client)
    assert done.status_code == 303 and done.headers["location"] == "/network/district/M1"
    assert COOKIE in client.cookies
    body = gql(client, ORGS)
    assert [n["id"] for n in body["data"]["nodes"]["nodes"]] == ["s2"]
    user = users.get_user(store, "anna.k")
    assert user is not None and user.role == "district_coordinator" and user.territory == "M2"
    assert audit.audit_log(store, action="sign_in").entries[0].via == "oidc"
    users.disable_user(store, "anna.k")  # disabled here, the provider cannot bring them back
    assert _sign_in(_client(provider, store)).status_code == 403


def test_a_user_without_a_known_role_is_refused(provider: Provider) -> None:
    store = MemoryStore()
    store.write(tiny())
    provider.claims = {"preferred_username": "boris", "methodnet_role": "superuser"}
    r = _sign_in(_client(provider, store))
    assert r.status_code == 403 and "нет роли" in r.text
    assert users.get_user(store, "boris") is None
    assert audit.audit_log(store, action="sign_in_failed").entries[0].actor == "boris"


def test_a_forged_state_or_a_token_for_another_client_is_refused(provider: Provider) -> None:
    store = MemoryStore()
    store.write(tiny())
    provider.claims = {"preferred_username": "anna", "methodnet_role": "admin"}
    r = _sign_in(_client(provider, store), state_override="forged")
    assert r.status_code == 400 and COOKIE not in r.headers.get("set-cookie", "")
    provider.audience = "another-app"
    try:
        r = _sign_in(_client(provider, store))
    finally:
        provider.audience = "methodnet"
    assert r.status_code == 400 and "не подтвердил" in r.text
    assert COOKIE not in r.headers.get("set-cookie", "")


def test_without_an_issuer_there_is_no_oidc_sign_in() -> None:
    client = TestClient(create_app(store=MemoryStore(), settings=Settings(auth="on")))
    assert client.get("/auth/oidc/login").status_code == 404
    assert "единую учётную запись" not in client.get("/login").text
