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
  var timer = 0;
  var limit = 10;
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

  function draw(q, res, ms) {
    out.textContent = "";
    if (res.terms.length) out.appendChild(section("术语", res.terms.map(termItem)));
    if (res.articles.length) {
      out.appendChild(section("文章", res.articles.map(articleItem)));
      if (res.total > res.articles.length) {
        var more = el("button", "more", "显示更多");
        more.type = "button";
        more.addEventListener("click", function () { limit += 10; run(true); });
        out.appendChild(more);
      }
    }
    var count = (res.exact ? "" : "约 ") + res.total;
    var found = res.terms.length || res.articles.length
      ? "术语 " + res.terms.length + " 条，文章 " + count + " 篇"
      : "没有找到“" + q + "”";
    status.textContent = found + "（" + ms.toFixed(1) + " 毫秒）";
    app.setAttribute("data-ms", ms.toFixed(2));
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
    setUrl(q);
    if (!q) { out.textContent = ""; status.textContent = ""; app.removeAttribute("data-query"); return; }
    if (!searcher) { status.textContent = "正在载入索引…"; return; }
    var t0 = performance.now();
    searcher.search(q, { limit: limit }).then(function (res) {
      if (mine === seq) draw(q, res, performance.now() - t0);
    }, fail);
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
      clearTimeout(timer);
      if (list[1]) list[1].click(); else run();
      return;
    }
    e.preventDefault();
    var to = Math.max(0, Math.min(list.length - 1, at + (e.key === "ArrowDown" ? 1 : -1)));
    list[to].focus();
  });

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });

  var initial = new URL(location.href).searchParams.get("q");
  if (initial) input.value = initial;
  status.textContent = "正在载入索引…";
  app.setAttribute("aria-busy", "true");
  load("meta.json").then(function (meta) {
    searcher = new window.JieduSearch.Searcher(meta, load);
    app.removeAttribute("aria-busy");
    status.textContent = "索引已载入：" + meta.terms.length + " 条术语，" + meta.articles.length + " 篇文章。";
    app.setAttribute("data-ready", "");
    if (input.value.trim()) run();
  }, fail);
  if (!initial) input.focus();
})();
