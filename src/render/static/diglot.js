// diglot: small progressive enhancements; every page works without this script.
(function () {
  "use strict";
  // Large sidebars come in a script shared by a whole section (cached once); it calls this
  // with the sidebar's HTML, whose links are relative to the locale root (U+E000).
  window.diglotNav = function (html) {
    var nav = document.querySelector("nav[data-nav-root]");
    if (nav) {
      nav.innerHTML = html.split("\uE000").join(nav.getAttribute("data-nav-root"));
      fromDisk(nav);
    }
  };
  // Opened from the disk (file://), a link to a folder shows its listing, not its page:
  // such links get their `index.html` spelled out.
  function fromDisk(scope) {
    if (location.protocol !== "file:") return;
    scope.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === "#") return;
      var m = /^([^?#]*\/)([?#].*)?$/.exec(href);
      if (m) a.setAttribute("href", m[1] + "index.html" + (m[2] || ""));
    });
  }
  document.addEventListener("DOMContentLoaded", function () { fromDisk(document); });
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
  // The source locale's language (`en-US`, `en-GB` …), for what the views write in it.
  var sourceLang = main.getAttribute("data-source-lang") || "en";
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
      span.lang = (src && src.lang) || sourceLang;
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
      s.lang = sourceLang;
      s.setAttribute("data-diglot-source", "");
      s.appendChild(sourceOf(block));
      row.appendChild(t);
      row.appendChild(s);
      section.appendChild(row);
    });
    return view;
  }
  // Column headings: the page's language and the source's, so that no one has to guess
  // which column is which.
  function label(view) {
    var names = (main.getAttribute("data-labels") || "|").split("|");
    var head = el("div", "sbs-head");
    var t = el("div", "sbs-t");
    t.textContent = names[0];
    var s = el("div", "sbs-s");
    s.textContent = names[1];
    s.lang = sourceLang;
    head.appendChild(t);
    head.appendChild(s);
    var columns = view.querySelector(".sbs") || view;
    columns.insertBefore(head, columns.firstChild);
  }
  // A table beside its source: each row as tall as the taller of the two, so that the
  // rows stay side by side down the table.
  function alignTables() {
    if (!sbs) return;
    sbs.querySelectorAll(".sbs-row").forEach(function (row) {
      var t = row.querySelector(".sbs-t table");
      var s = row.querySelector(".sbs-s table");
      if (!t || !s) return;
      var a = t.rows, b = s.rows;
      for (var i = 0; i < Math.min(a.length, b.length); i++) {
        a[i].style.height = b[i].style.height = "";
      }
      for (var j = 0; j < Math.min(a.length, b.length); j++) {
        var h = Math.max(a[j].getBoundingClientRect().height, b[j].getBoundingClientRect().height);
        a[j].style.height = b[j].style.height = h + "px";
      }
    });
  }
  window.addEventListener("resize", function () {
    if (article.getAttribute("data-view") === "side-by-side") alignTables();
  });
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
    if (side && !sbs.querySelector(".sbs-head")) label(sbs);
    article.setAttribute("data-view", side ? "side-by-side" : "hover");
    main.hidden = side;
    if (sbs) sbs.hidden = !side;
    if (side) alignTables();
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

// The menu button: on a narrow screen the sidebar is hidden behind it (without this script
// it stays below the article).
(function () {
  var button = document.querySelector(".menu-button");
  var toc = document.getElementById("site-toc");
  if (!button || !toc) return;
  document.documentElement.classList.add("has-menu");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    toc.classList.toggle("open", open);
    if (open) {
      var first = toc.querySelector("a[aria-current], a[href]");
      if (first) first.focus();
    }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && toc.classList.contains("open")) {
      toc.classList.remove("open");
      button.setAttribute("aria-expanded", "false");
      button.focus();
    }
  });
})();

// The language switcher keeps the reader's place: the same section in the other language
// (headings keep their anchors across translations).
(function () {
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest(".languages a[href]");
    if (a && location.hash && a.hash === "") a.hash = location.hash;
  });
})();

// "In this article": the section being read is marked.
(function () {
  var links = document.querySelectorAll(".outline a[href^='#']");
  if (!links.length || !("IntersectionObserver" in window)) return;
  var byId = {};
  var targets = [];
  links.forEach(function (a) {
    var t = document.getElementById(decodeURIComponent(a.hash.slice(1)));
    if (t) { byId[t.id] = a; targets.push(t); }
  });
  function mark(id) {
    links.forEach(function (a) { a.removeAttribute("aria-current"); });
    if (byId[id]) byId[id].setAttribute("aria-current", "location");
  }
  var seen = {};
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) { seen[e.target.id] = e.isIntersecting; });
    for (var i = 0; i < targets.length; i++) {
      if (seen[targets[i].id]) { mark(targets[i].id); return; }
    }
  }, { rootMargin: "0px 0px -60% 0px" });
  targets.forEach(function (t) { observer.observe(t); });
})();

// Sentences of an sxs page: one tab stop into the text, the arrow keys from sentence to
// sentence (Home and End to the first and last), Escape hides the English until the focus
// moves. Without this script every sentence is a tab stop of its own.
(function () {
  var main = document.querySelector(".view-main");
  if (!main) return;
  var sentences = Array.prototype.slice.call(main.querySelectorAll(".sxs[tabindex]"));
  if (!sentences.length) return;
  function rove(to) {
    sentences.forEach(function (s) { s.tabIndex = s === to ? 0 : -1; });
  }
  rove(sentences[0]);
  main.addEventListener("focusin", function (e) {
    var s = e.target.closest && e.target.closest(".sxs[tabindex]");
    if (s && sentences.indexOf(s) >= 0) rove(s);
  });
  main.addEventListener("focusout", function (e) {
    var s = e.target.closest && e.target.closest(".sxs");
    if (s) s.classList.remove("quiet");
  });
  main.addEventListener("keydown", function (e) {
    var s = e.target.closest && e.target.closest(".sxs[tabindex]");
    var i = sentences.indexOf(s);
    if (i < 0) return;
    var to = null;
    if (e.key === "ArrowRight" || e.key === "ArrowDown") to = sentences[i + 1];
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") to = sentences[i - 1];
    else if (e.key === "Home") to = sentences[0];
    else if (e.key === "End") to = sentences[sentences.length - 1];
    else if (e.key === "Escape") { s.classList.add("quiet"); e.preventDefault(); return; }
    if (to) { e.preventDefault(); rove(to); to.focus(); }
  });
})();

// Search: the locale's index (search/<locale>/), fetched in small pieces when the reader
// types: the shard of each word's first two letters, then the details of the best pages.
// Words are matched as the build indexed them: lower-cased, accents folded, and through
// their stem, so "parametres" finds "paramètres" and "paramètre". Needs the site served
// over HTTP (opened from the disk, the box stays hidden).
(function () {
  var box = document.querySelector(".search[data-root]");
  if (!box || location.protocol === "file:" || !window.fetch) return;
  var input = box.querySelector("input");
  var list = box.querySelector(".search-results");
  var status = box.querySelector("[aria-live]");
  var base = new URL(box.getAttribute("data-root") + "search/" + box.getAttribute("data-locale") + "/", location.href);
  var cache = {};
  var timer = null;
  var asked = 0;
  box.hidden = false;
  function get(path) {
    if (!cache[path]) {
      cache[path] = fetch(new URL(path, base)).then(function (r) {
        if (!r.ok) throw new Error(path);
        return r.json();
      });
    }
    return cache[path];
  }
  function fold(word) {
    return word.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w; });
  }
  function shardOf(word) {
    var head = Array.from(word).slice(0, 2).join("");
    return Array.from(new TextEncoder().encode(head)).map(function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }
  // The stems a query word stands for: its own form's, or (typed in part) those of the
  // forms it begins.
  function stemsOf(word, meta) {
    var key = shardOf(word);
    if (meta.shards.indexOf(key) < 0) return Promise.resolve([]);
    return get("w/" + key + ".json").then(function (shard) {
      if (shard.forms[word]) return [[shard.forms[word], shard]];
      var found = [];
      for (var form in shard.forms) {
        if (form.lastIndexOf(word, 0) === 0 && found.length < 30) found.push([shard.forms[form], shard]);
      }
      return found;
    });
  }
  // A stem's pages, with their weights, from its own shard.
  function pagesOf(stem, shard) {
    var there = shard.stems[stem] ? Promise.resolve(shard) : get("w/" + shardOf(stem) + ".json");
    return there.then(function (s) {
      var coded = s.stems[stem] || [];
      var out = {};
      var page = 0;
      for (var i = 0; i + 1 < coded.length; i += 2) {
        page += coded[i];
        out[page] = coded[i + 1];
      }
      return out;
    }).catch(function () { return {}; });
  }
  // Pages holding every word (or, if none does, any), best first: weight times rarity.
  function rank(query, meta) {
    var terms = words(query);
    return Promise.all(terms.map(function (word) {
      return stemsOf(word, meta).then(function (stems) {
        return Promise.all(stems.map(function (p) { return pagesOf(p[0], p[1]); }));
      }).then(function (maps) {
        var scores = {};
        maps.forEach(function (m) {
          var idf = Math.log(1 + meta.pages / Math.max(1, Object.keys(m).length));
          for (var page in m) scores[page] = Math.max(scores[page] || 0, m[page] * idf);
        });
        return scores;
      });
    })).then(function (perWord) {
      var all = {};
      var count = {};
      perWord.forEach(function (scores) {
        for (var page in scores) {
          all[page] = (all[page] || 0) + scores[page];
          count[page] = (count[page] || 0) + 1;
        }
      });
      var pages = Object.keys(all);
      var every = pages.filter(function (p) { return count[p] === perWord.length; });
      return (every.length ? every : pages)
        .sort(function (a, b) { return all[b] - all[a] || a - b; })
        .slice(0, 8)
        .map(Number);
    });
  }
  // The text around the first word of the query the page holds, its matches marked.
  function excerpt(text, query) {
    var terms = words(query);
    var folded = fold(text);
    var at = -1;
    terms.forEach(function (t) {
      var i = folded.search(new RegExp("(^|[^\\p{L}\\p{N}])" + t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "u"));
      if (i >= 0 && (at < 0 || i < at)) at = i;
    });
    var start = Math.max(0, at - 60);
    var cut = text.slice(start, start + 220);
    var p = document.createElement("p");
    if (start > 0) p.appendChild(document.createTextNode("… "));
    var foldedCut = fold(cut);
    var marks = [];
    terms.forEach(function (t) {
      var re = new RegExp("(^|[^\\p{L}\\p{N}])(" + t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "[\\p{L}\\p{N}]*)", "gu");
      var m;
      while ((m = re.exec(foldedCut))) marks.push([m.index + m[1].length, m.index + m[0].length]);
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    marks.forEach(function (m) {
      if (m[0] < pos) return;
      p.appendChild(document.createTextNode(cut.slice(pos, m[0])));
      var mark = document.createElement("mark");
      mark.textContent = cut.slice(m[0], m[1]);
      p.appendChild(mark);
      pos = m[1];
    });
    p.appendChild(document.createTextNode(cut.slice(pos) + (start + 220 < text.length ? " …" : "")));
    return p;
  }
  function show(found, query) {
    list.textContent = "";
    if (!found.length) {
      status.textContent = box.getAttribute("data-no-results") + " « " + query + " »";
      var none = document.createElement("p");
      none.textContent = status.textContent;
      list.appendChild(none);
    } else {
      status.textContent = String(found.length);
      var ul = document.createElement("ul");
      found.forEach(function (page) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = new URL(box.getAttribute("data-root") + page[0], location.href).href;
        a.textContent = page[1];
        li.appendChild(a);
        li.appendChild(excerpt(page[2], query));
        ul.appendChild(li);
      });
      list.appendChild(ul);
    }
    list.hidden = false;
  }
  function run() {
    var query = input.value.trim();
    var mine = ++asked;
    if (!query) { list.hidden = true; list.textContent = ""; status.textContent = ""; return; }
    get("meta.json").then(function (meta) {
      return rank(query, meta).then(function (pages) {
        return Promise.all(pages.map(function (n) {
          return get("p/" + Math.floor(n / meta.chunk) + ".json").then(function (chunk) {
            return chunk[n % meta.chunk];
          });
        }));
      });
    }).then(function (found) {
      if (mine === asked) show(found.filter(Boolean), query);
    }).catch(function () { box.hidden = true; });
  }
  input.addEventListener("focus", function () { get("meta.json").catch(function () {}); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
  box.addEventListener("keydown", function (e) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var i = links.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && links.length) {
      e.preventDefault();
      links[Math.min(i + 1, links.length - 1)].focus();
    } else if (e.key === "ArrowUp" && i >= 0) {
      e.preventDefault();
      (i === 0 ? input : links[i - 1]).focus();
    } else if (e.key === "Escape") {
      list.hidden = true;
      input.focus();
    }
  });
})();
