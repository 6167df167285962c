/* The precedent finder's counting (/khen-thuong/), without the page: no DOM, no window, no fetch.
 *
 * The same counting as tdkt/site/precedents.py (code_records, pivot) over ban-ghi.json (finder_json): a
 * cell adds the stated counts, a record that states none adds nothing and is counted among the cell's
 * unknown records ("không rõ", "≥ 12"); a record with no value on a dimension sits in a "Không ghi" line;
 * a record under several movements counts once in each and once in the total. By default (json.defaults)
 * only granted awards a person checked are counted; scopeText says what is counted and what is left out.
 * khen-thuong.js draws the page with it.
 * Loaded as a classic script it sets window.tdktAwards; under node it is the module's exports, and
 * tests/test_js_cores.py runs it against the Python on the same records.
 */
(function (root) {
  "use strict";

  var FIRST_DIM = 4, NOT_STATED = "Không ghi", UNKNOWN_COUNT = "không rõ";

  /* The value a select of the form has when the URL names none (ban-ghi.json's defaults: the table's
   * axes form × year as the printed table, status "granted", review "checked"), else "" (all). */
  function defaultValue(finder, name) {
    return Object.prototype.hasOwnProperty.call(finder.defaults, name) ? finder.defaults[name] : "";
  }

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
    return { reports: json.reports, records: records, dims: dims, byKey: byKey, defaults: json.defaults || {} };
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
    cell = cell || { total: 0, records: 0, unknown: 0 };
    cell.total += r[2] === null ? 0 : r[2];
    cell.records += 1;
    cell.unknown += r[2] === null ? 1 : 0;
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
             total: total || { total: 0, records: 0, unknown: 0 } };
  }

  function label(dims, dim, i) { return i < dims[dim].options.length ? dims[dim].options[i][1] : NOT_STATED; }

  /* A total as printed (tdkt/site/award_page.py, cell_text): the stated counts; "không rõ" when no record
   * here states one; "≥ 12" when some record here states none. */
  function cellText(c) {
    if (!c) return "";
    if (c.unknown === c.records) return UNKNOWN_COUNT;
    return (c.unknown ? "≥ " : "") + number(c.total);
  }

  /* A total in a sentence (tdkt/site/award_page.py, total_text). */
  function totalText(c) {
    if (c.unknown === c.records) return UNKNOWN_COUNT + " (văn bản không ghi số lượng)";
    return number(c.total) + (c.unknown ? " + " + number(c.unknown) + " nội dung không rõ số lượng" : "");
  }

  /* What the totals count and what the status and review filters leave out (tdkt/site/precedents.py,
   * scope_text and left_out); values: {dimension key: option code, "" for all}. */
  var STATUS_WORDS = { granted: "đã tặng", proposed: "đề nghị" };
  var REVIEW_WORDS = { "da-ra-soat": "đã được người rà soát đối chiếu với văn bản",
                       "chua-ra-soat": "chưa được người rà soát (máy đọc từ văn bản, hoặc báo cáo còn là bản nháp)" };
  var REVIEW_SHORT = { "da-ra-soat": "đã rà soát", "chua-ra-soat": "chưa rà soát" };
  var SCOPED = ["trang-thai", "ra-soat"];
  /* lead: what counts, "Số liệu dưới đây" unless told (the charts' descriptions say "Biểu đồ"). */
  function scopeText(finder, values, lead) {
    var status = values["trang-thai"] || "", review = values["ra-soat"] || "";
    var text = (lead || "Số liệu dưới đây") + " tính các nội dung khen thưởng "
      + (STATUS_WORDS[status] || "đã tặng và đề nghị") + ", "
      + (REVIEW_WORDS[review] || "cả nội dung đã và chưa được người rà soát") + ".";
    var others = {};
    Object.keys(values).forEach(function (k) { if (SCOPED.indexOf(k) < 0) others[k] = values[k]; });
    var sDim = finder.byKey["trang-thai"], rDim = finder.byKey["ra-soat"], counts = {}, keys = [];
    select(finder.records, filters(finder.dims, others)).forEach(function (r) {
      var s = at(r, sDim)[0], v = at(r, rDim)[0];
      var codes = [finder.dims[sDim].options[s][0], finder.dims[rDim].options[v][0]];
      if ((status && status !== codes[0]) || (review && review !== codes[1])) {
        var key = s * 1000 + v;
        if (!(key in counts)) { counts[key] = 0; keys.push(key); }
        counts[key] += 1;
      }
    });
    if (keys.length) {
      keys.sort(function (a, b) { return a - b; });
      text += " Không tính vào đây: " + keys.map(function (key) {
        var s = Math.floor(key / 1000), v = key % 1000;
        return number(counts[key]) + " nội dung " + STATUS_WORDS[finder.dims[sDim].options[s][0]] + ", "
          + REVIEW_SHORT[finder.dims[rDim].options[v][0]];
      }).join("; ") + " (chọn ở bộ lọc “Trạng thái” và “Rà soát” để xem).";
    }
    return text;
  }

  /* A record's row of the records table (tdkt/site/award_page.py, records_html): the texts of its first
   * nine columns, and its source: [report id, report label, paragraph]. */
  var COLUMNS = ["Năm", "Hình thức, danh hiệu", "Cơ quan khen", "Đối tượng", "Số lượng", "Tên", "Trạng thái",
                 "Rà soát", "Đơn vị báo cáo", "Nguồn"];
  function recordRow(finder, r) {
    function one(key) {
      var d = finder.byKey[key], v = at(r, d);
      return v.length ? v.map(function (i) { return finder.dims[d].options[i][1]; }).join("; ") : "—";
    }
    var report = finder.reports[r[0]];
    return {
      cells: [one("nam"), one("hinh-thuc"), one("co-quan"), one("doi-tuong").toLowerCase(),
              r[2] === null ? UNKNOWN_COUNT : number(r[2]), r[3].length ? r[3].join("; ") : "—", one("trang-thai"),
              one("ra-soat"), report[2]],
      source: [report[0], report[1], r[1]],
    };
  }

  /* ------------------------------------------------------------------ the charts' data */

  /* The two charts (tdkt/site/award_page.py, charts): by year (oldest first) and by unit level, each stacked by
   * form. Title and description as the build draws the default view's SVG files. */
  var CHART_SERIES = 7, OTHER_FORMS = "Hình thức khác";  // award_page.py's CHART_SERIES: the rest are summed
  var CHARTS = [
    { key: "nam", file: "bieu-do-theo-nam.svg", horizontal: false,
      title: "Số lượng khen thưởng theo năm và hình thức",
      description: "Tổng số lượng (cá nhân, tập thể, hộ gia đình) đã tặng mà các báo cáo ghi nhận, theo năm mà nội "
                   + "dung ghi (không ghi thì năm của kỳ báo cáo); chỉ các nội dung đã được người rà soát đối chiếu với "
                   + "văn bản, không tính đề nghị, không tính nội dung không ghi số lượng.",
      what: "theo năm mà nội dung ghi (không ghi thì năm của kỳ báo cáo)" },
    { key: "cap", file: "bieu-do-theo-cap.svg", horizontal: true,
      title: "Số lượng khen thưởng theo cấp đơn vị báo cáo và hình thức",
      description: "Tổng số lượng đã tặng mà các báo cáo ghi nhận, theo cấp của đơn vị ban hành báo cáo; chỉ các nội "
                   + "dung đã được người rà soát, không tính đề nghị, không tính nội dung không ghi số lượng.",
      what: "theo cấp của đơn vị ban hành báo cáo" },
  ];

  /* Stated counts per option of dimension colDim, one series per form, the largest total first, the forms past
   * CHART_SERIES summed as "Hình thức khác" (award_page.py, _by_form): {categories, series: [{label, values}]}. */
  function byForm(finder, records, colDim) {
    var formDim = finder.byKey["hinh-thuc"], p = pivot(finder.dims, records, formDim, colDim);
    var order = p.rows.map(function (_, k) { return k; });
    order.sort(function (a, b) { return (p.rowTotals[p.rows[b]].total - p.rowTotals[p.rows[a]].total) || (a - b); });
    function values(ks) {
      return p.cols.map(function (j) {
        return ks.reduce(function (n, k) { var c = p.cells[p.rows[k] + "," + j]; return n + (c ? c.total : 0); }, 0);
      });
    }
    var series = order.slice(0, CHART_SERIES).map(function (k) {
      return { label: label(finder.dims, formDim, p.rows[k]), values: values([k]) };
    });
    if (order.length > CHART_SERIES) series.push({ label: OTHER_FORMS, values: values(order.slice(CHART_SERIES)) });
    return { categories: p.cols.map(function (j) { return label(finder.dims, colDim, j); }), series: series };
  }

  /* What charts-core.js's stackedBars draws for each of CHARTS over records: the build's arguments for the same
   * records (years oldest first). description: the build's unless a function (chart → text) is given. */
  function chartSpecs(finder, records, description) {
    return CHARTS.map(function (chart) {
      var data = byForm(finder, records, finder.byKey[chart.key]);
      if (chart.key === "nam") {  // the pivot lists years newest first
        data = { categories: data.categories.slice().reverse(),
                 series: data.series.map(function (s) { return { label: s.label, values: s.values.slice().reverse() }; }) };
      }
      return { title: chart.title, description: description ? description(chart) : chart.description,
               categories: data.categories, series: data.series, valueLabel: "Số lượng", horizontal: chart.horizontal };
    });
  }

  /* A chart's description for the records the filters select (values: {dimension key: option code, "" for
   * all}): what it adds up, the filters chosen besides status and review, and scopeText's sentence on those two. */
  function chartDescription(finder, values, chart) {
    var chosen = [];
    finder.dims.forEach(function (d) {
      var code = values[d.key];
      if (code && SCOPED.indexOf(d.key) < 0 && code in d.codeIndex) {
        chosen.push(d.label + ": " + d.options[d.codeIndex[code]][1]);
      }
    });
    return "Theo bộ lọc đang chọn" + (chosen.length ? " (" + chosen.join("; ") + ")" : "") + ": tổng số lượng mà các "
      + "báo cáo ghi nhận, " + chart.what + ", không tính nội dung không ghi số lượng. "
      + scopeText(finder, values, "Biểu đồ");
  }

  var core = { FIRST_DIM: FIRST_DIM, NOT_STATED: NOT_STATED, UNKNOWN_COUNT: UNKNOWN_COUNT, COLUMNS: COLUMNS,
               CHART_SERIES: CHART_SERIES, CHARTS: CHARTS, defaultValue: defaultValue, number: number, at: at,
               expand: expand, load: load, filters: filters, select: select, pivot: pivot, label: label,
               cellText: cellText, totalText: totalText, scopeText: scopeText, recordRow: recordRow, byForm: byForm,
               chartSpecs: chartSpecs, chartDescription: chartDescription };
  if (typeof module !== "undefined" && module.exports) module.exports = core;
  else root.tdktAwards = core;
})(this);
