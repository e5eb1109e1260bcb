// Reading controls for an article page (issue 18).
//
// - Term marking: the build marks (links) a term's first occurrence in the
//   article and after each heading; later ones are plain
//   <span class="term" data-term>. The reader may ask for every occurrence
//   ("all": the spans become links to the term page) or none ("off": the
//   links become spans, so no invisible link is left in the text). The
//   choice is kept in localStorage and applies on every article.
// - Font size: four steps of the text column, kept the same way.
// - Concordance landing: a link from a term page carries ?hl=<keyword>&n=<k>
//   (the keyword and how many times it occurs earlier in the paragraph);
//   the occurrence is wrapped in <mark class="landing"> and scrolled to the
//   middle of the screen. (Without script the #pN anchor and a text
//   fragment do the landing, see term_pages::landing_url.)
// - Contents: opened beside the text on wide screens, left closed on phones.
//
// This file runs before gloss.js, so links it makes at load are set up by
// gloss.js; links made later get the popover attributes here.
(function () {
  "use strict";
  var root = document.documentElement;
  var MODES = ["all", "first", "off"];
  var SIZES = ["-1", "0", "1", "2"];

  function load(key, allowed, fallback) {
    try {
      var v = localStorage.getItem(key);
      return allowed.indexOf(v) >= 0 ? v : fallback;
    } catch (e) {
      return fallback;
    }
  }
  function save(key, v) {
    try { localStorage.setItem(key, v); } catch (e) { /* private mode: not kept */ }
  }

  // Whether an occurrence is marked in a mode.
  function marked(el, mode) {
    return mode === "all" || (mode === "first" && el.classList.contains("t1"));
  }

  function swap(el, tag) {
    var n = document.createElement(tag);
    n.className = el.className;
    n.dataset.term = el.dataset.term;
    while (el.firstChild) n.appendChild(el.firstChild);
    el.parentNode.replaceChild(n, el);
    return n;
  }

  function asLink(el) {
    var id = el.dataset.term;
    var src = document.getElementById("gloss-" + id);
    var href = src && src.querySelector("dt a");
    if (!href) return;
    var a = swap(el, "a");
    a.setAttribute("href", href.getAttribute("href"));
    a.setAttribute("aria-describedby", "gloss-" + id);
    if (document.getElementById("gloss-tip")) {
      a.setAttribute("aria-haspopup", "dialog");
      a.setAttribute("aria-expanded", "false");
      a.setAttribute("aria-controls", "gloss-tip");
    }
  }

  function setMarks(mode) {
    var tip = document.getElementById("gloss-tip");
    if (tip) tip.hidden = true;
    root.dataset.marks = mode;
    var terms = document.querySelectorAll(".body .term[data-term]");
    Array.prototype.forEach.call(terms, function (el) {
      var want = marked(el, mode);
      if (want && el.tagName === "SPAN") asLink(el);
      else if (!want && el.tagName === "A") swap(el, "span");
    });
  }

  function setSize(size) {
    if (size === "0") delete root.dataset.size;
    else root.dataset.size = size;
  }

  // The controls are in the page, hidden until this script shows them.
  function controls() {
    var bar = document.getElementById("reader-controls");
    if (!bar) return;
    bar.hidden = false;
    var hint = document.querySelector(".mark-legend .hint");
    if (hint) hint.hidden = true;
    var mode = load("jiedu.marks", MODES, "first");
    Array.prototype.forEach.call(bar.querySelectorAll("input[name=marks]"), function (r) {
      r.checked = r.value === mode;
      r.addEventListener("change", function () {
        if (!r.checked) return;
        save("jiedu.marks", r.value);
        setMarks(r.value);
      });
    });
    Array.prototype.forEach.call(bar.querySelectorAll("button[data-size]"), function (b) {
      b.addEventListener("click", function () {
        var now = SIZES.indexOf(root.dataset.size || "0");
        var step = b.dataset.size;
        var next = step === "0" ? 1 : Math.max(0, Math.min(SIZES.length - 1, now + Number(step)));
        save("jiedu.size", SIZES[next]);
        setSize(SIZES[next]);
      });
    });
  }

  // The text of a paragraph block as the build's plain text has it: no ¶
  // number, footnote marks or notes. Returns the text nodes and their
  // starts in the joined string.
  function textNodes(block) {
    var nodes = [];
    var text = "";
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentNode.closest(".pn, .sidenotes, .fnref, .gloss-tip")
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.data === "\n") continue;
      nodes.push({ node: n, start: text.length });
      text += n.data;
    }
    return { nodes: nodes, text: text };
  }

  // Wraps text[from, to) of the block in marks, piece by text node.
  function markRange(t, from, to) {
    var first = null;
    t.nodes.forEach(function (p) {
      var a = Math.max(from, p.start);
      var b = Math.min(to, p.start + p.node.data.length);
      if (a >= b) return;
      var node = p.node;
      if (a > p.start) node = node.splitText(a - p.start);
      if (b - a < node.data.length) node.splitText(b - a);
      var mark = document.createElement("mark");
      mark.className = "landing";
      node.parentNode.replaceChild(mark, node);
      mark.appendChild(node);
      first = first || mark;
    });
    return first;
  }

  function landing() {
    var params = new URLSearchParams(location.search);
    var word = params.get("hl");
    var block = location.hash && document.getElementById(location.hash.slice(1));
    if (!word || !block) return;
    var n = Math.max(0, parseInt(params.get("n"), 10) || 0);
    var t = textNodes(block);
    var at = -1;
    for (var i = 0, from = 0; i <= n; i++) {
      at = t.text.indexOf(word, from);
      if (at < 0) break;
      from = at + word.length;
    }
    if (at < 0) return;
    var mark = markRange(t, at, at + word.length);
    if (!mark) return;
    mark.id = "landing";
    var reduce = window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches;
    mark.scrollIntoView({ block: "center", behavior: reduce ? "auto" : "instant" });
  }

  function contents() {
    var toc = document.getElementById("toc");
    if (toc && window.matchMedia && matchMedia("(min-width: 1100px)").matches) toc.open = true;
  }

  setSize(load("jiedu.size", SIZES, "0"));
  var mode = load("jiedu.marks", MODES, "first");
  if (mode !== "first") setMarks(mode);
  root.dataset.marks = mode;
  controls();
  contents();
  landing();
})();
