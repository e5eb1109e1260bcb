// In-text glosses: a glossary term in the text opens a small popover with
// its definition and a clearly labelled link to its term page.
//
// - Mouse: hovering previews the gloss; a click opens it and keeps it open
//   (it does not navigate); a second click on the same term, or the
//   popover's link, goes to the term page. Ctrl/⌘/Shift-click and middle
//   click are left to the browser (open the term page in a new tab).
// - Touch: the first tap opens the gloss, a second tap follows the link.
// - Keyboard: focusing a term opens its gloss; Tab moves into the popover
//   (its link), Tab past it closes it and goes on through the text; Esc
//   closes it and puts focus back on the term; Enter on the term follows
//   the link, as on any link.
//
// Without JavaScript nothing is lost: every term links to its page, and
// each definition is printed once in the article's "本文术语" list, which
// the link names via aria-describedby.
//
// Why a non-modal dialog and not role="tooltip": a tooltip may hold no
// interactive content, and this popover holds a link the keyboard must
// reach. So the popover is a dialog named by its term, not modal (focus is
// neither moved into it on open nor trapped there), and each term link
// says that it opens one (aria-haspopup="dialog"), whether it is open
// (aria-expanded) and where it is (aria-controls). The popover is moved
// into the DOM right after its term, so that Tab from the term enters it,
// Tab past its link leaves it, and a screen reader meets it where it
// belongs in the reading order.
(function () {
  "use strict";
  var tip = document.createElement("span");
  tip.className = "gloss-tip";
  tip.id = "gloss-tip";
  tip.setAttribute("role", "dialog");
  tip.setAttribute("aria-labelledby", "gloss-tip-h");
  tip.hidden = true;
  document.body.appendChild(tip);

  // How the open popover was opened; a stronger reason is not undone by
  // a weaker one (a hover ending does not close a clicked-open gloss).
  var RANK = { hover: 1, focus: 2, pin: 3 };
  var current = null;
  var mode = null;
  var hideTimer = 0;
  var returningFocus = false;

  function source(link) {
    return document.getElementById("gloss-" + link.dataset.term);
  }

  Array.prototype.forEach.call(document.querySelectorAll("a.term[data-term]"), function (link) {
    if (!source(link)) return;
    link.setAttribute("aria-haspopup", "dialog");
    link.setAttribute("aria-expanded", "false");
    link.setAttribute("aria-controls", tip.id);
  });

  function fill(link) {
    var src = source(link);
    tip.textContent = "";
    if (!src) return false;
    var name = src.querySelector("dt a").textContent;
    var head = document.createElement("strong");
    head.id = "gloss-tip-h";
    head.textContent = name;
    tip.appendChild(head);
    var en = src.querySelector(".english");
    if (en) {
      var e = document.createElement("span");
      e.className = "english";
      e.lang = "en";
      e.textContent = " " + en.textContent;
      tip.appendChild(e);
    }
    var def = document.createElement("span");
    def.className = "gloss-def";
    def.textContent = src.querySelector("dd").firstChild.textContent;
    tip.appendChild(def);
    var more = document.createElement("a");
    more.className = "gloss-more";
    more.setAttribute("href", link.getAttribute("href"));
    more.textContent = "查看“" + name + "”的术语页 →";
    tip.appendChild(more);
    return true;
  }

  // Places the popover under the term (above it when there is no room
  // below), inside the viewport. Its containing block is whatever
  // positioned box holds the term, so the offset is measured, not assumed.
  function place(link) {
    var vw = document.documentElement.clientWidth;
    var width = Math.min(320, vw - 16);
    tip.style.width = width + "px";
    tip.style.left = "0px";
    tip.style.top = "0px";
    var origin = tip.getBoundingClientRect();
    var r = link.getBoundingClientRect();
    var left = Math.max(8, Math.min(r.left, vw - width - 8));
    var top = r.bottom + 6;
    if (r.bottom + origin.height + 12 > window.innerHeight && r.top > origin.height + 12) {
      top = r.top - origin.height - 6;
    }
    tip.style.left = (left - origin.left) + "px";
    tip.style.top = (top - origin.top) + "px";
  }

  function isOpen(link) {
    return current === link && !tip.hidden;
  }

  function show(link, how) {
    clearTimeout(hideTimer);
    if (isOpen(link)) {
      if (RANK[how] > RANK[mode]) mode = how;
      return;
    }
    // A passing mouse does not take away a gloss the reader opened.
    if (how === "hover" && !tip.hidden && mode !== "hover") return;
    if (!fill(link)) return;
    if (current) current.setAttribute("aria-expanded", "false");
    current = link;
    mode = how;
    link.parentNode.insertBefore(tip, link.nextSibling);
    tip.hidden = false;
    link.setAttribute("aria-expanded", "true");
    place(link);
  }

  // Closes the popover; focus inside it goes back to its term.
  function hide(focusTerm) {
    clearTimeout(hideTimer);
    if (tip.hidden) return;
    var inside = tip.contains(document.activeElement);
    tip.hidden = true;
    current.setAttribute("aria-expanded", "false");
    if (focusTerm || inside) {
      returningFocus = true;
      current.focus();
      returningFocus = false;
    }
    mode = null;
  }

  function termOf(target) {
    return target && target.closest ? target.closest("a.term[aria-controls]") : null;
  }

  document.addEventListener("mouseover", function (ev) {
    var link = termOf(ev.target);
    if (link) show(link, "hover");
    else if (tip.contains(ev.target)) clearTimeout(hideTimer);
    else if (mode === "hover") {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(function () { if (mode === "hover") hide(false); }, 250);
    }
  });
  document.addEventListener("focusin", function (ev) {
    if (returningFocus) return;
    var link = termOf(ev.target);
    if (link) show(link, "focus");
    else if (!tip.contains(ev.target)) hide(false);
  });
  // Whether the gloss was already open (and kept open) must be read at
  // pointerdown: the press's own focus event opens it before the click.
  var pressed = null;
  document.addEventListener("pointerdown", function (ev) {
    var link = termOf(ev.target);
    pressed = link ? { link: link, wasPinned: isOpen(link) && mode === "pin" } : null;
  });
  document.addEventListener("click", function (ev) {
    var link = termOf(ev.target);
    if (link && pressed && pressed.link === link) {
      var plain = ev.button === 0 && !(ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey);
      if (plain && !pressed.wasPinned) {
        ev.preventDefault();
        show(link, "pin");
      }
    } else if (!link && !tip.contains(ev.target)) {
      hide(false);
    }
    pressed = null;
  });
  document.addEventListener("keydown", function (ev) {
    pressed = null;
    if (ev.key === "Escape" && !tip.hidden) {
      var active = document.activeElement;
      hide(active === current || tip.contains(active));
    }
  });
  window.addEventListener("resize", function () {
    if (!tip.hidden) place(current);
  });
})();
