// Payvand's copies of unsaved text in this browser. Every edit pane and the
// new-article form keep what was typed in localStorage until the server has
// it. A pane's copy remembers the version it was typed on, and on a later
// visit it is offered, never put over the saved text: "Compare" asks the
// server for the conflict view (the copy beside what is saved now), and
// "Discard" forgets it. A page holding unsaved text asks before the browser
// leaves it, unless the editor clicked something deliberate.
(function () {
  "use strict";

  var NEW_SUBMITTED = "payvand:new-article-submitted";
  var leaving = false;

  function msg(name) {
    var messages = document.getElementById("editor-messages");
    return (messages && messages.dataset[name]) || "";
  }

  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRF-Token"]; } catch (e) { return ""; }
  }

  function articleID() {
    var m = location.pathname.match(/\/admin\/articles\/(\d+)/);
    return m ? m[1] : "new";
  }

  // keyOf names a pane's copy by article and locale; the new-article form
  // keeps one copy of all its fields.
  function keyOf(form) {
    return form.dataset.locale ? "payvand:article:" + articleID() + ":" + form.dataset.locale : "payvand:article:new";
  }

  function versionOf(form) {
    var el = form.querySelector("[data-version]");
    return el ? el.value : "";
  }

  function fieldsOf(form) {
    var out = {};
    form.querySelectorAll("input[name], textarea[name], select[name]").forEach(function (el) {
      if (el.type !== "hidden" && el.type !== "search" && el.type !== "checkbox") { out[el.name] = el.value; }
    });
    return out;
  }

  function read(form) {
    var raw;
    try { raw = localStorage.getItem(keyOf(form)); } catch (e) { return null; }
    if (!raw) { return null; }
    try { return JSON.parse(raw); } catch (e) { drop(form); return null; }
  }

  // keep stores what the form holds now. The version is the one the first
  // unsaved keystroke was typed on: a conflict view that arrives meanwhile
  // carries the other person's version, which this text never saw. While an
  // earlier copy is on offer it stays as it is, and the page asks before
  // leaving instead.
  function keep(form) {
    if (form._payvandOffer) { return; }
    var old = read(form);
    var version = old && old.version !== undefined ? old.version : versionOf(form);
    try {
      localStorage.setItem(keyOf(form), JSON.stringify({ at: Date.now(), version: version, fields: fieldsOf(form) }));
    } catch (e) { /* storage full or disabled: the page still asks before leaving */ }
  }

  function drop(form) {
    try { localStorage.removeItem(keyOf(form)); } catch (e) { /* ignore */ }
  }

  function differs(form, saved) {
    var now = fieldsOf(form);
    return Object.keys(saved.fields || {}).some(function (name) {
      return now[name] !== undefined && now[name] !== saved.fields[name];
    });
  }

  function hasText(fields) {
    return Object.keys(fields).some(function (name) {
      return /\.(title|slug|summary|byline|body_html)$/.test(name) && fields[name] !== "";
    });
  }

  // fill puts fields into the form and into the rich-text editors over its
  // body fields.
  function fill(form, fields) {
    Object.keys(fields).forEach(function (name) {
      var el = form.querySelector('[name="' + CSS.escape(name) + '"]');
      if (el && el.type !== "hidden") { el.value = fields[name]; }
    });
    var panes = form.matches(".pane") ? [form] : Array.prototype.slice.call(form.querySelectorAll(".pane"));
    panes.forEach(function (pane) {
      var body = pane.querySelector("textarea.body-source");
      if (pane._payvandEditor && body) { pane._payvandEditor.setHTML(body.value); }
    });
  }

  function button(text, testid, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "secondary outline";
    b.textContent = text;
    b.dataset.testid = testid;
    b.addEventListener("click", onClick);
    return b;
  }

  // notice shows a message with actions at the top of the form, in the
  // interface language.
  function notice(form, text, testid, actions) {
    var box = document.createElement("div");
    box.className = "kept-copy notice";
    box.setAttribute("role", "status");
    box.lang = document.documentElement.lang;
    box.dir = document.documentElement.dir;
    box.dataset.testid = testid;
    var p = document.createElement("p");
    p.textContent = text;
    box.appendChild(p);
    var row = document.createElement("div");
    row.className = "actions";
    actions.forEach(function (a) { row.appendChild(a); });
    box.appendChild(row);
    var title = form.querySelector(".pane-title");
    if (title && title.closest("form") === form && form.matches(".pane")) { title.after(box); } else { form.prepend(box); }
    return box;
  }

  // offer shows a pane's copy from an earlier visit with Compare and
  // Discard; the pane itself keeps the saved text.
  function offer(form, saved) {
    var loc = form.dataset.locale;
    form._payvandOffer = notice(form, msg("keptOffer"), "kept-offer-" + loc, [
      button(msg("compare"), "kept-compare-" + loc, function () { compare(form, saved); }),
      button(msg("discard"), "kept-discard-" + loc, function () { discard(form); })
    ]);
  }

  function discard(form) {
    drop(form);
    if (form._payvandOffer) { form._payvandOffer.remove(); }
    form._payvandOffer = null;
  }

  // compare posts the copy with the version it was typed on; the answer is
  // the conflict view, which keeps the copy until the editor chooses.
  function compare(form, saved) {
    var data = new URLSearchParams();
    Object.keys(saved.fields || {}).forEach(function (name) { data.append(name, saved.fields[name]); });
    data.set(form.dataset.locale + ".version", saved.version || "0");
    data.set(form.dataset.locale + ".status", saved.fields[form.dataset.locale + ".status"] || "draft");
    fetch(form.getAttribute("action") + "/compare", {
      method: "POST",
      body: data,
      headers: { "X-CSRF-Token": csrfToken(), "HX-Request": "true" },
      credentials: "same-origin"
    }).then(function (resp) {
      return resp.text().then(function (html) {
        if (resp.status === 409 && window.htmx) { htmx.swap(form, html, { swapStyle: "outerHTML" }); }
      });
    });
  }

  // restorePane offers a pane's copy that differs from the saved text. A
  // pane in the conflict view, or one whose save was refused (invalid, or a
  // full disk: data-unsaved), already holds its copy's text, still unsaved,
  // so the copy stays as it is.
  function restorePane(form) {
    if (form.hasAttribute("data-conflict") || form.hasAttribute("data-unsaved")) { return; }
    var saved = read(form);
    if (!saved) { return; }
    if (!differs(form, saved)) { drop(form); return; }
    offer(form, saved);
  }

  // restoreNew puts the new-article form's copy back: nothing saved can be
  // overwritten yet. Discard empties the form again.
  function restoreNew(form) {
    var saved = read(form);
    if (!saved) { return; }
    // A form refused with 422 comes back holding the copy's text, still
    // unsaved.
    form._payvandDirty = hasText(saved.fields || {});
    if (!differs(form, saved)) { return; }
    var initial = fieldsOf(form);
    fill(form, saved.fields);
    var box = notice(form, msg("keptRestored"), "kept-restored-new", [
      button(msg("discard"), "kept-discard-new", function () {
        drop(form);
        fill(form, initial);
        form._payvandDirty = false;
        box.remove();
      })
    ]);
  }

  // saved forgets a pane's copy once the server has the pane's text. A
  // save made while an earlier copy is on offer saved the pane, not the
  // copy, which stays on offer. Text typed while an autosave was on its way
  // (typedSince) is still unsaved: its copy now builds on the version that
  // autosave made.
  function saved(form, typedSince) {
    if (form._payvandOffer) {
      form._payvandDirty = !!typedSince;
      return;
    }
    if (!typedSince) {
      drop(form);
      form._payvandDirty = false;
      return;
    }
    var copy = read(form);
    if (!copy) { return; }
    copy.version = versionOf(form);
    try { localStorage.setItem(keyOf(form), JSON.stringify(copy)); } catch (e) { /* ignore */ }
  }

  // watchPane keeps a pane's copy as it is typed and forgets it when a save
  // is answered 200, or on "take theirs". That happens before the answer
  // replaces the pane, whose new copy would otherwise offer the old text.
  function watchPane(form) {
    form.addEventListener("input", function () { keep(form); form._payvandDirty = true; });
    form.addEventListener("change", function () { keep(form); form._payvandDirty = true; });
    form.addEventListener("htmx:beforeSwap", function (ev) {
      var elt = ev.detail.elt;
      var ours = elt === form || (elt.hasAttribute && elt.hasAttribute("data-take-theirs"));
      if (ours && ev.detail.xhr && ev.detail.xhr.status === 200) { saved(form); }
    });
    restorePane(form);
  }

  // watchNew keeps the new-article form's copy until the article exists:
  // the copy is dropped on the article's page after a submit, and kept when
  // the form comes back refused.
  function watchNew(form) {
    try { sessionStorage.removeItem(NEW_SUBMITTED); } catch (e) { /* ignore */ }
    form.addEventListener("input", function () { keep(form); form._payvandDirty = true; });
    form.addEventListener("change", function () { keep(form); form._payvandDirty = true; });
    form.addEventListener("submit", function () {
      try { sessionStorage.setItem(NEW_SUBMITTED, "1"); } catch (e) { /* ignore */ }
    });
    restoreNew(form);
  }

  function forgetCreated() {
    var submitted;
    try { submitted = sessionStorage.getItem(NEW_SUBMITTED); } catch (e) { return; }
    if (submitted && articleID() !== "new") {
      try {
        localStorage.removeItem("payvand:article:new");
        sessionStorage.removeItem(NEW_SUBMITTED);
      } catch (e) { /* ignore */ }
    }
  }

  // copyMine puts the pane's text on the clipboard, as formatted text where
  // the browser allows, so it can be merged by hand after "take theirs".
  function copyMine(pane) {
    function val(name) {
      var el = pane.querySelector('[name="' + CSS.escape(pane.dataset.locale + "." + name) + '"]');
      return el ? el.value : "";
    }
    var body = new DOMParser().parseFromString(val("body_html"), "text/html").body.innerText;
    var plain = [val("title"), val("summary"), body].join("\n\n");
    var status = pane.querySelector("[data-autosave-status]");
    function say(text) { if (status) { status.textContent = text; } }
    var done = navigator.clipboard.writeText(plain);
    done.then(function () { say(msg("copied")); }, function () { say(msg("copyFailed")); });
  }

  function unsaved() {
    return Array.prototype.some.call(document.querySelectorAll("form"), function (f) {
      return f._payvandDirty || f.hasAttribute("data-conflict");
    });
  }

  // A plain form's submit (create, delete, sign out) leaves the page on
  // purpose; htmx submits have their default prevented and stay.
  document.addEventListener("submit", function (ev) {
    if (!ev.defaultPrevented) { leaving = true; }
  });

  // A refused or conflicting answer, or a save the server's full disk
  // refused (503), replaces a form with one holding the same unsaved text;
  // its copy stays until a save is answered 200.
  document.addEventListener("htmx:afterRequest", function (ev) {
    var status = ev.detail.xhr && ev.detail.xhr.status;
    var elt = ev.detail.elt;
    if ((status === 409 || status === 422 || status === 503) && elt && elt.id) {
      var fresh = document.getElementById(elt.id);
      if (fresh) { fresh._payvandDirty = true; }
    }
  });

  // The shared fields have no copy; a change there still asks before
  // leaving until their form is saved and replaced.
  document.addEventListener("change", function (ev) {
    var shared = ev.target.closest && ev.target.closest("#shared");
    if (shared && ev.target.type !== "search") { shared._payvandDirty = true; }
  });

  document.addEventListener("click", function (ev) {
    var copy = ev.target.closest("[data-copy-mine]");
    if (copy) { copyMine(copy.closest("form")); }
  });

  window.addEventListener("beforeunload", function (ev) {
    if (leaving || !unsaved()) { return; }
    ev.preventDefault();
    ev.returnValue = "";
  });

  // setUp shows the copy button where the clipboard can be written.
  function setUp(root) {
    if (!navigator.clipboard) { return; }
    root.querySelectorAll("[data-copy-mine]").forEach(function (b) { b.hidden = false; });
  }

  forgetCreated();
  window.PayvandKeptCopy = {
    msg: msg, csrfToken: csrfToken, watchPane: watchPane, watchNew: watchNew, saved: saved, setUp: setUp
  };
})();
