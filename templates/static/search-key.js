// "/" focuses the search box from any page, as on many reading sites;
// it is left alone while the reader types in a field. On the search page
// the page's own box wins over the one in the header.
(function () {
  "use strict";
  // The key is worth a hint only where there is a keyboard to press it:
  // not on a phone (issue 18).
  var header = document.querySelector("[data-search-input]");
  if (header && window.matchMedia && matchMedia("(hover: hover) and (pointer: fine)").matches) {
    header.placeholder = "搜索（按 / 键）";
  }
  function typing(el) {
    if (!el) return false;
    var tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    var box = document.querySelector("[data-search-main]") || document.querySelector("[data-search-input]");
    if (!box) return;
    e.preventDefault();
    box.focus();
    box.select();
  });
})();
