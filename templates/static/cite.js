// Citing an article or a paragraph.
//
// The "引用本文" button (shown only with JavaScript) opens a panel with two
// formatted citations of the article, Chinese GB/T 7714—2015 and English
// Chicago style; a click on a ¶ number copies the paragraph's absolute URL,
// says so, and opens the same panel under that paragraph, citing it with
// its quoted text. Each citation is in a read-only text box that gets the
// focus with its text selected (Ctrl/⌘+C copies it) and has a 复制 button;
// Esc closes the panel and gives the focus back. The facts come from the
// page's schema.org data (headline, authors, where it was printed).
//
// The link in a citation is the configured address (the canonical URL)
// unless the edition was built with a placeholder base_url
// (data-base-placeholder on the cite bar), in which case it is the address
// the page is being read at, so a copied link is never dead.
//
// Without JavaScript the ¶ number is still a plain link to #pN.
(function () {
  "use strict";
  var canonical = document.querySelector('link[rel="canonical"]');
  var placeholder = !!document.querySelector(".cite-bar[data-base-placeholder]");
  var base = (placeholder || !canonical ? location.origin + location.pathname : canonical.href).split("#")[0];
  var data = readData();
  var note = document.createElement("div");
  note.className = "cite-note";
  note.id = "cite-note";
  note.setAttribute("role", "status");
  note.setAttribute("aria-live", "polite");
  note.hidden = true;
  document.body.appendChild(note);
  var timer = 0;
  var panel = null;
  var opener = null;

  function readData() {
    var nodes = document.querySelectorAll('script[type="application/ld+json"]');
    for (var i = 0; i < nodes.length; i++) {
      try {
        var v = JSON.parse(nodes[i].textContent);
        if (v && v["@type"] === "NewsArticle") return v;
      } catch (e) { /* not ours */ }
    }
    return {};
  }

  function say(text, ok) {
    note.textContent = text;
    note.classList.toggle("cite-failed", !ok);
    note.hidden = false;
    clearTimeout(timer);
    timer = setTimeout(function () { note.hidden = true; }, 4000);
  }

  // The old route, for browsers without the async clipboard API or when
  // it refuses (an insecure origin, say).
  function copyByCommand(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  function copy(text, what, focusBack) {
    var done = function () { say("已复制" + what + "：" + text, true); };
    var fallback = function () {
      if (copyByCommand(text)) done();
      else say("未能复制，请手动复制：" + text, false);
      if (focusBack) focusBack.focus();
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  // ---- The facts of a citation ----

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function today() {
    var d = new Date();
    return { y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate() };
  }
  function parseDate(s) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(s || "");
    return m ? { y: +m[1], m: m[2] ? +m[2] : 0, d: m[3] ? +m[3] : 0 } : null;
  }
  function isoDate(d) {
    return d ? d.y + (d.m ? "-" + pad(d.m) : "") + (d.d ? "-" + pad(d.d) : "") : "";
  }
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];
  function englishDate(d) {
    if (!d) return "";
    if (!d.m) return String(d.y);
    return MONTHS[d.m - 1] + (d.d ? " " + d.d + "," : "") + " " + d.y;
  }

  function facts() {
    var based = data.isBasedOn || {};
    var names = (data.author || []).map(function (a) { return a.name; }).filter(Boolean);
    return {
      title: data.headline || document.title,
      authors: names,
      publication: based.isPartOf && based.isPartOf.name,
      date: parseDate(based.datePublished || data.datePublished),
      page: data.printPage || "",
      original: based.url || "",
      edition: (data.isPartOf && data.isPartOf.name) || "",
      newspaper: !!data.printPage || /报$/.test((based.isPartOf && based.isPartOf.name) || ""),
    };
  }

  // The text of paragraph `id`, without its ¶ number, notes or apparatus.
  function quoted(id) {
    var blk = document.getElementById(id);
    if (!blk) return "";
    var copy = blk.cloneNode(true);
    copy.querySelectorAll(".pn, .sidenotes, .emend-note, a.annot-ref[id], .gloss-tip").forEach(function (n) { n.remove(); });
    var text = copy.textContent.replace(/\s+/g, " ").trim();
    return text.length > 120 ? text.slice(0, 120) + "……" : text;
  }

  // GB/T 7714—2015: 作者. 题名[N/OL]. 报纸名, 出版日期(版次)[引用日期]. 获取路径.
  function gbt(f, url, n, quote) {
    var authors = f.authors.length > 3 ? f.authors.slice(0, 3).join(", ") + ", 等" : f.authors.join(", ");
    var t = today();
    var page = (/\d+/.exec(f.page) || [f.page])[0];
    var where = f.publication ? f.publication : f.edition;
    var ref = (authors ? authors + ". " : "") + f.title + "[" + (f.newspaper ? "N/OL" : "EB/OL") + "]. " +
      where + (f.date ? ", " + isoDate(f.date) : "") + (page ? "(" + page + ")" : "") +
      "[" + isoDate(t) + "]. " + url + ".";
    return quote ? "“" + quote + "”（第" + n + "段）\n" + ref : ref;
  }

  // Chicago (17th ed.), bibliography entry of a newspaper article read in
  // this edition.
  function chicago(f, url, n, quote) {
    var a = f.authors;
    var authors = a.length === 0 ? "" : a.length === 1 ? a[0] : a.length === 2 ? a[0] + " and " + a[1]
      : a.slice(0, -1).join(", ") + ", and " + a[a.length - 1];
    var t = today();
    var parts = [];
    if (authors) parts.push(authors + ".");
    parts.push("“" + f.title + ".”");
    var src = f.publication || f.edition;
    if (f.date) src += ", " + englishDate(f.date);
    if (f.page) src += ", " + f.page;
    parts.push(src + ".");
    if (f.publication && f.edition) parts.push("In " + f.edition + (n ? ", par. " + n : "") + ".");
    else if (n) parts.push("Par. " + n + ".");
    parts.push("Accessed " + englishDate(t) + ".");
    parts.push(url + ".");
    var ref = parts.join(" ");
    return quote ? "“" + quote + "” (par. " + n + ")\n" + ref : ref;
  }

  // ---- The panel ----

  function field(id, label) {
    var fig = document.createElement("figure");
    var cap = document.createElement("figcaption");
    cap.id = id + "-label";
    cap.textContent = label;
    var box = document.createElement("textarea");
    box.id = id;
    box.readOnly = true;
    box.rows = 4;
    box.setAttribute("aria-labelledby", cap.id);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cite-copy";
    button.textContent = "复制";
    button.setAttribute("aria-describedby", cap.id);
    button.addEventListener("click", function () { copy(box.value, label + "引文", null); });
    fig.appendChild(cap);
    fig.appendChild(box);
    fig.appendChild(button);
    return fig;
  }

  function makePanel() {
    var p = document.createElement("section");
    p.className = "cite-panel";
    p.id = "cite-panel";
    p.setAttribute("aria-labelledby", "cite-h");
    var h = document.createElement("h2");
    h.id = "cite-h";
    p.appendChild(h);
    p.appendChild(field("cite-gbt", "GB/T 7714—2015 格式（中文）"));
    p.appendChild(field("cite-chicago", "芝加哥格式（英文）"));
    var close = document.createElement("button");
    close.type = "button";
    close.className = "cite-close";
    close.textContent = "关闭";
    close.addEventListener("click", hide);
    p.appendChild(close);
    p.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { ev.preventDefault(); hide(); }
    });
    return p;
  }

  function hide() {
    if (!panel || panel.hidden) return;
    panel.hidden = true;
    var back = opener;
    if (back && back.getAttribute("aria-expanded")) back.setAttribute("aria-expanded", "false");
    if (back) back.focus();
  }

  // Opens the panel after `place`, citing paragraph `id` (or the article
  // when `id` is empty); `from` gets the focus back when it closes.
  function show(place, id, from) {
    if (!panel) {
      panel = makePanel();
      if (button) button.setAttribute("aria-controls", panel.id);
    }
    var f = facts();
    var n = id ? id.replace(/^p/, "") : "";
    var url = base + (id ? "#" + id : "");
    var quote = id ? quoted(id) : "";
    panel.querySelector("#cite-h").textContent = id ? "引用第 " + n + " 段" : "引用本文";
    panel.querySelector("#cite-gbt").value = gbt(f, url, n, quote);
    panel.querySelector("#cite-chicago").value = chicago(f, url, n, quote);
    place.parentNode.insertBefore(panel, place.nextSibling);
    panel.hidden = false;
    opener = from;
    if (from.getAttribute("aria-expanded")) from.setAttribute("aria-expanded", "true");
    var first = panel.querySelector("#cite-gbt");
    first.focus();
    first.select();
  }

  var button = document.querySelector(".cite-open");
  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      if (panel && !panel.hidden && opener === button) hide();
      else show(button.parentNode, "", button);
    });
  }

  document.addEventListener("click", function (ev) {
    var link = ev.target && ev.target.closest ? ev.target.closest("a.pn") : null;
    if (!link || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    var id = link.getAttribute("href").replace(/^#/, "");
    copy(base + "#" + id, "第 " + link.textContent + " 段的链接", null);
    var blk = document.getElementById(id);
    if (blk) show(blk, id, link);
  });

  // Printing shows the editor's apparatus, opened.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.apparatus").forEach(function (d) { d.open = true; });
  });
})();
