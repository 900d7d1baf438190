"""Methodnet's own GraphiQL page at ``GET /graphql``: Russian, with the Explorer plugin, every
script and style served from ``/static`` (no CDN), so it works without internet."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

__all__ = ["CONTENT_SECURITY_POLICY", "PAGE", "GraphiQLPage", "graphiql_page", "wants_page"]

PAGE = Path(__file__).with_name("graphiql.html")

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
"""The page may load and call this site only (the browser refuses anything else, should a
vendored script ever ask), and no other site may frame it: a prefilled query (``?query=``) is
run only by the user's own click on the page itself."""


@cache
def graphiql_page() -> str:
    """The page's HTML (``api/graphiql.html``).

    >>> html = graphiql_page()
    >>> '<html lang="ru">' in html and "/static/graphiql/graphiql.min.js" in html
    True
    >>> "https://" in html or "http://" in html
    False
    """
    return PAGE.read_text(encoding="utf-8")


def wants_page(method: str, accept: str, has_query: bool) -> bool:
    """Whether a request is a browser opening GraphiQL: a GET accepting HTML, with or without
    ``?query=`` (which only prefills the editor; queries run over POST only). A GET with a
    query from anything else keeps being refused.

    >>> wants_page("GET", "text/html,application/xhtml+xml,*/*;q=0.8", has_query=True)
    True
    >>> wants_page("GET", "*/*", has_query=False), wants_page("GET", "*/*", has_query=True)
    (True, False)
    >>> wants_page("GET", "application/json", has_query=False)
    False
    >>> wants_page("POST", "text/html", has_query=False)
    False
    """
    if method != "GET":
        return False
    if "text/html" in accept:
        return True
    return "*/*" in accept and not has_query


class GraphiQLPage:
    """Mixed into the GraphQL router: serves :func:`graphiql_page` instead of strawberry's
    page (which loads React and GraphiQL from unpkg.com), also for ``?query=`` links."""

    def should_render_graphql_ide(self, request: Any) -> bool:
        return wants_page(request.method, request.headers.get("accept", ""),
                          request.query_params.get("query") is not None)

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        return HTMLResponse(graphiql_page(), headers={
            "Content-Security-Policy": CONTENT_SECURITY_POLICY,
            "Cache-Control": "no-store",
        })
