// The focal point of a picture's page: a click on the picture puts the
// mark there, fills the two coordinates (0 to 1 from the top-left corner,
// whatever the interface's direction) and sends the form, which cuts the
// crops around the point again. Typing the coordinates moves the mark.
(function () {
  "use strict";

  function round(v) {
    return Math.round(Math.min(1, Math.max(0, v)) * 10000) / 10000;
  }

  function init() {
    var picker = document.querySelector("[data-focal-picker]");
    var form = document.querySelector("[data-focal-form]");
    if (!picker || !form || picker.dataset.focalReady) {
      return;
    }
    picker.dataset.focalReady = "1";
    var img = picker.querySelector("img");
    var mark = picker.querySelector("[data-focal-mark]");
    var x = form.elements.namedItem("focal_x");
    var y = form.elements.namedItem("focal_y");
    var saving = form.querySelector("[data-focal-saving]");

    function place() {
      var fx = parseFloat(x.value);
      var fy = parseFloat(y.value);
      mark.hidden = isNaN(fx) || isNaN(fy);
      mark.style.left = round(fx) * 100 + "%";
      mark.style.top = round(fy) * 100 + "%";
    }

    place();
    x.addEventListener("input", place);
    y.addEventListener("input", place);
    picker.classList.add("focal-ready");
    img.addEventListener("click", function (ev) {
      var r = img.getBoundingClientRect();
      x.value = round((ev.clientX - r.left) / r.width);
      y.value = round((ev.clientY - r.top) / r.height);
      place();
      if (saving) {
        saving.hidden = false;
      }
      form.requestSubmit();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  document.addEventListener("htmx:afterSettle", init);
})();
