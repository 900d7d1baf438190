"""The FastAPI application: GraphQL at /graphql (with GraphiQL), health at /healthz."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

import graph
from api import guards
from api.auth import install as install_auth
from api.caller_store import caller_store
from api.context import Context, caller_scope
from api.fastpath import AnswerFastPath
from api.health import store_health
from api.router import BoundedGraphQLRouter
from api.schema import schema
from graph.queries.warm_up import start_warm_up, watch_server
from graph.settings import Settings, get_settings
from graph.store import Store, open_store
from viz.routes import mount as mount_pages
from viz.routes import warm as warm_pages

__all__ = ["app_from_environment", "create_app"]


def create_app(store: Store | None = None, settings: Settings | None = None) -> FastAPI:
    """The app over ``store``, or over the store the settings name (opened on start-up).

    Every request must be signed in unless the app is in local mode (``METHODNET_AUTH``, see
    :func:`api.auth.install`); an app handed a ready ``store`` (tests, benchmarks) is in local
    mode unless its settings name an ``auth`` mode explicitly.
    """
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if store is not None:
            yield
            return
        # Opened even while Neo4j is down: /healthz says so and it works once Neo4j is back.
        app.state.store = open_store(settings, wait=True)
        warm_pages(app)
        if settings.warm_up:  # the country's first screen, in the background, once started
            app.state.warm_up = start_warm_up(app.state.store)
            # ... and again after the store's server restarts under the running app.
            app.state.watch = watch_server(app.state.store, app.state.warm_up)
        try:
            yield
        finally:
            if getattr(app.state, "watch", None) is not None:
                app.state.watch.stop()
            app.state.store.close()

    async def context_getter(request: Request) -> Context:
        scope = caller_scope(request)
        return Context(
            store=caller_store(request, scope),
            settings=settings,
            scope=scope,
            caller=getattr(request.state, "caller", None),
        )

    app = FastAPI(
        title="Methodnet",
        version=graph.__version__,
        description="Граф региональной системы научно-методического сопровождения педагогов",
        lifespan=lifespan,
    )
    app.state.settings = settings
    if store is not None:
        # A store handed in is ready now (tests use the app without running its lifespan).
        app.state.store = store
    graphql = BoundedGraphQLRouter(schema, context_getter=context_getter, graphql_ide="graphiql")
    app.state.answers = graphql.answers  # answers kept per store revision (api/answers.py)
    app.include_router(graphql, prefix="/graphql")
    # Innermost: a kept answer goes out after every guard and sign-in, before GraphQL.
    app.add_middleware(AnswerFastPath, answers=graphql.answers)
    guards.install(app, settings)  # trusted hosts, rate limit, body size (api/guards.py)
    install_auth(app, settings, handed_store=store is not None)
    mount_pages(app)  # the coordinator's screen: "/", network views, dashboard (viz/routes.py)

    @app.get("/healthz", tags=["system"])
    def healthz(request: Request) -> JSONResponse:
        status, body = store_health(request.app.state.store)
        warm_up = getattr(request.app.state, "warm_up", None)
        watch = getattr(request.app.state, "watch", None)
        if watch is not None:  # a restart of the store's server noticed here at once
            if status == 200:
                watch.check()
            warm_up = watch.warm_up
            if watch.restarts:
                body["server_restarts"] = watch.restarts
        if warm_up is not None:  # running, done or failed: the latest warm-up
            body["warm_up"] = warm_up.state
            if warm_up.seconds is not None:
                body["warm_up_seconds"] = round(warm_up.seconds, 2)
        return JSONResponse(body, status_code=status)

    return app


def app_from_environment() -> FastAPI:
    """The app over the store the environment names: what each worker process of
    ``methodnet serve --workers N`` runs (settings from ``METHODNET_*``)."""
    return create_app(settings=Settings())
