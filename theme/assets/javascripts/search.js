/* The archive's search page (/tim-kiem/): lunr's scoring over an index split by term.
 *
 * The query and the filters live in the URL (?q=...&nam=2023&tinh=...), so a search can be
 * bookmarked and shared. A query fetches only the manifest, the shards holding its terms, the
 * facet table, and what the shown results need; everything fetched is kept for later queries.
 * Report text is always inserted as text nodes, never as HTML.
 *
 * This is the page: what it reads, fetches and draws. The scoring, the facet counting, the query's
 * analysis and the snippets are search-core.js's (window.tdktSearch, loaded first, after vnsearch.js),
 * which runs under node too: tests/search/test_rank.py and tests/test_js_cores.py test it.
 */
(function (root) {
  "use strict";

  var app = document.getElementById("tdkt-search");
  var core = root.tdktSearch;
  if (!app || !root.vnsearch || !core) return;
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
  var none = app.querySelector(".tdkt-none"), suggestion = app.querySelector(".tdkt-suggest");
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

  function loadTerms(manifest, wanted) {
    var shards = new Set();
    wanted.forEach(function (t) { shards.add(core.shardFor(manifest.shards, t.term)); });
    return loadShards(shards);
  }

  function loadShards(shards) {
    var loads = [];
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
        Object.keys(raw).forEach(function (name) { if (!raw[name].by) out[name] = core.prepareFacet(raw[name], manifest.docs); });
        return out;
      }, "facets"));
    }
    return preparedFacets;
  }

  /* The unit facet: only for the chosen provinces (one small file each). Only a province the index lists names a
     file (a stale ?tinh= in a shared link, or ?tinh=../../x, loads nothing), and a file that fails is left out. */
  function unitFacetFor(manifest, sel) {
    if (!sel.tinh) return Promise.resolve(null);
    return facetsFor(manifest).then(function (facets) {
      var known = facets.tinh ? facets.tinh.index : new Map();
      var provinces = Array.from(sel.tinh).filter(function (p) { return known.has(p) && /^[a-z0-9-]+$/.test(p); });
      if (!provinces.length) return null;
      return Promise.all(provinces.sort().map(function (p) {
        return fetchJson("f/" + p + ".json").catch(function () { return null; });
      })).then(timed(function (parts) {
        parts = parts.filter(Boolean);
        return parts.length ? core.prepareFacet(core.joinUnitFiles(parts), manifest.docs) : null;
      }, "facets"));
    });
  }

  function selected() { return core.selection(location.search, FACETS); }

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

  /* Fill `el` with the snippet of `text` (core.snippetParts), hits wrapped in <mark> (text nodes only). */
  function snippet(el, text, parsed) {
    core.snippetParts(text, parsed).forEach(function (part) {
      if (!part[1]) { el.appendChild(document.createTextNode(part[0])); return; }
      var mark = document.createElement("mark");
      mark.textContent = part[0];
      el.appendChild(mark);
    });
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
        var block = blocks ? core.bestBlock(blocks, parsed) : null;
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
        meta.textContent = core.resultMeta(entry);
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
      current.ranked = core.rank(current.docs, current.scores, shown ? current.docs.length : PAGE);
    }
    var next = Array.from(current.ranked.subarray(shown, shown + PAGE));
    shown += next.length;
    more.hidden = shown >= current.docs.length;
    return Promise.all(next.map(function (doc) { return renderResult(manifest, doc, parsed, q); }));
  }

  /* Nothing found: the nearest query the index can answer (a link), and the ways to browse instead. */
  function helpWhenNothing(better) {
    if (!none) return;
    none.hidden = better === null;
    if (!suggestion) return;
    suggestion.hidden = !better;
    if (better) {
      var link = suggestion.querySelector("a");
      var params = new URLSearchParams(location.search);
      params.set("q", better);
      link.href = "?" + params.toString();
      link.textContent = better;
    }
  }

  function search() {
    var params = new URLSearchParams(location.search), q = (params.get("q") || "").trim();
    var mine = ++generation;
    input.value = q;
    var started = performance.now();
    workMs = 0;
    phases = {};
    app.setAttribute("data-state", "busy");
    var parsed = core.parseQuery(q);
    status.textContent = "Đang tìm…";
    return fetchJson("manifest.json").then(function (manifest) {
      if (!terms) terms = new core.TermIndex(manifest.fields.length);
      var wanted = core.clauses(manifest.fields, parsed), sel = selected();
      return Promise.all([loadTerms(manifest, wanted), facetsFor(manifest), unitFacetFor(manifest, sel)])
        .then(timed(function (got) {
        if (mine !== generation) return null;  // a newer search has started: it will draw the page
        var facets = Object.assign({}, got[1]);
        if (got[2]) facets["don-vi"] = got[2];
        var scored = wanted.length ? timed(core.score, "score")(terms, wanted, manifest.docs)
          : { docs: Int32Array.from({ length: manifest.docs }, function (_, i) { return i; }), scores: null };
        var chosen = core.chosenValues(facets, sel), counted = timed(core.facetCounts, "count")(facets, chosen, scored.docs);
        current = { docs: counted.kept, scores: scored.scores, ranked: new Int32Array(0) };
        timed(renderFacets, "render")(facets, chosen, counted.counts);
        var ms = Math.round(performance.now() - started);
        status.textContent = current.docs.length + " kết quả" + (q ? " cho “" + q + "”" : "") + " (" + ms + " ms)";
        // nothing found: the words near each unknown word, its shard's neighbours too (a typo can sort across a
        // shard's end: "côgn" is in the shard before "công"), then the nearest query they answer
        var help = null;
        if (q && current.docs.length === 0) {
          help = loadShards(core.neighbourShards(manifest.shards, parsed, terms)).then(function () {
            if (mine === generation) helpWhenNothing(core.suggest(terms, parsed, manifest.fields));
          });
        } else helpWhenNothing(null);
        list.textContent = "";
        shown = 0;
        return Promise.all([help, showMore(manifest, parsed, q)]);
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
      showMore(m, core.parseQuery(q), q);
    });
  });
  window.addEventListener("popstate", search);
  app.classList.add("tdkt-ready");
  search();
})(this);
