// Driver for tests/test_js_cores.py: runs search-core.js (the search page's pure half) on a job read
// from stdin and writes what it made as JSON. Each key of the job is one task; the answer has the same keys.
//   clauses:  {fields, queries: [typed text]} → each query's lunr clauses (parseQuery + clauses)
//   search:   {fields, docs, keys, shards: [shard text], queries} → per query, as the page does it: the shards
//             it loads (shardFor on each clause's term) and the ranking over them: [[doc, score], ...]
//   shardFor: {keys, terms} → each term's shard
//   facets:   {docs, facets: facets.json, units: {province: f/<province>.json}, cases: [{sel: {facet: [keys]},
//             matches: [doc] or null for all}]} → per case: the kept documents and each facet's nonzero counts by key
//   snippets: [{query, blocks: [[number, text]]}] → the best block's number (or null) and its snippet parts
//   suggest:  {fields, docs, keys, shards: [shard text], queries} → per query, what the page offers when nothing is
//             found (the unknown words' neighbouring shards loaded, as the page does)
//   edits:    [[a, b, max]] → the edits between a and b (max + 1 past max)
//   meta:     [result entry of d/<n>.json] → the line under each result's title
"use strict";
const path = require("path");
const core = require(path.join(__dirname, "..", "..", "theme", "assets", "javascripts", "search-core.js"));

const job = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = {};

if (job.clauses) {
  out.clauses = job.clauses.queries.map((q) => core.clauses(job.clauses.fields, core.parseQuery(q)));
}

if (job.search) {
  const s = job.search;
  out.search = s.queries.map((q) => {
    const terms = new core.TermIndex(s.fields.length);  // a fresh page for each query: only its shards
    const wanted = core.clauses(s.fields, core.parseQuery(q));
    const loaded = Array.from(new Set(wanted.map((c) => core.shardFor(s.keys, c.term)))).sort((a, b) => a - b);
    loaded.forEach((n) => terms.addShard(JSON.parse(s.shards[n])));
    const found = core.score(terms, wanted, s.docs);
    const ranked = Array.from(core.rank(found.docs, found.scores, found.docs.length));
    return { loaded: loaded, ranking: ranked.map((d) => [d, found.scores[d]]) };
  });
}

if (job.meta) {
  out.meta = job.meta.map(core.resultMeta);
}

if (job.shardFor) {
  out.shardFor = job.shardFor.terms.map((t) => core.shardFor(job.shardFor.keys, t));
}

if (job.facets) {
  const f = job.facets;
  out.facets = f.cases.map((c) => {
    const facets = {};
    Object.keys(f.facets).forEach((name) => { if (!f.facets[name].by) facets[name] = core.prepareFacet(f.facets[name], f.docs); });
    const sel = {};
    Object.keys(c.sel).forEach((name) => { sel[name] = new Set(c.sel[name]); });
    if (sel.tinh) {  // as the page: the unit facet of the chosen provinces, in sorted order
      const parts = Array.from(sel.tinh).sort().map((p) => f.units[p]);
      facets["don-vi"] = core.prepareFacet(core.joinUnitFiles(parts), f.docs);
    }
    const matches = c.matches === null ? Int32Array.from({ length: f.docs }, (_, i) => i) : Int32Array.from(c.matches);
    const counted = core.facetCounts(facets, core.chosenValues(facets, sel), matches);
    const counts = {};
    Object.keys(counted.counts).forEach((name) => {
      counts[name] = {};
      counted.counts[name].forEach((n, i) => { if (n) counts[name][facets[name].values[i][0]] = n; });
    });
    return { kept: Array.from(counted.kept), counts: counts };
  });
}

if (job.snippets) {
  out.snippets = job.snippets.map((c) => {
    const parsed = core.parseQuery(c.query), block = core.bestBlock(c.blocks, parsed);
    return { block: block ? block[0] : null, parts: block ? core.snippetParts(block[1], parsed) : null };
  });
}

if (job.suggest) {
  const s = job.suggest;
  out.suggest = s.queries.map((q) => {
    const terms = new core.TermIndex(s.fields.length), parsed = core.parseQuery(q);
    const wanted = core.clauses(s.fields, parsed);
    new Set(wanted.map((c) => core.shardFor(s.keys, c.term))).forEach((n) => terms.addShard(JSON.parse(s.shards[n])));
    // as the page does when nothing is found: the unknown words' neighbouring shards too
    if (!core.score(terms, wanted, s.docs || 1).docs.length) {
      core.neighbourShards(s.keys, parsed, terms).forEach((n) => terms.addShard(JSON.parse(s.shards[n])));
    }
    return core.suggest(terms, parsed, s.fields);
  });
}

if (job.edits) {
  out.edits = job.edits.map((e) => core.edits(e[0], e[1], e[2]));
}

process.stdout.write(JSON.stringify(out));
