/* On a report page opened from a search result (?q=...#p-12): mark the query's words in the
 * cited paragraph. Matching uses the same folding as the index (vnsearch.js). */
(function () {
  "use strict";
  var v = window.vnsearch, q = new URLSearchParams(location.search).get("q");
  if (!v || !q || !location.hash) return;
  var id;
  try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }  // a malformed #… names nothing
  var target = document.getElementById(id);
  if (!target) return;
  var wanted = new Set(v.words(q.replace(/"/g, " ")));
  var walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT), nodes = [];
  while (walker.nextNode()) {
    if (!walker.currentNode.parentElement.closest("a.tdkt-para, a.headerlink")) nodes.push(walker.currentNode);
  }
  nodes.forEach(function (node) {
    var text = node.nodeValue, toks = v.tokens(text), at = 0, frag = document.createDocumentFragment(), hit = false;
    toks.forEach(function (t) {
      if (!wanted.has(v.fold(t[0]))) return;
      hit = true;
      frag.appendChild(document.createTextNode(text.slice(at, t[1])));
      var mark = document.createElement("mark");
      mark.className = "tdkt-hit";
      mark.textContent = text.slice(t[1], t[2]);
      frag.appendChild(mark);
      at = t[2];
    });
    if (!hit) return;
    frag.appendChild(document.createTextNode(text.slice(at)));
    node.parentNode.replaceChild(frag, node);
  });
})();
