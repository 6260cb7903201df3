/* Instant filters on the courses list (progressive enhancement; no framework).
 *
 * Without JavaScript the page shows lists of links to pre-built filtered pages. With it, this
 * script shows the filter form instead, hides the cards that do not fit, announces how many
 * courses match in the status region, and keeps the choices in the address (?day=monday...) so
 * a filtered list can be shared. The matching rule is the one in prospectus/render/facets.py:
 * run facets (term, day, time, mode, venue, places) must all fit within one run of a course, and
 * each card then shows that run (its date, place and places), through dates.js's showRun(). */
(function () {
  "use strict";
  var form = document.querySelector("[data-filters]");
  var links = document.querySelector("[data-filter-links]");
  var status = document.getElementById("filter-status");
  if (!form || !status || !window.URLSearchParams || !window.history) { return; }

  var RUN_FACETS = ["term", "day", "time", "mode", "venue"];
  var CLOSED = ["full", "cancelled"];
  var cards = Array.prototype.map.call(document.querySelectorAll(".card[data-course]"), function (card) {
    return {
      el: card,
      category: card.getAttribute("data-category"),
      audience: (card.getAttribute("data-audience") || "").split(" "),
      runs: JSON.parse(card.getAttribute("data-runs") || "[]")
    };
  });
  var sections = document.querySelectorAll("[data-category-section]");

  function chosen() {
    var c = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) { return; }
      c[el.name] = el.type === "checkbox" ? (el.checked ? "1" : "") : el.value;
    });
    return c;
  }

  function runFits(run, c) {
    var dates = window.prospectusDates;
    if (dates && run.last < dates.today) { return false; }  /* ended by the reader's today */
    if (c.open && CLOSED.indexOf(run.status) !== -1) { return false; }
    return RUN_FACETS.every(function (k) { return !c[k] || run[k].indexOf(c[k]) !== -1; });
  }

  function fits(card, c) {
    if (c.category && c.category !== card.category) { return false; }
    if (c.audience && card.audience.indexOf(c.audience) === -1) { return false; }
    var runWanted = c.open || RUN_FACETS.some(function (k) { return c[k]; });
    return !runWanted || card.runs.some(function (run) { return runFits(run, c); });
  }

  function message(shown, total, any) {
    var key = !any ? "data-all" : shown === 0 ? "data-none" : shown === 1 ? "data-one" : "data-some";
    return status.getAttribute(key).replace("{n}", String(shown)).replace("{total}", String(total));
  }

  function keepInAddress(c) {
    var params = new URLSearchParams();
    Object.keys(c).forEach(function (k) { if (c[k]) { params.set(k, c[k]); } });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function apply() {
    var c = chosen();
    var any = Object.keys(c).some(function (k) { return c[k]; });
    var shown = 0;
    var runWanted = c.open || RUN_FACETS.some(function (k) { return c[k]; });
    var dates = window.prospectusDates;
    cards.forEach(function (card) {
      var ok = fits(card, c);
      card.el.hidden = !ok;
      if (ok) { shown += 1; }
      if (ok && dates && (runWanted || card.swapped)) {
        dates.showRun(card.el, runWanted ? function (run) { return runFits(run, c); } : null, true);
        card.swapped = runWanted;
      }
    });
    Array.prototype.forEach.call(sections, function (section) {
      var id = section.getAttribute("data-category-section");
      var count = section.querySelectorAll(".card[data-course]:not([hidden])").length;
      section.hidden = count === 0;
      var link = document.querySelector('[data-category-link="' + id + '"]');
      if (link) {
        link.hidden = count === 0;
        var n = link.querySelector("[data-count]");
        if (n) { n.textContent = String(count); }
      }
    });
    status.textContent = message(shown, cards.length, any);
    keepInAddress(c);
  }

  function readAddress() {
    var params = new URLSearchParams(location.search);
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !params.has(el.name)) { return; }
      var value = params.get(el.name);
      if (el.type === "checkbox") {
        el.checked = value === "1";
      } else if (Array.prototype.some.call(el.options, function (o) { return o.value === value; })) {
        el.value = value;
      }
    });
  }

  form.hidden = false;
  if (links) { links.hidden = true; }
  var box = document.querySelector("[data-filters-box]");
  if (box && location.search) { box.open = true; }  /* a shared link with choices: show them */
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  readAddress();
  apply();
}());
