/* Stacked bar charts as SVG strings, for the precedent finder's charts that follow the filters (/khen-thuong/).
 *
 * A port of tdkt/site/charts.py (stacked_bars, clean, fmt, text_width, nice_axis, …): for the same arguments it
 * returns the same string, byte for byte; tests/test_js_charts.py runs both on many generated inputs under node.
 * No DOM, no window: loaded as a classic script it sets window.tdktCharts; under node it is the module's exports.
 * The SVG has no <style>, no style="", no script (the site's CSP), only presentation attributes; caller text is
 * XML-escaped after control and bidi characters become "[U+XXXX]" marks.
 *
 * Where JavaScript has no equivalent of Python's text functions:
 * - unicodedata.combining (a canonical combining class other than 0) and unicodedata.east_asian_width in "WF"
 *   are the range tables COMBINING and WIDE below, made from Python 3.11's unicodedata (Unicode 14.0); a range
 *   runs over the code points Unicode 14.0 leaves unassigned between two of its members. So they agree with the
 *   Python for every character Unicode 14.0 assigns; a character assigned later may be measured differently
 *   (tests/test_js_charts.py checks the tables against the running Python, and prints the new ones when its
 *   Unicode changes). \p{M} is no substitute: it holds about 1,500 marks with combining class 0 (Indic vowel signs).
 * - str.isupper() of one character is the Unicode property Uppercase: \p{Uppercase}, the same set for every
 *   character of Unicode 14.0; node's own Unicode (newer) may add characters assigned later.
 * - str.split() and str.rstrip() split on Python's whitespace; after clean() only the characters of PY_SPACE can
 *   be left (JavaScript's \s also holds U+FEFF, which Python does not).
 * - f"{x:.2f}" and round(x, 2) round an exact binary tie (12.125) half to even, toFixed away from zero: fixed2.
 * - Counts are numbers: exact up to 2^53 (Python's ints have no bound); a total past 10^15 may be drawn otherwise.
 * - A Python string may hold a high and a low surrogate as two characters, which JSON carries to JavaScript as
 *   one pair, one character: clean() then marks two characters in the Python and none here. JSON that Python
 *   decodes never holds such a string.
 */
(function (root) {
  "use strict";

  var WIDTH = 720, PAD = 12;
  // Okabe & Ito (2008), "Color Universal Design", without black; yellow last, it is the faintest on white
  var PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442"];
  // Past the palette, colours repeat under a white hatch: stripes one way, the other way, then dots
  var HATCHES = [
    ["rotate(45)", '<rect width="3" height="6" fill="#fff" fill-opacity="0.6"/>'],
    ["rotate(-45)", '<rect width="3" height="6" fill="#fff" fill-opacity="0.6"/>'],
    ["", '<circle cx="3" cy="3" r="1.6" fill="#fff" fill-opacity="0.75"/>'],
  ];
  var NO_DATA = "Không có dữ liệu";

  // C0/C1 controls, LRM/RLM, bidi embeddings/overrides/isolates, and what XML 1.0 forbids (lone surrogates:
  // with the u flag a class matches a surrogate only when it is not half of a pair)
  var INERT = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]/gu;
  // Python's whitespace (str.isspace) that clean() leaves in place: the rest are INERT
  var PY_SPACE = /[\t\n \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;
  var TRAILING_SPACE = /[\t\n \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/u;
  var UPPER = /^\p{Uppercase}$/u;
  var ID_PREFIX = /^(?:[A-Za-z][A-Za-z0-9_-]*)?$/;

  // [first, last] code point pairs, flat (see the header): unicodedata.combining(ch) != 0
  var COMBINING = [
    0x300, 0x34E, 0x350, 0x36F, 0x483, 0x487, 0x591, 0x5BD, 0x5BF, 0x5BF, 0x5C1, 0x5C2, 0x5C4, 0x5C5, 0x5C7,
    0x5C7, 0x610, 0x61A, 0x64B, 0x65F, 0x670, 0x670, 0x6D6, 0x6DC, 0x6DF, 0x6E4, 0x6E7, 0x6E8, 0x6EA, 0x6ED,
    0x711, 0x711, 0x730, 0x74A, 0x7EB, 0x7F3, 0x7FD, 0x7FD, 0x816, 0x819, 0x81B, 0x823, 0x825, 0x827, 0x829,
    0x82D, 0x859, 0x85B, 0x898, 0x89F, 0x8CA, 0x8E1, 0x8E3, 0x8FF, 0x93C, 0x93C, 0x94D, 0x94D, 0x951, 0x954,
    0x9BC, 0x9BC, 0x9CD, 0x9CD, 0x9FE, 0x9FE, 0xA3C, 0xA3C, 0xA4D, 0xA4D, 0xABC, 0xABC, 0xACD, 0xACD, 0xB3C,
    0xB3C, 0xB4D, 0xB4D, 0xBCD, 0xBCD, 0xC3C, 0xC3C, 0xC4D, 0xC56, 0xCBC, 0xCBC, 0xCCD, 0xCCD, 0xD3B, 0xD3C,
    0xD4D, 0xD4D, 0xDCA, 0xDCA, 0xE38, 0xE3A, 0xE48, 0xE4B, 0xEB8, 0xEBA, 0xEC8, 0xECB, 0xF18, 0xF19, 0xF35,
    0xF35, 0xF37, 0xF37, 0xF39, 0xF39, 0xF71, 0xF72, 0xF74, 0xF74, 0xF7A, 0xF7D, 0xF80, 0xF80, 0xF82, 0xF84,
    0xF86, 0xF87, 0xFC6, 0xFC6, 0x1037, 0x1037, 0x1039, 0x103A, 0x108D, 0x108D, 0x135D, 0x135F, 0x1714, 0x1715,
    0x1734, 0x1734, 0x17D2, 0x17D2, 0x17DD, 0x17DD, 0x18A9, 0x18A9, 0x1939, 0x193B, 0x1A17, 0x1A18, 0x1A60,
    0x1A60, 0x1A75, 0x1A7F, 0x1AB0, 0x1ABD, 0x1ABF, 0x1ACE, 0x1B34, 0x1B34, 0x1B44, 0x1B44, 0x1B6B, 0x1B73,
    0x1BAA, 0x1BAB, 0x1BE6, 0x1BE6, 0x1BF2, 0x1BF3, 0x1C37, 0x1C37, 0x1CD0, 0x1CD2, 0x1CD4, 0x1CE0, 0x1CE2,
    0x1CE8, 0x1CED, 0x1CED, 0x1CF4, 0x1CF4, 0x1CF8, 0x1CF9, 0x1DC0, 0x1DFF, 0x20D0, 0x20DC, 0x20E1, 0x20E1,
    0x20E5, 0x20F0, 0x2CEF, 0x2CF1, 0x2D7F, 0x2D7F, 0x2DE0, 0x2DFF, 0x302A, 0x302F, 0x3099, 0x309A, 0xA66F,
    0xA66F, 0xA674, 0xA67D, 0xA69E, 0xA69F, 0xA6F0, 0xA6F1, 0xA806, 0xA806, 0xA82C, 0xA82C, 0xA8C4, 0xA8C4,
    0xA8E0, 0xA8F1, 0xA92B, 0xA92D, 0xA953, 0xA953, 0xA9B3, 0xA9B3, 0xA9C0, 0xA9C0, 0xAAB0, 0xAAB0, 0xAAB2,
    0xAAB4, 0xAAB7, 0xAAB8, 0xAABE, 0xAABF, 0xAAC1, 0xAAC1, 0xAAF6, 0xAAF6, 0xABED, 0xABED, 0xFB1E, 0xFB1E,
    0xFE20, 0xFE2F, 0x101FD, 0x101FD, 0x102E0, 0x102E0, 0x10376, 0x1037A, 0x10A0D, 0x10A0D, 0x10A0F, 0x10A0F,
    0x10A38, 0x10A3F, 0x10AE5, 0x10AE6, 0x10D24, 0x10D27, 0x10EAB, 0x10EAC, 0x10F46, 0x10F50, 0x10F82, 0x10F85,
    0x11046, 0x11046, 0x11070, 0x11070, 0x1107F, 0x1107F, 0x110B9, 0x110BA, 0x11100, 0x11102, 0x11133, 0x11134,
    0x11173, 0x11173, 0x111C0, 0x111C0, 0x111CA, 0x111CA, 0x11235, 0x11236, 0x112E9, 0x112EA, 0x1133B, 0x1133C,
    0x1134D, 0x1134D, 0x11366, 0x11374, 0x11442, 0x11442, 0x11446, 0x11446, 0x1145E, 0x1145E, 0x114C2, 0x114C3,
    0x115BF, 0x115C0, 0x1163F, 0x1163F, 0x116B6, 0x116B7, 0x1172B, 0x1172B, 0x11839, 0x1183A, 0x1193D, 0x1193E,
    0x11943, 0x11943, 0x119E0, 0x119E0, 0x11A34, 0x11A34, 0x11A47, 0x11A47, 0x11A99, 0x11A99, 0x11C3F, 0x11C3F,
    0x11D42, 0x11D42, 0x11D44, 0x11D45, 0x11D97, 0x11D97, 0x16AF0, 0x16AF4, 0x16B30, 0x16B36, 0x16FF0, 0x16FF1,
    0x1BC9E, 0x1BC9E, 0x1D165, 0x1D169, 0x1D16D, 0x1D172, 0x1D17B, 0x1D182, 0x1D185, 0x1D18B, 0x1D1AA, 0x1D1AD,
    0x1D242, 0x1D244, 0x1E000, 0x1E02A, 0x1E130, 0x1E136, 0x1E2AE, 0x1E2AE, 0x1E2EC, 0x1E2EF, 0x1E8D0, 0x1E8D6,
    0x1E944, 0x1E94A
  ];

  // unicodedata.east_asian_width(ch) in "WF"
  var WIDE = [
    0x1100, 0x115F, 0x231A, 0x231B, 0x2329, 0x232A, 0x23E9, 0x23EC, 0x23F0, 0x23F0, 0x23F3, 0x23F3, 0x25FD,
    0x25FE, 0x2614, 0x2615, 0x2648, 0x2653, 0x267F, 0x267F, 0x2693, 0x2693, 0x26A1, 0x26A1, 0x26AA, 0x26AB,
    0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26CE, 0x26CE, 0x26D4, 0x26D4, 0x26EA, 0x26EA, 0x26F2, 0x26F3, 0x26F5,
    0x26F5, 0x26FA, 0x26FA, 0x26FD, 0x26FD, 0x2705, 0x2705, 0x270A, 0x270B, 0x2728, 0x2728, 0x274C, 0x274C,
    0x274E, 0x274E, 0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797, 0x27B0, 0x27B0, 0x27BF, 0x27BF, 0x2B1B,
    0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55, 0x2E80, 0x303E, 0x3041, 0x3247, 0x3250, 0x4DBF, 0x4E00, 0xA4C6,
    0xA960, 0xA97C, 0xAC00, 0xD7A3, 0xF900, 0xFAD9, 0xFE10, 0xFE19, 0xFE30, 0xFE6B, 0xFF01, 0xFF60, 0xFFE0,
    0xFFE6, 0x16FE0, 0x1B2FB, 0x1F004, 0x1F004, 0x1F0CF, 0x1F0CF, 0x1F18E, 0x1F18E, 0x1F191, 0x1F19A, 0x1F200,
    0x1F320, 0x1F32D, 0x1F335, 0x1F337, 0x1F37C, 0x1F37E, 0x1F393, 0x1F3A0, 0x1F3CA, 0x1F3CF, 0x1F3D3, 0x1F3E0,
    0x1F3F0, 0x1F3F4, 0x1F3F4, 0x1F3F8, 0x1F43E, 0x1F440, 0x1F440, 0x1F442, 0x1F4FC, 0x1F4FF, 0x1F53D, 0x1F54B,
    0x1F54E, 0x1F550, 0x1F567, 0x1F57A, 0x1F57A, 0x1F595, 0x1F596, 0x1F5A4, 0x1F5A4, 0x1F5FB, 0x1F64F, 0x1F680,
    0x1F6C5, 0x1F6CC, 0x1F6CC, 0x1F6D0, 0x1F6D2, 0x1F6D5, 0x1F6DF, 0x1F6EB, 0x1F6EC, 0x1F6F4, 0x1F6FC, 0x1F7E0,
    0x1F7F0, 0x1F90C, 0x1F93A, 0x1F93C, 0x1F945, 0x1F947, 0x1F9FF, 0x1FA70, 0x1FAF6, 0x20000, 0x3134A
  ];

  function inRanges(table, cp) {  // binary search over the [first, last] pairs
    var lo = 0, hi = table.length / 2 - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (cp < table[2 * mid]) hi = mid - 1;
      else if (cp > table[2 * mid + 1]) lo = mid + 1;
      else return true;
    }
    return false;
  }

  function chars(text) { return Array.from(text); }  // code points, as Python iterates a str

  /* Caller text as drawn: control and bidi characters as "[U+XXXX]", whitespace runs as one space. */
  function clean(text) {
    var marked = String(text).replace(INERT, function (ch) {
      var hex = ch.codePointAt(0).toString(16).toUpperCase();
      return "[U+" + ("0000" + hex).slice(-Math.max(4, hex.length)) + "]";
    });
    return marked.split(PY_SPACE).filter(function (w) { return w !== ""; }).join(" ");
  }

  /* An integer with the Vietnamese thousands separator: 1234567 → "1.234.567". */
  function fmt(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); }

  var WIDE_MARKS = "mwMW@%…", NARROW = " .,:;'!|iljtfrI()[]";

  /* Estimated drawn width of text at size px, on the wide side of DejaVu Sans and Arial. */
  function textWidth(text, size, bold) {
    var em = 0.0;
    chars(text).forEach(function (ch) {
      var cp = ch.codePointAt(0);
      if (inRanges(COMBINING, cp)) return;
      if (inRanges(WIDE, cp) || WIDE_MARKS.indexOf(ch) >= 0) em += 1.0;
      else if (NARROW.indexOf(ch) >= 0) em += 0.4;
      else em += UPPER.test(ch) ? 0.8 : 0.65;
    });
    return em * size * (bold ? 1.1 : 1.0);
  }

  /* Ceiling of a / b for integers a >= 0, b > 0 (a / b alone can round to the wrong side past 2^53 / b). */
  function ceilDiv(a, b) {
    var q = Math.floor(a / b);
    if (q * b < a) q += 1;
    else if ((q - 1) * b >= a && q > 0) q -= 1;
    return q;
  }

  /* [step, top]: ticks 0, step, … top with step 1, 2 or 5 × 10^k, at most five steps, top >= max(peak, 1). */
  function niceAxis(peak) {
    for (var k = 1; ; k *= 10) {
      for (var m = 1; m <= 5; m += m === 1 ? 1 : 3) {  // 1, 2, 5
        var steps = ceilDiv(peak, m * k);
        if (steps <= 5) return [m * k, Math.max(1, steps) * m * k];
      }
    }
  }

  function fit(text, maxWidth, size, bold) {
    if (textWidth(text, size, bold) <= maxWidth) return text;
    var budget = maxWidth - textWidth("…", size, bold), used = 0.0, cut = 0, cs = chars(text);
    if (budget < 0) return "";
    for (var i = 0; i < cs.length; i++) {
      used += textWidth(cs[i], size, bold);
      if (used > budget) break;
      cut = i + 1;
    }
    return cs.slice(0, cut).join("").replace(TRAILING_SPACE, "") + "…";
  }

  /* Python's f"{x:.2f}": the exact binary value rounded to two decimals, an exact tie to the even digit. */
  function fixed2(x) {
    var s = (Object.is(x, -0) ? "-" : "") + x.toFixed(2), a = Math.abs(x);  // Python keeps the sign of -0.0
    if (Number.isInteger(a * 8) && (a * 8) % 2 === 1) {  // odd eighths (a·8 is exact): a·100 ends in exactly .5
      var whole = Math.floor(a), cents = Math.floor((a - whole) * 100);  // exact: 12, 37, 62 or 87
      if (cents % 2 === 1) cents += 1;  // the even neighbour
      s = (x < 0 ? "-" : "") + whole + "." + cents;
    }
    return s;
  }

  /* Python's round(x, 2): the double nearest fixed2(x). */
  function round2(x) { return Number(fixed2(x)); }

  function num(x) {
    var s = fixed2(x).replace(/0+$/, "").replace(/\.$/, "");
    return s === "-0" ? "0" : s;
  }

  function xml(text) {
    return text.replace(/&/g, "&amp;").replace(/>/g, "&gt;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  }

  /* A one-line <text>, cut to maxWidth; when cut, the full text is its <title>. o: {maxWidth, cls, size,
   * anchor, fill, bold} with charts.py's defaults (12, "start", "#222", false). */
  function textEl(x, y, text, o) {
    var size = o.size === undefined ? 12 : o.size, bold = !!o.bold;
    var shown = fit(text, o.maxWidth, size, bold);
    var tip = shown !== text ? "<title>" + xml(text) + "</title>" : "";
    return '<text class="' + o.cls + '" x="' + num(x) + '" y="' + num(y) + '" font-size="' + size
      + '" text-anchor="' + (o.anchor || "start") + '"' + (bold ? ' font-weight="bold"' : "") + " fill=\""
      + (o.fill || "#222") + '">' + tip + xml(shown) + "</text>";
  }

  function rect(x0, y0, x1, y1, fill, tip) {
    x0 = round2(x0); y0 = round2(y0); x1 = round2(x1); y1 = round2(y1);
    return '<rect class="segment" x="' + num(x0) + '" y="' + num(y0) + '" width="' + num(x1 - x0) + '" height="'
      + num(y1 - y0) + '" fill="' + fill + '"><title>' + xml(tip) + "</title></rect>";
  }

  function line(x0, y0, x1, y1, colour) {
    return '<line class="grid" x1="' + num(x0) + '" y1="' + num(y0) + '" x2="' + num(x1) + '" y2="' + num(y1)
      + '" stroke="' + colour + '" stroke-width="1"/>';
  }

  function maxOf(values, dflt) {  // Python's max(…, default=…): the first of equal values
    var best;
    values.forEach(function (v, i) { if (i === 0 || v > best) best = v; });
    return values.length ? best : dflt;
  }

  /* Swatch + label per series, in order, wrapping into rows of 20 px; returns the y below it. */
  function legend(out, d, y) {
    var x = PAD, room = WIDTH - 2 * PAD - 18;
    d.labels.forEach(function (label, j) {
      var width = 18 + textWidth(fit(label, room, 12), 12);
      if (x > PAD && x + width > WIDTH - PAD) { x = PAD; y = y + 20; }
      out.push('<g class="legend-item"><rect x="' + num(x) + '" y="' + num(y + 1) + '" width="12" height="12" fill="'
        + d.fills[j] + '" stroke="#555" stroke-width="0.5"/>'
        + textEl(x + 18, y + 12, label, { maxWidth: room, cls: "legend" }) + "</g>");
      x += width + 16;
    });
    return y + (d.labels.length ? 24 : 0);
  }

  /* Category i's segments, bottom/left first; place(start, end) maps counts to rect edges. */
  function bars(out, d, i, place) {
    out.push('<g class="bar"><title>' + xml(d.categories[i]) + ": " + fmt(d.totals[i]) + "</title>");
    var done = 0;
    d.labels.forEach(function (label, j) {
      var v = d.values[j][i];
      if (v) {
        var e = place(done, done + v);
        out.push(rect(e[0], e[1], e[2], e[3], d.fills[j], label + " – " + d.categories[i] + ": " + fmt(v)));
        done += v;
      }
    });
    out.push("</g>");
  }

  function ticksOf(d) {
    var out = [];
    for (var t = 0; t <= d.top; t += d.step) out.push(t);
    return out;
  }

  function vertical(out, d, y) {
    var n = d.categories.length, ticks = ticksOf(d);
    var tickW = maxOf(ticks.map(function (t) { return textWidth(fmt(t), 11); }));
    var left = PAD + tickW + 6, right = WIDTH - PAD;
    var slot = (right - left) / Math.max(n, 1);
    var showTotals = n > 0 && maxOf(d.totals.map(function (t) { return textWidth(fmt(t), 11); })) <= slot - 2;
    var top = y + (showTotals ? 20 : 8);
    var bottom = top + 240, scale = 240 / d.top;
    ticks.forEach(function (t) {
      out.push(line(left, bottom - t * scale, right, bottom - t * scale, t === 0 ? "#888" : "#ddd"));
      out.push(textEl(left - 6, bottom - t * scale + 4, fmt(t), { maxWidth: tickW, cls: "tick", size: 11,
                                                                 anchor: "end", fill: "#555" }));
    });
    var barW = Math.min(slot * 0.7, 56);
    // label every k-th bar when a slot is narrower than a short label (e.g. 50 years)
    var widest = maxOf(d.categories.map(function (c) { return textWidth(c, 12); }), 0);
    var every = Math.ceil((Math.min(widest, 60) + 6) / slot);
    d.categories.forEach(function (cat, i) {
      var cx = left + (i + 0.5) * slot;
      bars(out, d, i, function (a, b) { return [cx - barW / 2, bottom - b * scale, cx + barW / 2, bottom - a * scale]; });
      if (showTotals) {
        out.push(textEl(cx, bottom - d.totals[i] * scale - 5, fmt(d.totals[i]), { maxWidth: slot, cls: "total",
                                                                                  size: 11, anchor: "middle" }));
      }
      if (i % every === 0) {
        var room = every * slot - 4;
        var half = textWidth(fit(cat, room, 12), 12) / 2;
        var x = Math.min(Math.max(cx, PAD + half), WIDTH - PAD - half);
        out.push(textEl(x, bottom + 17, cat, { maxWidth: room, cls: "category", anchor: "middle" }));
      }
    });
    if (!n) out.push(textEl(WIDTH / 2, bottom - 120, NO_DATA, { maxWidth: WIDTH, cls: "no-data", anchor: "middle" }));
    return bottom + 22 + PAD;
  }

  function horizontal(out, d, y) {
    var n = d.categories.length, ticks = ticksOf(d);
    var labelW = Math.min(maxOf(d.categories.map(function (c) { return textWidth(c, 12); }), 0), 220);
    var totalW = maxOf(d.totals.map(function (t) { return textWidth(fmt(t), 11); }), 0);
    var left = PAD + labelW + 8;
    var right = WIDTH - PAD - Math.max(totalW + 6, textWidth(fmt(d.top), 11) / 2);
    var top = y + 4, slot = 28;
    var bottom = top + Math.max(n, 2) * slot, scale = (right - left) / d.top;
    ticks.forEach(function (t) {
      out.push(line(left + t * scale, top, left + t * scale, bottom, t === 0 ? "#888" : "#ddd"));
      out.push(textEl(left + t * scale, bottom + 16, fmt(t), { maxWidth: WIDTH, cls: "tick", size: 11,
                                                               anchor: "middle", fill: "#555" }));
    });
    d.categories.forEach(function (cat, i) {
      var mid = top + (i + 0.5) * slot;
      bars(out, d, i, function (a, b) { return [left + a * scale, mid - 9, left + b * scale, mid + 9]; });
      out.push(textEl(left - 8, mid + 4, cat, { maxWidth: labelW, cls: "category", anchor: "end" }));
      out.push(textEl(left + d.totals[i] * scale + 6, mid + 4, fmt(d.totals[i]), { maxWidth: totalW + 1,
                                                                                  cls: "total", size: 11 }));
    });
    if (!n) out.push(textEl(WIDTH / 2, top + slot + 4, NO_DATA, { maxWidth: WIDTH, cls: "no-data", anchor: "middle" }));
    return bottom + 22 + PAD;
  }

  function sum(values) { return values.reduce(function (a, b) { return a + b; }, 0); }

  function summary(d) {
    if (!d.categories.length) return NO_DATA + ".";
    var bars = d.categories.map(function (c, i) { return c + ": " + fmt(d.totals[i]); }).join("; ");
    var layers = d.labels.map(function (label, j) { return label + ": " + fmt(sum(d.values[j])); }).join("; ");
    return "Tổng theo từng cột: " + bars + ". Tổng cộng: " + fmt(sum(d.totals)) + "."
      + (layers ? " Theo từng loại: " + layers + "." : "");
  }

  /* A standalone SVG 1.1 document: one bar per category, stacked by series, totals at the bar ends; charts.py's
   * stacked_bars. o: {title, description, categories, series: [{label, values}], valueLabel, horizontal, idPrefix}.
   * Throws an Error where the Python raises ValueError. */
  function stackedBars(o) {
    var categories = o.categories, series = o.series, idPrefix = o.idPrefix || "";
    if (!ID_PREFIX.test(idPrefix)) throw new Error("idPrefix " + JSON.stringify(idPrefix) + ": give letters, digits, "
                                                   + "'-' or '_', beginning with a letter, or ''");
    series.forEach(function (s) {
      if (s.values.length !== categories.length) {
        throw new Error("series " + JSON.stringify(s.label) + " has " + s.values.length + " values for "
                        + categories.length + " categories");
      }
      if (s.values.some(function (v) { return v < 0; })) throw new Error("series " + JSON.stringify(s.label)
                                                                          + " has a negative value");
    });
    var totals = categories.map(function (_, i) { return sum(series.map(function (s) { return s.values[i]; })); });
    var defs = [], fills = [];
    series.forEach(function (_, j) {
      var colour = PALETTE[j % PALETTE.length], cycle = Math.floor(j / PALETTE.length) % (HATCHES.length + 1);
      if (cycle) {
        var turn = HATCHES[cycle - 1][0], mark = HATCHES[cycle - 1][1];
        defs.push('<pattern id="' + idPrefix + "fill-" + j + '" width="6" height="6" patternUnits="userSpaceOnUse"'
          + (turn ? ' patternTransform="' + turn + '"' : "") + '><rect width="6" height="6" fill="' + colour + '"/>'
          + mark + "</pattern>");
      }
      fills.push(cycle ? "url(#" + idPrefix + "fill-" + j + ")" : colour);
    });
    var axis = niceAxis(maxOf(totals, 0));
    var d = { categories: categories.map(clean), labels: series.map(function (s) { return clean(s.label); }),
              values: series.map(function (s) { return s.values.slice(); }), fills: fills, totals: totals,
              step: axis[0], top: axis[1] };
    var title = clean(o.title);
    var body = [textEl(PAD, PAD + 16, title, { maxWidth: WIDTH - 2 * PAD, cls: "chart-title", size: 16, bold: true })];
    var y = legend(body, d, PAD + 28);
    body.push(textEl(PAD, y + 12, clean(o.valueLabel), { maxWidth: WIDTH - 2 * PAD, cls: "value-label", fill: "#444" }));
    var height = Math.ceil((o.horizontal ? horizontal : vertical)(body, d, y + 20));
    var desc = [clean(o.description), summary(d)].filter(function (s) { return s; }).join(" ");
    var head = ['<?xml version="1.0" encoding="UTF-8"?>',
                '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="' + WIDTH + '" height="' + height
                + '" viewBox="0 0 ' + WIDTH + " " + height + '" role="img" aria-labelledby="' + idPrefix
                + "chart-title " + idPrefix + 'chart-desc" font-family="sans-serif">',
                '<title id="' + idPrefix + 'chart-title">' + xml(title) + "</title>",
                '<desc id="' + idPrefix + 'chart-desc">' + xml(desc) + "</desc>"];
    if (defs.length) head.push("<defs>" + defs.join("") + "</defs>");
    head.push('<rect class="background" width="' + WIDTH + '" height="' + height + '" fill="#fff"/>');
    return head.concat(body, ["</svg>"]).join("\n") + "\n";
  }

  var charts = { WIDTH: WIDTH, PALETTE: PALETTE, NO_DATA: NO_DATA, COMBINING: COMBINING, WIDE: WIDE, clean: clean,
                 fmt: fmt, textWidth: textWidth, niceAxis: niceAxis, fixed2: fixed2, stackedBars: stackedBars };
  if (typeof module !== "undefined" && module.exports) module.exports = charts;
  else root.tdktCharts = charts;
})(this);
