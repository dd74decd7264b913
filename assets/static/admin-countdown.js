// Counts down to each scheduled translation's publication time on the
// editor page (<time data-countdown> in a pane's "Scheduled for" notice),
// once a second, in the interface language's words and digits. One timer
// reads the page afresh each tick, so panes swapped in by htmx after a save
// count down without being set up again. Without script the notice still
// names the time.
(function () {
  "use strict";

  var persian = "۰۱۲۳۴۵۶۷۸۹";

  function two(n) { return (n < 10 ? "0" : "") + n; }

  function fill(format, values) {
    return format.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all;
    });
  }

  function render(el, now) {
    var left = Math.floor((Date.parse(el.getAttribute("datetime")) - now) / 1000);
    var text;
    if (isNaN(left)) { return; }
    if (left <= 0) {
      text = el.dataset.done;
    } else {
      var days = Math.floor(left / 86400);
      var clock = two(Math.floor(left % 86400 / 3600)) + ":" + two(Math.floor(left % 3600 / 60)) + ":" + two(left % 60);
      var time = days > 0 ? fill(el.dataset.formatDays, { days: String(days), clock: clock }) : clock;
      text = fill(el.dataset.format, { time: time });
    }
    if (el.hasAttribute("data-persian-digits")) {
      text = text.replace(/[0-9]/g, function (d) { return persian.charAt(+d); });
    }
    if (el.textContent !== text) { el.textContent = text; }
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll("time[data-countdown]").forEach(function (el) { render(el, now); });
  }

  document.addEventListener("DOMContentLoaded", tick);
  document.addEventListener("htmx:load", tick);
  setInterval(tick, 1000);
})();
