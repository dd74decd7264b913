// Pictures in a body: figures (picture, caption, placement, alt text edited
// in place) and uploads of dropped or pasted files, with a progress
// indicator while they travel. Imported by entry.js; see README.md.
//
// Stored markup (internal/richtext/figures.go allows exactly this):
//   <figure data-align="wide"><img src="/media/…" alt="…"><figcaption dir="auto">…</figcaption></figure>
// data-align is left out for the default (the text's width), the
// figcaption when there is no caption. The server stores the src as the
// picture's media id and answers it with its files.
import { Node } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

export const FIGURE_ALIGNS = ['start', 'end', 'wide', 'full'];
const validAlign = (a) => (FIGURE_ALIGNS.includes(a) ? a : null);

// Labels of the figure controls and upload messages: the container's
// data-editor-labels (JSON, in the interface language), else English.
const DEFAULT_LABELS = {
  caption: 'Caption',
  alt: 'Alt text',
  align: 'Placement',
  align_default: 'Text width',
  align_start: 'Beside the text, at the start',
  align_end: 'Beside the text, at the end',
  align_wide: 'Wide',
  align_full: 'Full width',
  uploading: 'Uploading {name}…',
  upload_failed: '{name} was not uploaded. {reason}',
  upload_error: 'The upload failed; check the connection and try again.',
  paste_refused: 'Pictures from the pasted text were left out: their files cannot be read from the clipboard. Save them and drop them here, or upload them in the picture dialog.',
  dismiss: 'Close',
};

export function editorLabels(container) {
  let given = {};
  try { given = JSON.parse(container.getAttribute('data-editor-labels') || '{}') || {}; } catch (e) { /* keep the defaults */ }
  return Object.assign({}, DEFAULT_LABELS, given);
}

const fill = (text, vars) => String(text).replace(/\{(\w+)\}/g, (m, k) => (k in vars ? vars[k] : m));

function el(tag, attrs, children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) e.setAttribute(k, v);
  }
  for (const c of children || []) e.append(c);
  return e;
}

// --- The figure node ---------------------------------------------------------
export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,

  addOptions() {
    return { labels: DEFAULT_LABELS, lang: '' };
  },

  addAttributes() {
    return {
      src: { default: null },
      alt: { default: '' },
      caption: { default: '' },
      align: { default: null },
    };
  },

  parseHTML() {
    return [{
      tag: 'figure',
      getAttrs: (node) => {
        // An embed's placeholder is someone else's figure.
        if (node.hasAttribute('data-embed')) return false;
        const img = node.querySelector('img');
        if (!img || !img.getAttribute('src')) return false;
        const cap = node.querySelector('figcaption');
        return {
          src: img.getAttribute('src'),
          alt: img.getAttribute('alt') || '',
          caption: cap ? cap.textContent : '',
          align: validAlign(node.getAttribute('data-align')),
        };
      },
    }];
  },

  renderHTML({ node }) {
    const { src, alt, caption, align } = node.attrs;
    const out = ['figure', align ? { 'data-align': align } : {}, ['img', { src, alt: alt || '' }]];
    if (caption) out.push(['figcaption', { dir: 'auto' }, caption]);
    return out;
  },

  addCommands() {
    return {
      // setFigure inserts a figure at the cursor (after the paragraph it is in).
      setFigure: (attrs) => ({ state, chain }) => {
        const pos = blockBoundary(state.doc, state.selection.from);
        return chain().insertContentAt(pos, { type: this.name, attrs }).run();
      },
    };
  },

  addNodeView() {
    const { labels, lang } = this.options;
    return ({ node, getPos, editor }) => {
      let current = node;
      const img = el('img', { src: node.attrs.src, alt: node.attrs.alt, draggable: 'false' });
      const caption = el('input', {
        type: 'text', class: 'payvand-figure-caption', dir: 'auto', lang: lang || null,
        placeholder: labels.caption, 'aria-label': labels.caption, 'data-figure-caption': '',
      });
      const alt = el('input', { type: 'text', class: 'payvand-figure-alt', dir: 'auto', lang: lang || null, 'data-figure-alt': '' });
      const altLabel = el('label', { class: 'payvand-figure-field' }, [el('span', {}, [labels.alt]), alt]);
      const align = el('select', { class: 'payvand-figure-align', 'aria-label': labels.align, 'data-figure-align': '' },
        [el('option', { value: '' }, [labels.align_default])].concat(
          FIGURE_ALIGNS.map((a) => el('option', { value: a }, [labels['align_' + a]]))));
      // The tools' labels are in the interface's language and direction; the
      // alt text field is the body's (lang, dir="auto").
      const ui = document.documentElement;
      const tools = el('div', { class: 'payvand-figure-tools', lang: ui.getAttribute('lang') || null, dir: ui.getAttribute('dir') || null }, [altLabel, align]);
      const dom = el('figure', { class: 'payvand-figure', contenteditable: 'false', 'data-figure': '' },
        [img, el('figcaption', {}, [caption]), tools]);

      const show = (n) => {
        if (img.getAttribute('src') !== n.attrs.src) img.setAttribute('src', n.attrs.src);
        img.setAttribute('alt', n.attrs.alt || '');
        if (n.attrs.align) dom.setAttribute('data-align', n.attrs.align); else dom.removeAttribute('data-align');
        // Never rewrite a field while it is typed in: the caret would jump.
        if (document.activeElement !== caption && caption.value !== n.attrs.caption) caption.value = n.attrs.caption || '';
        if (document.activeElement !== alt && alt.value !== n.attrs.alt) alt.value = n.attrs.alt || '';
        align.value = n.attrs.align || '';
      };
      show(node);

      const set = (attrs) => {
        const pos = typeof getPos === 'function' ? getPos() : null;
        if (pos === null || pos === undefined || !editor.isEditable) return;
        editor.view.dispatch(editor.state.tr.setNodeMarkup(pos, undefined, Object.assign({}, current.attrs, attrs)));
      };
      caption.addEventListener('input', () => set({ caption: caption.value }));
      alt.addEventListener('input', () => set({ alt: alt.value }));
      align.addEventListener('change', () => set({ align: validAlign(align.value) }));
      // Enter in the caption goes on writing below the picture.
      caption.addEventListener('keydown', (e) => {
        if (e.key !== 'Enter') return;
        e.preventDefault();
        const pos = getPos();
        const after = pos + current.nodeSize;
        editor.chain().insertContentAt(after, { type: 'paragraph' }).focus(after + 1).run();
      });

      return {
        dom,
        update(n) {
          if (n.type !== current.type) return false;
          current = n;
          show(n);
          return true;
        },
        // The fields are the figure's own: ProseMirror neither handles their
        // keys, clicks and typing nor reads their DOM changes.
        stopEvent(e) {
          const t = e.target;
          return !!(t && t.closest && t.closest('input, select, label'));
        },
        ignoreMutation: () => true,
        selectNode() { dom.classList.add('ProseMirror-selectednode'); },
        deselectNode() { dom.classList.remove('ProseMirror-selectednode'); },
      };
    };
  },
});

// blockBoundary is where a block dropped or inserted at pos goes: before
// the top-level block pos is in when pos is at its start, else after it.
// Paragraphs are never split by a picture.
export function blockBoundary(doc, pos) {
  const $pos = doc.resolve(Math.max(0, Math.min(pos, doc.content.size)));
  if ($pos.depth === 0) return $pos.pos;
  const start = $pos.before(1);
  const atStart = $pos.pos <= $pos.start(1) && $pos.parentOffset === 0;
  return atStart ? start : $pos.after(1);
}

// --- Uploads -----------------------------------------------------------------
// The page provides the upload (PayvandEditor.setUploader): a function of
// (file, {lang, onProgress(fraction)}) that resolves to {src, alt, caption}
// or rejects with an Error whose message says why, in the interface
// language. While a file travels, a progress indicator stands where the
// picture will go (a widget decoration: the document itself is untouched,
// so a refused upload leaves the text exactly as it was).
let uploader = null;
export function setUploader(fn) { uploader = typeof fn === 'function' ? fn : null; }

const uploadsKey = new PluginKey('payvandUploads');
const PENDING_PREFIX = '/payvand-pending-upload/';

function placeholderDOM(labels, name) {
  const progress = el('progress', { max: '100', 'aria-label': fill(labels.uploading, { name }) });
  const dom = el('div', { class: 'payvand-upload', contenteditable: 'false', 'data-upload': '', role: 'status' },
    [progress, el('span', {}, [fill(labels.uploading, { name })])]);
  return { dom, progress };
}

function findUpload(state, id) {
  const set = uploadsKey.getState(state);
  const found = set.find(null, null, (spec) => spec.id === id);
  return found.length ? found[0].from : null;
}

// showUploadError puts the reason under the editor, where the editor looks,
// until it is closed or the next upload succeeds.
function showUploadError(container, labels, text) {
  let box = container.parentElement && container.parentElement.querySelector(':scope > .payvand-upload-error');
  if (!box) {
    box = el('div', { class: 'payvand-upload-error', role: 'alert', 'data-upload-error': '' });
    container.after(box);
  }
  const line = el('p', {}, [text]);
  const close = el('button', { type: 'button', class: 'secondary outline', 'aria-label': labels.dismiss }, ['×']);
  close.addEventListener('click', () => { line.remove(); if (!box.querySelector('p')) box.remove(); });
  line.append(' ', close);
  box.append(line);
  container.dispatchEvent(new CustomEvent('payvand-editor:upload-failed', { bubbles: true, detail: { message: text } }));
}

function clearUploadErrors(container) {
  const box = container.parentElement && container.parentElement.querySelector(':scope > .payvand-upload-error');
  if (box) box.remove();
}

// uploadFiles starts one upload per file at pos (a block boundary).
export function uploadFiles(editor, files, pos, ctx) {
  const { labels, lang, container } = ctx;
  const view = editor.view;
  let at = blockBoundary(view.state.doc, pos);
  for (const file of files) {
    const name = file.name || 'picture';
    if (!uploader) {
      showUploadError(container, labels, fill(labels.upload_failed, { name, reason: labels.upload_error }));
      continue;
    }
    const id = {};
    const ph = placeholderDOM(labels, name);
    view.dispatch(view.state.tr.setMeta(uploadsKey, { add: { id, pos: at, dom: ph.dom } }).setMeta('addToHistory', false));
    const done = () => view.dispatch(view.state.tr.setMeta(uploadsKey, { remove: { id } }).setMeta('addToHistory', false));
    let result;
    try {
      result = uploader(file, { lang, onProgress: (f) => { ph.progress.value = Math.round(Math.max(0, Math.min(1, f)) * 100); } });
    } catch (e) {
      result = Promise.reject(e);
    }
    Promise.resolve(result).then((pic) => {
      if (editor.isDestroyed) return;
      const where = findUpload(view.state, id);
      done();
      if (!pic || !pic.src) throw new Error(labels.upload_error);
      const target = where === null ? blockBoundary(view.state.doc, view.state.selection.from) : where;
      editor.chain().insertContentAt(target, { type: 'figure', attrs: {
        src: pic.src, alt: pic.alt || '', caption: pic.caption || '', align: null,
      } }).run();
      clearUploadErrors(container);
    }).catch((err) => {
      if (editor.isDestroyed) return;
      if (findUpload(view.state, id) !== null) done();
      const reason = (err && err.message) || labels.upload_error;
      showUploadError(container, labels, fill(labels.upload_failed, { name, reason }));
    });
  }
}

// imageFiles keeps the files a drop or paste carries (every file: the
// server decides from the bytes what is a picture, and says so).
function droppedFiles(list) {
  return Array.from(list || []).filter((f) => f && typeof f.size === 'number');
}

// --- Pasted HTML with pictures ------------------------------------------------
// takePastedImages runs on pasted HTML before it is parsed. This site's own
// pictures stay (same-origin URLs made relative). The others are turned
// into uploads when their bytes are at hand: a data: URL, or the image
// files the clipboard carries beside the HTML (a copied web picture comes
// as <img src="https://…"> plus its file), matched in order when their
// number is the same; those are replaced by a pending marker that the
// paste turns into an upload in place. The rest are dropped, and the paste
// says so. Returns the pending list for the paste handler.
export function pastedImages(ctx, dom) {
  ctx.paste = takePastedImages(dom, ctx.clipboardFiles);
}

function takePastedImages(dom, clipboardFiles) {
  const pending = [];
  let refused = 0;
  const foreign = [];
  dom.querySelectorAll('img').forEach((img) => {
    const src = img.getAttribute('src') || '';
    if (src.startsWith('/') && !src.startsWith('//')) return;
    let url = null;
    try { url = new URL(src, location.href); } catch (e) { /* not a URL */ }
    if (url && url.origin === location.origin && /^https?:$/.test(url.protocol)) {
      img.setAttribute('src', url.pathname + url.search);
      return;
    }
    const file = src.startsWith('data:') ? dataURLFile(src, pending.length) : null;
    if (file) {
      markPending(img, pending, file);
    } else {
      foreign.push(img);
    }
  });
  const files = (clipboardFiles || []).filter((f) => /^image\//.test(f.type));
  if (foreign.length && foreign.length === files.length) {
    foreign.forEach((img, i) => markPending(img, pending, files[i]));
  } else {
    refused = foreign.length;
    foreign.forEach((img) => img.remove());
  }
  return { pending, refused };
}

function markPending(img, pending, file) {
  // A pasted picture goes in as a figure: its caption, if the source had
  // one, is written again by the editor.
  const marker = document.createElement('img');
  marker.setAttribute('src', PENDING_PREFIX + pending.length);
  marker.setAttribute('alt', img.getAttribute('alt') || '');
  img.replaceWith(marker);
  pending.push({ file, alt: img.getAttribute('alt') || '' });
}

// dataURLFile decodes a base64 data: URL of a picture into a File (fetch()
// of a data: URL would break the admin's connect-src 'self').
function dataURLFile(src, n) {
  const m = /^data:([^;,]+)(;[^,]*)?,(.*)$/s.exec(src);
  if (!m || !/;base64/i.test(m[2] || '')) return null;
  try {
    const bin = atob(m[3].replace(/\s+/g, ''));
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const ext = (m[1].split('/')[1] || 'bin').replace(/[^a-z0-9]/gi, '');
    return new File([bytes], 'pasted-' + (n + 1) + '.' + ext, { type: m[1] });
  } catch (e) {
    return null;
  }
}

// pendingPositions finds the pending markers in doc, last first.
function pendingPositions(doc) {
  const out = [];
  doc.descendants((node, pos) => {
    const src = node.attrs && node.attrs.src;
    if (typeof src === 'string' && src.startsWith(PENDING_PREFIX)) out.push({ pos, size: node.nodeSize, n: Number(src.slice(PENDING_PREFIX.length)) });
    return !node.isAtom;
  });
  return out.reverse();
}

// PictureUploads is the ProseMirror side: the progress widgets, and drops
// and pastes of files. ctx is {labels, lang, container, editor: () => editor,
// paste: {pending, refused}} (the paste's parse fills ctx.paste).
export function pictureUploadsPlugin(ctx) {
  return new Plugin({
    key: uploadsKey,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, set) {
        set = set.map(tr.mapping, tr.doc);
        const action = tr.getMeta(uploadsKey);
        if (action && action.add) {
          const deco = Decoration.widget(action.add.pos, action.add.dom, { id: action.add.id, side: -1, ignoreSelection: true });
          set = set.add(tr.doc, [deco]);
        } else if (action && action.remove) {
          set = set.remove(set.find(null, null, (spec) => spec.id === action.remove.id));
        }
        return set;
      },
    },
    props: {
      decorations(state) { return this.getState(state); },
      handleDrop(view, event, slice, moved) {
        if (moved) return false;
        const files = droppedFiles(event.dataTransfer && event.dataTransfer.files);
        if (!files.length) return false;
        event.preventDefault();
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
        uploadFiles(ctx.editor(), files, at ? at.pos : view.state.selection.from, ctx);
        return true;
      },
      handleDOMEvents: {
        // The clipboard's files, for takePastedImages, which runs while the
        // paste is parsed and sees only the HTML.
        paste(view, event) {
          ctx.clipboardFiles = droppedFiles(event.clipboardData && event.clipboardData.files);
          return false;
        },
      },
      handlePaste(view, event, slice) {
        const paste = ctx.paste;
        ctx.paste = null;
        ctx.clipboardFiles = [];
        if (paste && paste.refused) {
          showUploadError(ctx.container, ctx.labels, ctx.labels.paste_refused);
        }
        if (paste && paste.pending.length) {
          // Paste as ProseMirror would, then put an upload in the place of
          // each marker, in the same step.
          const tr = view.state.tr.replaceSelection(slice).scrollIntoView().setMeta('paste', true).setMeta('uiEvent', 'paste');
          const spots = pendingPositions(tr.doc);
          const from = tr.steps.length;
          for (const s of spots) tr.delete(s.pos, s.pos + s.size);
          const after = tr.mapping.slice(from);
          const places = spots.map((s) => ({ item: paste.pending[s.n], pos: after.map(s.pos, -1) })).reverse();
          view.dispatch(tr);
          for (const p of places) {
            if (p.item) uploadFiles(ctx.editor(), [p.item.file], p.pos, ctx);
          }
          return true;
        }
        const files = droppedFiles(event.clipboardData && event.clipboardData.files);
        if (files.length && slice.content.size === 0) {
          uploadFiles(ctx.editor(), files, view.state.selection.from, ctx);
          return true;
        }
        return false;
      },
    },
    // A marker that reached the document another way (HTML with data:
    // pictures dragged in from another page) is taken out again: only a
    // paste turns markers into uploads.
    appendTransaction(trs, oldState, state) {
      if (!trs.some((tr) => tr.docChanged)) return null;
      const spots = pendingPositions(state.doc);
      if (!spots.length) return null;
      const tr = state.tr;
      for (const s of spots) tr.delete(s.pos, s.pos + s.size);
      return tr;
    },
  });
}
