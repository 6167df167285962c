// Driver for tests/test_js_cores.py: runs khen-thuong-core.js (the finder's counting) on a job read from
// stdin and writes what it made as JSON. Job: {finder: ban-ghi.json as the build writes it, queries:
// [{filters: {dimension key: option code}, rows: key, cols: key}], defaults: [select names] (optional)}.
// Per query: the sentence saying what is counted (scopeText), the matching records
// (their [report id, paragraph], in the order the page lists them), the records table's rows, and the
// pivot by labels: rows, cols, cells ([total, records, incomplete] or null), the totals, the printed texts.
"use strict";
const path = require("path");
const core = require(path.join(__dirname, "..", "..", "theme", "assets", "javascripts", "khen-thuong-core.js"));

const job = JSON.parse(require("fs").readFileSync(0, "utf8"));
const finder = core.load(job.finder);
const plain = (c) => (c ? [c.total, c.records, c.unknown] : null);

const out = job.queries.map((q) => {
  const matching = core.select(finder.records, core.filters(finder.dims, q.filters));
  const rowDim = finder.byKey[q.rows], colDim = finder.byKey[q.cols];
  const p = core.pivot(finder.dims, matching, rowDim, colDim);
  return {
    scope: core.scopeText(finder, q.filters),
    records: matching.map((r) => [finder.reports[r[0]][0], r[1]]),
    table: matching.map((r) => core.recordRow(finder, r)),
    pivot: {
      rows: p.rows.map((i) => core.label(finder.dims, rowDim, i)),
      cols: p.cols.map((j) => core.label(finder.dims, colDim, j)),
      cells: p.rows.map((i) => p.cols.map((j) => plain(p.cells[i + "," + j]))),
      rowTotals: p.rows.map((i) => plain(p.rowTotals[i])),
      colTotals: p.cols.map((j) => plain(p.colTotals[j])),
      total: plain(p.total), totalText: p.total.records ? core.totalText(p.total) : null,
      // the table's numbers as printed, row by row with the row's total, then the totals line
      texts: p.rows.map((i) => p.cols.map((j) => core.cellText(p.cells[i + "," + j])).concat([core.cellText(p.rowTotals[i])]))
        .concat([p.cols.map((j) => core.cellText(p.colTotals[j])).concat([core.cellText(p.total)])]),
    },
  };
});
process.stdout.write(JSON.stringify(job.defaults
  ? { defaults: Object.fromEntries(job.defaults.map((n) => [n, core.defaultValue(finder, n)])), queries: out }
  : out));
