// jiedu serve: live reload. The dev server adds this script to the HTML
// it sends; `jiedu build` output never contains it.
//
// Events (Server-Sent Events from /__jiedu/events):
//   hello   the current build id; a page built before it reloads itself
//   reload  the site changed: reload the page
//   css     only stylesheets changed: swap them without a reload
//   error   a rebuild failed: show file, line and message over the page
//   search  a new search index was published under the given directory:
//           a page that loaded any file of the old one reloads, so it
//           never mixes the files of two indexes
// The overlay is built with textContent only, so a message can never
// inject markup.
(function () {
  "use strict";
  var me = document.currentScript;
  var build = me ? me.getAttribute("data-build") : null;
  var events = new EventSource("/__jiedu/events");

  events.addEventListener("hello", function (e) {
    if (build !== null && e.data !== build) location.reload();
  });
  events.addEventListener("reload", function () {
    location.reload();
  });
  events.addEventListener("search", function (e) {
    if (loaded(e.data)) location.reload();
  });
  events.addEventListener("css", function (e) {
    JSON.parse(e.data).forEach(swapStylesheet);
  });
  events.addEventListener("error", function (e) {
    // EventSource also fires a plain "error" when the connection drops
    // (and then reconnects by itself); only ours carries data.
    if (typeof e.data === "string" && e.data) showError(JSON.parse(e.data));
  });

  // Whether this page fetched a file under the URL path `dir`.
  function loaded(dir) {
    if (!window.performance || !performance.getEntriesByType) return false;
    return performance.getEntriesByType("resource").some(function (r) {
      return new URL(r.name, location.href).pathname.indexOf(dir) === 0;
    });
  }

  function swapStylesheet(path) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href, location.href);
      if (url.pathname === path) {
        url.searchParams.set("jiedu", String(Date.now()));
        links[i].href = url.href;
      }
    }
  }

  function showError(err) {
    var old = document.getElementById("jiedu-error");
    if (old) old.parentNode.removeChild(old);
    var box = document.createElement("div");
    box.id = "jiedu-error";
    box.setAttribute("role", "alert");
    box.style.cssText =
      "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;" +
      "z-index:2147483647;padding:1em 1.5em;background:#2b0b0b;color:#ffe9e9;" +
      "font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;border-top:4px solid #e5484d";
    var title = document.createElement("strong");
    title.textContent = "jiedu: rebuild failed; still serving the last good site";
    var where = document.createElement("div");
    where.className = "jiedu-error-place";
    where.textContent = place(err);
    var message = document.createElement("pre");
    message.className = "jiedu-error-message";
    message.style.cssText = "margin:.5em 0 0;white-space:pre-wrap";
    message.textContent = err.message;
    box.appendChild(title);
    box.appendChild(where);
    box.appendChild(message);
    document.body.appendChild(box);
  }

  function place(err) {
    var s = err.file || "";
    if (err.line) s += ":" + err.line;
    if (err.line && err.column) s += ":" + err.column;
    return s;
  }
})();
