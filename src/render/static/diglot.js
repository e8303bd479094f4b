// diglot: small progressive enhancements; every page works without this script.
(function () {
  "use strict";
  // Large sidebars come in a script shared by a whole section (cached once); it calls this
  // with the sidebar's HTML, whose links are relative to the locale root (U+E000).
  window.diglotNav = function (html) {
    var nav = document.querySelector("nav[data-nav-root]");
    if (nav) {
      nav.innerHTML = html.split("\uE000").join(nav.getAttribute("data-nav-root"));
    }
  };
  // Mark the current page in the table of contents.
  document.addEventListener("DOMContentLoaded", function () {
    var here = location.pathname.replace(/index\.html$/, "");
    var links = document.querySelectorAll(".toc a[href]");
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      if (a.pathname.replace(/index\.html$/, "") === here) {
        a.setAttribute("aria-current", "page");
        // Scroll the sidebar alone to the entry: scrollIntoView would scroll the page too,
        // hiding its title and language switcher.
        var toc = a.closest(".toc");
        if (toc && toc.scrollHeight > toc.clientHeight) {
          toc.scrollTop += a.getBoundingClientRect().top - toc.getBoundingClientRect().top -
            toc.clientHeight / 2;
        }
        break;
      }
    }
  });
})();

// The bilingual view switch: translation (source on hover) or side by side, remembered.
// The side-by-side view is built the first time it is asked for: a plain translation's
// from its <template>; an sxs page's from the page itself, whose sentences already carry
// their English (so the page does not carry the whole text a second time).
(function () {
  var article = document.querySelector("article[data-view]");
  var bar = document.querySelector(".view-switch");
  var main = document.querySelector(".view-main");
  var template = document.querySelector("template.sbs-template");
  var fromSxs = article && article.getAttribute("data-sbs") === "sxs";
  if (!article || !bar || !main || !(template || fromSxs)) return;
  var sbs = null;
  bar.hidden = false;
  function el(tag, cls) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    return e;
  }
  // A block's English: each sentence replaced by its source copy; ids dropped, so the page
  // keeps each id once.
  function sourceOf(block) {
    var copy = block.cloneNode(true);
    copy.querySelectorAll(".sxs").forEach(function (s) {
      var src = s.querySelector(".sxs-s");
      var span = el("span");
      span.lang = "en-US";
      if (src) while (src.firstChild) span.appendChild(src.firstChild);
      s.replaceWith(span);
    });
    if (copy.removeAttribute) copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
    return copy;
  }
  // Sections open at each h1-h3; a row per top-level block, the French beside its English.
  function buildFromSxs() {
    var view = el("div", "body view-sbs");
    var all = el("div", "sbs");
    view.appendChild(all);
    var section = null;
    Array.prototype.forEach.call(main.children, function (block) {
      if (!section || /^H[1-3]$/.test(block.tagName)) {
        section = el("section", "sbs-section");
        all.appendChild(section);
      }
      var row = el("div", "sbs-row");
      var t = el("div", "sbs-t");
      t.appendChild(block.cloneNode(true));
      var s = el("div", "sbs-s");
      s.lang = "en-US";
      s.setAttribute("data-diglot-source", "");
      s.appendChild(sourceOf(block));
      row.appendChild(t);
      row.appendChild(s);
      section.appendChild(row);
    });
    return view;
  }
  function show(view, remember) {
    var side = view === "side-by-side";
    if (side && !sbs) {
      if (template) {
        sbs = template.content.firstElementChild.cloneNode(true);
        template.parentNode.insertBefore(sbs, template);
      } else {
        sbs = buildFromSxs();
        main.parentNode.insertBefore(sbs, main.nextSibling);
      }
    }
    article.setAttribute("data-view", side ? "side-by-side" : "hover");
    main.hidden = side;
    if (sbs) sbs.hidden = !side;
    bar.querySelectorAll("button[data-view]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-view") === article.getAttribute("data-view")));
    });
    if (remember) {
      try { localStorage.setItem("diglot-view", article.getAttribute("data-view")); } catch (e) {}
    }
  }
  var saved = null;
  try { saved = localStorage.getItem("diglot-view"); } catch (e) {}
  show(saved === "hover" || saved === "side-by-side" ? saved : article.getAttribute("data-view"), false);
  bar.addEventListener("click", function (e) {
    var b = e.target.closest("button[data-view]");
    if (b) show(b.getAttribute("data-view"), true);
  });
})();
