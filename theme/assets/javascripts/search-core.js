/* The archive's search (/tim-kiem/) without the page: no DOM, no window, no fetch.
 *
 * lunr's scoring over an index split by term (TermIndex, score, rank: tests/search/test_rank.py
 * checks that they rank exactly as lunr.js 2.3.9's Index.query does on the whole index), facets as
 * per-document codes (prepareFacet, facetCounts), a typed query as lunr clauses (parseQuery,
 * clauses), the shard holding a term (shardFor), the paragraph to show and its highlighted parts
 * (bestBlock, snippetParts). The text analysis is vnsearch.js's (tdkt/search/analysis.py's twin).
 * Loaded as a classic script (after vnsearch.js) it sets window.tdktSearch, which search.js (the
 * page) uses; under node it is the module's exports, and tests/test_js_cores.py runs it against the
 * Python that builds the index.
 */
(function (root) {
  "use strict";

  var NODE = typeof module !== "undefined" && module.exports;
  var vnsearch = NODE ? require("./vnsearch.js") : null;
  function vn() { return vnsearch || root.vnsearch; }

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

  /* The selection in a URL's query string: {facet: Set of value keys}, for the facets named. */
  function selection(search, names) {
    var params = new URLSearchParams(search), out = {};
    names.forEach(function (f) { var vals = params.getAll(f); if (vals.length) out[f] = new Set(vals); });
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

  /* The unit facet of the chosen provinces: their files (f/<province>.json, each {values, docs})
   * joined in the order given, as one raw facet for prepareFacet. */
  function joinUnitFiles(parts) {
    var raw = { label: "Đơn vị", values: [], docs: [] };
    parts.forEach(function (part) { raw.values = raw.values.concat(part.values); raw.docs = raw.docs.concat(part.docs); });
    return raw;
  }

  /* ------------------------------------------------------------------ the query */

  /* Words outside quotes are required words; quoted text is a phrase: its words and its pairs. */
  function parseQuery(q) {
    var v = vn(), phrases = [], rest = q.replace(/"([^"]*)"?/g, function (_, p) { phrases.push(p); return " "; });
    // a token is the words it reads as (vnsearch's variants: "UBND" is uy ban nhan dan, "sỹ" is si); its
    // marked form counts only when it is one word
    function terms(token) {
      var read = v.variant(v.fold(token));
      if (read.length > 1) return read.map(function (w) { return { fold: w, exact: undefined }; });
      return [{ fold: read[0], exact: v.exact(token)[0] }];
    }
    var loose = [], words, pairs = [], shown = new Set();
    v.tokens(rest).forEach(function (t) { loose = loose.concat(terms(t[0])); shown.add(v.fold(t[0])); });
    words = loose.slice();
    phrases.forEach(function (p) {
      v.tokens(p).forEach(function (t) { words = words.concat(terms(t[0])); });
      pairs = pairs.concat(v.pairs(p));
    });
    loose.forEach(function (t) { shown.add(t.fold); });
    // unquoted words typed side by side ("Cẩm Xuyên") rank documents where they stand side by side first
    var near = v.pairs(rest).filter(function (p) { return pairs.indexOf(p) < 0; });
    return { terms: words, loose: shown, pairs: pairs, pairSet: new Set(pairs), near: near, numbers: v.queryNumbers(q) };
  }

  /* The query as lunr clauses: each word required (folded), its marked form optional with boost 2
   * (exact marks rank first), each phrase pair required, each pair of unquoted words typed side by side
   * optional with boost NEAR_BOOST (a Vietnamese word is several syllables: "Cẩm Xuyên" together ranks above
   * "cẩm" and "xuyên" scattered); then, optional, each pair in the `meta` field (title, unit, issuer, award
   * forms) and each number the query asks for in the `number` field: those fields' weights
   * carry lunr's field boosts (tdkt/search/index.py BOOSTS), so the report whose title, unit or number it is
   * ranks first. fields: the manifest's field names (an index without meta or number gets no such clause). */
  var NEAR_BOOST = 3;
  function clauses(fields, parsed) {
    var field = function (name) { return fields.indexOf(name); }, out = [];
    parsed.terms.forEach(function (t) {
      out.push({ term: t.fold, field: field("words"), boost: 1, required: true });
      if (t.exact) out.push({ term: t.exact, field: field("exact"), boost: 2, required: false });
    });
    parsed.pairs.forEach(function (p) { out.push({ term: p, field: field("pairs"), boost: 1, required: true }); });
    var near = parsed.near || [];
    near.forEach(function (p) {
      out.push({ term: p, field: field("pairs"), boost: NEAR_BOOST, required: false });
    });
    var meta = field("meta"), number = field("number");
    if (meta >= 0) {
      parsed.pairs.concat(near).forEach(function (p) { out.push({ term: p, field: meta, boost: 1, required: false }); });
    }
    if (number >= 0) {
      (parsed.numbers || []).forEach(function (n) { out.push({ term: n, field: number, boost: 1, required: false }); });
    }
    return out;
  }

  /* The shard holding `term`: the last whose key (the manifest's `shards`, ascending) is <= term. */
  function shardFor(keys, term) {
    var lo = 0, hi = keys.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (keys[mid] <= term) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  /* ------------------------------------------------------------------ results */

  /* Token indexes of `text` to highlight: loose words anywhere, quoted words only as phrases. */
  function hitsIn(text, parsed) {
    var v = vn(), hits = v.pairHits(text, parsed.pairSet);
    v.tokens(text).forEach(function (t, i) {
      var f = v.fold(t[0]), read = v.variant(f);
      if (parsed.loose.has(f) || (read.length === 1 && parsed.loose.has(read[0]))) hits.add(i);
    });
    return hits;
  }

  /* The paragraph to show: the one holding most of the query (each loose word 1, each phrase pair 2;
   * the first such on a tie). Tested on the folded text with one regular expression per word or pair
   * (a whole token; a pair: two tokens apart only by spaces, as vnsearch.pairs makes them).
   * blocks: [[number, text], ...]; null when none holds any of it. */
  var WORD_EDGE = "[\\p{L}\\p{N}]", SPACES = "[ \\t\\n\\r\\f\\v\\u00a0]+";
  function whole(pattern) { return new RegExp("(?<!" + WORD_EDGE + ")" + pattern + "(?!" + WORD_EDGE + ")", "u"); }
  function escaped(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  function bestBlock(blocks, parsed) {
    var v = vn(), syllables = Array.from(parsed.loose), tests = [];
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

  /* The snippet of `text`: the text around the first hit, as [text, marked] parts in order (the page
   * wraps the marked ones in <mark>); "… " / " …" where the text is cut. */
  function snippetParts(text, parsed) {
    var toks = vn().tokens(text), hitSet = hitsIn(text, parsed), parts = [];
    var hits = toks.filter(function (t, i) { return hitSet.has(i); });
    var from = hits.length ? Math.max(0, hits[0][1] - 80) : 0, to = Math.min(text.length, from + 260);
    if (from > 0) { var sp = text.indexOf(" ", from); if (sp > 0 && sp < hits[0][1]) from = sp + 1; }
    var at = from;
    parts.push([from > 0 ? "… " : "", false]);
    hits.forEach(function (t) {
      if (t[1] < at || t[2] > to) return;
      parts.push([text.slice(at, t[1]), false]);
      parts.push([text.slice(t[1], t[2]), true]);
      at = t[2];
    });
    parts.push([text.slice(at, to) + (to < text.length ? " …" : ""), false]);
    return parts;
  }

  /* Edits between a and b (insert, delete, replace, swap two neighbours), or max + 1 once it passes max. */
  function edits(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var low = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
        cur.push(d);
        if (d < low) low = d;
      }
      if (low > max) return max + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  /* When a query finds nothing: the query with each word the index does not hold replaced by the nearest word
   * it does hold (one edit for a short word, two for a longer one; the fewest edits, then the word most
   * documents hold; among the loaded shards, which hold the words alphabetically near it), or "" when there is
   * none. Words are folded: "khen thuogn" → "khen thuong". */
  function suggest(terms, parsed, fields) {
    var words = fields.indexOf("words"), changed = false;
    var out = parsed.terms.map(function (t) {
      if (terms.records.has(t.fold)) return t.fold;
      var max = t.fold.length <= 4 ? 1 : 2, best = null, bestD = max + 1, bestDocs = 0;
      terms.records.forEach(function (rec, key) {
        var inWords = rec.slice(2).filter(function (f) { return f[0] === words; })[0];
        if (key.indexOf("_") >= 0 || !inWords) return;
        var d = edits(t.fold, key, max), docs = inWords[1].length >> 1;  // ties: the word more documents hold
        if (d > max) return;
        if (d < bestD || (d === bestD && (docs > bestDocs || (docs === bestDocs && key < best)))) {
          best = key; bestD = d; bestDocs = docs;
        }
      });
      if (best === null) return null;
      changed = true;
      return best;
    });
    return changed && out.every(function (w) { return w !== null; }) ? out.join(" ") : "";
  }

  /* The shards to load before suggest(): for each word the index does not hold, the shards either side of its
   * own (a word one edit away can sort across a shard's end), those not loaded yet. keys: the manifest's shards. */
  function neighbourShards(keys, parsed, terms) {
    var out = [];
    parsed.terms.forEach(function (t) {
      if (terms.records.has(t.fold)) return;
      var n = shardFor(keys, t.fold);
      [n - 1, n + 1].forEach(function (m) { if (m >= 0 && m < keys.length && out.indexOf(m) < 0) out.push(m); });
    });
    return out;
  }

  /* The line under a result's title, from its entry in d/<chunk>.json or p/<doc>.json; what a report lacks (a
   * unit) is left out, not shown as an empty place between two dots. */
  function resultMeta(entry) {
    return [entry[2], entry[3], entry[4] || "không ghi ngày", entry[5]].filter(Boolean).join(" · ") +
      (entry[6] === "ocr" ? " · văn bản OCR" : entry[6] === "ocr-restored" ? " · OCR, dấu do máy khôi phục" : "");
  }

  var core = { TermIndex: TermIndex, score: score, rank: rank, prepareFacet: prepareFacet, facetCounts: facetCounts,
               selection: selection, chosenValues: chosenValues, joinUnitFiles: joinUnitFiles, parseQuery: parseQuery,
               clauses: clauses, shardFor: shardFor, hitsIn: hitsIn, bestBlock: bestBlock, snippetParts: snippetParts,
               resultMeta: resultMeta, edits: edits, suggest: suggest,
               neighbourShards: neighbourShards };
  if (NODE) module.exports = core;
  else root.tdktSearch = core;
})(this);
