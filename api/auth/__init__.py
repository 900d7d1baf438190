"""Sign-in: bearer tokens for programs, a session cookie for people, local mode for one PC."""

from __future__ import annotations

from fastapi import FastAPI

from api.auth.caller import LOCAL, Caller
from api.auth.middleware import AuthMiddleware, AuthState
from api.auth.session import load_secret
from graph.settings import Settings

__all__ = ["LOCAL", "AuthState", "Caller", "install"]


def install(app: FastAPI, settings: Settings, *, handed_store: bool) -> AuthState:
    """Add sign-in to ``app``: the middleware every request passes, /login and /logout, and
    OpenID Connect's routes when an issuer is configured.

    The session secret is ``METHODNET_SESSION_SECRET``, else one kept under the store path
    (made once, mode 0600); an app handed a store signs with a secret of its own lifetime.
    """
    from api.auth import oidc, routes

    mode = settings.auth if not handed_store or "auth" in settings.model_fields_set \
        else "local"
    if settings.session_secret is not None:
        secret: str | None = settings.session_secret.get_secret_value()
    elif not handed_store:
        secret = load_secret(settings.store_path)
    else:
        secret = None
    state = AuthState.make(settings, mode, secret)
    app.state.auth = state
    app.include_router(routes.router)
    app.include_router(oidc.router)
    app.add_middleware(AuthMiddleware)
    return state
