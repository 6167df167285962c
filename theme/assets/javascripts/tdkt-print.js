/* The print-only source line (theme/main.html): the page's address and the day it is printed, to cite.
   The address is the canonical one (the site's address, when the build knew it) with the query a filtered page
   keeps its state in (/khen-thuong/?tinh=...), else the address the reader opened; the day is today's. */
(function () {
  "use strict";
  var line = document.querySelector(".tdkt-print-source");
  if (!line) return;
  var url = line.querySelector(".tdkt-print-url");
  var date = line.querySelector(".tdkt-print-date");
  var canonical = url.textContent.trim();
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function fill() {
    url.textContent = canonical ? canonical + location.search : location.href.split("#")[0];
    var d = new Date();
    date.textContent = two(d.getDate()) + "/" + two(d.getMonth() + 1) + "/" + d.getFullYear();
  }
  fill();
  window.addEventListener("beforeprint", fill);
})();
