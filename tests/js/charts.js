// Driver for tests/test_js_charts.py: runs charts-core.js (the SVG charts) and khen-thuong-core.js's chart data on a
// job read from stdin and writes what they made as JSON. Job: {charts: [stackedBars arguments], numbers: [x],
// finder: ban-ghi.json as the build writes it, queries: [{filters: {dimension key: option code}}]} (each part
// optional). Answer: {charts: [SVG string or {error}], fixed: [fixed2(x)], clean: [clean(s)], widths: [[w, bold w]],
// axes: [niceAxis(n)], queries: [{specs: chartSpecs, svgs: [SVG strings], descriptions: [chartDescription]}],
// tables: {combining, wide}}.
"use strict";
const path = require("path");
const dir = path.join(__dirname, "..", "..", "theme", "assets", "javascripts");
const charts = require(path.join(dir, "charts-core.js"));
const awards = require(path.join(dir, "khen-thuong-core.js"));

const job = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = { tables: { combining: charts.COMBINING, wide: charts.WIDE } };
out.charts = (job.charts || []).map((o) => {
  try {
    return charts.stackedBars(o);
  } catch (e) {
    return { error: e.message };
  }
});
out.fixed = (job.numbers || []).map(charts.fixed2);
out.clean = (job.texts || []).map(charts.clean);
out.widths = (job.texts || []).map((s) => [charts.textWidth(s, 12), charts.textWidth(s, 16, true)]);
out.axes = (job.peaks || []).map(charts.niceAxis);
if (job.finder) {
  const finder = awards.load(job.finder);
  out.queries = job.queries.map((q) => {
    const records = awards.select(finder.records, awards.filters(finder.dims, q.filters));
    const specs = awards.chartSpecs(finder, records);
    return {
      specs: specs,
      svgs: specs.map(charts.stackedBars),
      descriptions: awards.CHARTS.map((c) => awards.chartDescription(finder, q.filters, c)),
    };
  });
}
process.stdout.write(JSON.stringify(out));
