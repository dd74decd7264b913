// Payvand's editor page: mounts the rich-text editor on each pane's body,
// wires the formatting buttons, autosaves drafts, and keeps a copy of every
// pane in this browser until the server has it, so a closed tab loses
// nothing. Without this script the page still works: plain forms and a
// textarea of HTML.
(function () {
  "use strict";

  var AUTOSAVE_DELAY = 5000;
  var messages = document.getElementById("editor-messages");
  function msg(name) { return (messages && messages.dataset[name]) || ""; }

  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRF-Token"]; } catch (e) { return ""; }
  }

  function articleID() {
    var m = location.pathname.match(/\/admin\/articles\/(\d+)/);
    return m ? m[1] : "new";
  }

  function backupKey(form) { return "payvand:article:" + articleID() + ":" + form.dataset.locale; }

  function fieldsOf(form) {
    var out = {};
    form.querySelectorAll("input[name], textarea[name], select[name]").forEach(function (el) {
      if (el.type !== "hidden") { out[el.name] = el.value; }
    });
    return out;
  }

  function backup(form) {
    try { localStorage.setItem(backupKey(form), JSON.stringify({ at: Date.now(), fields: fieldsOf(form) })); } catch (e) { /* storage full or disabled */ }
  }

  function dropBackup(form) {
    try { localStorage.removeItem(backupKey(form)); } catch (e) { /* ignore */ }
  }

  // restoreBackup puts back text typed in an earlier visit that never
  // reached the server.
  function restoreBackup(form) {
    var raw;
    try { raw = localStorage.getItem(backupKey(form)); } catch (e) { return; }
    if (!raw) { return; }
    var saved;
    try { saved = JSON.parse(raw); } catch (e) { dropBackup(form); return; }
    var now = fieldsOf(form), differs = false;
    Object.keys(saved.fields || {}).forEach(function (name) {
      if (now[name] !== undefined && now[name] !== saved.fields[name]) { differs = true; }
    });
    if (!differs) { dropBackup(form); return; }
    Object.keys(saved.fields).forEach(function (name) {
      var el = form.querySelector('[name="' + CSS.escape(name) + '"]');
      if (el && el.type !== "hidden") { el.value = saved.fields[name]; }
    });
    var editor = form._payvandEditor;
    var body = form.querySelector("textarea.body-source");
    if (editor && body) { editor.setHTML(body.value); }
    status(form, msg("unsavedFound"));
  }

  function status(form, text) {
    var el = form.querySelector("[data-autosave-status]");
    if (el) { el.textContent = text; }
  }

  function canAutosave(form) {
    var select = form.querySelector("[data-status]");
    return form.dataset.storedStatus !== "published" && select && select.value === "draft";
  }

  function autosave(form) {
    if (!form.isConnected || !canAutosave(form)) { return; }
    var data = new FormData(form);
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: new URLSearchParams(data),
      headers: { "X-CSRF-Token": csrfToken(), "X-Autosave": "true", "HX-Request": "true" },
      credentials: "same-origin"
    }).then(function (resp) {
      if (resp.status === 204) { return; }
      return resp.text().then(function (html) {
        if (resp.status === 200) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var version = doc.querySelector("[data-version]");
          if (version) { form.querySelector("[data-version]").value = version.value; }
          dropBackup(form);
          status(form, msg("autosaved"));
        } else if (resp.status === 409 && window.htmx) {
          // Someone else saved: show the conflict view, which keeps this text.
          htmx.swap(form, html, { swapStyle: "outerHTML" });
        } else {
          status(form, msg("autosaveFailed"));
        }
      });
    }).catch(function () { status(form, msg("autosaveFailed")); });
  }

  function watch(form) {
    var timer;
    function changed() {
      backup(form);
      clearTimeout(timer);
      timer = setTimeout(function () { autosave(form); }, AUTOSAVE_DELAY);
    }
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form._payvandChanged = changed;
    form.addEventListener("htmx:afterRequest", function (ev) {
      if (ev.detail.successful) { dropBackup(form); }
    });
  }

  function mountEditor(form) {
    var container = form.querySelector("[data-editor]");
    var textarea = form.querySelector("textarea.body-source");
    if (!container || !textarea || !window.PayvandEditor) { return; }
    // mount is idempotent: the bundle may have mounted this editor already.
    // Its changes reach the form as input events on the textarea.
    var handle = window.PayvandEditor.mount(container, textarea, {
      dir: container.getAttribute("dir"),
      lang: container.getAttribute("lang")
    });
    form._payvandEditor = handle;
    container.hidden = false;
    textarea.hidden = true;
    var toolbar = form.querySelector("[data-editor-toolbar]");
    if (toolbar) {
      toolbar.hidden = false;
      toolbar.addEventListener("click", function (ev) {
        var button = ev.target.closest("button[data-cmd]");
        if (button) { run(handle, button.dataset.cmd); }
      });
    }
  }

  function run(handle, cmd) {
    var chain = handle.editor.chain().focus();
    switch (cmd) {
      case "bold": chain.toggleBold().run(); break;
      case "italic": chain.toggleItalic().run(); break;
      case "h2": chain.toggleHeading({ level: 2 }).run(); break;
      case "h3": chain.toggleHeading({ level: 3 }).run(); break;
      case "bulletList": chain.toggleBulletList().run(); break;
      case "orderedList": chain.toggleOrderedList().run(); break;
      case "blockquote": chain.toggleBlockquote().run(); break;
      case "link": handle.editLink(); break; // the bundle's dialog: Cancel changes nothing
      case "image": break; // the media picker (a click on [data-media-picker]) inserts pictures
    }
  }

  // setUp prepares every pane: the editor and its toolbar everywhere, and
  // autosave and the local copy for panes that are their own form (an
  // article that exists; the new-article page saves both panes at once).
  function setUp(root) {
    root.querySelectorAll(".pane").forEach(function (pane) {
      if (pane._payvandReady) { return; }
      pane._payvandReady = true;
      mountEditor(pane);
      if (pane.tagName === "FORM") {
        watch(pane);
        restoreBackup(pane);
      }
    });
  }

  // The media picker: a dialog holding the library's picker fragment. A
  // picked picture either fills the featured-picture field or goes into a
  // pane's body with that pane's alt text, by its stable /media/ path.
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

  function picked(button) {
    var dialog = document.getElementById("media-dialog");
    var target = document.getElementById(pickerTarget);
    if (!target) { return; }
    if (target.tagName === "INPUT") {
      target.value = button.dataset.mediaId;
      target.dispatchEvent(new Event("change", { bubbles: true }));
    } else {
      var pane = target.closest(".pane");
      var container = pane && pane.querySelector("[data-editor]");
      var handle = container && window.PayvandEditor && window.PayvandEditor.get(container);
      var loc = pane ? pane.getAttribute("lang") : "";
      if (handle) { handle.insertImage({ src: button.dataset.src, alt: button.dataset["alt" + loc.charAt(0).toUpperCase() + loc.slice(1)] || "" }); }
    }
    if (dialog) { dialog.close(); }
  }

  document.addEventListener("click", function (ev) {
    var opener = ev.target.closest("[data-media-picker]");
    if (opener) { ev.preventDefault(); openPicker(opener.dataset.mediaPicker); return; }
    var pick = ev.target.closest(".media-pick");
    if (pick && pick.closest("#media-dialog")) { ev.preventDefault(); picked(pick); return; }
    if (ev.target.closest("[data-close-dialog]")) { ev.target.closest("dialog").close(); }
  });

  document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  document.addEventListener("htmx:load", function (ev) { setUp(ev.detail.elt.parentNode || document); });
  window.PayvandAdminEditor = { setUp: setUp };
})();
