/* What the keyboard needs that Material for MkDocs does not give (WCAG 2.1.1). Loaded on every page by
 * main.html; no inline code (the Content-Security-Policy allows none); tdkt.css shows the focus.
 *
 * Wide tables (axe's scrollable-region-focusable). A box of the page's content that scrolls sideways because
 * its table is wider than the screen (Material's wrapper of a Markdown table, the finder's boxes around its
 * tables) becomes a Tab stop (tabindex="0"), a region named in Vietnamese after the table's caption, so that
 * once focused the arrow keys scroll it. A box that fits loses the Tab stop again (the window's width and the finder's filters change what
 * overflows). Tables that scripts draw later (the finder redraws its tables on every filter) are caught as
 * they appear.
 *
 * The menu button (below 1220px wide, where the tabs give way to a drawer). Material's is a <label> for a
 * hidden checkbox: a mouse opens it, a keyboard cannot reach it. It is a Tab stop here (partials/header.html:
 * role="button", tabindex="0", a Vietnamese name), Enter or Space opens and closes the drawer, Escape closes
 * it and returns to the button, and aria-expanded says which. (tdkt.css keeps the closed drawer's links out
 * of the tab order.) */
(function () {
  "use strict";
  // the boxes around tables, never a table itself: a focused element gets Material's focus-visible class, and a
  // table with a class loses Material's table:not([class]) rules, its scrolling among them (tdkt.css)
  var BOXES = ".md-typeset__scrollwrap, .md-typeset .tdkt-pivot, .md-typeset .tdkt-records";
  var MARK = "data-tdkt-scroll";
  var HINT = "cuộn ngang bằng phím mũi tên";

  function overflows(box) {
    var style = getComputedStyle(box).overflowX;
    return (style === "auto" || style === "scroll") && box.scrollWidth > box.clientWidth + 1;
  }

  function name(box) {
    var caption = box.querySelector("caption");
    var text = caption ? caption.textContent.replace(/\s+/g, " ").trim() : "";
    return (text ? "Bảng " + text : "Bảng rộng") + " (" + HINT + ")";
  }

  function update() {
    scheduled = false;
    Array.prototype.forEach.call(document.querySelectorAll(BOXES), function (box) {
      var mine = box.hasAttribute(MARK);
      if (overflows(box)) {
        if (!mine && box.hasAttribute("tabindex")) return;  // focusable already, by someone else
        box.setAttribute(MARK, "");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        var label = name(box);
        if (box.getAttribute("aria-label") !== label) box.setAttribute("aria-label", label);
      } else if (mine) {
        box.removeAttribute(MARK);
        box.removeAttribute("tabindex");
        box.removeAttribute("aria-label");
        box.removeAttribute("role");
      }
    });
  }

  var scheduled = false;
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(update);
  }

  update();
  window.addEventListener("load", schedule);
  window.addEventListener("resize", schedule);
  // only added or removed nodes: the attributes set here do not wake the observer
  var content = document.querySelector(".md-content") || document.body;
  new MutationObserver(schedule).observe(content, {childList: true, subtree: true, characterData: true});

  var drawer = document.getElementById("__drawer");
  var button = document.querySelector("label.md-header__button[for='__drawer'][role='button']");
  if (drawer && button) {
    var state = function () { button.setAttribute("aria-expanded", drawer.checked ? "true" : "false"); };
    var set = function (open) {
      drawer.checked = open;
      drawer.dispatchEvent(new Event("change", {bubbles: true}));
    };
    state();
    drawer.addEventListener("change", state);
    button.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      // handled here, once: Material's own key handler (on window) would click the label a second time
      event.preventDefault();
      event.stopPropagation();
      set(!drawer.checked);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !drawer.checked) return;
      set(false);
      button.focus();
    });
  }
})();
