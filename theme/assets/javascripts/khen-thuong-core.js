/* The precedent finder's counting (/khen-thuong/), without the page: no DOM, no window, no fetch.
 *
 * The same counting as tdkt/site/precedents.py (code_records, pivot) over ban-ghi.json (finder_json): a
 * cell adds the stated counts, a record that states none adds nothing and marks the cell incomplete
 * ("*"); a record with no value on a dimension sits in a "Không ghi" line; a record under several
 * movements counts once in each and once in the total. khen-thuong.js draws the page with it.
 * Loaded as a classic script it sets window.tdktAwards; under node it is the module's exports, and
 * tests/test_js_cores.py runs it against the Python on the same records.
 */
(function (root) {
  "use strict";

  var FIRST_DIM = 4, NOT_STATED = "Không ghi";

  /* The value a select of the form has when the URL names none: the table's axes default to form ×
   * year (as the printed table), every filter to "" (all). */
  function defaultValue(name) { return name === "hang" ? "hinh-thuc" : name === "cot" ? "nam" : ""; }

  function number(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); }

  /* The option indexes of a record on dimension `dim` (an expanded record: see expand). */
  function at(record, dim) { return record[FIRST_DIM + dim]; }

  /* ban-ghi.json stores what a report's records share once, with the report, and a dimension as an
   * index, null (not stated) or a list (tdkt/site/precedents.py, finder_json). Here every record gets a
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

  /* Everything the finder works on, from ban-ghi.json: the reports, every record expanded and sorted
   * newest year first (then report, then paragraph, as the build prints them), the dimensions (each
   * with its options and a map from option code to index) and each dimension's index by key. */
  function load(json) {
    var dims = json.dims.map(function (d) {
      var codeIndex = {};
      d.options.forEach(function (o, i) { codeIndex[o[0]] = i; });
      return { key: d.key, label: d.label, options: d.options, codeIndex: codeIndex };
    });
    var byKey = {};
    dims.forEach(function (d, i) { byKey[d.key] = i; });
    var records = expand(json), year = byKey.nam;  // years are listed newest first
    records.sort(function (a, b) {
      return (at(a, year)[0] - at(b, year)[0]) || (a[0] - b[0]) || (a[1] - b[1]);
    });
    return { reports: json.reports, records: records, dims: dims, byKey: byKey };
  }

  /* The chosen filters as [dimension, option index] pairs; values: {dimension key: option code, "" for all}. */
  function filters(dims, values) {
    var out = [];
    dims.forEach(function (d, i) {
      var value = values[d.key];
      if (value !== undefined && value !== "") out.push([i, d.codeIndex[value]]);
    });
    return out;
  }

  /* The records that fall under every filter. */
  function select(records, f) {
    return records.filter(function (r) {
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

  /* Totals of rowDim × colDim, as tdkt/site/precedents.py's pivot. Options are kept by index: the "Không
   * ghi" line is index options.length; rows and cols list the indexes that have records, in order;
   * cells are keyed "row,col" (absent when empty), rowTotals and colTotals by index. */
  function pivot(dims, records, rowDim, colDim) {
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

  function label(dims, dim, i) { return i < dims[dim].options.length ? dims[dim].options[i][1] : NOT_STATED; }

  /* A total as printed (tdkt/site/award_page.py, cell_text): the stated counts, "*" when some record states none. */
  function cellText(c) { return c ? number(c.total) + (c.incomplete ? "*" : "") : ""; }

  /* A record's row of the records table (tdkt/site/award_page.py, records_html): the texts of its first
   * eight columns, and its source: [report id, report label, paragraph]. */
  var COLUMNS = ["Năm", "Hình thức, danh hiệu", "Cấp khen", "Đối tượng", "Số lượng", "Tên", "Trạng thái",
                 "Đơn vị báo cáo", "Nguồn"];
  function recordRow(finder, r) {
    function one(key) {
      var d = finder.byKey[key], v = at(r, d);
      return v.length ? v.map(function (i) { return finder.dims[d].options[i][1]; }).join("; ") : "—";
    }
    var report = finder.reports[r[0]];
    return {
      cells: [one("nam"), one("hinh-thuc"), one("co-quan"), one("doi-tuong").toLowerCase(),
              r[2] === null ? "—" : number(r[2]), r[3].length ? r[3].join("; ") : "—", one("trang-thai"), report[2]],
      source: [report[0], report[1], r[1]],
    };
  }

  var core = { FIRST_DIM: FIRST_DIM, NOT_STATED: NOT_STATED, COLUMNS: COLUMNS, defaultValue: defaultValue,
               number: number, at: at, expand: expand, load: load, filters: filters, select: select, pivot: pivot,
               label: label, cellText: cellText, recordRow: recordRow };
  if (typeof module !== "undefined" && module.exports) module.exports = core;
  else root.tdktAwards = core;
})(this);
