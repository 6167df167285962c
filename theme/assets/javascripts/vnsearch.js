/* Vietnamese text analysis for search, in the browser.
 *
 * The same four functions as tdkt/search/analysis.py and tdkt/text/collate.py (fold, canonicalTone,
 * tokens, words/exact/pairs), written line for line so that a query is analysed exactly as the
 * index was; tests/test_search_text.py runs both on the same strings and compares.
 */
(function (root) {
  "use strict";

  var TONES = "\u0300\u0301\u0303\u0309\u0323";
  var MOVABLE = /(?<!q)(o[ae]|u[y])$/;
  var TOKEN = /[\p{L}\p{N}]+/gu;
  var SPACE = /^[ \t\n\r\f\v\u00a0]+$/;
  // a run of tokens separated only by phrase spaces, as analysis.py's _PHRASE
  var PHRASE = /[\p{L}\p{N}]+(?:[ \t\n\r\f\v\u00a0]+[\p{L}\p{N}]+)*/gu;
  var PAIR_JOIN = "_";
  // the one table of variants (tdkt/search/terms.json): the build gives it to pages as vnterms.js
  var TERMS = root.vnterms || (typeof require !== "undefined" ? require(__dirname + "/../../../tdkt/search/terms.json")
                                                               : { iy: "^$", abbreviations: {} });
  var IY = new RegExp(TERMS.iy);
  var ABBREVIATIONS = TERMS.abbreviations;

  // Latin letters, general punctuation (“ ” – …), symbols, CJK and fullwidth punctuation; not U+2ADC,
  // which NFC leaves as a base and a mark
  var LATIN = /^[\x00-\u024f\u1e00-\u1eff\u2000-\u2adb\u2add-\u2bff\u3000-\u303f\uff00-\uffef]*$/;
  var MARKS = /[\u0300-\u036f]/g, DD = /[đĐ]/g;

  /* NFD, keep the base letter, đ→d, lowercase: one code point in, one out (for NFC input).
   * Text made only of the characters of LATIN (Vietnamese text is) takes a faster path with the same
   * result: there every character decomposes to a base and marks of U+0300–U+036F, and lowercasing
   * needs no context (tests/test_search_text.py checks every code point of them against the Python). */
  function fold(s) {
    var out = "", nfc = s.normalize("NFC");
    if (LATIN.test(nfc)) return nfc.normalize("NFD").replace(MARKS, "").replace(DD, "d").toLowerCase();
    for (var ch of nfc) {
      var base = String.fromCodePoint(ch.normalize("NFD").codePointAt(0));
      if (base === "đ" || base === "Đ") base = "d";
      out += base.toLowerCase();
    }
    return out;
  }

  /* hoà and hòa → hòa: the tone of a final oa/oe/uy goes on its first vowel (not after q). */
  function canonicalTone(syllable) {
    var decomposed = syllable.normalize("NFD");
    var tone = "";
    for (var c of decomposed) {
      if (TONES.indexOf(c) >= 0) { tone = c; break; }
    }
    if (!tone) return syllable.normalize("NFC");
    var bare = decomposed.split(tone).join("").normalize("NFC");
    var match = MOVABLE.exec(bare);
    if (!match) return syllable.normalize("NFC");
    var at = match.index;
    return (bare.slice(0, at + 1) + tone + bare.slice(at + 1)).normalize("NFC");
  }

  /* [token, start, end] of each run of letters and digits of the NFC text. */
  function tokens(text) {
    var nfc = text.normalize("NFC"), out = [], m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(nfc)) !== null) out.push([m[0], m.index, m.index + m[0].length]);
    return out;
  }

  /* A folded token as the index and the query both read it: sy → si, ubnd → uy ban nhan dan. */
  function variant(token) {
    if (Object.prototype.hasOwnProperty.call(ABBREVIATIONS, token)) return ABBREVIATIONS[token].split(" ");
    return token.endsWith("y") && IY.test(token) ? [token.slice(0, -1) + "i"] : [token];
  }

  function variants(run) {
    var out = [];
    for (var t of run) for (var v of variant(t)) out.push(v);
    return out;
  }

  /* The folded tokens (folding keeps letters letters), read through the variants. */
  function words(text) {
    return variants(fold(text).match(TOKEN) || []);
  }

  /* Lowercase tokens that carry marks (or đ), with one tone placement. */
  function exact(text) {
    return (text.normalize("NFC").toLowerCase().match(TOKEN) || []).filter(function (t) {
      return fold(t) !== t;
    }).map(canonicalTone);
  }

  /* Folded token pairs separated only by spaces (each token pairs with the next), read through the
   * variants. */
  function pairs(text) {
    var out = [], m, folded = fold(text);
    PHRASE.lastIndex = 0;
    while ((m = PHRASE.exec(folded)) !== null) {
      var run = variants(m[0].split(/[ \t\n\r\f\v\u00a0]+/));
      for (var i = 0; i + 1 < run.length; i++) out.push(run[i] + PAIR_JOIN + run[i + 1]);
    }
    return out;
  }

  /* A token folded and read as one word (an abbreviation stays itself: its words are not on the page). */
  function one(token) {
    var v = variant(fold(token));
    return v.length === 1 ? v[0] : fold(token);
  }

  /* Indexes (into tokens(text)) of the tokens that form one of the wanted pairs: phrase hits. */
  function pairHits(text, wanted) {
    var nfc = text.normalize("NFC"), toks = tokens(nfc), hits = new Set();
    for (var i = 0; i + 1 < toks.length; i++) {
      if (SPACE.test(nfc.slice(toks[i][2], toks[i + 1][1])) &&
          wanted.has(one(toks[i][0]) + PAIR_JOIN + one(toks[i + 1][0]))) {
        hits.add(i);
        hits.add(i + 1);
      }
    }
    return hits;
  }

  /* A document's number as the number field holds it: each symbol folded without spaces (184/BC-UBND →
   * 184/bc-ubnd) and, when it has a symbol, its leading number (184). As analysis.py's numbers(). */
  var NUMBER = /[0-9]+(?:[ \t]*[/-][ \t]*[0-9a-z&]+)*/g, BLANKS = /[ \t]+/g;
  function numbers(text) {
    var out = [], m, folded = fold(text);
    NUMBER.lastIndex = 0;
    while ((m = NUMBER.exec(folded)) !== null) {
      var symbol = m[0].replace(BLANKS, ""), lead = /^[0-9]+/.exec(symbol)[0];
      out.push(symbol);
      if (symbol !== lead) out.push(lead);
    }
    return out;
  }

  /* The numbers a query asks for: every symbol with a part (itself and its leading number) and every bare
   * number of two digits or more that is not a year (1900-2099). As analysis.py's query_numbers(). */
  function queryNumbers(text) {
    var out = [], m, folded = fold(text);
    NUMBER.lastIndex = 0;
    var symbols = [];
    while ((m = NUMBER.exec(folded)) !== null) symbols.push(m[0].replace(BLANKS, ""));
    symbols.forEach(function (symbol) {
      if (/^[0-9]+$/.test(symbol) && (symbol.length < 2 || (+symbol >= 1900 && +symbol <= 2099))) return;
      numbers(symbol).forEach(function (t) { if (out.indexOf(t) < 0) out.push(t); });
    });
    return out;
  }

  var api = { fold: fold, canonicalTone: canonicalTone, tokens: tokens, words: words, exact: exact,
              pairs: pairs, pairHits: pairHits, variant: variant,
              numbers: numbers, queryNumbers: queryNumbers };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.vnsearch = api;
})(this);
