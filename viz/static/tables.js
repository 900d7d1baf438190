/* Methodnet: the dashboard's tables sort, filter, page and fold in the browser (our own code).
 *
 * A table with class "data-table" gets: headers that sort on click (numbers as numbers, words
 * in Russian order), a search box over its rows, pages of PAGE_SIZE rows and the page's
 * district filter (#district-filter; rows carry data-district). The district chosen is kept in
 * the address (?district=…), so a filtered view is a link. A link to "#gap-<code>" opens that
 * folded section. The rows are all in the page: a list holds at most the bound the page states.
 */
(function () {
  "use strict";
  var PAGE_SIZE = 25;
  var collator = new Intl.Collator("ru", { numeric: true, sensitivity: "base" });
  var districtSelect = document.getElementById("district-filter");
  var tables = [];

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ""; }
    return cell.getAttribute("data-value") !== null ? cell.getAttribute("data-value")
      : cell.textContent.trim();
  }

  function compare(a, b, numeric) {
    if (numeric) {
      var x = parseFloat(a), y = parseFloat(b);
      if (isNaN(x)) { x = -Infinity; }
      if (isNaN(y)) { y = -Infinity; }
      return x - y;
    }
    return collator.compare(a, b);
  }

  function Table(table) {
    this.table = table;
    this.body = table.tBodies[0];
    this.rows = Array.prototype.slice.call(this.body.rows);
    this.page = 0;
    this.sortIndex = -1;
    this.sortDir = 1;
    this.query = "";
    var self = this;
    var tools = document.createElement("div");
    tools.className = "table-tools";
    tools.innerHTML = '<label>Поиск в списке <input type="search" class="t-search" ' +
      'placeholder="название, район, предмет"></label> <span class="t-info"></span> ' +
      '<button type="button" class="t-prev">← Назад</button> ' +
      '<button type="button" class="t-next">Вперёд →</button>';
    table.parentNode.insertBefore(tools, table);
    this.info = tools.querySelector(".t-info");
    this.prev = tools.querySelector(".t-prev");
    this.next = tools.querySelector(".t-next");
    this.search = tools.querySelector(".t-search");
    this.search.addEventListener("input", function () {
      self.query = self.search.value.trim().toLowerCase();
      self.page = 0;
      self.render();
    });
    this.prev.addEventListener("click", function () { self.page -= 1; self.render(); });
    this.next.addEventListener("click", function () { self.page += 1; self.render(); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      if (th.hasAttribute("data-nosort")) { return; }
      th.classList.add("sortable");
      th.title = "Упорядочить по этому столбцу";
      th.addEventListener("click", function () { self.sortBy(index); });
    });
    this.render();
  }

  Table.prototype.sortBy = function (index) {
    var th = this.table.tHead.rows[0].cells[index];
    this.sortDir = this.sortIndex === index ? -this.sortDir : 1;
    this.sortIndex = index;
    var numeric = th.hasAttribute("data-num");
    var dir = this.sortDir;
    this.rows.sort(function (a, b) {
      return dir * compare(cellValue(a, index), cellValue(b, index), numeric);
    });
    Array.prototype.forEach.call(this.table.tHead.rows[0].cells, function (h) {
      h.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
    this.page = 0;
    this.render();
  };

  Table.prototype.matching = function () {
    var district = districtSelect ? districtSelect.value : "";
    var words = this.query ? this.query.split(/\s+/) : [];
    return this.rows.filter(function (row) {
      if (district && row.getAttribute("data-district") !== district) { return false; }
      if (!words.length) { return true; }
      var text = row.textContent.toLowerCase();
      return words.every(function (w) { return text.indexOf(w) >= 0; });
    });
  };

  Table.prototype.render = function () {
    var shown = this.matching();
    var pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
    this.page = Math.min(Math.max(this.page, 0), pages - 1);
    var first = this.page * PAGE_SIZE;
    var visible = shown.slice(first, first + PAGE_SIZE);
    var fragment = document.createDocumentFragment();
    visible.forEach(function (row) { fragment.appendChild(row); });
    this.body.textContent = "";
    this.body.appendChild(fragment);
    this.info.textContent = shown.length
      ? "строки " + (first + 1) + "–" + (first + visible.length) + " из " + shown.length +
        (shown.length < this.rows.length ? " (всего в списке " + this.rows.length + ")" : "")
      : "нет строк по этому отбору";
    this.prev.disabled = this.page === 0;
    this.next.disabled = this.page >= pages - 1;
    this.table.setAttribute("data-shown", String(shown.length));
  };

  function openSection(hash) {
    if (!hash || hash.indexOf("#gap-") !== 0) { return; }
    var section = document.getElementById(hash.slice(1));
    if (section && section.tagName === "DETAILS") {
      section.open = true;
      section.scrollIntoView();
    }
  }

  function setDistrict(value) {
    if (!districtSelect) { return; }
    districtSelect.value = value;
    var url = new URL(window.location.href);
    if (value) { url.searchParams.set("district", value); } else { url.searchParams.delete("district"); }
    window.history.replaceState(null, "", url.toString());
    tables.forEach(function (t) { t.page = 0; t.render(); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.data-table"), function (t) {
    tables.push(new Table(t));
  });
  if (districtSelect) {
    var wanted = new URL(window.location.href).searchParams.get("district") || "";
    if (wanted && districtSelect.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
      setDistrict(wanted);
    }
    districtSelect.addEventListener("change", function () { setDistrict(districtSelect.value); });
  }
  // A figure of the district table opens its list, filtered to the district, in place.
  Array.prototype.forEach.call(document.querySelectorAll("a[data-district-link]"), function (a) {
    a.addEventListener("click", function (event) {
      event.preventDefault();
      setDistrict(a.getAttribute("data-district-link"));
      window.history.replaceState(null, "", window.location.pathname +
        window.location.search + a.hash);
      openSection(a.hash);
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("a[href^='#gap-']"), function (a) {
    a.addEventListener("click", function () { openSection(a.getAttribute("href")); });
  });
  window.addEventListener("hashchange", function () { openSection(window.location.hash); });
  openSection(window.location.hash);
  window.methodnetTables = tables;
})();
