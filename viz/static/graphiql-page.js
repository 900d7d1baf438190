// Methodnet's GraphiQL page (/graphql): GraphiQL with the Explorer plugin, from /static only.
// Queries go by POST to this page's own address with the session cookie (same origin), so a
// signed-in user's queries run as them. ?query=…&variables=… open GraphiQL prefilled.
(function () {
  "use strict";

  var root = document.getElementById("graphiql");

  function fail(message) {
    root.textContent = "";
    var p = document.createElement("p");
    p.className = "methodnet-graphiql-error";
    p.textContent = message;
    root.appendChild(p);
  }

  if (typeof React === "undefined" || typeof ReactDOM === "undefined" ||
      typeof GraphiQL === "undefined" || typeof GraphiQLPluginExplorer === "undefined") {
    fail("Не удалось загрузить GraphiQL: сервер не отдал его файлы из /static/graphiql. " +
         "Обратитесь к администратору Methodnet.");
    return;
  }

  var DEFAULT_QUERY = [
    "# GraphiQL — запросы к графу Methodnet.",
    "#",
    "# Ctrl+Enter — выполнить запрос, Ctrl+Space — подсказка полей.",
    "# Слева: «Docs» — описание схемы, «GraphiQL Explorer» — сборка запроса галочками.",
    "# Готовые запросы с пояснениями — на странице /explorer.",
    "# Ответ содержит только то, что разрешено вашей учётной записи.",
    "",
    "{",
    "  counts {",
    "    totalNodes",
    "    totalEdges",
    "  }",
    "}",
    ""
  ].join("\n");

  var endpoint = window.location.pathname;
  var params = new URLSearchParams(window.location.search);

  // A plain fetch: POST, JSON, the session cookie of this site and nothing else.
  function fetcher(graphQLParams, options) {
    var headers = {"Content-Type": "application/json", "Accept": "application/json"};
    var extra = (options && options.headers) || {};
    Object.keys(extra).forEach(function (name) { headers[name] = extra[name]; });
    return fetch(endpoint, {
      method: "POST",
      credentials: "same-origin",
      headers: headers,
      body: JSON.stringify(graphQLParams)
    }).then(function (response) {
      return response.text().then(function (text) {
        try {
          return JSON.parse(text);
        } catch (e) {
          return {errors: [{message: "HTTP " + response.status + ": " + text.slice(0, 500)}]};
        }
      });
    }, function () {
      return {errors: [{message: "сервер Methodnet не отвечает / the server is not answering"}]};
    });
  }

  // The address follows the editors, so a query can be shared or reopened as a link.
  function remember(name, value) {
    if (value) {
      params.set(name, value);
    } else {
      params.delete(name);
    }
    var search = params.toString();
    window.history.replaceState(null, "", endpoint + (search ? "?" + search : ""));
  }

  var h = React.createElement;
  var explorer = GraphiQLPluginExplorer.explorerPlugin();

  // GraphiQL finds its logo among its children by type, so it is given as such, not wrapped.
  var logo = h(GraphiQL.Logo, null,
    h("a", {href: "/", title: "На главную Methodnet"}, "Methodnet"), " · ",
    h("a", {href: "/explorer", title: "Готовые запросы с пояснениями"}, "готовые запросы"));

  function Page() {
    return h(GraphiQL, {
      fetcher: fetcher,
      plugins: [explorer],
      query: params.get("query") || undefined,
      variables: params.get("variables") || undefined,
      defaultQuery: DEFAULT_QUERY,
      defaultEditorToolsVisibility: Boolean(params.get("variables")),
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
      onEditQuery: function (value) { remember("query", value); },
      onEditVariables: function (value) { remember("variables", value); }
    }, logo);
  }

  ReactDOM.createRoot(root).render(h(Page));
  window.methodnetGraphiQL = {ready: true};
}());
