// Pictures on the editor page: the picture picker (choose from the library
// or upload a new picture in it), the featured and social pictures'
// thumbnails as soon as one is chosen, and the uploads of files dropped or
// pasted into a body (the editor bundle shows their progress and inserts
// the figure; see assets/editor/pictures.js). Every upload is the media
// library's own POST /admin/media, with its checks, asking for JSON.
(function () {
  "use strict";

  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRF-Token"]; } catch (e) { return ""; }
  }

  // send posts a multipart form to the upload and resolves to the picture
  // ({id, src, thumb, width, height, texts: {locale: {alt, caption}}}), or
  // rejects with an Error carrying the server's reason (in the interface
  // language) and the messages per field. XMLHttpRequest, not fetch: only
  // it reports the upload's progress.
  function send(data, onProgress) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open("POST", "/admin/media");
      xhr.setRequestHeader("Accept", "application/json");
      xhr.setRequestHeader("X-CSRF-Token", csrfToken());
      xhr.withCredentials = true;
      if (onProgress) {
        xhr.upload.addEventListener("progress", function (ev) {
          if (ev.lengthComputable) { onProgress(ev.loaded / ev.total); }
        });
      }
      xhr.addEventListener("load", function () {
        var answer = null;
        try { answer = JSON.parse(xhr.responseText); } catch (e) { /* an HTML error page */ }
        if (xhr.status >= 200 && xhr.status < 300 && answer && answer.src) { resolve(answer); return; }
        var err = new Error((answer && answer.error && answer.error.message) || "");
        err.details = (answer && answer.error && answer.error.details) || {};
        reject(err);
      });
      xhr.addEventListener("error", function () { reject(new Error("")); });
      xhr.addEventListener("abort", function () { reject(new Error("")); });
      xhr.send(data);
    });
  }

  function textsFor(pic, lang) {
    var t = (pic.texts && pic.texts[lang]) || {};
    return { alt: t.alt || "", caption: t.caption || "" };
  }

  // Files dropped or pasted into a body: uploaded without texts; a picture
  // the library already had comes back with its alt text and caption.
  if (window.PayvandEditor && window.PayvandEditor.setUploader) {
    window.PayvandEditor.setUploader(function (file, opts) {
      var data = new FormData();
      data.append("file", file, file.name || "picture");
      return send(data, opts.onProgress).then(function (pic) {
        var t = textsFor(pic, opts.lang);
        return { src: pic.src, alt: t.alt, caption: t.caption };
      });
    });
  }

  // --- The picker -------------------------------------------------------------
  // A dialog holding the library's picker fragment. A chosen picture either
  // fills a picture field (the featured picture, a pane's social picture)
  // and shows its thumbnail there, or goes into a pane's body as a figure
  // with that pane's alt text and caption, by its /media/ path, which the
  // save stores as the picture's media id.
  var pickerTarget = null;
  function openPicker(targetID) {
    var dialog = document.getElementById("media-dialog");
    var slot = document.getElementById("media-picker-slot");
    if (!dialog || !slot) { return; }
    pickerTarget = targetID;
    fetch("/admin/media/picker", { credentials: "same-origin", headers: { "HX-Request": "true" } })
      .then(function (resp) { return resp.text(); })
      .then(function (html) {
        slot.innerHTML = html;
        if (window.htmx) { htmx.process(slot); }
        dialog.showModal();
      });
  }

  // choose applies a picture: {id, src, thumb, texts} as the picker's
  // buttons and the upload's answer both give it.
  function choose(pic) {
    var dialog = document.getElementById("media-dialog");
    var target = document.getElementById(pickerTarget);
    if (dialog) { dialog.close(); }
    if (!target) { return; }
    if (target.tagName === "INPUT") {
      target.value = String(pic.id);
      showThumb(target, pic.thumb);
      target.dispatchEvent(new Event("change", { bubbles: true }));
      return;
    }
    var pane = target.closest(".pane");
    var container = pane && pane.querySelector("[data-editor]");
    var handle = container && window.PayvandEditor && window.PayvandEditor.get(container);
    if (!handle) { return; }
    var t = textsFor(pic, pane.getAttribute("lang") || container.getAttribute("lang"));
    handle.insertFigure({ src: pic.src, alt: t.alt, caption: t.caption });
  }

  // showThumb puts the chosen picture's thumbnail beside its field at once,
  // not only after saving.
  function showThumb(input, src) {
    var box = input.closest(".featured");
    if (!box || !src) { return; }
    var img = box.querySelector("img.thumb");
    if (!img) {
      img = document.createElement("img");
      img.className = "thumb";
      img.alt = "";
      if (input.id === "featured_media_id") { img.setAttribute("data-testid", "featured-thumb"); }
      box.insertBefore(img, box.firstChild);
    }
    img.src = src;
    var focal = box.querySelector("[data-focal-link]");
    if (focal) {
      focal.href = "/admin/media/" + encodeURIComponent(input.value) + "#focal-title";
      focal.hidden = false;
    }
  }

  function pickOf(button) {
    var texts = {};
    Object.keys(button.dataset).forEach(function (k) {
      var m = /^(alt|caption)(.+)$/.exec(k);
      if (!m) { return; }
      var lang = m[2].charAt(0).toLowerCase() + m[2].slice(1);
      texts[lang] = texts[lang] || {};
      texts[lang][m[1]] = button.dataset[k];
    });
    return { id: button.dataset.mediaId, src: button.dataset.src, thumb: button.dataset.thumb, texts: texts };
  }

  // --- Upload in the picker ---------------------------------------------------
  function uploadForm() { return document.querySelector("#media-dialog [data-picker-upload]"); }

  function fileChosen(form) {
    var input = form.querySelector('input[type="file"]');
    var texts = form.querySelector("[data-picker-texts]");
    var error = form.querySelector("[data-picker-error]");
    error.hidden = true;
    texts.hidden = !(input.files && input.files.length);
    if (!texts.hidden) {
      var first = texts.querySelector("input, textarea");
      if (first) { first.focus(); }
    }
  }

  function submitUpload(form) {
    var button = form.querySelector('button[type="submit"]');
    var progress = form.querySelector("[data-picker-progress]");
    var error = form.querySelector("[data-picker-error]");
    var data = new FormData(form);
    error.hidden = true;
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    progress.hidden = false;
    progress.removeAttribute("value");
    send(data, function (f) { progress.value = Math.round(f * 100); }).then(function (pic) {
      choose(pic);
    }).catch(function (err) {
      error.textContent = err.message || form.getAttribute("data-upload-failed") || "";
      error.hidden = false;
    }).then(function () {
      button.disabled = false;
      button.removeAttribute("aria-busy");
      progress.hidden = true;
    });
  }

  document.addEventListener("change", function (ev) {
    var form = ev.target.closest && ev.target.closest("[data-picker-upload]");
    if (form && ev.target.type === "file") { fileChosen(form); }
  });
  document.addEventListener("submit", function (ev) {
    var form = ev.target.closest && ev.target.closest("[data-picker-upload]");
    if (!form) { return; }
    ev.preventDefault();
    submitUpload(form);
  });

  // A file dropped anywhere on the open dialog becomes the upload's file.
  function dragging(ev) {
    var dialog = ev.target.closest && ev.target.closest("#media-dialog");
    if (!dialog || !uploadForm() || !ev.dataTransfer || Array.prototype.indexOf.call(ev.dataTransfer.types || [], "Files") < 0) { return null; }
    return dialog;
  }
  document.addEventListener("dragover", function (ev) {
    var dialog = dragging(ev);
    if (!dialog) { return; }
    ev.preventDefault();
    dialog.classList.add("dragging");
  });
  document.addEventListener("dragleave", function (ev) {
    var dialog = ev.target.closest && ev.target.closest("#media-dialog");
    if (dialog && !dialog.contains(ev.relatedTarget)) { dialog.classList.remove("dragging"); }
  });
  document.addEventListener("drop", function (ev) {
    var dialog = dragging(ev);
    if (!dialog) { return; }
    ev.preventDefault();
    dialog.classList.remove("dragging");
    var form = uploadForm();
    var input = form.querySelector('input[type="file"]');
    input.files = ev.dataTransfer.files;
    fileChosen(form);
  });

  document.addEventListener("click", function (ev) {
    var opener = ev.target.closest("[data-media-picker]");
    if (opener) { ev.preventDefault(); openPicker(opener.dataset.mediaPicker); return; }
    var pick = ev.target.closest(".media-pick");
    if (pick && pick.closest("#media-dialog")) { ev.preventDefault(); choose(pickOf(pick)); return; }
    if (ev.target.closest("[data-close-dialog]")) { ev.target.closest("dialog").close(); }
  });
})();
