/* Material for MkDocs 9.x, partials/javascripts/base.html: the storage helpers its bundle expects, moved out
 * of the page so the Content-Security-Policy allows no inline script. The scope (the site's base URL) comes
 * from this script tag's data-md-scope attribute instead of being printed into the code. */
(function () {
  var scope = document.currentScript.getAttribute("data-md-scope");
  window.__md_scope = new URL(scope, location);
  window.__md_hash = function (e) {
    return Array.from(e).reduce(function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
  };
  window.__md_get = function (key, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    try {
      storage.setItem(base.pathname + "." + key, JSON.stringify(value));
    } catch (e) { /* storage full or disabled: Material works without it */ }
  };
})();
