/* The reader's today (progressive enhancement; no framework).
 *
 * Pages are built on one day and read on others. Each run on a course page, each course card and
 * the course page's at-a-glance box carry the dates of the run they show (data-first, data-last,
 * ISO dates) and its status (data-status); cards and the at-a-glance box also carry every run that
 * had not finished when the page was built (data-runs), in the words the page uses. With this
 * script, once a run has ended by the reader's date it is marked finished and loses its booking
 * button, a run that has begun stops offering booking, and a summary moves on to the next run.
 * The changes are made once, as the page loads, in place (the same elements, the same kind of
 * text), so nothing jumps, nothing is announced out of turn and focus is never moved. Without
 * JavaScript the page says what was true on the day it was built ("Dates checked on ...").
 *
 * filters.js uses showRun() to show, on each card, the run that fits the reader's choices. */
(function () {
  "use strict";

  /* Today's date where the college is (its time zone, from <html data-timezone>), so that a reader
   * abroad sees a session end when it ends there; the reader's own date where that is not known. */
  function iso(d) {
    function two(n) { return (n < 10 ? "0" : "") + n; }
    var zone = document.documentElement.getAttribute("data-timezone");
    if (zone && window.Intl && Intl.DateTimeFormat) {
      try {
        var parts = {};
        new Intl.DateTimeFormat("en-GB", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })
          .formatToParts(d).forEach(function (p) { parts[p.type] = p.value; });
        if (parts.year && parts.month && parts.day) { return parts.year + "-" + parts.month + "-" + parts.day; }
      } catch (e) { /* an unknown zone: fall back to the reader's date */ }
    }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  var today = iso(new Date());
  var built = document.documentElement.getAttribute("data-built") || today;
  var changed = false;

  function ended(run) { return run.last < today; }
  function begun(run) { return run.first < today; }

  function setStatus(el, status, label) {
    el.setAttribute("data-status", status);
    Array.prototype.forEach.call(el.querySelectorAll("[data-status-label]"), function (s) {
      s.className = "status status--" + status;
      s.textContent = label || s.getAttribute("data-" + status) || s.textContent;
    });
  }

  function setFact(el, name, text) {
    var dd = el.querySelector('[data-fact="' + name + '"]');
    if (dd) { dd.textContent = text; }
  }

  /* What the page was built to show on a card: the run that fits the page's filter, if it is one
   * (data-match on a list of cards: "time=evening", or "open=1" for courses with places). */
  function pageFilter(el) {
    var holder = el.closest ? el.closest("[data-match]") : null;
    if (!holder) { return null; }
    var pair = holder.getAttribute("data-match").split("=");
    if (pair[0] === "open") {
      return function (r) { return r.status !== "full" && r.status !== "cancelled"; };
    }
    return function (r) { return (r[pair[0]] || []).indexOf(pair[1]) !== -1; };
  }

  /* Show on a card (or at-a-glance box) the first of its runs that fits (``fits``, else the page's
   * own filter) and has not ended, preferring one that is not cancelled; or, when none is left,
   * that the course is not on. ``chosen``: the reader chose a filter, so the card always changes. */
  function showRun(el, fits, chosen) {
    var runs;
    try { runs = JSON.parse(el.getAttribute("data-runs") || "[]"); } catch (e) { return; }
    fits = fits || pageFilter(el);
    var live = runs.filter(function (r) { return (!fits || fits(r)) && !ended(r); });
    var run = live.filter(function (r) { return r.status !== "cancelled"; })[0] || live[0];
    var rows = el.querySelectorAll("[data-fact-row]");
    var when = el.querySelector('[data-fact="when"]');
    if (!when) { return; }
    if (!run) {
      if (!el.hasAttribute("data-first")) { return; }
      /* on a filter page, other runs may be left: say none that fits is, not that none is */
      var holder = !chosen && el.closest ? el.closest("[data-match]") : null;
      when.textContent = (holder && holder.getAttribute("data-none-fit")) || el.getAttribute("data-none");
      Array.prototype.forEach.call(rows, function (row) { row.hidden = true; });
      el.removeAttribute("data-first");
      setStatus(el, "finished");
      changed = changed || !chosen;
      return;
    }
    var same = el.getAttribute("data-first") === run.first && el.getAttribute("data-last") === run.last;
    var begunSince = begun(run) && !(run.first < built);  /* the page's words say "starts" */
    if (same && !begunSince && !chosen) { return; }
    Array.prototype.forEach.call(rows, function (row) { row.hidden = false; });
    setFact(el, "when", begun(run) && run.first >= built ? run.ongoing : run.when);
    setFact(el, "where", run.where);
    el.setAttribute("data-first", run.first);
    el.setAttribute("data-last", run.last);
    setStatus(el, run.status, run.label);
    changed = changed || !chosen;
  }

  /* One run on a course page: ended runs are finished and offer nothing; begun runs are not booked. */
  function markRun(el) {
    var run = { first: el.getAttribute("data-first"), last: el.getAttribute("data-last") };
    var status = el.getAttribute("data-status");
    if (!run.last || status === "finished" || status === "cancelled") { return; }
    var booking = el.querySelector("[data-booking]");
    if (ended(run)) {
      setStatus(el, "finished");
      el.className = el.className.replace(/\brun--[a-z-]+/, "run--finished");
      if (booking) { booking.textContent = booking.getAttribute("data-finished"); }
      var heading = el.querySelector("[data-ended]");
      if (heading) { heading.textContent = heading.getAttribute("data-ended"); }
      changed = true;
    } else if (begun(run) && booking) {
      booking.textContent = booking.getAttribute("data-started");
      changed = true;
    }
  }

  function apply() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-runs]"), function (el) { showRun(el); });
    Array.prototype.forEach.call(document.querySelectorAll("[data-last]:not([data-runs])"), markRun);
    var note = document.querySelector("[data-today]");
    if (note && changed) {
      note.textContent = " " + note.getAttribute("data-text");
      note.hidden = false;
    }
  }

  window.prospectusDates = { today: today, showRun: showRun };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", apply);
  } else {
    apply();
  }
}());
