// diglot: small progressive enhancements; every page works without this script.
(function () {
  "use strict";
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
