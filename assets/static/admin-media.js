// Payvand's media library page. htmx sends the upload form with the
// X-CSRF-Token header, which the server checks before it reads a byte of
// the upload. A refused upload (403, 413, 415) comes back as a whole page
// that says why, beside the file input where it can; htmx drops answers
// with those statuses as errors, so this shows them like any other answer.
(function () {
  "use strict";

  document.addEventListener("htmx:beforeSwap", function (ev) {
    // detail.elt is the swap's target (the body); the sender is here.
    var elt = ev.detail.requestConfig && ev.detail.requestConfig.elt;
    if (elt && elt.matches && elt.matches("[data-upload-form]")) {
      ev.detail.shouldSwap = true;
      ev.detail.isError = false;
    }
  });
})();
