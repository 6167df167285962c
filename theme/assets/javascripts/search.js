/* The archive's search page (/tim-kiem/): lunr.js over an index split by term.
 *
 * The query and the filters live in the URL (?q=...&nam=2023&tinh=...), so a search can be
 * bookmarked and shared. A query fetches only the manifest, the shards holding its terms, the
 * facet table, and what the shown results need; everything fetched is kept for later queries.
 * Report text is always inserted as text nodes, never as HTML.
 */
(function () {
  "use strict";
  var app = document.getElementById("tdkt-search");
  if (!app || !window.lunr || !window.vnsearch) return;
  var v = window.vnsearch;

  // lunr collects per-document match metadata (positions and the like) that this page never reads:
  // it finds the passage to show itself. At ten thousand matches those objects cost more than the
  // scoring, so they are replaced by ones that keep nothing. Scores are unchanged.
  function NoMatchData() {}
  NoMatchData.prototype.add = function () {};
  NoMatchData.prototype.combine = function () {};
  lunr.MatchData = NoMatchData;
  var indexUrl = new URL(app.getAttribute("data-index"), document.baseURI);
  var siteUrl = new URL(app.getAttribute("data-root"), document.baseURI);
  var FIELDS = null, PAGE = 10;
  var FACETS = ["nam", "tinh", "don-vi", "cap", "loai", "phong-trao"];
  var cache = new Map();
  var loadedShards = new Set();
  var inverted = Object.create(null), vectors = Object.create(null);
  var form = app.querySelector("form"), input = app.querySelector("input[name=q]");
  var status = app.querySelector(".tdkt-status"), list = app.querySelector(".tdkt-results");
  var facetBox = app.querySelector(".tdkt-facets"), more = app.querySelector(".tdkt-more");
  var shown = 0, current = [];
  var workMs = 0;  // time spent in this script once data has arrived (exposed for the benchmark)
  function timed(fn) {
    return function () {
      var t = performance.now();
      try { return fn.apply(this, arguments); } finally { workMs += performance.now() - t; }
    };
  }

  function fetchJson(path) {
    if (!cache.has(path)) {
      cache.set(path, fetch(new URL(path, indexUrl)).then(function (r) {
        if (!r.ok) throw new Error(path + ": HTTP " + r.status);
        return r.json();
      }));
    }
    return cache.get(path);
  }

  /* ------------------------------------------------------------------ the query */

  /* Words outside quotes are required words; quoted text is a phrase: its words and its pairs. */
  function parseQuery(q) {
    var phrases = [], rest = q.replace(/"([^"]*)"?/g, function (_, p) { phrases.push(p); return " "; });
    function term(token) { return { fold: v.fold(token), exact: v.exact(token)[0] }; }
    var loose = v.tokens(rest).map(function (t) { return term(t[0]); }), terms = loose.slice(), pairs = [];
    phrases.forEach(function (p) {
      v.tokens(p).forEach(function (t) { terms.push(term(t[0])); });
      pairs = pairs.concat(v.pairs(p));
    });
    return { terms: terms, loose: new Set(loose.map(function (t) { return t.fold; })), pairs: pairs,
             pairSet: new Set(pairs) };
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

  function addShard(records) {
    records.forEach(function (rec) {
      var term = rec[0], posting = { _index: rec[1] };
      FIELDS.forEach(function (f) { posting[f] = Object.create(null); });
      for (var i = 2; i < rec.length; i++) {
        var field = FIELDS[rec[i][0]], flat = rec[i][1], doc = 0;
        for (var j = 0; j < flat.length; j += 2) {
          doc += flat[j];
          posting[field][doc] = {};
          var ref = field + "/" + doc;
          (vectors[ref] || (vectors[ref] = new lunr.Vector())).upsert(rec[1], flat[j + 1] / 1000,
            function (a, b) { return b; });
        }
      }
      inverted[term] = posting;
    });
  }

  function loadTerms(manifest, terms) {
    var wanted = new Set();
    terms.forEach(function (t) { wanted.add(shardFor(manifest, t)); });
    var loads = [];
    wanted.forEach(function (n) {
      if (!loadedShards.has(n)) {
        loadedShards.add(n);
        loads.push(fetchJson("t/" + n + ".json").then(timed(addShard)));
      }
    });
    return Promise.all(loads);
  }

  function runQuery(parsed) {
    // Every clause names one exact term (no wildcards, no fuzziness), so the token set only has to
    // say whether the term is among the loaded ones: no trie over all loaded terms is needed.
    var tokenSet = { intersect: function (clauseSet) {
      var found = clauseSet.toArray().filter(function (t) { return t in inverted; });
      return { toArray: function () { return found; } };
    } };
    var index = new lunr.Index({ invertedIndex: inverted, fieldVectors: vectors, fields: FIELDS,
      tokenSet: tokenSet, pipeline: new lunr.Pipeline() });
    var REQUIRED = lunr.Query.presence.REQUIRED;
    return index.query(function (q) {
      parsed.terms.forEach(function (t) {
        q.term(t.fold, { fields: ["words"], presence: REQUIRED, usePipeline: false });
        if (t.exact) q.term(t.exact, { fields: ["exact"], boost: 2, usePipeline: false });
      });
      parsed.pairs.forEach(function (p) {
        q.term(p, { fields: ["pairs"], presence: REQUIRED, usePipeline: false });
      });
    }).map(function (r) { return +r.ref; });
  }

  /* ------------------------------------------------------------------ filters and facets */

  /* Each facet as typed arrays: a doc's values are vals[off[doc]] … vals[off[doc + 1] - 1]. */
  function prepareFacet(raw, docs) {
    var f = { label: raw.label, values: raw.values || [], by: raw.by, off: new Int32Array(docs + 1), vals: null };
    var index = new Map();
    f.values.forEach(function (pair, i) { index.set(pair[0], i); });
    f.index = index;
    if (raw.doc) {
      for (var d = 0; d <= docs; d++) f.off[d] = d;
      f.vals = Int32Array.from(raw.doc);
    } else {
      var per = Array.from({ length: docs }, function () { return []; });
      (raw.docs || []).forEach(function (deltas, i) {
        var doc = 0;
        deltas.forEach(function (x) { doc += x; per[doc].push(i); });
      });
      var total = 0;
      per.forEach(function (list, d) { f.off[d] = total; total += list.length; });
      f.off[docs] = total;
      f.vals = new Int32Array(total);
      per.forEach(function (list, d) { f.vals.set(list, f.off[d]); });
    }
    return f;
  }

  /* The unit facet: only for the chosen provinces (one small file each). */
  function unitFacet(manifest, facets, sel) {
    var provinces = sel.tinh ? Array.from(sel.tinh) : [];
    return Promise.all(provinces.map(function (p) { return fetchJson("f/" + p + ".json"); })).then(function (parts) {
      var raw = { label: "Đơn vị", values: [], docs: [] };
      parts.forEach(function (part) { raw.values = raw.values.concat(part.values); raw.docs = raw.docs.concat(part.docs); });
      return prepareFacet(raw, manifest.docs);
    });
  }

  function selected() {
    var params = new URLSearchParams(location.search), out = {};
    FACETS.forEach(function (f) { var vals = params.getAll(f); if (vals.length) out[f] = new Set(vals); });
    return out;
  }

  /* The selection as value indexes per facet (a value unknown to the index matches nothing). */
  function selectedIndexes(facets, sel) {
    var out = {};
    Object.keys(sel).forEach(function (name) {
      var f = facets[name], set = new Set();
      if (!f) return;
      sel[name].forEach(function (key) { if (f.index.has(key)) set.add(f.index.get(key)); else set.add(-1); });
      out[name] = set;
    });
    return out;
  }

  function hasAny(f, doc, set) {
    for (var i = f.off[doc]; i < f.off[doc + 1]; i++) if (set.has(f.vals[i])) return true;
    return false;
  }

  function passes(facets, selIdx, doc, except) {
    for (var name in selIdx) {
      if (name !== except && !hasAny(facets[name], doc, selIdx[name])) return false;
    }
    return true;
  }

  function renderFacets(facets, sel, selIdx, matches) {
    facetBox.textContent = "";
    FACETS.forEach(function (name) {
      var f = facets[name];
      if (!f) {
        if (name === "don-vi") {
          var hint = document.createElement("p");
          hint.className = "tdkt-facet-hint";
          hint.textContent = "Chọn tỉnh, thành phố để lọc theo đơn vị.";
          facetBox.appendChild(hint);
        }
        return;
      }
      var counts = new Int32Array(f.values.length);
      matches.forEach(function (doc) {
        if (!passes(facets, selIdx, doc, name)) return;
        for (var i = f.off[doc]; i < f.off[doc + 1]; i++) counts[f.vals[i]]++;
      });
      var chosen = selIdx[name] || new Set();
      var order = [];
      for (var i = 0; i < f.values.length; i++) if (counts[i] || chosen.has(i)) order.push(i);
      if (!order.length) return;
      order.sort(function (a, b) { return counts[b] - counts[a] || a - b; });  // values come in Vietnamese order
      var box = document.createElement("fieldset");
      box.className = "tdkt-facet";
      box.setAttribute("data-facet", name);
      var legend = document.createElement("legend");
      legend.textContent = f.label;
      box.appendChild(legend);
      order.forEach(function (i, rank) {
        var pair = f.values[i], label = document.createElement("label");
        if (rank >= 8) label.hidden = true;
        var check = document.createElement("input");
        check.type = "checkbox";
        check.value = pair[0];
        check.checked = chosen.has(i);
        check.addEventListener("change", function () { toggle(name, pair[0], check.checked); });
        label.appendChild(check);
        label.appendChild(document.createTextNode(" " + pair[1] + " "));
        var n = document.createElement("span");
        n.className = "tdkt-facet-count";
        n.textContent = "(" + counts[i] + ")";
        label.appendChild(n);
        box.appendChild(label);
      });
      if (order.length > 8) {
        var all = document.createElement("button");
        all.type = "button";
        all.className = "tdkt-facet-all";
        all.textContent = "Xem tất cả (" + order.length + ")";
        all.addEventListener("click", function () {
          box.querySelectorAll("label[hidden]").forEach(function (l) { l.hidden = false; });
          all.remove();
        });
        box.appendChild(all);
      }
      facetBox.appendChild(box);
    });
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

  function bestBlock(blocks, parsed) {
    var best = null, bestScore = 0, folds = Array.from(parsed.loose);
    parsed.pairs.forEach(function (p) { folds = folds.concat(p.split("_")); });
    blocks.forEach(function (b) {
      // cheap test first: a block whose folded text holds none of the query's syllables cannot win
      var folded = v.fold(b[1]);
      if (!folds.some(function (f) { return folded.indexOf(f) >= 0; })) return;
      var found = new Set(folded.match(/[\p{L}\p{N}]+/gu) || []), score = 0;
      parsed.loose.forEach(function (w) { if (found.has(w)) score += 1; });
      if (parsed.pairs.length) {
        var blockPairs = new Set(v.pairs(b[1]));
        parsed.pairs.forEach(function (p) { if (blockPairs.has(p)) score += 2; });
      }
      if (score > bestScore) { best = b; bestScore = score; }
    });
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

  function renderResult(manifest, doc, parsed, q) {
    var li = document.createElement("li");
    li.className = "tdkt-result";
    list.appendChild(li);
    var chunk = Math.floor(doc / manifest.chunk);
    return Promise.all([fetchJson("d/" + chunk + ".json"), parsed.terms.length ? fetchJson("p/" + doc + ".json") : null])
      .then(timed(function (got) {
        var entry = got[0][doc - chunk * manifest.chunk], blocks = got[1];
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
      }));
  }

  function showMore(manifest, parsed, q) {
    var next = current.slice(shown, shown + PAGE);
    shown += next.length;
    more.hidden = shown >= current.length;
    return next.reduce(function (p, doc) {
      return p.then(function () { return renderResult(manifest, doc, parsed, q); });
    }, Promise.resolve());
  }

  var preparedFacets = null;
  function facetsFor(manifest) {
    if (!preparedFacets) {
      preparedFacets = fetchJson("facets.json").then(timed(function (raw) {
        var out = {};
        Object.keys(raw).forEach(function (name) { if (!raw[name].by) out[name] = prepareFacet(raw[name], manifest.docs); });
        return out;
      }));
    }
    return preparedFacets;
  }

  function unitFacetFor(manifest, sel) {
    return sel.tinh ? facetsFor(manifest).then(function (facets) { return unitFacet(manifest, facets, sel); })
      : Promise.resolve(null);
  }

  function search() {
    var params = new URLSearchParams(location.search), q = (params.get("q") || "").trim();
    input.value = q;
    var started = performance.now();
    workMs = 0;
    app.setAttribute("data-state", "busy");
    var parsed = parseQuery(q);
    status.textContent = "Đang tìm…";
    return fetchJson("manifest.json").then(function (manifest) {
      FIELDS = manifest.fields;
      var terms = [];
      parsed.terms.forEach(function (t) { terms.push(t.fold); if (t.exact) terms.push(t.exact); });
      terms = terms.concat(parsed.pairs);
      var sel = selected();
      return Promise.all([loadTerms(manifest, terms), facetsFor(manifest), unitFacetFor(manifest, sel)])
        .then(timed(function (got) {
        var facets = Object.assign({}, got[1]);
        if (got[2]) facets["don-vi"] = got[2]; else delete facets["don-vi"];
        var selIdx = selectedIndexes(facets, sel);
        var matches = parsed.terms.length || parsed.pairs.length ? runQuery(parsed)
          : Array.from({ length: manifest.docs }, function (_, i) { return i; });
        current = matches.filter(function (doc) { return passes(facets, selIdx, doc, null); });
        renderFacets(facets, sel, selIdx, matches);
        var ms = Math.round(performance.now() - started);
        status.textContent = current.length + " kết quả" + (q ? " cho “" + q + "”" : "") + " (" + ms + " ms)";
        list.textContent = "";
        shown = 0;
        return showMore(manifest, parsed, q);
      })).then(function () {
        app.setAttribute("data-work-ms", workMs.toFixed(1));
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
})();
