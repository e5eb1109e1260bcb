// The 中文 / English / 对照 control of a translated article (issue 19).
// The page arrives showing both languages in order (the 对照 view: side by
// side on wide screens, interleaved on narrow ones), so it reads without
// JavaScript. This script shows the control, applies the reader's choice
// (kept in localStorage, so it holds across pages; `?lang=en` or
// `?lang=zh` in the address chooses too, which is what the page's
// hreflang alternate links use) and, in the English view, takes a
// paragraph link #pN to the English of that paragraph.
(function () {
  "use strict";
  var KEY = "jiedu-read";
  var MODES = ["zh", "en", "both"];
  var body = document.querySelector(".body.bilingual");
  var control = document.querySelector(".lang-switch");
  if (!body || !control) return;

  function stored() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function store(mode) {
    try { localStorage.setItem(KEY, mode); } catch (e) { /* private mode: not remembered */ }
  }
  function fromQuery() {
    var m = /[?&]lang=(zh|en|both)\b/.exec(location.search);
    return m ? m[1] : null;
  }

  // In the English view the Chinese paragraph #pN is hidden: show its
  // English instead, marked as the target.
  function land() {
    var old = body.querySelector(".blk-en.landed");
    if (old) old.classList.remove("landed");
    var m = /^#(p\d+)$/.exec(location.hash);
    if (!m || body.getAttribute("data-read") !== "en") return;
    var en = document.getElementById(m[1] + "-en");
    if (!en) return;
    en.classList.add("landed");
    en.scrollIntoView();
  }

  function apply(mode) {
    if (MODES.indexOf(mode) < 0) mode = "both";
    body.setAttribute("data-read", mode);
    var buttons = control.querySelectorAll("button[data-read]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-read") === mode));
    }
  }

  control.addEventListener("click", function (ev) {
    var b = ev.target && ev.target.closest ? ev.target.closest("button[data-read]") : null;
    if (!b) return;
    var mode = b.getAttribute("data-read");
    apply(mode);
    store(mode);
    land();
  });
  window.addEventListener("hashchange", land);

  var chosen = fromQuery();
  if (chosen) store(chosen);
  apply(chosen || stored() || "both");
  control.hidden = false;
  land();
})();
