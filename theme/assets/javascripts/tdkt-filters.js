/* The filters of the search page and the precedent finder sit in a disclosure (details.tdkt-filters):
 * shut on phones, so the results and totals come first, and open on wider screens, where they stand
 * beside or above the results; it follows the window when it is resized across that width. The reader
 * can still open or shut it. */
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 50em)");
  function follow() {
    Array.prototype.forEach.call(document.querySelectorAll("details.tdkt-filters"), function (d) {
      d.open = wide.matches;
    });
  }
  follow();
  if (wide.addEventListener) wide.addEventListener("change", follow);
})();
