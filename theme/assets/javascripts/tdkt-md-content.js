/* Material for MkDocs 9.x, partials/javascripts/content.html: open the content tab a link points at (and, with
 * the content.tabs.link feature, the tabs last chosen), moved out of the page so the Content-Security-Policy
 * allows no inline script. Runs where Material's inline script ran: right after the content. */
(function () {
  if (document.currentScript.hasAttribute("data-tabs-link")) {
    var tabs = window.__md_get("__tabs");
    if (Array.isArray(tabs)) {
      document.querySelectorAll(".tabbed-set").forEach(function (set) {
        var labels = set.querySelector(".tabbed-labels");
        for (var i = 0; i < tabs.length; i++) {
          var found = Array.from(labels.getElementsByTagName("label")).find(function (label) {
            return label.innerText.trim() === tabs[i];
          });
          if (found) {
            document.getElementById(found.htmlFor).checked = true;
            return;
          }
        }
      });
    }
  }
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
