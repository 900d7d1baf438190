"""GraphiQL works offline: the page at ``/graphql`` loads only Methodnet's own ``/static`` files,
opens prefilled from ``/explorer``'s links, runs a query by POST with the session cookie and
shows the answer — in a real headless Chromium whose every non-local request is blocked."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from fastapi.testclient import TestClient

from api.auth.middleware import LOCAL_BANNER
from api.graphiql import CONTENT_SECURITY_POLICY
from api.main import create_app
from graph.auth import users
from graph.queries.scope import Scope
from graph.queries.seen import seen_counts
from graph.settings import Settings
from graph.store import MemoryStore, Store
from tests.callers import role_for
from tests.test_browser import CHROMIUM, CHROMIUM_FLAGS, _Server
from tests.viz_dataset import load
from viz.page import STATIC_DIR
from viz.routes import example_queries

VENDORED = STATIC_DIR / "graphiql"
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
LOW_RESULTS = "Поддержка школ с низкими результатами"


class _Assets(HTMLParser):
    """Every ``src`` and ``href`` of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [v for k, v in attrs if k in ("src", "href") and v]


def assets_of(html: str) -> list[str]:
    parser = _Assets()
    parser.feed(html)
    return parser.urls


@pytest.fixture(scope="module")
def net() -> Store:
    return load(MemoryStore())


@pytest.fixture(scope="module")
def client(net: Store) -> TestClient:
    return TestClient(create_app(store=net))


# -- the page, without a browser ------------------------------------------------------------------


def test_page_loads_only_its_own_static_files(client: TestClient) -> None:
    page = client.get("/graphql", headers=BROWSER)
    assert page.status_code == 200
    html = page.text
    assert '<html lang="ru">' in html and "<title>GraphiQL — Methodnet</title>" in html
    assert not re.search(r"https?://", html), "the page names an outside address"
    urls = assets_of(html)
    scripts = [u for u in urls if u.endswith(".js")]
    assert scripts == ["/static/graphiql/react.production.min.js",
                       "/static/graphiql/react-dom.production.min.js",
                       "/static/graphiql/graphiql.min.js",
                       "/static/graphiql/plugin-explorer.umd.js",
                       "/static/graphiql-page.js"]
    assert "/static/graphiql/plugin-explorer.css" in urls
    for url in urls:
        if url == "data:,":  # the empty icon, so the browser asks for no /favicon.ico
            continue
        assert url.startswith("/static/"), url
        path = STATIC_DIR / url.removeprefix("/static/")
        assert path.is_file(), f"{url} is not in {STATIC_DIR}"
        served = client.get(url)
        assert served.status_code == 200 and served.content == path.read_bytes(), url


def test_page_may_reach_this_site_only(client: TestClient) -> None:
    page = client.get("/graphql", headers=BROWSER)
    policy = page.headers["content-security-policy"]
    assert policy == CONTENT_SECURITY_POLICY
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"  # no inline or outside script
    assert directives["connect-src"] == "'self'"  # queries go to this site only
    assert directives["frame-ancestors"] == "'none'"  # no other site frames a prefilled page
    assert not re.search(r"https?:|\*", policy)


def test_vendored_files_need_nothing_from_outside() -> None:
    for path in VENDORED.glob("*.css"):
        css = path.read_text(encoding="utf-8")
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
        assert all(u.startswith("data:") for u in urls), (path.name, urls[:3])
    for path in [*VENDORED.glob("*.js"), *VENDORED.glob("*.css")]:
        # A source map that is not vendored would be a request for a missing file.
        assert "sourceMappingURL" not in path.read_text(encoding="utf-8"), path.name


def test_every_vendored_file_has_its_origin_and_licence() -> None:
    readme = (VENDORED / "README.md").read_text(encoding="utf-8")
    for path in VENDORED.iterdir():
        if path.name != "README.md":
            assert f"`{path.name}`" in readme, f"{path.name} is not described in README.md"
    for licence in re.findall(r"`([\w.-]+\.LICENSE)`", readme):
        assert (VENDORED / licence).is_file(), licence
    for package in ("react@18.3.1", "react-dom@18.3.1", "graphiql@3.9.0",
                    "@graphiql/plugin-explorer@3.2.6"):
        assert package in readme
    assert "graphiql/README.md" in (STATIC_DIR / "VENDORED.md").read_text(encoding="utf-8")


def test_a_query_link_opens_the_page_and_never_runs(client: TestClient, net: Store) -> None:
    before = net.counts()
    write = ('mutation { assignSupport(input: {sourceId: "m-smirnova", targetId: "t24"}) '
             "{ created } }")
    for document in ("{ counts { totalNodes } }", write):
        page = client.get("/graphql", params={"query": document}, headers=BROWSER)
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        assert "GraphiQL — Methodnet" in page.text
        # Without a browser's Accept, a query over GET is still refused.
        assert client.get("/graphql", params={"query": document}).status_code == 400
    assert net.counts() == before


def test_the_page_shows_local_mode(client: TestClient) -> None:
    html = client.get("/graphql", headers=BROWSER).text
    assert html.index(LOCAL_BANNER) < html.index('<div id="graphiql"')


def test_signed_out_browser_is_sent_to_sign_in_with_its_query(net: Store) -> None:
    app = create_app(store=net, settings=Settings(auth="on"))
    client = TestClient(app, follow_redirects=False)
    answer = client.get("/graphql", params={"query": "{ health { status } }"}, headers=BROWSER)
    assert answer.status_code == 303
    target = parse_qs(urlsplit(answer.headers["location"]).query)["next"][0]
    assert urlsplit(target).path == "/graphql"
    assert parse_qs(urlsplit(target).query)["query"] == ["{ health { status } }"]
    assert client.get("/static/graphiql/graphiql.min.js").status_code == 401


# -- /explorer --------------------------------------------------------------------------------


def test_every_docs_example_has_a_russian_title_and_sentence() -> None:
    examples = example_queries()
    assert len(examples) >= 12
    for title, description, query in examples:
        assert re.fullmatch(r"[А-ЯЁ][а-яёА-ЯЁ ,—-]+", title), title
        assert not title.startswith("Запрос"), title
        # One sentence, in Russian, about what the query answers: neither JSON nor code.
        assert re.match(r"[А-ЯЁ]", description) and description.endswith("."), description
        assert description.count(". ") == 0, description
        assert not re.search(r"[{}`\[\]]|json", description), description
        assert query.lstrip().startswith("{")
    assert len({t for t, _, _ in examples}) == len(examples)


def test_explorer_links_open_graphiql_prefilled(client: TestClient) -> None:
    html = client.get("/explorer").text
    titles = re.findall(r'<h2 class="example-title">([^<]+)</h2>', html)
    links = re.findall(r'<a class="example" href="([^"]+)">Открыть в GraphiQL</a>', html)
    examples = example_queries()
    assert titles == [t for t, _, _ in examples] and len(links) == len(examples)
    for link, (_, _, query) in zip(links, examples, strict=True):
        url = urlsplit(link.replace("&amp;", "&"))
        assert url.path == "/graphql" and parse_qs(url.query)["query"] == [query]
        page = client.get(link.replace("&amp;", "&"), headers=BROWSER)
        assert page.status_code == 200 and "GraphiQL — Methodnet" in page.text
    assert "json" not in html.lower().replace("application/json", "")


# -- in a browser, offline ---------------------------------------------------------------------


class _Offline:
    """A browser context in which every request to a host other than this computer is
    aborted, and counted."""

    def __init__(self, context: Any) -> None:
        self.context = context
        self.blocked: list[str] = []
        self.problems: list[str] = []
        context.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:")) or \
                urlsplit(url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def page(self) -> Any:
        tab = self.context.new_page()
        tab.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        # Failed loads and refused content (Content-Security-Policy) are console errors.
        tab.on("console", lambda m: m.type == "error" and self.problems.append(m.text))
        return tab


@pytest.fixture
def offline(tmp_path: Path) -> Iterator[_Offline]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: run tools/install-chromium.sh (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True,
            args=CHROMIUM_FLAGS, viewport={"width": 1400, "height": 860}, locale="ru-RU")
        yield _Offline(context)
        context.close()


def _run_and_read(tab: Any) -> str:
    """Wait for GraphiQL, press its run button, and read the result pane."""
    tab.wait_for_selector(".graphiql-query-editor .CodeMirror", timeout=60_000)
    tab.click(".graphiql-execute-button")
    tab.wait_for_function(
        "() => /\"data\"|\"errors\"/.test(document.querySelector('.result-window').innerText)",
        timeout=60_000)
    return str(tab.inner_text(".result-window"))


@pytest.mark.browser
def test_graphiql_runs_an_explorer_example_offline(offline: _Offline, net: Store) -> None:
    with _Server(net, Settings(load_norm=25)) as server:
        tab = offline.page()
        tab.goto(f"{server.url}/explorer")
        example = tab.locator("h2.example-title", has_text=LOW_RESULTS)
        example.locator("xpath=following-sibling::p/a[@class='example']").first.click()
        tab.wait_for_url("**/graphql?query=*")
        assert tab.title() == "GraphiQL — Methodnet"
        answer = _run_and_read(tab)
        assert "lowResultsSupport" in tab.inner_text(".graphiql-query-editor")
        # The hand-built network's known answer: vsev-s2 is flagged and nobody supports it.
        assert re.search(r'"unsupported":\s*\[\s*"vsev-s2"\s*\]', answer), answer
        assert "МОБУ «СОШ № 1» г. Всеволожска" in answer
        assert LOCAL_BANNER in tab.inner_text(".methodnet-local-mode")
        # The Explorer plugin is there and lists the schema's questions.
        tab.click("button[aria-label='Show GraphiQL Explorer']")
        tab.wait_for_selector(".graphiql-explorer-root")
        assert "lowResultsSupport" in tab.inner_text(".graphiql-explorer-root")
        # A link may carry variables too.
        query = "query($id: ID!) { node(id: $id) { node { title } } }"
        tab.goto(f"{server.url}/graphql?query={quote(query)}"
                 f"&variables={quote(json.dumps({'id': 'luga-s1'}))}")
        assert "МОУ «СОШ № 3» г. Луги" in _run_and_read(tab)
        tab.close()
    assert offline.blocked == [], offline.blocked
    assert offline.problems == [], offline.problems


@pytest.mark.browser
def test_a_missing_file_is_said_in_russian(offline: _Offline, net: Store) -> None:
    offline.context.route("**/static/graphiql/graphiql.min.js", lambda route: route.abort())
    with _Server(net, Settings(load_norm=25)) as server:
        tab = offline.page()
        tab.goto(f"{server.url}/graphql")
        tab.wait_for_selector(".methodnet-graphiql-error")
        assert tab.inner_text("#graphiql").startswith("Не удалось загрузить GraphiQL")
        tab.close()


PASSWORD = "пароль для GraphiQL 2025"


@pytest.mark.browser
def test_graphiql_queries_run_as_the_signed_in_user(offline: _Offline) -> None:
    store = load(MemoryStore())
    district = Scope.of(["RU-LEN-luzhsky"])
    role, territory = role_for(store, district)
    users.add_user(store, "galina", role, territory=territory, password=PASSWORD)
    query = "{ counts { totalNodes } }"
    with _Server(store, Settings(auth="on", load_norm=25)) as server:
        tab = offline.page()
        tab.goto(f"{server.url}/graphql?query={quote(query)}")
        assert urlsplit(tab.url).path == "/login"  # sign in first
        tab.fill("#login", "galina")
        tab.fill("#password", PASSWORD)
        tab.click("#sign-in")
        tab.wait_for_url("**/graphql?query=*")
        assert "Вы вошли: galina" in tab.inner_text(".methodnet-signed-in")
        answer = _run_and_read(tab)
        tab.close()
    seen = seen_counts(store, scope=district).total_nodes
    assert seen < store.counts().total_nodes  # the district sees part of the graph
    assert re.search(rf'"totalNodes":\s*{seen}\b', answer), (seen, answer)
    assert offline.blocked == [], offline.blocked
    assert offline.problems == [], offline.problems
