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
        if (a.scrollIntoView && window.matchMedia("(min-width: 60rem)").matches) {
          a.scrollIntoView({ block: "center" });
        }
        break;
      }
    }
  });
})();
