// Any admin form someone has typed into asks before the browser leaves the
// page, until it is submitted: a section's names, a user, a picture's alt
// text. The editor's panes, shared fields and new-article form are left to
// admin-kept-copy.js, which knows when the server has their text; the
// article list's bulk selection is a choice, not typing, and never asks.
(function () {
  "use strict";

  var MANAGED = ".pane, #shared, [data-testid='new-article-form'], #bulk-form";
  var submitted = false;

  function changed(el) {
    switch (el.type) {
      case "hidden": case "search": case "submit": case "button": case "reset": case "file": return false;
      case "checkbox": case "radio": return el.checked !== el.defaultChecked;
    }
    if (el.tagName === "SELECT") {
      // A select with no option marked selected shows its first one.
      var initial = Array.prototype.findIndex.call(el.options, function (o) { return o.defaultSelected; });
      if (!el.multiple) { return el.selectedIndex !== Math.max(initial, 0); }
      return Array.prototype.some.call(el.options, function (o) { return o.selected !== o.defaultSelected; });
    }
    return el.value !== undefined && el.value !== el.defaultValue;
  }

  function dirty(form) {
    if ((form.getAttribute("method") || "").toLowerCase() !== "post" || form.matches(MANAGED)) { return false; }
    return Array.prototype.some.call(form.elements, changed);
  }

  // A plain submit leaves on purpose; an htmx one is prevented and stays.
  document.addEventListener("submit", function (ev) {
    if (!ev.defaultPrevented) { submitted = true; }
  });

  window.addEventListener("beforeunload", function (ev) {
    if (submitted || !Array.prototype.some.call(document.forms, dirty)) { return; }
    ev.preventDefault();
    ev.returnValue = "";
  });
})();
