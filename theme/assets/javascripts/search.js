/* The archive's search page (/tim-kiem/): lunr's scoring over an index split by term.
 *
 * The query and the filters live in the URL (?q=...&nam=2023&tinh=...), so a search can be
 * bookmarked and shared. A query fetches only the manifest, the shards holding its terms, the
 * facet table, and what the shown results need; everything fetched is kept for later queries.
 * Report text is always inserted as text nodes, never as HTML.
 *
 * The first half (`core`) is pure and also runs under node: tests/test_search_rank.py checks that
 * it ranks exactly as lunr.js 2.3.9's Index.query does on the whole index.
 */
(function (root) {
  "use strict";

  /* ================================================================== core: the index and its scoring */

  var NO_DOCS = { docs: new Int32Array(0), weights: new Float64Array(0) };

  /* The fetched part of the index. A shard's records are kept as parsed; a term's postings are turned
   * into typed arrays (documents ascending, weights as lunr holds them: ×1000 integers / 1000) the
   * first time a query needs them, so merging a shard costs one map entry per term. */
  function TermIndex(fieldCount) {
    this.fieldCount = fieldCount;
    this.records = new Map();
    this.postings = new Map();
  }
  TermIndex.prototype.addShard = function (records) {
    for (var i = 0; i < records.length; i++) this.records.set(records[i][0], records[i]);
  };
  TermIndex.prototype.posting = function (term) {
    var p = this.postings.get(term);
    if (p) return p;
    var rec = this.records.get(term);
    if (!rec) return null;
    p = { index: rec[1], fields: [] };
    for (var f = 0; f < this.fieldCount; f++) p.fields.push(NO_DOCS);
    for (var i = 2; i < rec.length; i++) p.fields[rec[i][0]] = decode(rec[i][1]);
    this.postings.set(term, p);
    return p;
  };

  /* [docDelta, weight×1000, ...] → documents and weights as typed arrays. */
  function decode(flat) {
    var n = flat.length >> 1, docs = new Int32Array(n), weights = new Float64Array(n);
    for (var j = 0, doc = 0; j < n; j++) {
      doc += flat[2 * j];
      docs[j] = doc;
      weights[j] = flat[2 * j + 1] / 1000;
    }
    return { docs: docs, weights: weights };
  }

  /* lunr.js 2.3.9's Index.query, for clauses that each name one exact term in one field
   * ({term, field: number, boost, required}), over documents 0 … docCount - 1. Returns the matching
   * documents in ascending order and the scores by document (rank() orders them).
   *
   * As lunr: a required term missing from the index matches nothing; a document must hold every
   * required term; the query vector of a field sums the boosts of its clauses per term; a document's
   * score adds, field by field, the dot product of that vector with the document's field vector
   * (summed in term-index order) divided by the query vector's magnitude; ties keep document order.
   * The floating-point operations are lunr's, in lunr's order, so scores are bit for bit the same.
   * One condition: the first clause is required (lunr then meets every result first in that
   * clause, in ascending document order, and fields in the order of their first clause). */
  function score(index, clauses, docCount) {
    var fieldTerms = [], fieldOrder = [], required = [], requiredKeys = new Set(), i, j;
    for (i = 0; i < index.fieldCount; i++) fieldTerms.push(new Map());
    for (i = 0; i < clauses.length; i++) {
      var c = clauses[i], p = index.posting(c.term);
      if (!p) {
        if (c.required) return { docs: new Int32Array(0), scores: new Float64Array(docCount) };
        continue;
      }
      var list = p.fields[c.field], key = c.field + "\u0000" + c.term;
      if (c.required && !requiredKeys.has(key)) { requiredKeys.add(key); required.push(list); }
      var terms = fieldTerms[c.field], entry = terms.get(p.index);
      if (entry) entry.boost += c.boost;
      else terms.set(p.index, { boost: c.boost, list: list });
      if (fieldOrder.indexOf(c.field) < 0) fieldOrder.push(c.field);
    }
    // the documents holding every required term (or, with none required, any term)
    var hits = new Int32Array(docCount), need = required.length;
    var lists = need ? required : [];
    if (!need) fieldTerms.forEach(function (t) { t.forEach(function (e) { lists.push(e.list); }); });
    for (i = 0; i < lists.length; i++) countHits(hits, lists[i].docs);
    var found = holding(hits, need), scores = new Float64Array(docCount), dot = new Float64Array(docCount);
    for (var o = 0; o < fieldOrder.length; o++) {
      var byIndex = fieldTerms[fieldOrder[o]], indexes = Array.from(byIndex.keys()).sort(function (a, b) { return a - b; });
      var sumOfSquares = 0, k, e;
      for (k = 0; k < indexes.length; k++) { e = byIndex.get(indexes[k]); sumOfSquares += e.boost * e.boost; }
      var magnitude = Math.sqrt(sumOfSquares);
      dot.fill(0);
      for (k = 0; k < indexes.length; k++) {
        e = byIndex.get(indexes[k]);
        addProducts(dot, e.list.docs, e.list.weights, e.boost);
      }
      addScores(scores, dot, found, magnitude);
    }
    return { docs: found, scores: scores };
  }

  // The loops of score(), each a small function of its own: the engine compiles a small hot loop
  // sooner and better than one inside a long function that runs once.
  function countHits(hits, docs) {
    for (var j = 0; j < docs.length; j++) hits[docs[j]]++;
  }
  function holding(hits, need) {  // the documents counted `need` times (need 0: at least once), ascending
    var count = 0;
    for (var i = 0; i < hits.length; i++) if (need ? hits[i] === need : hits[i] > 0) hits[count++] = i;
    return hits.slice(0, count);
  }
  function addProducts(dot, docs, weights, boost) {
    for (var j = 0; j < docs.length; j++) dot[docs[j]] += boost * weights[j];
  }
  function addScores(scores, dot, found, magnitude) {
    for (var j = 0; j < found.length; j++) { var d = found[j]; scores[d] += dot[d] / magnitude || 0; }
  }

  /* The first k of `docs` (ascending) best first: by score (none: in document order), ties in
   * document order, as lunr's stable sort leaves them. A short list is kept rather than sorting all. */
  function rank(docs, scores, k) {
    var n = docs.length, i;
    k = Math.min(k, n);
    if (!scores) return docs.slice(0, k);
    if (k * 16 >= n) {
      return docs.slice().sort(function (a, b) { return scores[b] - scores[a] || a - b; }).slice(0, k);
    }
    var best = new Int32Array(k), size = 0;
    for (i = 0; i < n; i++) {
      var d = docs[i], s = scores[d];
      if (size === k && s <= scores[best[k - 1]]) continue;  // a later doc wins only by a higher score
      var j = size < k ? size++ : k - 1;
      while (j > 0 && scores[best[j - 1]] < s) { best[j] = best[j - 1]; j--; }
      best[j] = d;
    }
    return best;
  }

  /* ------------------------------------------------------------------ facets as per-document codes */

  /* One facet, ready for counting: a single-valued facet keeps each document's value index
   * (`code`); a many-valued one keeps them CSR-style: values of doc d are vals[off[d]] … vals[off[d+1]-1].
   * On the wire a single facet is `codes` (one character per document) or `doc` (a value index per
   * document), a many-valued one `lists` (each document's characters, comma-separated) or `docs` (per
   * value, its documents as ascending deltas). Characters are value indexes + 0x30. */
  function prepareFacet(raw, docCount) {
    var f = { label: raw.label, values: raw.values || [], index: new Map(), code: null, off: null, vals: null };
    f.values.forEach(function (pair, i) { f.index.set(pair[0], i); });
    if (raw.codes !== undefined) {  // one character per document: its value index + 0x30
      f.code = codesOf(raw.codes, docCount);
      return f;
    }
    if (raw.doc) {
      f.code = Int32Array.from(raw.doc);
      return f;
    }
    if (raw.lists !== undefined) {  // each document's value characters, documents separated by commas
      f.off = new Int32Array(docCount + 1);
      f.vals = new Int32Array(raw.lists.length);
      listsOf(raw.lists, f.off, f.vals, docCount);
      return f;
    }
    var sizes = new Int32Array(docCount + 1), lists = raw.docs || [], i, j, doc;
    for (i = 0; i < lists.length; i++) for (j = 0, doc = 0; j < lists[i].length; j++) { doc += lists[i][j]; sizes[doc + 1]++; }
    for (i = 0; i < docCount; i++) sizes[i + 1] += sizes[i];
    f.off = sizes;
    f.vals = new Int32Array(sizes[docCount]);
    var fill = sizes.slice(0, docCount);
    for (i = 0; i < lists.length; i++) for (j = 0, doc = 0; j < lists[i].length; j++) { doc += lists[i][j]; f.vals[fill[doc]++] = i; }
    return f;
  }

  /* Filter `matches` by the chosen values of each facet and count every facet's values among the
   * matches that pass all the *other* facets' filters (a facet's own counts ignore its own choice).
   * chosen: {name: Uint8Array over that facet's values}. Returns {kept: Int32Array, counts: {name: Int32Array}}. */
  function facetCounts(facets, chosen, matches) {
    var names = Object.keys(chosen), n = matches.length, passed = new Uint8Array(n), full = (1 << names.length) - 1;
    var i, j, k, d;
    for (k = 0; k < names.length; k++) {
      var f = facets[names[k]], want = chosen[names[k]], bit = 1 << k;
      if (f.code) {
        for (i = 0; i < n; i++) if (want[f.code[matches[i]]]) passed[i] |= bit;
      } else {
        for (i = 0; i < n; i++) {
          d = matches[i];
          for (j = f.off[d]; j < f.off[d + 1]; j++) if (want[f.vals[j]]) { passed[i] |= bit; break; }
        }
      }
    }
    var kept = new Int32Array(n), count = 0;
    for (i = 0; i < n; i++) if (passed[i] === full) kept[count++] = matches[i];
    var counts = {};
    Object.keys(facets).forEach(function (name) {
      var f = facets[name], own = names.indexOf(name), needed = own < 0 ? full : full & ~(1 << own);
      var c = new Int32Array(f.values.length);
      if (f.code) countCodes(c, f.code, matches, passed, needed);
      else countLists(c, f.off, f.vals, matches, passed, needed);
      counts[name] = c;
    });
    return { kept: kept.slice(0, count), counts: counts };
  }

  function codesOf(text, docCount) {
    var code = new Int32Array(docCount);
    for (var d = 0; d < docCount; d++) code[d] = text.charCodeAt(d) - 0x30;
    return code;
  }
  function listsOf(text, off, vals, docCount) {
    var at = 0, doc = 0, c;
    for (var p = 0; p < text.length; p++) {
      c = text.charCodeAt(p);
      if (c === 0x2c) off[++doc] = at; else vals[at++] = c - 0x30;
    }
    off[docCount] = at;
  }
  function countCodes(c, code, matches, passed, needed) {
    for (var i = 0; i < matches.length; i++) if ((passed[i] & needed) === needed) c[code[matches[i]]]++;
  }
  function countLists(c, off, vals, matches, passed, needed) {
    for (var i = 0; i < matches.length; i++) {
      if ((passed[i] & needed) !== needed) continue;
      for (var j = off[matches[i]], end = off[matches[i] + 1]; j < end; j++) c[vals[j]]++;
    }
  }

  var core = { TermIndex: TermIndex, score: score, rank: rank, prepareFacet: prepareFacet, facetCounts: facetCounts };
  if (typeof module !== "undefined" && module.exports) { module.exports = core; return; }

  /* ================================================================== the page */

  var app = document.getElementById("tdkt-search");
  if (!app || !root.vnsearch) return;
  var v = root.vnsearch;
  var indexUrl = new URL(app.getAttribute("data-index"), document.baseURI);
  var siteUrl = new URL(app.getAttribute("data-root"), document.baseURI);
  var PAGE = 10, SHOWN_VALUES = 8;
  var FACETS = ["nam", "tinh", "don-vi", "cap", "loai", "phong-trao", "hinh-thuc"];
  var cache = new Map();
  var loadedShards = new Set();
  var terms = null;  // the TermIndex, once the manifest has come
  var form = app.querySelector("form"), input = app.querySelector("input[name=q]");
  var status = app.querySelector(".tdkt-status"), list = app.querySelector(".tdkt-results");
  var facetBox = app.querySelector(".tdkt-facets"), more = app.querySelector(".tdkt-more");
  var shown = 0, current = null, generation = 0;  // current: {docs (ascending), scores, ranked (a prefix)}
  // time spent in this script once data has arrived, JSON parsing included, in total and by phase
  // (data-work-ms, data-work: read by scripts/bench_search.py)
  var workMs = 0, phases = {}, depth = 0, inner = 0;
  function timed(fn, phase) {
    return function () {
      var t = performance.now(), outer = inner;
      inner = 0;
      depth++;
      try { return fn.apply(this, arguments); } finally {
        var dt = performance.now() - t;
        depth--;
        phases[phase] = (phases[phase] || 0) + dt - inner;  // its own time, not its timed callees'
        inner = outer + dt;
        if (!depth) workMs += dt;
      }
    };
  }
  var parseJson = timed(JSON.parse, "parse");

  function fetchJson(path) {
    if (!cache.has(path)) {
      cache.set(path, fetch(new URL(path, indexUrl)).then(function (r) {
        if (!r.ok) throw new Error(path + ": HTTP " + r.status);
        return r.text();
      }).then(parseJson));
    }
    return cache.get(path);
  }

  /* ------------------------------------------------------------------ the query */

  /* Words outside quotes are required words; quoted text is a phrase: its words and its pairs. */
  function parseQuery(q) {
    var phrases = [], rest = q.replace(/"([^"]*)"?/g, function (_, p) { phrases.push(p); return " "; });
    function term(token) { return { fold: v.fold(token), exact: v.exact(token)[0] }; }
    var loose = v.tokens(rest).map(function (t) { return term(t[0]); }), words = loose.slice(), pairs = [];
    phrases.forEach(function (p) {
      v.tokens(p).forEach(function (t) { words.push(term(t[0])); });
      pairs = pairs.concat(v.pairs(p));
    });
    return { terms: words, loose: new Set(loose.map(function (t) { return t.fold; })), pairs: pairs,
             pairSet: new Set(pairs) };
  }

  /* The query as lunr clauses: each word required (folded), its marked form optional with boost 2
   * (exact marks rank first), each phrase pair required. */
  function clauses(manifest, parsed) {
    var field = function (name) { return manifest.fields.indexOf(name); }, out = [];
    parsed.terms.forEach(function (t) {
      out.push({ term: t.fold, field: field("words"), boost: 1, required: true });
      if (t.exact) out.push({ term: t.exact, field: field("exact"), boost: 2, required: false });
    });
    parsed.pairs.forEach(function (p) { out.push({ term: p, field: field("pairs"), boost: 1, required: true }); });
    return out;
  }

  /* Token indexes of `text` to highlight: loose words anywhere, quoted words only as phrases. */
  function hitsIn(text, parsed) {
    var hits = v.pairHits(text, parsed.pairSet);
    v.tokens(text).forEach(function (t, i) { if (parsed.loose.has(v.fold(t[0]))) hits.add(i); });
    return hits;
  }

  function shardFor(manifest, term) {
    var lo = 0, hi = manifest.shards.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (manifest.shards[mid] <= term) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  function loadTerms(manifest, wanted) {
    var shards = new Set(), loads = [];
    wanted.forEach(function (t) { shards.add(shardFor(manifest, t.term)); });
    shards.forEach(function (n) {
      if (!loadedShards.has(n)) {
        loadedShards.add(n);
        loads.push(fetchJson("t/" + n + ".json").then(timed(function (records) { terms.addShard(records); }, "shards")));
      }
    });
    return Promise.all(loads);
  }

  /* ------------------------------------------------------------------ filters and facets */

  var preparedFacets = null;
  function facetsFor(manifest) {
    if (!preparedFacets) {
      preparedFacets = fetchJson("facets.json").then(timed(function (raw) {
        var out = {};
        Object.keys(raw).forEach(function (name) { if (!raw[name].by) out[name] = prepareFacet(raw[name], manifest.docs); });
        return out;
      }, "facets"));
    }
    return preparedFacets;
  }

  /* The unit facet: only for the chosen provinces (one small file each). */
  function unitFacetFor(manifest, sel) {
    if (!sel.tinh) return Promise.resolve(null);
    var provinces = Array.from(sel.tinh).sort();
    return Promise.all(provinces.map(function (p) { return fetchJson("f/" + p + ".json"); })).then(timed(function (parts) {
      var raw = { label: "Đơn vị", values: [], docs: [] };
      parts.forEach(function (part) { raw.values = raw.values.concat(part.values); raw.docs = raw.docs.concat(part.docs); });
      return prepareFacet(raw, manifest.docs);
    }, "facets"));
  }

  function selected() {
    var params = new URLSearchParams(location.search), out = {};
    FACETS.forEach(function (f) { var vals = params.getAll(f); if (vals.length) out[f] = new Set(vals); });
    return out;
  }

  /* The selection as a mark per value of each facet (a value unknown to the index matches nothing). */
  function chosenValues(facets, sel) {
    var out = {};
    Object.keys(sel).forEach(function (name) {
      var f = facets[name];
      if (!f) return;
      var marks = new Uint8Array(f.values.length);
      sel[name].forEach(function (key) { if (f.index.has(key)) marks[f.index.get(key)] = 1; });
      out[name] = marks;
    });
    return out;
  }

  function facetLabel(name, f, i, count, checked) {
    var pair = f.values[i], label = document.createElement("label");
    var check = document.createElement("input");
    check.type = "checkbox";
    check.value = pair[0];
    check.checked = checked;
    check.addEventListener("change", function () { toggle(name, pair[0], check.checked); });
    label.appendChild(check);
    label.appendChild(document.createTextNode(" " + pair[1] + " "));
    var n = document.createElement("span");
    n.className = "tdkt-facet-count";
    n.textContent = "(" + count + ")";
    label.appendChild(n);
    return label;
  }

  function renderFacets(facets, chosen, counts) {
    var boxes = document.createDocumentFragment();
    FACETS.forEach(function (name) {
      var f = facets[name];
      if (!f) {
        if (name === "don-vi") {
          var hint = document.createElement("p");
          hint.className = "tdkt-facet-hint";
          hint.textContent = "Chọn tỉnh, thành phố để lọc theo đơn vị.";
          boxes.appendChild(hint);
        }
        return;
      }
      var c = counts[name], marks = chosen[name] || new Uint8Array(f.values.length), order = [];
      for (var i = 0; i < f.values.length; i++) if (c[i] || marks[i]) order.push(i);
      if (!order.length) return;
      order.sort(function (a, b) { return c[b] - c[a] || a - b; });  // values come in Vietnamese order
      var box = document.createElement("fieldset");
      box.className = "tdkt-facet";
      box.setAttribute("data-facet", name);
      var legend = document.createElement("legend");
      legend.textContent = f.label;
      box.appendChild(legend);
      // the most frequent values and the chosen ones; the rest are made only when asked for
      var shownNow = order.filter(function (i, rank) { return rank < SHOWN_VALUES || marks[i]; });
      var later = order.filter(function (i, rank) { return rank >= SHOWN_VALUES && !marks[i]; });
      shownNow.forEach(function (i) { box.appendChild(facetLabel(name, f, i, c[i], marks[i] === 1)); });
      if (later.length) {
        var all = document.createElement("button");
        all.type = "button";
        all.className = "tdkt-facet-all";
        all.textContent = "Xem tất cả (" + order.length + ")";
        all.addEventListener("click", function () {
          later.forEach(function (i) { box.insertBefore(facetLabel(name, f, i, c[i], marks[i] === 1), all); });
          all.remove();
        });
        box.appendChild(all);
      }
      boxes.appendChild(box);
    });
    facetBox.replaceChildren(boxes);
  }

  function toggle(name, value, on) {
    var params = new URLSearchParams(location.search), vals = params.getAll(name);
    params.delete(name);
    vals.filter(function (x) { return x !== value; }).forEach(function (x) { params.append(name, x); });
    if (on) params.append(name, value);
    if (name === "tinh" && !params.getAll("tinh").length) params.delete("don-vi");  // units follow provinces
    history.pushState(null, "", "?" + params.toString());
    search();
  }

  /* ------------------------------------------------------------------ results */

  /* The paragraph to show: the one holding most of the query (each loose word 1, each phrase pair 2;
   * the first such on a tie). Tested on the folded text with one regular expression per word or pair
   * (a whole token; a pair: two tokens apart only by spaces, as vnsearch.pairs makes them). */
  var WORD_EDGE = "[\\p{L}\\p{N}]", SPACES = "[ \\t\\n\\r\\f\\v\\u00a0]+";
  function whole(pattern) { return new RegExp("(?<!" + WORD_EDGE + ")" + pattern + "(?!" + WORD_EDGE + ")", "u"); }
  function escaped(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  function bestBlock(blocks, parsed) {
    var syllables = Array.from(parsed.loose), tests = [];
    parsed.loose.forEach(function (w) { tests.push([whole(escaped(w)), 1]); });
    parsed.pairs.forEach(function (p) {
      var two = p.split("_");
      syllables = syllables.concat(two);
      tests.push([whole(escaped(two[0]) + SPACES + escaped(two[1])), 2]);
    });
    var best = null, bestScore = 0, most = 0, j;
    for (j = 0; j < tests.length; j++) most += tests[j][1];
    // in order, so the first block holding the whole query wins and ends the search
    for (var i = 0; i < blocks.length && bestScore < most; i++) {
      // cheap test first: a block whose folded text holds none of the query's syllables cannot win
      var folded = v.fold(blocks[i][1]), score = 0;
      for (j = 0; j < syllables.length; j++) if (folded.indexOf(syllables[j]) >= 0) break;
      if (j === syllables.length) continue;
      for (j = 0; j < tests.length; j++) if (tests[j][0].test(folded)) score += tests[j][1];
      if (score > bestScore) { best = blocks[i]; bestScore = score; }
    }
    return best;
  }

  /* Fill `el` with the text around the first hit, hits wrapped in <mark> (text nodes only). */
  function snippet(el, text, parsed) {
    var toks = v.tokens(text), hitSet = hitsIn(text, parsed);
    var hits = toks.filter(function (t, i) { return hitSet.has(i); });
    var from = hits.length ? Math.max(0, hits[0][1] - 80) : 0, to = Math.min(text.length, from + 260);
    if (from > 0) { var sp = text.indexOf(" ", from); if (sp > 0 && sp < hits[0][1]) from = sp + 1; }
    var at = from;
    el.appendChild(document.createTextNode(from > 0 ? "… " : ""));
    hits.forEach(function (t) {
      if (t[1] < at || t[2] > to) return;
      el.appendChild(document.createTextNode(text.slice(at, t[1])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(t[1], t[2]);
      el.appendChild(mark);
      at = t[2];
    });
    el.appendChild(document.createTextNode(text.slice(at, to) + (to < text.length ? " …" : "")));
  }

  /* One result: its item is placed at once (the order is fixed), filled when its files come:
   * the results chunk, and (with a query) the report's paragraphs, for the snippet. */
  function renderResult(manifest, doc, parsed, q) {
    var li = document.createElement("li");
    li.className = "tdkt-result";
    list.appendChild(li);
    // with a query, one file per result (its entry and paragraphs); browsing, the entries of 50 reports
    var chunk = Math.floor(doc / manifest.chunk);
    var file = parsed.terms.length ? fetchJson("p/" + doc + ".json")
      : fetchJson("d/" + chunk + ".json").then(function (entries) { return [entries[doc - chunk * manifest.chunk], null]; });
    return file.then(timed(function (got) {
        var entry = got[0], blocks = got[1];
        var block = blocks ? bestBlock(blocks, parsed) : null;
        var link = new URL(entry[0], siteUrl);
        if (q) link.searchParams.set("q", q);
        if (block) link.hash = "p-" + block[0];
        var a = document.createElement("a");
        a.href = link.pathname + link.search + link.hash;
        a.className = "tdkt-result-title";
        a.textContent = entry[1];
        var h = document.createElement("h3");
        h.appendChild(a);
        li.appendChild(h);
        var meta = document.createElement("p");
        meta.className = "tdkt-result-meta";
        meta.textContent = [entry[2], entry[3], entry[4] || "không ghi ngày", entry[5]].join(" · ") +
          (entry[6] === "ocr" ? " · văn bản OCR" : entry[6] === "ocr-restored" ? " · OCR, dấu do máy khôi phục" : "");
        li.appendChild(meta);
        if (block) {
          var p = document.createElement("p");
          p.className = "tdkt-snippet";
          snippet(p, block[1], parsed);
          li.appendChild(p);
        }
      }, "results"));
  }

  function showMore(manifest, parsed, q) {
    // the first page needs only the best ten; asked for more, the whole ranking is made once
    if (current.ranked.length < Math.min(shown + PAGE, current.docs.length)) {
      current.ranked = rank(current.docs, current.scores, shown ? current.docs.length : PAGE);
    }
    var next = Array.from(current.ranked.subarray(shown, shown + PAGE));
    shown += next.length;
    more.hidden = shown >= current.docs.length;
    return Promise.all(next.map(function (doc) { return renderResult(manifest, doc, parsed, q); }));
  }

  function search() {
    var params = new URLSearchParams(location.search), q = (params.get("q") || "").trim();
    var mine = ++generation;
    input.value = q;
    var started = performance.now();
    workMs = 0;
    phases = {};
    app.setAttribute("data-state", "busy");
    var parsed = parseQuery(q);
    status.textContent = "Đang tìm…";
    return fetchJson("manifest.json").then(function (manifest) {
      if (!terms) terms = new TermIndex(manifest.fields.length);
      var wanted = clauses(manifest, parsed), sel = selected();
      return Promise.all([loadTerms(manifest, wanted), facetsFor(manifest), unitFacetFor(manifest, sel)])
        .then(timed(function (got) {
        if (mine !== generation) return null;  // a newer search has started: it will draw the page
        var facets = Object.assign({}, got[1]);
        if (got[2]) facets["don-vi"] = got[2];
        var scored = wanted.length ? timed(score, "score")(terms, wanted, manifest.docs)
          : { docs: Int32Array.from({ length: manifest.docs }, function (_, i) { return i; }), scores: null };
        var chosen = chosenValues(facets, sel), counted = timed(facetCounts, "count")(facets, chosen, scored.docs);
        current = { docs: counted.kept, scores: scored.scores, ranked: new Int32Array(0) };
        timed(renderFacets, "render")(facets, chosen, counted.counts);
        var ms = Math.round(performance.now() - started);
        status.textContent = current.docs.length + " kết quả" + (q ? " cho “" + q + "”" : "") + " (" + ms + " ms)";
        list.textContent = "";
        shown = 0;
        return showMore(manifest, parsed, q);
      }, "query")).then(function () {
        if (mine !== generation) return;
        app.setAttribute("data-work-ms", workMs.toFixed(1));
        app.setAttribute("data-work", Object.keys(phases).map(function (k) { return k + " " + phases[k].toFixed(1); }).join(", "));
        app.setAttribute("data-runs", String((+app.getAttribute("data-runs") || 0) + 1));
        app.setAttribute("data-state", "done");
      });
    }).catch(function (err) {
      status.textContent = "Không tải được chỉ mục tìm kiếm: " + err.message;
      app.setAttribute("data-state", "error");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var params = new URLSearchParams(location.search);
    params.set("q", input.value.trim());
    history.pushState(null, "", "?" + params.toString());
    search();
  });
  more.addEventListener("click", function () {
    fetchJson("manifest.json").then(function (m) {
      var q = (new URLSearchParams(location.search).get("q") || "").trim();
      showMore(m, parseQuery(q), q);
    });
  });
  window.addEventListener("popstate", search);
  app.classList.add("tdkt-ready");
  search();
})(this);
