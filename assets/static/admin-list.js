// The article list's bulk selection and keys. Rows are selected with their
// checkboxes (shift-click selects the range from the last one clicked);
// the bulk bar shows only the menu its action needs. Keys, as in mail
// clients: "/" focuses the search, j/k move through the rows, x selects
// the current row, Enter opens it. Everything here is a convenience: the
// list and the bar work without it.
(function () {
  "use strict";

  var lastClicked = null;

  function boxes() {
    return Array.prototype.slice.call(document.querySelectorAll("input[name='article'][form='bulk-form']"));
  }

  function localDigits(n) {
    try { return new Intl.NumberFormat(document.documentElement.lang).format(n); } catch (e) { return String(n); }
  }

  // updateBar shows the count, the select-all box's state, and the menus
  // the chosen action uses.
  function updateBar() {
    var all = boxes();
    var n = all.filter(function (b) { return b.checked; }).length;
    var count = document.querySelector("[data-testid='bulk-count']");
    if (count) { count.textContent = count.dataset.template.replace("{count}", localDigits(n)); }
    var master = document.getElementById("bulk-all");
    if (master) {
      master.hidden = false;
      master.checked = n > 0 && n === all.length;
      master.indeterminate = n > 0 && n < all.length;
    }
    all.forEach(function (b) { b.closest("tr").classList.toggle("selected", b.checked); });
    var action = document.getElementById("bulk-action");
    if (!action) { return; }
    document.querySelectorAll("[data-bulk-for]").forEach(function (el) {
      var used = el.dataset.bulkFor.split(" ").indexOf(action.value) >= 0;
      el.hidden = !used;
      el.querySelectorAll("select").forEach(function (s) { s.disabled = !used; });
    });
  }

  document.addEventListener("click", function (e) {
    var box = e.target;
    if (!(box instanceof HTMLInputElement)) { return; }
    if (box.id === "bulk-all") {
      boxes().forEach(function (b) { b.checked = box.checked; });
      updateBar();
      return;
    }
    if (box.name !== "article" || box.getAttribute("form") !== "bulk-form") { return; }
    var all = boxes();
    if (e.shiftKey && lastClicked && all.indexOf(lastClicked) >= 0) {
      var from = all.indexOf(lastClicked), to = all.indexOf(box);
      all.slice(Math.min(from, to), Math.max(from, to) + 1).forEach(function (b) { b.checked = box.checked; });
    }
    lastClicked = box;
    updateBar();
  });

  document.addEventListener("change", function (e) {
    if (e.target && e.target.id === "bulk-action") { updateBar(); }
  });

  // After htmx swaps the results (a filter, a page, a bulk report), the
  // new rows start unselected.
  document.addEventListener("htmx:afterSettle", function () { lastClicked = null; updateBar(); });
  document.addEventListener("DOMContentLoaded", updateBar);

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("#article-results tbody tr"));
  }

  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName));
  }

  function moveTo(row) {
    rows().forEach(function (r) { r.classList.toggle("current", r === row); });
    var link = row.querySelector("td a[data-testid^='title-']");
    if (link) { link.focus(); }
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(document.activeElement)) { return; }
    var list = rows();
    var current = list.indexOf(document.querySelector("#article-results tbody tr.current"));
    switch (e.key) {
      case "/":
        var search = document.getElementById("filter-q");
        if (search) { e.preventDefault(); search.focus(); search.select(); }
        return;
      case "j":
        if (list.length) { e.preventDefault(); moveTo(list[Math.min(current + 1, list.length - 1)]); }
        return;
      case "k":
        if (list.length) { e.preventDefault(); moveTo(list[Math.max(current - 1, 0)]); }
        return;
      case "x":
        if (current >= 0) {
          var box = list[current].querySelector("input[name='article']");
          if (box) { e.preventDefault(); box.click(); }
        }
        return;
      case "Enter":
        // A focused title link opens itself; this covers a current row
        // whose focus moved elsewhere.
        if (current >= 0 && !(document.activeElement instanceof HTMLAnchorElement)) {
          var link = list[current].querySelector("td a[data-testid^='title-']");
          if (link) { e.preventDefault(); link.click(); }
        }
        return;
    }
  });
})();
