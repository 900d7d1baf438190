// One search on every page: the API's search (GraphQL `search`, the caller's scope applied by
// the server), a list of what it finds, and a jump to the thing: shown in the current network
// view when it is drawn there, else its own view. Everything is written as text, never as HTML.
(function () {
  "use strict";
  var WORDS = JSON.parse(document.getElementById("search-words").textContent);
  var QUERY = "query Search($text: String!, $territoryId: String, $first: Int!) {" +
    " search(text: $text, territoryId: $territoryId, first: $first) {" +
    " nodes { field matched node { id label title kind } } } }";
  var LIMIT = 12;

  function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }
  function withPeriod(path, period) {
    if (!period) return path;
    return path + (path.indexOf("?") >= 0 ? "&" : "?") + "period=" + encodeURIComponent(period);
  }
  // The view a thing opens in.
  function viewOf(node, base, period) {
    var id = encodeURIComponent(node.id);
    var path = node.label === "Region" ? "/network/region/" + id
      : node.label === "Municipality" ? "/network/district/" + id
      : node.kind === "school" ? "/network/school/" + id
      : node.label === "Regulation" ? "/network/regulation/" + id
      : "/network/focus/" + id + "?depth=1";
    return base + withPeriod(path, period);
  }
  function short(text) { return text.length > 90 ? text.slice(0, 89) + "…" : text; }
  function what(hit) {
    var node = hit.node;
    if (node.label === "Person") return hit.field === "role" ? short(hit.matched) : WORDS.labels.Person;
    if (node.label === "Organization") return WORDS.kinds[node.kind] || WORDS.labels.Organization;
    return WORDS.labels[node.label] || "";
  }
  function ask(base, text, territory) {
    return fetch(base + "/graphql", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ query: QUERY, variables: { text: text, territoryId: territory || null, first: LIMIT } })
    }).then(function (r) {
      if (r.status === 401) throw new Error("Чтобы искать, войдите в систему.");
      return r.json();
    }).then(function (answer) {
      if (answer.errors || !answer.data) return [];  // e.g. no letters in the text: nothing found
      return answer.data.search.nodes;
    });
  }

  function attach(form) {
    var input = form.querySelector("input[type=search]");
    var list = form.querySelector(".mn-results");
    var base = form.dataset.base || "";
    var territory = form.dataset.territory;
    var period = form.dataset.period;
    var timer = null, asked = 0;

    function note(text) { list.innerHTML = ""; list.appendChild(el("li", text, "mn-note")); list.hidden = false; }
    function show(hits, elsewhere) {
      list.innerHTML = "";
      if (elsewhere) list.appendChild(el("li", "В этой территории не найдено; найдено в других:", "mn-note"));
      hits.forEach(function (hit) {
        var li = el("li"); li.setAttribute("role", "option");
        var a = el("a"); a.href = viewOf(hit.node, base, period);
        a.dataset.node = hit.node.id;
        a.appendChild(el("b", hit.node.title));
        a.appendChild(el("span", what(hit), "what"));
        a.addEventListener("click", function (event) {
          // Drawn on this page: show it here (folded things are opened), no page load.
          var net = window.methodnet;
          if (net && net.reveal && net.reveal(hit.node.id)) { event.preventDefault(); list.hidden = true; }
        });
        li.appendChild(a); list.appendChild(li);
      });
      list.hidden = false;
    }
    function run() {
      var text = input.value.trim();
      if (text.length < 2) { list.hidden = true; return; }
      var mine = ++asked;
      note("Ищу…");
      ask(base, text, territory).then(function (hits) {
        if (hits.length || !territory) return [hits, false];
        return ask(base, text, null).then(function (more) { return [more, more.length > 0]; });
      }).then(function (found) {
        if (mine !== asked) return;  // a later search has started
        if (!found[0].length) { note("Ничего не найдено"); return; }
        show(found[0], found[1]);
      }).catch(function (e) { if (mine === asked) note(e && e.message && /войдите/.test(e.message) ? e.message : "Поиск не удался, попробуйте ещё раз."); });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 300); });
    form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); run(); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { list.hidden = true; }
      if (event.key === "ArrowDown") { var first = list.querySelector("a"); if (first) { event.preventDefault(); first.focus(); } }
    });
    document.addEventListener("click", function (event) { if (!form.contains(event.target)) list.hidden = true; });
  }
  document.querySelectorAll("form.mn-search").forEach(attach);
})();
