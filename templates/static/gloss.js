// In-text glosses: hovering, focusing or tapping a glossary term shows its
// definition in a small popover. Without JavaScript nothing is lost: every
// term links to its page, and each definition is printed once in the
// article's "本文术语" list, which the link names via aria-describedby.
(function () {
  "use strict";
  var tip = document.createElement("div");
  tip.className = "gloss-tip";
  tip.id = "gloss-tip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  document.body.appendChild(tip);
  var current = null;
  var hideTimer = 0;

  function fill(link) {
    var src = document.getElementById("gloss-" + link.dataset.term);
    tip.textContent = "";
    if (!src) return false;
    var head = document.createElement("strong");
    head.textContent = src.querySelector("dt a").textContent;
    tip.appendChild(head);
    var en = src.querySelector(".english");
    if (en) {
      var e = document.createElement("span");
      e.className = "english";
      e.lang = "en";
      e.textContent = " " + en.textContent;
      tip.appendChild(e);
    }
    var p = document.createElement("p");
    p.textContent = src.querySelector("dd").firstChild.textContent;
    tip.appendChild(p);
    var more = document.createElement("a");
    more.href = link.href;
    more.textContent = "详见术语页 →";
    tip.appendChild(more);
    return true;
  }

  function place(link) {
    var r = link.getBoundingClientRect();
    var width = Math.min(320, document.documentElement.clientWidth - 16);
    tip.style.width = width + "px";
    var left = r.left + window.scrollX;
    var maxLeft = window.scrollX + document.documentElement.clientWidth - width - 8;
    tip.style.left = Math.max(window.scrollX + 8, Math.min(left, maxLeft)) + "px";
    var below = r.bottom + window.scrollY + 6;
    tip.style.top = below + "px";
    var tipHeight = tip.offsetHeight;
    if (r.bottom + tipHeight + 12 > window.innerHeight && r.top > tipHeight + 12) {
      tip.style.top = (r.top + window.scrollY - tipHeight - 6) + "px";
    }
  }

  function show(link) {
    clearTimeout(hideTimer);
    if (current === link && !tip.hidden) return;
    if (!fill(link)) return;
    current = link;
    tip.hidden = false;
    link.setAttribute("aria-expanded", "true");
    place(link);
  }

  function hide(returnFocus) {
    if (tip.hidden) return;
    tip.hidden = true;
    if (current) {
      current.removeAttribute("aria-expanded");
      if (returnFocus) current.focus();
    }
    current = null;
  }

  function termOf(target) {
    return target && target.closest ? target.closest("a.term") : null;
  }

  document.addEventListener("mouseover", function (ev) {
    var link = termOf(ev.target);
    if (link) show(link);
    else if (!tip.contains(ev.target)) {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(function () { hide(false); }, 250);
    }
  });
  document.addEventListener("focusin", function (ev) {
    var link = termOf(ev.target);
    if (link) show(link);
    else if (!tip.contains(ev.target)) hide(false);
  });
  // On touch screens the first tap shows the gloss; a second tap on the
  // same term follows the link. Whether the gloss was already open must be
  // read at pointerdown: the tap's own focus event opens it before click.
  var touchOpened = null;
  document.addEventListener("pointerdown", function (ev) {
    var link = termOf(ev.target);
    touchOpened = null;
    if (link && ev.pointerType === "touch") {
      touchOpened = { link: link, wasOpen: current === link && !tip.hidden };
    }
  });
  document.addEventListener("click", function (ev) {
    var link = termOf(ev.target);
    if (link && touchOpened && touchOpened.link === link && !touchOpened.wasOpen) {
      ev.preventDefault();
      show(link);
    } else if (!link && !tip.contains(ev.target)) {
      hide(false);
    }
    touchOpened = null;
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && !tip.hidden) {
      hide(true);
    }
  });
})();
