/* The exemplar cards (/dien-hinh/): filter by year, movement and province.
 *
 * The build prints every card and the filter options; without JavaScript all cards show. Here
 * the form is revealed, and each change hides the cards that do not match and writes the
 * filters into the URL (?nam=2023&phong-trao=...&tinh=...), so a filtered list can be shared.
 */
(function () {
  "use strict";
  var form = document.querySelector(".tdkt-card-filters");
  if (!form) return;
  var cards = Array.prototype.slice.call(document.querySelectorAll(".tdkt-card"));
  var status = document.querySelector(".tdkt-card-status");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));

  function matches(card, name, value) {
    if (!value) return true;
    return (card.getAttribute("data-" + name) || "").split(" ").indexOf(value) >= 0;
  }

  function apply() {
    var shown = 0;
    cards.forEach(function (card) {
      var ok = selects.every(function (s) { return matches(card, s.name, s.value); });
      card.hidden = !ok;
      if (ok) shown += 1;
    });
    status.textContent = shown === cards.length ? cards.length + " điển hình."
      : "Hiển thị " + shown + " trong " + cards.length + " điển hình.";
  }

  function toUrl() {
    var params = new URLSearchParams();
    selects.forEach(function (s) { if (s.value) params.set(s.name, s.value); });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  var params = new URLSearchParams(location.search);
  selects.forEach(function (s) {
    var wanted = params.get(s.name);
    if (wanted && s.querySelector('option[value="' + CSS.escape(wanted) + '"]')) s.value = wanted;
    s.addEventListener("change", function () { apply(); toUrl(); });
  });
  form.hidden = false;
  apply();
})();
