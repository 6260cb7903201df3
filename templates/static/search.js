/* Search over the Pagefind index (progressive enhancement; no framework).
 *
 * The search page works as a plain GET form: ?q=anxiety. With JavaScript this script hides the
 * "search needs JavaScript" note, runs the search from the address and as the person types,
 * lists results as ordinary links (so Tab reaches them), announces the number found in the
 * polite status region, and keeps the words in the address so a search can be shared. */
(function () {
  "use strict";
  var form = document.querySelector("[data-search]");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var all = document.querySelector("[data-search-all]");
  if (!form || !input || !status || !list || !window.URLSearchParams) { return; }
  var nojs = document.querySelector("[data-search-nojs]");
  if (nojs) { nojs.hidden = true; }

  var pagefind = null;
  var timer = null;
  var latest = 0;

  function say(key, n, q) {
    status.textContent = status.getAttribute(key).replace("{n}", String(n)).replace("{q}", q);
  }

  function load() {
    if (!pagefind) {
      var url = new URL(form.getAttribute("data-pagefind"), document.baseURI).href;
      var root = new URL(form.getAttribute("data-root"), document.baseURI).pathname;
      /* A large prospectus is indexed in parts: the first is loaded, the others merged into it. */
      var more = (form.getAttribute("data-pagefind-more") || "").split(" ").filter(Boolean).map(function (part) {
        return new URL(part, document.baseURI).pathname;
      });
      pagefind = import(url).then(function (pf) {
        return Promise.resolve(pf.options({ baseUrl: root })).then(function () {
          /* a part that fails to load loses its pages, not the whole search */
          return Promise.all(more.map(function (part) {
            return Promise.resolve(pf.mergeIndex(part)).catch(function () { return null; });
          }));
        }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  /* Pagefind excerpts are text with <mark> around the words found: keep exactly that, nothing else. */
  function excerpt(html) {
    var p = document.createElement("p");
    var t = document.createElement("template");
    t.innerHTML = html;
    Array.prototype.forEach.call(t.content.childNodes, function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function show(results) {
    list.textContent = "";
    results.forEach(function (r) {
      var li = document.createElement("li");
      var h = document.createElement("h2");
      var a = document.createElement("a");
      a.href = r.url;
      a.textContent = (r.meta && r.meta.title) || r.url;
      h.appendChild(a);
      li.appendChild(h);
      li.appendChild(excerpt(r.excerpt || ""));
      list.appendChild(li);
    });
  }

  function keepInAddress(q) {
    history.replaceState(null, "", location.pathname + (q ? "?" + new URLSearchParams({ q: q }) : ""));
  }

  function run() {
    var q = input.value.trim();
    var ticket = ++latest;
    keepInAddress(q);
    if (!q) { list.textContent = ""; status.textContent = ""; if (all) { all.hidden = true; } return; }
    say("data-searching", 0, q);
    load().then(function (pf) { return pf.search(q); }).then(function (found) {
      return Promise.all(found.results.slice(0, 20).map(function (r) { return r.data(); }));
    }).then(function (results) {
      if (ticket !== latest) { return; }
      show(results);
      say(results.length === 0 ? "data-none" : results.length === 1 ? "data-one" : "data-some", results.length, q);
      if (all) { all.hidden = results.length !== 0; }
    }).catch(function () {
      if (ticket !== latest) { return; }
      list.textContent = "";
      say("data-failed", 0, q);
      if (all) { all.hidden = false; }
    });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); window.clearTimeout(timer); run(); });
  input.addEventListener("input", function () { window.clearTimeout(timer); timer = window.setTimeout(run, 300); });
  var start = new URLSearchParams(location.search).get("q");
  if (start) { input.value = start; run(); }
}());
