// "Cite this paragraph": clicking a ¶ number copies the paragraph's
// absolute URL (the page's canonical URL plus #pN) and says so. The click
// still follows the link, so the paragraph is highlighted and the address
// bar shows the anchor; without JavaScript the ¶ link works as before.
(function () {
  "use strict";
  var canonical = document.querySelector('link[rel="canonical"]');
  var base = (canonical ? canonical.href : location.href).split("#")[0];
  var note = document.createElement("div");
  note.className = "cite-note";
  note.id = "cite-note";
  note.setAttribute("role", "status");
  note.setAttribute("aria-live", "polite");
  note.hidden = true;
  document.body.appendChild(note);
  var timer = 0;

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

  function copy(text, label) {
    var done = function () { say("已复制" + label + "的链接：" + text, true); };
    var fallback = function () {
      if (copyByCommand(text)) done();
      else say("未能复制，请手动复制：" + text, false);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  document.addEventListener("click", function (ev) {
    var link = ev.target && ev.target.closest ? ev.target.closest("a.pn") : null;
    if (!link || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    var id = link.getAttribute("href").replace(/^#/, "");
    copy(base + "#" + id, "第 " + link.textContent + " 段");
  });
})();
