/* The precedent finder (/khen-thuong/): filter every award record, with totals.
 *
 * ban-ghi.json (tdkt/precedents.py) gives, for each dimension, its options, and for each record
 * the option indexes it falls under (several for movements; none when the text does not say).
 * The build also prints the form's options, the totals table and the newest records, so the page
 * reads without JavaScript; here the filters are wired, the filters and the table's axes live in
 * the URL (?hinh-thuc=...&nam=2023&hang=co-quan&cot=nam), and the tables are redrawn with the
 * same markup and the same counting as tdkt/award_page.py: a cell adds the stated counts, "*"
 * marks a cell with a record that states none. Text always enters the page as text nodes.
 */
(function () {
  "use strict";
  var app = document.getElementById("tdkt-finder");
  if (!app) return;
  var form = app.querySelector(".tdkt-finder-form");
  var status = app.querySelector(".tdkt-status");
  var pivotBox = app.querySelector(".tdkt-pivot");
  var recordsBox = app.querySelector(".tdkt-records");
  var note = document.querySelector(".tdkt-records-note");
  var more = app.querySelector(".tdkt-more");
  var root = new URL(app.getAttribute("data-root"), document.baseURI);
  var PAGE = 50, FIRST_DIM = 4, NOT_STATED = "Không ghi";
  var data = null, dims = [], byKey = {}, matching = [], shown = 0;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function number(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); }
  function at(record, dim) { return record[FIRST_DIM + dim]; }

  /* ------------------------------------------------------------------ state in the URL */

  function readUrl() { readUrlFrom(location.search); }
  function readUrlFrom(search) {
    var params = new URLSearchParams(search);
    Array.prototype.forEach.call(form.querySelectorAll("select"), function (s) {
      var wanted = params.get(s.name);
      var ok = wanted !== null && s.querySelector('option[value="' + CSS.escape(wanted) + '"]');
      s.value = ok ? wanted : (s.name === "hang" ? "hinh-thuc" : s.name === "cot" ? "nam" : "");
    });
  }
  function writeUrl() {
    var params = new URLSearchParams();
    Array.prototype.forEach.call(form.querySelectorAll("select"), function (s) {
      var dflt = s.name === "hang" ? "hinh-thuc" : s.name === "cot" ? "nam" : "";
      if (s.value !== dflt) params.set(s.name, s.value);
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  /* ------------------------------------------------------------------ filtering and counting */

  function filters() {
    var out = [];
    dims.forEach(function (d, i) {
      var value = form.elements[d.key].value;
      if (value !== "") out.push([i, d.codeIndex[value]]);
    });
    return out;
  }
  function select() {
    var f = filters();
    return data.records.filter(function (r) {
      return f.every(function (pair) { return at(r, pair[0]).indexOf(pair[1]) >= 0; });
    });
  }
  function add(cell, r) {
    cell = cell || { total: 0, records: 0, incomplete: false };
    cell.total += r[2] === null ? 0 : r[2];
    cell.records += 1;
    cell.incomplete = cell.incomplete || r[2] === null;
    return cell;
  }
  function pivot(records, rowDim, colDim) {
    var nr = dims[rowDim].options.length, nc = dims[colDim].options.length;
    var cells = {}, rows = {}, cols = {}, total = null;
    records.forEach(function (r) {
      var rs = at(r, rowDim).length ? at(r, rowDim) : [nr], cs = at(r, colDim).length ? at(r, colDim) : [nc];
      rs.forEach(function (i) {
        cs.forEach(function (j) { cells[i + "," + j] = add(cells[i + "," + j], r); });
        rows[i] = add(rows[i], r);
      });
      cs.forEach(function (j) { cols[j] = add(cols[j], r); });
      total = add(total, r);
    });
    function keep(n, seen) {
      var out = [];
      for (var i = 0; i <= n; i++) if (seen[i]) out.push(i);
      return out;
    }
    return { rows: keep(nr, rows), cols: keep(nc, cols), cells: cells, rowTotals: rows, colTotals: cols,
             total: total || { total: 0, records: 0, incomplete: false } };
  }
  function label(dim, i) { return i < dims[dim].options.length ? dims[dim].options[i][1] : NOT_STATED; }
  function cellText(c) { return c ? number(c.total) + (c.incomplete ? "*" : "") : ""; }

  /* ------------------------------------------------------------------ drawing */

  function drawPivot(records) {
    var rowDim = byKey[form.elements.hang.value], colDim = byKey[form.elements.cot.value];
    var p = pivot(records, rowDim, colDim);
    var table = el("table");
    table.appendChild(el("caption", "Số lượng theo " + dims[rowDim].label.toLowerCase() + " và "
      + dims[colDim].label.toLowerCase()));
    var head = el("tr");
    head.appendChild(el("th", dims[rowDim].label)).scope = "col";
    p.cols.forEach(function (j) { head.appendChild(el("th", label(colDim, j))).scope = "col"; });
    head.appendChild(el("th", "Tổng")).scope = "col";
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    p.rows.forEach(function (i) {
      var tr = body.appendChild(el("tr"));
      tr.appendChild(el("th", label(rowDim, i))).scope = "row";
      p.cols.forEach(function (j) { tr.appendChild(el("td", cellText(p.cells[i + "," + j]))); });
      tr.appendChild(el("td", cellText(p.rowTotals[i])));
    });
    var foot = el("tr");
    foot.appendChild(el("th", "Tổng")).scope = "row";
    p.cols.forEach(function (j) { foot.appendChild(el("td", cellText(p.colTotals[j]))); });
    foot.appendChild(el("td", cellText(p.total)));
    table.appendChild(el("tfoot")).appendChild(foot);
    pivotBox.replaceChildren(table);
    return p.total;
  }

  var COLUMNS = ["Năm", "Hình thức, danh hiệu", "Cấp khen", "Đối tượng", "Số lượng", "Tên", "Trạng thái",
                 "Đơn vị báo cáo", "Nguồn"];
  function one(r, key) {
    var d = byKey[key], v = at(r, d);
    return v.length ? v.map(function (i) { return dims[d].options[i][1]; }).join("; ") : "—";
  }
  function row(r) {
    var report = data.reports[r[0]];
    var tr = el("tr");
    [one(r, "nam"), one(r, "hinh-thuc"), one(r, "co-quan"), one(r, "doi-tuong").toLowerCase(),
     r[2] === null ? "—" : number(r[2]), r[3].length ? r[3].join("; ") : "—", one(r, "trang-thai"), report[2]]
      .forEach(function (text) { tr.appendChild(el("td", text)); });
    var a = el("a", report[1] + " ¶" + r[1]);
    a.href = new URL("bao-cao/" + report[0] + "/#p-" + r[1], root).href;
    tr.appendChild(el("td")).appendChild(a);
    return tr;
  }
  function drawRecords(reset) {
    var body;
    if (reset) {
      var table = el("table");
      var head = el("tr");
      COLUMNS.forEach(function (c) { head.appendChild(el("th", c)).scope = "col"; });
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
    matching = select();
    var total = drawPivot(matching);
    pivotBox.hidden = recordsBox.hidden = matching.length === 0;  // no empty tables when nothing matches
    status.textContent = matching.length
      ? number(matching.length) + " nội dung khen thưởng, tổng số lượng " + cellText(total)
        + (total.incomplete ? " (* có nội dung không ghi số lượng)." : ".")
      : "Không có nội dung khen thưởng nào khớp với bộ lọc.";
    drawRecords(true);
  }

  /* ------------------------------------------------------------------ start */

  /* ban-ghi.json stores what a report's records share once, with the report, and a dimension as an
   * index, null (not stated) or a list (tdkt/precedents.py, finder_json). Here every record gets a
   * list of indexes for every dimension, in the order of json.dims: [report, block, count, names, ...]. */
  function expand(json) {
    function list(v) { return v === null ? [] : Array.isArray(v) ? v : [v]; }
    var onReport = {}, onRecord = {};
    json.report_dims.forEach(function (k, i) { onReport[k] = 3 + i; });
    json.record_dims.forEach(function (k, i) { onRecord[k] = 4 + i; });
    var ownMovement = 4 + json.record_dims.length;
    return json.records.map(function (r) {
      var report = json.reports[r[0]], out = r.slice(0, 4);
      json.dims.forEach(function (d) {
        if (d.key === "phong-trao" && r[ownMovement] !== null) out.push(list(r[ownMovement]));
        else out.push(list(d.key in onRecord ? r[onRecord[d.key]] : report[onReport[d.key]]));
      });
      return out;
    });
  }

  fetch(new URL(app.getAttribute("data-data"), document.baseURI)).then(function (r) {
    if (!r.ok) throw new Error("HTTP " + r.status);
    return r.json();
  }).then(function (json) {
    data = { reports: json.reports, records: expand(json) };
    dims = json.dims.map(function (d) {
      var codeIndex = {};
      d.options.forEach(function (o, i) { codeIndex[o[0]] = i; });
      return { key: d.key, label: d.label, options: d.options, codeIndex: codeIndex };
    });
    dims.forEach(function (d, i) { byKey[d.key] = i; });
    var year = byKey.nam;  // newest year first, as the build prints them
    data.records.sort(function (a, b) {
      return (at(a, year)[0] - at(b, year)[0]) || (a[0] - b[0]) || (a[1] - b[1]);
    });
    readUrl();
    form.hidden = false;
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
