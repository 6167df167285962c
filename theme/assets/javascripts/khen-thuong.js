/* The precedent finder (/khen-thuong/): filter every award record, with totals.
 *
 * ban-ghi.json (tdkt/site/precedents.py) gives, for each dimension, its options, and for each record
 * the option indexes it falls under (several for movements; none when the text does not say).
 * The build also prints the form's options, the totals table and the newest records, so the page
 * reads without JavaScript; here the filters are wired, the filters and the table's axes live in
 * the URL (?hinh-thuc=...&nam=2023&hang=co-quan&cot=nam), and the tables are redrawn with the
 * same markup as tdkt/site/award_page.py. The counting is khen-thuong-core.js's (window.tdktAwards,
 * loaded first), the same as tdkt/site/precedents.py's. Text always enters the page as text nodes.
 * The two charts follow the filters: each is drawn by charts-core.js (window.tdktCharts, the same SVG as
 * tdkt/site/charts.py) from the selected records and put in place of the build's <img> (the default view's file,
 * still linked from the caption), its description saying which filters it follows; the data table under the
 * level chart is redrawn with it. The SVG carries presentation attributes only (no style, no script: the CSP).
 */
(function () {
  "use strict";
  var app = document.getElementById("tdkt-finder");
  var core = window.tdktAwards, charts = window.tdktCharts;
  if (!app || !core) return;
  var form = app.querySelector(".tdkt-finder-form");
  var status = app.querySelector(".tdkt-status");
  var scope = app.querySelector(".tdkt-scope");
  var pivotBox = app.querySelector(".tdkt-pivot");
  var recordsBox = app.querySelector(".tdkt-records");
  var note = document.querySelector(".tdkt-records-note");
  var more = app.querySelector(".tdkt-more");
  var root = new URL(app.getAttribute("data-root"), document.baseURI);
  var figures = Array.prototype.slice.call(document.querySelectorAll("figure.tdkt-chart"));
  var chartTable = document.querySelector("details.tdkt-chart-data");
  // what the build's captions call each figure ("Biểu đồ cột"): its <img>'s text alternative up to the colon
  var kinds = figures.map(function (f) { var img = f.querySelector("img"); return img ? img.alt.split(":")[0] : ""; });
  var PAGE = 50, number = core.number, cellText = core.cellText;
  var finder = null, matching = [], shown = 0;  // finder: core.load's {reports, records, dims, byKey}

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  /* ------------------------------------------------------------------ state in the URL */

  function readUrl() { readUrlFrom(location.search); }
  function readUrlFrom(search) {
    var params = new URLSearchParams(search);
    Array.prototype.forEach.call(form.querySelectorAll("select"), function (s) {
      var wanted = params.get(s.name);
      var ok = wanted !== null && s.querySelector('option[value="' + CSS.escape(wanted) + '"]');
      s.value = ok ? wanted : core.defaultValue(finder, s.name);
    });
  }
  function writeUrl() {
    var params = new URLSearchParams();
    Array.prototype.forEach.call(form.querySelectorAll("select"), function (s) {
      if (s.value !== core.defaultValue(finder, s.name)) params.set(s.name, s.value);
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  /* ------------------------------------------------------------------ filtering */

  function values() {
    var out = {};
    finder.dims.forEach(function (d) { out[d.key] = form.elements[d.key].value; });
    return out;
  }

  /* ------------------------------------------------------------------ drawing */

  /* A totals table of rowDim × colDim over records, as tdkt/site/award_page.py's pivot_html; and its total. */
  function pivotTable(records, rowDim, colDim) {
    var dims = finder.dims, p = core.pivot(dims, records, rowDim, colDim);
    var table = el("table");
    table.appendChild(el("caption", "Số lượng theo " + dims[rowDim].label.toLowerCase() + " và "
      + dims[colDim].label.toLowerCase()));
    var head = el("tr");
    head.appendChild(el("th", dims[rowDim].label)).scope = "col";
    p.cols.forEach(function (j) { head.appendChild(el("th", core.label(dims, colDim, j))).scope = "col"; });
    head.appendChild(el("th", "Tổng")).scope = "col";
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    p.rows.forEach(function (i) {
      var tr = body.appendChild(el("tr"));
      tr.appendChild(el("th", core.label(dims, rowDim, i))).scope = "row";
      p.cols.forEach(function (j) { tr.appendChild(el("td", cellText(p.cells[i + "," + j]))); });
      tr.appendChild(el("td", cellText(p.rowTotals[i])));
    });
    var foot = el("tr");
    foot.appendChild(el("th", "Tổng")).scope = "row";
    p.cols.forEach(function (j) { foot.appendChild(el("td", cellText(p.colTotals[j]))); });
    foot.appendChild(el("td", cellText(p.total)));
    table.appendChild(el("tfoot")).appendChild(foot);
    return { table: table, total: p.total };
  }
  function drawPivot(records) {
    var made = pivotTable(records, finder.byKey[form.elements.hang.value], finder.byKey[form.elements.cot.value]);
    pivotBox.replaceChildren(made.table);
    return made.total;
  }

  /* Both charts over records, described by the filters chosen; in place of the build's <img> or the last drawing.
   * Nothing changes when a script or a figure is missing: the build's charts and captions stay. */
  function drawCharts(records, chosen) {
    if (!charts || figures.length !== core.CHARTS.length) return;
    var specs = core.chartSpecs(finder, records, function (chart) { return core.chartDescription(finder, chosen, chart); });
    figures.forEach(function (figure, i) {
      var spec = specs[i];
      spec.idPrefix = "tdkt-" + core.CHARTS[i].key + "-";  // two charts in one page: ids of their own
      var parsed = new DOMParser().parseFromString(charts.stackedBars(spec), "image/svg+xml").documentElement;
      if (parsed.namespaceURI !== "http://www.w3.org/2000/svg" || parsed.localName !== "svg"
          || parsed.getElementsByTagName("parsererror").length) return;  // not well-formed: keep what is there
      var svg = document.importNode(parsed, true), old = figure.querySelector("svg, img");
      svg.setAttribute("class", "tdkt-chart-drawn");
      if (old) figure.replaceChild(svg, old);
      else figure.insertBefore(svg, figure.firstChild);
      var caption = figure.querySelector("figcaption"), link = caption && caption.querySelector("a");
      if (caption && link) {
        caption.replaceChildren(kinds[i] + ", theo bộ lọc đang chọn (", link, ": cách xem mặc định, toàn bộ kho "
          + "lưu trữ, nội dung đã tặng, đã rà soát)");
      }
    });
    if (chartTable && chartTable.querySelector("table")) {
      var table = pivotTable(records, finder.byKey["hinh-thuc"], finder.byKey.cap).table;
      table.hidden = records.length === 0;  // no table of nothing: the chart says "Không có dữ liệu"
      chartTable.querySelector("table").replaceWith(table);
    }
  }

  function row(r) {
    var made = core.recordRow(finder, r), source = made.source;
    var tr = el("tr");
    // each cell names its column (data-label): on phones the rows are cards, a value under its name
    made.cells.forEach(function (text, i) { tr.appendChild(el("td", text)).setAttribute("data-label", core.COLUMNS[i]); });
    var a = el("a", source[1] + " ¶" + source[2]);
    a.href = new URL("bao-cao/" + source[0] + "/#p-" + source[2], root).href;
    var last = tr.appendChild(el("td"));
    last.setAttribute("data-label", core.COLUMNS[core.COLUMNS.length - 1]);
    last.appendChild(a);
    return tr;
  }
  function drawRecords(reset) {
    var body;
    if (reset) {
      var table = el("table");
      var head = el("tr");
      core.COLUMNS.forEach(function (c) { head.appendChild(el("th", c)).scope = "col"; });
      table.appendChild(el("thead")).appendChild(head);
      body = table.appendChild(el("tbody"));
      recordsBox.replaceChildren(table);
      shown = 0;
    } else {
      body = recordsBox.querySelector("tbody");
    }
    matching.slice(shown, shown + PAGE).forEach(function (r) { body.appendChild(row(r)); });
    shown = Math.min(matching.length, shown + PAGE);
    more.hidden = shown >= matching.length;
    note.textContent = matching.length ? "Hiển thị " + number(shown) + " trong " + number(matching.length)
      + " nội dung, năm gần nhất trước; mỗi dòng dẫn đến đoạn văn nêu nội dung đó." : "";
  }
  function update() {
    var chosen = values();
    matching = core.select(finder.records, core.filters(finder.dims, chosen));
    var total = drawPivot(matching);
    pivotBox.hidden = recordsBox.hidden = matching.length === 0;  // no empty tables when nothing matches
    scope.textContent = core.scopeText(finder, chosen);
    drawCharts(matching, chosen);
    status.textContent = matching.length
      ? number(matching.length) + " nội dung khen thưởng, tổng số lượng " + core.totalText(total) + "."
      : "Không có nội dung khen thưởng nào khớp với bộ lọc.";
    drawRecords(true);
  }

  /* ------------------------------------------------------------------ start */

  fetch(new URL(app.getAttribute("data-data"), document.baseURI)).then(function (r) {
    if (!r.ok) throw new Error("HTTP " + r.status);
    return r.json();
  }).then(function (json) {
    finder = core.load(json);
    readUrl();
    form.hidden = false;
    if (form.closest("details")) form.closest("details").hidden = false;
    form.addEventListener("change", function () { update(); writeUrl(); });
    form.addEventListener("reset", function () {
      setTimeout(function () { readUrlFrom(""); update(); writeUrl(); }, 0);  // after the form's own reset
    });
    more.addEventListener("click", function () { drawRecords(false); });
    update();
  }).catch(function (e) {
    status.textContent = "Không tải được dữ liệu khen thưởng (" + e.message + "); bảng dưới đây là bản in sẵn.";
  });
})();
