// Payvand's editor page: mounts the rich-text editor on each pane's body,
// wires the formatting buttons and autosaves drafts. admin-kept-copy.js
// keeps a copy of every pane in this browser until the server has it, so a
// closed tab loses nothing. Without these scripts the page still works:
// plain forms and a textarea of HTML.
(function () {
  "use strict";

  var AUTOSAVE_DELAY = 5000;
  var kept = window.PayvandKeptCopy;
  var msg = kept.msg;

  function status(form, text) {
    var el = form.querySelector("[data-autosave-status]");
    if (el) { el.textContent = text; }
  }

  // canAutosave leaves published panes to the editor's click, and a pane
  // in the conflict view too: its next save replaces someone's text, which
  // only "keep mine" may do.
  function canAutosave(form) {
    var select = form.querySelector("[data-status]");
    return form.dataset.storedStatus !== "published" && !form.hasAttribute("data-conflict") && select && select.value === "draft";
  }

  function autosave(form) {
    if (!form.isConnected || !canAutosave(form)) { return; }
    var data = new FormData(form);
    var edits = form._payvandEdits;
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: new URLSearchParams(data),
      headers: { "X-CSRF-Token": kept.csrfToken(), "X-Autosave": "true", "HX-Request": "true" },
      credentials: "same-origin"
    }).then(function (resp) {
      if (resp.status === 204) { return; }
      return resp.text().then(function (html) {
        if (resp.status === 200) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var version = doc.querySelector("[data-version]");
          if (version) { form.querySelector("[data-version]").value = version.value; }
          kept.saved(form, form._payvandEdits !== edits);
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
      form._payvandEdits = (form._payvandEdits || 0) + 1;
      clearTimeout(timer);
      timer = setTimeout(function () { autosave(form); }, AUTOSAVE_DELAY);
    }
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form._payvandChanged = changed;
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
      watchTableTools(handle, toolbar);
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
      case "image": break; // the picture picker (admin-pictures.js) inserts pictures
      case "table": chain.insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(); break;
      case "addRowAfter": chain.addRowAfter().run(); break;
      case "deleteRow": chain.deleteRow().run(); break;
      case "addColumnAfter": chain.addColumnAfter().run(); break;
      case "deleteColumn": chain.deleteColumn().run(); break;
      case "toggleHeaderRow": chain.toggleHeaderRow().run(); break;
      case "deleteTable": chain.deleteTable().run(); break;
      case "embed": if (handle.editEmbed) { handle.editEmbed(); } break; // the bundle's dialog
    }
  }

  // The row, column and header buttons show only while the cursor is in a
  // table, where they apply.
  function watchTableTools(handle, toolbar) {
    var tools = toolbar.querySelector("[data-table-tools]");
    if (!tools) { return; }
    var update = function () {
      var inTable = handle.editor.isActive("table");
      if (tools.hidden === inTable) { tools.hidden = !inTable; }
    };
    handle.editor.on("transaction", update);
    update();
  }

  // Word count and reading time, counted as internal/readingtime counts the
  // saved body: the visible text (every tag separates words; script, style
  // and template hide theirs), a word a run of letters, digits and marks,
  // with ZWNJ, ZWJ, apostrophes and decimal points joining inside one.
  var WORDS_PER_MINUTE = 200;
  var WORD_RUNE = /[\p{L}\p{Nd}\p{Mn}\p{Mc}]/u;
  var JOINER = /[\u200c\u200d'\u2019.,:\u00b7\u066b\u066c]/;
  function visibleText(node, out) {
    node.childNodes.forEach(function (child) {
      if (child.nodeType === 3) { out.push(child.data); return; }
      if (child.nodeType !== 1 || /^(SCRIPT|STYLE|TEMPLATE)$/.test(child.nodeName)) { out.push(" "); return; }
      out.push(" "); visibleText(child, out); out.push(" ");
    });
    return out;
  }
  function countWords(html) {
    var doc = new DOMParser().parseFromString("<body>" + html, "text/html");
    var runes = Array.from(visibleText(doc.body, []).join(""));
    var count = 0, inWord = false;
    for (var i = 0; i < runes.length; i++) {
      var r = runes[i];
      if (WORD_RUNE.test(r)) {
        if (!inWord) { count++; }
        inWord = true;
      } else if (!(inWord && JOINER.test(r) && i + 1 < runes.length && WORD_RUNE.test(runes[i + 1]))) {
        inWord = false;
      }
    }
    return count;
  }
  function localDigits(n) {
    var s = String(n);
    return document.documentElement.lang === "fa" ? s.replace(/[0-9]/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹"[d]; }) : s;
  }
  function watchWords(pane) {
    var line = pane.querySelector("[data-word-count]");
    var textarea = pane.querySelector("textarea.body-source");
    if (!line || !textarea) { return; }
    var timer;
    pane.addEventListener("input", function (ev) {
      if (ev.target !== textarea) { return; }
      clearTimeout(timer);
      timer = setTimeout(function () {
        var words = countWords(textarea.value);
        var minutes = Math.max(1, Math.floor((words + WORDS_PER_MINUTE / 2) / WORDS_PER_MINUTE));
        line.textContent = line.dataset.wordsFormat.replace("{words}", localDigits(words)).replace("{minutes}", localDigits(minutes));
      }, 200);
    });
  }

  // setUp prepares every pane: the editor and its toolbar everywhere, and
  // autosave and the local copy for panes that are their own form (an
  // article that exists). The new-article page saves both panes at once and
  // keeps one copy of its whole form.
  function setUp(root) {
    root.querySelectorAll(".pane").forEach(function (pane) {
      if (pane._payvandReady) { return; }
      pane._payvandReady = true;
      mountEditor(pane);
      watchWords(pane);
      if (pane.tagName === "FORM") {
        watch(pane);
        kept.watchPane(pane);
      }
    });
    root.querySelectorAll('[data-testid="new-article-form"]').forEach(function (form) {
      if (form._payvandReady) { return; }
      form._payvandReady = true;
      kept.watchNew(form);
    });
    kept.setUp(root);
  }

  // The picture picker and uploads are admin-pictures.js.

  // saveTarget is the Save button of the form that holds the focus: a
  // pane's (its one submit button, whatever the status select says) or the
  // shared form's op=save. Focus anywhere else has nothing to save.
  function saveTarget() {
    var el = document.activeElement;
    if (!el || el === document.body) { return null; }
    var form = el.form || el.closest("form");
    if (!form) { return null; }
    if (form.id === "shared") { return form.querySelector('button[name="op"][value="save"]'); }
    if (form.classList.contains("pane")) { return form.querySelector(".pane-actions button[type=submit]"); }
    return null;
  }

  // Ctrl+S / Cmd+S saves the pane with the focus by clicking its Save
  // button, so htmx submits exactly what a click would. The browser's "save
  // page" never opens on the editor. e.code keeps the shortcut on Persian
  // and Russian keyboard layouts, where e.key is "س" or "ы".
  document.addEventListener("keydown", function (ev) {
    if (!(ev.ctrlKey || ev.metaKey) || ev.altKey || ev.shiftKey) { return; }
    if (ev.code !== "KeyS" && (ev.key || "").toLowerCase() !== "s") { return; }
    ev.preventDefault();
    var button = saveTarget();
    if (button && !button.disabled) { button.click(); }
  }, true);

  document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  document.addEventListener("htmx:load", function (ev) { setUp(ev.detail.elt.parentNode || document); });
  window.PayvandAdminEditor = { setUp: setUp };
})();
