// Payvand's rich-text editor: TipTap 3 with a tiny global API for the admin's
// server-rendered pages (no framework). Built by build.sh into
// assets/static/vendor/payvand-editor.min.js; see README.md.
//
//   window.PayvandEditor.mount(container, textarea, {dir, lang, nonce, placeholder, onChange})
//     -> {getHTML(), setHTML(html), focus(), destroy(), insertImage({src, alt, title}),
//         editLink(), editEmbed(), insertEmbed(url),
//         insertFigure({src, alt, caption, align}), uploadFiles(files), editor}
//   window.PayvandEditor.setUploader(fn): how dropped and pasted files are uploaded (pictures.js)
//
// Every element with data-editor and data-editor-input="<textarea id>" is mounted
// automatically once the document is parsed (and again inside content that htmx swaps in).
import { Editor, Extension, elementFromString, getHTMLFromFragment } from '@tiptap/core';
import { DOMParser as PMDOMParser } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { StarterKit } from '@tiptap/starter-kit';
import { Image } from '@tiptap/extension-image';
import { Placeholder } from '@tiptap/extensions';
import { Table, TableRow, TableCell, TableHeader } from '@tiptap/extension-table';
import { openLinkDialog, ArticleLink } from './link-dialog.js';
import { Embed, framesToEmbeds, urlParagraphsToEmbeds } from './embed.js';
import { openEmbedDialog } from './embed-dialog.js';
import { cleanOfficeHTML } from './paste-clean.js';
import { Figure, editorLabels, pictureUploadsPlugin, pastedImages, setUploader, uploadFiles } from './pictures.js';

// The nonce of the <script> tag that loaded this file, read while it runs.
// Browsers hide nonce attribute values from getAttribute(); the .nonce property works.
const scriptNonce = (document.currentScript && document.currentScript.nonce) || '';

function metaNonce() {
  const m = document.querySelector('meta[name="csp-nonce"]');
  return (m && (m.nonce || m.getAttribute('content'))) || '';
}

// --- Strict CSP and foreign HTML -------------------------------------------
// Every document a page creates (DOMParser, createHTMLDocument, <template>)
// inherits its CSP, so parsing pasted HTML that carries style="…" (anything
// copied from a web page, Word or Google Docs) or a <style> element reports a
// violation and drops the style, which also breaks TipTap's parse rules
// (Google Docs wraps a whole paste in <b style="font-weight:normal">: with the
// style blocked, everything would turn bold). So the HTML string is rewritten
// before the browser parses it: style attributes are renamed and <style>
// elements taken out; after parsing, the styles are put back through CSSOM
// (element.style.cssText, never blocked by CSP) for the parse rules to read.
// Inline event handlers are reported too, so on…= attributes are dropped.
const STYLE_ATTR = 'data-payvand-style';
const TAG_RE = /<[a-zA-Z][^\s\/>]*(?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/g;
const ATTR_RE = /(\s+)([^\s"'>\/=]+)(\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;

function defuseStyles(html, sheets) {
  return String(html)
    .replace(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi, (_, css) => { sheets.push(css); return ''; })
    .replace(/<style\b[^>]*>[\s\S]*$/i, '')
    .replace(TAG_RE, (tag) => tag.replace(ATTR_RE, (m, sp, name, val) => {
      const n = name.toLowerCase();
      if (n === 'style') return sp + STYLE_ATTR + (val || '');
      // Event-handler attributes (onclick=, onerror=…) are never kept, and the
      // browser reports them (script-src-attr) as soon as it parses them.
      if (n.startsWith('on')) return '';
      return m;
    }));
}

function restoreStyles(dom, sheets) {
  for (const css of sheets) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css.replace(/@import[^;]*;/gi, ''));
      for (const rule of sheet.cssRules) {
        if (!(rule instanceof CSSStyleRule)) continue;
        let found = [];
        try { found = dom.querySelectorAll(rule.selectorText); } catch (e) { /* selector the engine does not know */ }
        found.forEach((el) => { el.style.cssText += rule.style.cssText; });
      }
    } catch (e) { /* unparsable stylesheet: ignore it */ }
  }
  dom.querySelectorAll('[' + STYLE_ATTR + ']').forEach((el) => {
    el.style.cssText += ';' + el.getAttribute(STYLE_ATTR);
    el.removeAttribute(STYLE_ATTR);
  });
}

// Pasted images: this site's own stay, others become uploads or are
// refused with a message (pictures.js, takePastedImages).

// HTML -> ProseMirror document, as TipTap's setContent parses it, minus the
// CSP reports. An iframe (never stored, but HTML may come from elsewhere)
// becomes an embed or goes.
function parseHTML(editor, html) {
  const sheets = [];
  const dom = elementFromString(defuseStyles(html, sheets));
  restoreStyles(dom, sheets);
  framesToEmbeds(dom);
  return PMDOMParser.fromSchema(editor.schema).parse(dom, editor.options.parseOptions);
}

// --- Tables ------------------------------------------------------------------
// Plain tables: <table><tbody><tr><th|td>, a header row being a row of <th>.
// TipTap's table writes style="min-width…" on the table and a <colgroup> of
// styled <col>s, and its cells keep pasted widths and alignments as
// attributes written back as styles: none of that is stored (the sanitiser
// allows no style; layout is the site's), so the table renders as plain
// markup, in the editor too (no node view: its CSSOM styles are not needed
// without column resizing), and cells keep only colspan and rowspan.
const PlainTable = Table.extend({
  renderHTML() {
    return ['table', ['tbody', 0]];
  },
});
const plainCellAttributes = {
  colwidth: { default: null, parseHTML: () => null, rendered: false },
  align: { default: null, parseHTML: () => null, rendered: false },
};
const PlainTableCell = TableCell.extend({
  addAttributes() {
    return { ...this.parent?.(), ...plainCellAttributes };
  },
});
const PlainTableHeader = TableHeader.extend({
  addAttributes() {
    return { ...this.parent?.(), ...plainCellAttributes };
  },
});

// --- Per-block direction ------------------------------------------------------
// TipTap 3's own `textDirection: 'auto'` Editor option (core TextDirection
// extension) puts dir="auto" on EVERY node: ul, li, blockquote, img, hr, br.
// That goes wrong for containers: HTML's dir=auto skips descendants that have
// their own dir, so <ul dir="auto"><li dir="auto"><p dir="auto">فارسی</p>…
// resolves the ul and li to LTR (bullets on the left of Persian items), and a
// Persian <blockquote dir="auto"> gets its bar on the left. So:
//   - paragraphs and headings: dir, default "auto" (each takes the direction of
//     its first strong letter: an English paragraph in a Persian body is LTR);
//   - lists, list items, blockquotes: no dir (they inherit the article's), unless
//     an explicit "ltr"/"rtl" was loaded or set with setTextDirection();
//   - images, rules, line breaks: never.
// The core commands setTextDirection(dir) / unsetTextDirection() work on these.
const TEXT_BLOCKS = ['paragraph', 'heading'];
const CONTAINERS = ['bulletList', 'orderedList', 'listItem', 'blockquote'];
const validDir = (d) => (d === 'ltr' || d === 'rtl' || d === 'auto' ? d : null);
const BlockDirection = Extension.create({
  name: 'payvandBlockDirection',
  addGlobalAttributes() {
    return [
      {
        types: TEXT_BLOCKS,
        attributes: {
          dir: {
            default: 'auto',
            parseHTML: (el) => validDir(el.getAttribute('dir')) || 'auto',
            renderHTML: (attrs) => (validDir(attrs.dir) ? { dir: attrs.dir } : {}),
          },
        },
      },
      {
        types: CONTAINERS,
        attributes: {
          dir: {
            default: null,
            parseHTML: (el) => { const d = el.getAttribute('dir'); return d === 'ltr' || d === 'rtl' ? d : null; },
            renderHTML: (attrs) => (attrs.dir === 'ltr' || attrs.dir === 'rtl' ? { dir: attrs.dir } : {}),
          },
        },
      },
    ];
  },
});

// --- Empty blocks take the editor's direction -------------------------------
// dir="auto" on a block with no letter resolves to LTR in browsers, so in a
// Persian editor a new, empty paragraph (or list item) would show its caret and
// placeholder on the left until the first letter is typed. Empty blocks get the
// editor's base direction for display only (a node decoration, not saved).
// Every block with a dir attribute is decorated (non-empty ones with their own
// value): ProseMirror removes a decoration's attribute from the DOM when the
// decoration goes, which would otherwise wipe the node's own dir="auto".
const EmptyBlockDirection = Extension.create({
  name: 'payvandEmptyBlockDirection',
  addOptions() {
    return { dir: 'ltr' };
  },
  addProseMirrorPlugins() {
    const base = this.options.dir;
    let lastDoc = null;
    let lastSet = DecorationSet.empty;
    return [new Plugin({
      key: new PluginKey('payvandEmptyBlockDirection'),
      props: {
        decorations(state) {
          if (state.doc === lastDoc) return lastSet;
          const decos = [];
          state.doc.descendants((node, pos) => {
            if (node.isText || node.isLeaf) return false;
            const own = node.attrs.dir;
            if (own === 'ltr' || own === 'rtl' || own === 'auto') {
              const empty = own === 'auto' && node.textContent === '' && !hasAtom(node);
              decos.push(Decoration.node(pos, pos + node.nodeSize, { dir: empty ? base : own }));
            }
            return true;
          });
          lastDoc = state.doc;
          lastSet = DecorationSet.create(state.doc, decos);
          return lastSet;
        },
      },
    })];
  },
});

function hasAtom(node) {
  let found = false;
  node.descendants((n) => {
    if (found) return false;
    if (n.isAtom && n.type.name !== 'hardBreak') found = true;
    return !found;
  });
  return found;
}

// The document without trailing empty paragraphs: the trailing-node plugin keeps
// one after an image or a list so the cursor can get there, but it is no content.
function serialize(editor) {
  const doc = editor.state.doc;
  let end = doc.childCount;
  while (end > 0) {
    const n = doc.child(end - 1);
    if (n.type.name !== 'paragraph' || n.content.size !== 0) break;
    end--;
  }
  if (end === 0) return '';
  let size = 0;
  for (let i = 0; i < end; i++) size += doc.child(i).nodeSize;
  return getHTMLFromFragment(doc.content.cut(0, size), editor.schema);
}

function labelFor(textarea) {
  if (!textarea.id) return null;
  return document.querySelector('label[for="' + CSS.escape(textarea.id) + '"]');
}

function mount(container, textarea, options) {
  if (!container || !textarea) throw new Error('PayvandEditor.mount: container and textarea are required');
  if (container.payvandEditor) return container.payvandEditor;
  const opts = options || {};
  const dir = opts.dir || container.getAttribute('dir') || (container.closest('[dir]') || document.documentElement).getAttribute('dir') || 'ltr';
  const lang = opts.lang || container.getAttribute('lang') || (container.closest('[lang]') || document.documentElement).getAttribute('lang') || '';
  const nonce = opts.nonce || scriptNonce || metaNonce() || undefined;

  const attrs = { dir, class: 'payvand-editor-content', role: 'textbox', 'aria-multiline': 'true' };
  if (lang) attrs.lang = lang;
  const label = labelFor(textarea);
  if (label) {
    if (!label.id) label.id = textarea.id + '-label';
    attrs['aria-labelledby'] = label.id;
  }

  const labels = editorLabels(container);
  const pictures = { labels, lang, container, editor: () => editor, paste: null, clipboardFiles: [] };
  const extensions = [
    StarterKit.configure({
      heading: { levels: [2, 3] },
      code: false,
      codeBlock: false,
      underline: false,
      strike: false,
      link: {
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        defaultProtocol: 'https',
        HTMLAttributes: { target: null, rel: null, class: null },
      },
    }),
    Image.configure({ inline: false, allowBase64: false }),
    PlainTable.configure({ resizable: false, View: null, HTMLAttributes: {} }),
    TableRow,
    PlainTableHeader,
    PlainTableCell,
    Embed,
    // Pictures are figures (caption, placement, alt text edited in place),
    // and dropped or pasted files are uploaded: pictures.js.
    Figure.configure({ labels, lang }),
    Extension.create({ name: 'payvandPictureUploads', addProseMirrorPlugins: () => [pictureUploadsPlugin(pictures)] }),
    ArticleLink,
    BlockDirection,
    EmptyBlockDirection.configure({ dir }),
  ];
  if (opts.placeholder) extensions.push(Placeholder.configure({ placeholder: opts.placeholder }));

  let lastSynced = null;
  const sync = (editor) => {
    const html = serialize(editor);
    if (html === lastSynced) return;
    lastSynced = html;
    textarea.value = html;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
    if (typeof opts.onChange === 'function') opts.onChange(html);
  };

  let pastedSheets = [];
  let editor = null;
  const clipboardParser = {
    parseSlice(dom, parseOptions) {
      // Word's list styles are read before restoreStyles: the CSSOM drops
      // the mso- properties.
      cleanOfficeHTML(dom, STYLE_ATTR);
      restoreStyles(dom, pastedSheets);
      pastedSheets = [];
      pastedImages(pictures, dom);
      framesToEmbeds(dom);
      urlParagraphsToEmbeds(dom);
      return PMDOMParser.fromSchema(editor.schema).parseSlice(dom, parseOptions);
    },
    parse(dom, parseOptions) {
      return PMDOMParser.fromSchema(editor.schema).parse(dom, parseOptions);
    },
  };

  editor = new Editor({
    element: container,
    content: '',
    extensions,
    // Not `textDirection: 'auto'`: BlockDirection above does it per paragraph
    // and heading only (see there why).
    // No <style> element at all: the rules live in payvand-editor.css, which
    // the page links (works under style-src without 'unsafe-inline').
    injectCSS: false,
    injectNonce: nonce,
    editorProps: {
      attributes: attrs,
      transformPastedHTML(html) {
        pastedSheets = [];
        return defuseStyles(html, pastedSheets);
      },
      clipboardParser,
    },
    onUpdate: ({ editor }) => sync(editor),
  });
  // The textarea's HTML, loaded outside the undo history.
  if (textarea.value) {
    const doc = parseHTML(editor, textarea.value);
    editor.view.dispatch(editor.state.tr.replaceWith(0, editor.state.doc.content.size, doc.content)
      .setMeta('addToHistory', false).setMeta('preventUpdate', true));
  }
  // The textarea is the form's value; the editor is what people see.
  lastSynced = serialize(editor);
  textarea.value = lastSynced;
  // Pages may render the container `hidden` so that without JavaScript only
  // the textarea shows.
  const containerWasHidden = container.hidden;
  container.hidden = false;
  textarea.hidden = true;
  container.setAttribute('data-editor-mounted', '');

  const api = {
    editor,
    getHTML: () => serialize(editor),
    setHTML(html) {
      editor.commands.setContent(parseHTML(editor, html || '').toJSON(), { emitUpdate: true });
      sync(editor);
    },
    focus(position) {
      editor.commands.focus(position);
    },
    // editLink opens the link dialog on the link under the cursor or the
    // selection; resolves to 'apply', 'remove' or 'cancel'.
    editLink() {
      return openLinkDialog(editor, container);
    },
    // editEmbed opens the embed dialog: an address of an allowed provider
    // is inserted as an embed at the cursor; resolves to 'insert' or 'cancel'.
    editEmbed() {
      return openEmbedDialog(editor, container);
    },
    // insertEmbed(url) inserts the embed of url at the cursor; false when
    // url is not a post or video of an allowed provider.
    insertEmbed(url) {
      return editor.chain().focus().insertEmbed(url).run();
    },
    insertImage({ src, alt, title } = {}) {
      if (!src) return false;
      return editor.chain().focus().setImage({ src, alt: alt || '', title: title || null }).run();
    },
    // insertFigure puts a picture with its caption after the paragraph
    // holding the cursor; align is one of start, end, wide, full or none.
    insertFigure({ src, alt, caption, align } = {}) {
      if (!src) return false;
      return editor.chain().focus().setFigure({ src, alt: alt || '', caption: caption || '', align: align || null }).run();
    },
    // uploadFiles uploads files through the page's uploader (setUploader)
    // and inserts each as a figure, at the cursor.
    uploadFiles(files) {
      uploadFiles(editor, Array.from(files || []), editor.state.selection.from, pictures);
    },
    destroy() {
      sync(editor);
      editor.destroy();
      textarea.hidden = false;
      container.hidden = containerWasHidden;
      container.removeAttribute('data-editor-mounted');
      delete container.payvandEditor;
    },
  };
  container.payvandEditor = api;
  container.dispatchEvent(new CustomEvent('payvand-editor:ready', { bubbles: true, detail: api }));
  return api;
}

function mountAll(root) {
  const scope = root && root.querySelectorAll ? root : document;
  const found = [];
  if (scope.matches && scope.matches('[data-editor]')) found.push(scope);
  scope.querySelectorAll('[data-editor]').forEach((el) => found.push(el));
  const mounted = [];
  for (const el of found) {
    if (el.payvandEditor) continue;
    const id = el.getAttribute('data-editor-input');
    const textarea = id ? document.getElementById(id) : el.parentElement && el.parentElement.querySelector('textarea');
    if (!textarea) continue;
    mounted.push(mount(el, textarea, {
      dir: el.getAttribute('dir') || undefined,
      lang: el.getAttribute('lang') || undefined,
      placeholder: el.getAttribute('data-editor-placeholder') || el.getAttribute('data-placeholder') || undefined,
    }));
  }
  return mounted;
}

function get(target) {
  const el = typeof target === 'string' ? document.getElementById(target) : target;
  return (el && el.payvandEditor) || null;
}

window.PayvandEditor = { mount, mountAll, get, setUploader };

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', () => mountAll(document));
} else {
  mountAll(document);
}
// Content that htmx swaps in gets its editors too.
document.addEventListener('htmx:load', (e) => mountAll(e.target));
