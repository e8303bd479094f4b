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
// The side-by-side view is built from its <template> the first time it is asked for.
(function () {
  var article = document.querySelector("article[data-view]");
  var bar = document.querySelector(".view-switch");
  var main = document.querySelector(".view-main");
  var template = document.querySelector("template.sbs-template");
  if (!article || !bar || !main || !template) return;
  var sbs = null;
  bar.hidden = false;
  function show(view, remember) {
    var side = view === "side-by-side";
    if (side && !sbs) {
      sbs = template.content.firstElementChild.cloneNode(true);
      template.parentNode.insertBefore(sbs, template);
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
