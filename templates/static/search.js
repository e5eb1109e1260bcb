// The search page: loads the index named by #search-app[data-index]
// (a URL built by the site's Urls, so it works under a sub-path), runs
// JieduSearch (search-core.js) as the reader types, and draws results
// with createElement/textContent only: no text from the edition is ever
// parsed as HTML. The query lives in ?q= so a search can be shared.
(function () {
  "use strict";
  var app = document.getElementById("search-app");
  var input = document.getElementById("search-q");
  if (!app || !input || !window.JieduSearch || !window.fetch) return;
  var status = document.getElementById("search-status");
  var out = document.getElementById("search-results");
  var indexUrl = new URL(app.getAttribute("data-index"), location.href);
  var searcher = null;
  var seq = 0;
  var limit = 10;
  // When the current query was entered (typed, or read from ?q=): the
  // times the page reports count from here, index loading included.
  var asked = 0;
  app.hidden = false;

  function load(rel) {
    return fetch(new URL(rel, indexUrl)).then(function (r) {
      if (!r.ok) throw new Error(rel + ": HTTP " + r.status);
      return r.json();
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function parts(target, list) {
    list.forEach(function (p) { target.appendChild(p.mark ? el("mark", null, p.text) : document.createTextNode(p.text)); });
  }

  function termItem(t) {
    var li = el("li", "result result-term");
    var a = el("a", "result-link", t.term);
    a.href = t.url;
    li.appendChild(a);
    if (t.pinyin) li.appendChild(el("span", "pinyin", " " + t.pinyin));
    if (t.english) { var en = el("span", "english", " " + t.english); en.lang = "en"; li.appendChild(en); }
    li.appendChild(el("span", "kind", " " + t.kind));
    if (t.aliases && t.aliases.length) li.appendChild(el("span", "aliases", " 又作 " + t.aliases.join("、")));
    if (t.short) li.appendChild(el("p", "short", t.short));
    return li;
  }

  function articleItem(r) {
    var li = el("li", "result result-article");
    var a = el("a", "result-link result-title");
    a.href = r.url;
    parts(a, r.titleParts);
    li.appendChild(a);
    var meta = [r.date, r.count ? r.count + " 段" : ""].filter(Boolean).join(" · ");
    if (meta) li.appendChild(el("span", "meta", " " + meta));
    if (r.paragraphs.length) {
      var ul = el("ul", "kwic");
      r.paragraphs.forEach(function (p) {
        var item = el("li");
        var link = el("a", "result-link snippet");
        link.href = p.url;
        link.appendChild(el("span", "pnum", "¶" + p.anchor + " "));
        if (p.cutLeft) link.appendChild(document.createTextNode("…"));
        parts(link, p.parts);
        if (p.cutRight) link.appendChild(document.createTextNode("…"));
        item.appendChild(link);
        ul.appendChild(item);
      });
      li.appendChild(ul);
    }
    return li;
  }

  function section(title, items) {
    var s = el("section", "result-group");
    s.appendChild(el("h2", null, title));
    var ul = el("ol", "result-list");
    items.forEach(function (i) { ul.appendChild(i); });
    s.appendChild(ul);
    return s;
  }

  // Draws results; `final` is false for a first draw (glossary entries,
  // or ranked articles whose snippets are still on their way).
  function draw(q, res, final) {
    var ms = performance.now() - asked;
    out.textContent = "";
    if (res.terms.length) out.appendChild(section("术语", res.terms.map(termItem)));
    if (res.articles && res.articles.length) {
      out.appendChild(section("文章", res.articles.map(articleItem)));
      if (final && res.total > res.articles.length) {
        var more = el("button", "more", "显示更多");
        more.type = "button";
        more.addEventListener("click", function () { limit += 10; run(true); });
        out.appendChild(more);
      }
    }
    if (res.articles && !app.hasAttribute("data-ms-first")) app.setAttribute("data-ms-first", ms.toFixed(2));
    if (!final) {
      status.textContent = !res.articles ? "正在查找文章…" : res.provisional ? "正在核对原文…" : "正在载入摘录…";
      return;
    }
    var count = (res.exact ? "" : "约 ") + res.total;
    var found = res.terms.length || res.articles.length
      ? "术语 " + res.terms.length + " 条，文章 " + count + " 篇"
      : "没有找到“" + q + "”";
    status.textContent = found + "（" + ms.toFixed(1) + " 毫秒）";
    // The address follows the query once it is answered: replacing it
    // can hold the page for several milliseconds, too long to pay first.
    setUrl(q);
    if (!app.hasAttribute("data-ms-first")) app.setAttribute("data-ms-first", ms.toFixed(2));
    app.setAttribute("data-ms", ms.toFixed(2));
    app.setAttribute("data-at", performance.now().toFixed(2));
    app.setAttribute("data-query", q);
  }

  function setUrl(q) {
    var url = new URL(location.href);
    if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
    history.replaceState(null, "", url.pathname + url.search + url.hash);
  }

  function run(keepLimit) {
    var q = input.value.trim();
    var mine = ++seq;
    if (!keepLimit) limit = 10;
    app.removeAttribute("data-ms-first");
    if (!q) { setUrl(q); out.textContent = ""; status.textContent = ""; app.removeAttribute("data-query"); return; }
    if (!searcher) { setUrl(q); status.textContent = "正在载入索引…"; return; }
    // The engine calls back only while files are still to come, so a
    // first draw is never wasted on a query whose files are all cached.
    searcher.search(q, { limit: limit }, function (res) {
      if (mine === seq) draw(q, res, false);
    }).then(function (res) {
      if (mine === seq) draw(q, res, true);
    }, fail);
  }

  // The first query should not pay for compiling the engine and the
  // drawing code: run both once, off-screen, as soon as the table is in.
  function warm() {
    var res = searcher.warm();
    var off = document.createElement("div");
    res.terms.forEach(function (t) { off.appendChild(termItem(t)); });
    off.appendChild(section("文章", res.articles.map(articleItem)));
  }

  function fail(err) {
    status.textContent = "搜索出错：" + err.message;
  }

  // Arrow keys walk the input and the result links; Enter in the box
  // opens the first result, Enter on a link follows it as usual.
  function links() {
    return [input].concat(Array.prototype.slice.call(out.querySelectorAll("a.result-link")));
  }

  document.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp" && !(e.key === "Enter" && e.target === input)) return;
    var list = links();
    var at = list.indexOf(document.activeElement);
    if (at < 0) return;
    if (e.key === "Enter") {
      e.preventDefault();
      if (list[1]) list[1].click(); else run();
      return;
    }
    e.preventDefault();
    var to = Math.max(0, Math.min(list.length - 1, at + (e.key === "ArrowDown" ? 1 : -1)));
    list[to].focus();
  });

  // Every input searches at once: a cached query takes a few
  // milliseconds, a newer query supersedes an older one (seq), and the
  // shards an earlier prefix fetched are mostly the ones the next needs.
  // While an input method is composing, the text is not the query yet.
  input.addEventListener("input", function (e) {
    if (e.isComposing) return;
    asked = performance.now();
    run();
  });
  input.addEventListener("compositionend", function () {
    asked = performance.now();
    run();
  });

  var initial = new URL(location.href).searchParams.get("q");
  if (initial) input.value = initial;
  asked = performance.now();
  status.textContent = "正在载入索引…";
  app.setAttribute("aria-busy", "true");
  // Both files are asked for at once (the page preloads them too).
  var table = load("articles.json");
  load("meta.json").then(function (meta) {
    searcher = new window.JieduSearch.Searcher(meta, function (rel) {
      return rel === "articles.json" ? table : load(rel);
    });
    // The article table and the query's shards load side by side.
    searcher.articles().then(function () {
      // A query from ?q= compiles the engine itself, and sooner.
      if (!input.value.trim()) warm();
      app.removeAttribute("aria-busy");
      app.setAttribute("data-ready", "");
      if (!input.value.trim()) status.textContent = "索引已载入：" + meta.terms.length + " 条术语，" + meta.articles + " 篇文章。";
    }, fail);
    if (input.value.trim()) run();
    else status.textContent = "术语已载入，正在载入文章目录…";
  }, fail);
  if (!initial) input.focus();
})();
