// The link dialog: edits the link under the cursor (or makes the selection
// a link) in a real <dialog> instead of window.prompt, whose Cancel could not
// be told apart from an emptied field and so removed the link. Here Cancel
// (and Escape) change nothing, the field shows the current address, and
// "Remove link" is its own button.
//
// One dialog serves every editor on the page. It is built with DOM calls,
// styled by the page's CSS (class link-dialog), and has no inline handler or
// style, so it works under the admin's nonce-based CSP. Its labels come from
// data-link-* attributes on the editor's container, in the interface
// language; the dialog itself takes the page's lang and dir (it is appended
// to <body>), the address field is always left-to-right.
//
// Below the address, a picker finds the site's own articles (the admin's
// link search, which searches as the related picker does) and links to one
// by its id: <a data-article-id="12" href="/admin/articles/12">. The server
// answers such a link with the article's page on the site in the body's
// language, so a slug change never breaks it.
import { Extension } from '@tiptap/core';

const DEFAULT_LABELS = {
  title: 'Link',
  address: 'Address',
  apply: 'Apply',
  remove: 'Remove link',
  cancel: 'Cancel',
  invalid: 'This address cannot be a link.',
  find: 'Or find an article',
  'find-none': 'No article matches.',
  'not-public': 'not public in this language',
  article: 'Links to an article of this site.',
};

// ARTICLE_ID is what an article id may be: digits, as the sanitiser wants.
const ARTICLE_ID = /^[0-9]{1,18}$/;

// ArticleLink gives the link mark an articleId attribute, written as
// data-article-id and read back from it, so an internal link survives
// loading, editing and saving. A link the editor points elsewhere by hand
// loses it (apply below).
export const ArticleLink = Extension.create({
  name: 'payvandArticleLink',
  addGlobalAttributes() {
    return [{
      types: ['link'],
      attributes: {
        articleId: {
          default: null,
          parseHTML: (el) => { const v = el.getAttribute('data-article-id') || ''; return ARTICLE_ID.test(v) ? v : null; },
          renderHTML: (attrs) => (attrs.articleId ? { 'data-article-id': attrs.articleId } : {}),
        },
      },
    }];
  },
});

let dialog = null;

function el(tag, props, children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v !== null && v !== undefined) node.setAttribute(k, v);
  }
  for (const c of children || []) node.append(c);
  return node;
}

function build() {
  const input = el('input', {
    id: 'payvand-link-href', name: 'href', type: 'text', inputmode: 'url', dir: 'ltr',
    autocomplete: 'off', spellcheck: 'false', required: '', 'data-testid': 'link-href',
    'aria-describedby': 'payvand-link-error',
  });
  const error = el('p', { id: 'payvand-link-error', class: 'form-error', role: 'alert', 'data-testid': 'link-error', hidden: '' });
  const title = el('strong', { id: 'payvand-link-title' });
  const apply = el('button', { type: 'submit', 'data-testid': 'link-apply' });
  const remove = el('button', { type: 'button', class: 'secondary outline', 'data-testid': 'link-remove' });
  const cancel = el('button', { type: 'button', class: 'secondary', 'data-testid': 'link-cancel' });
  const label = el('label', { for: input.id });
  const internal = el('p', { class: 'link-dialog-internal muted', 'data-testid': 'link-internal', hidden: '' });
  const find = el('input', {
    id: 'payvand-link-find', type: 'search', dir: 'auto', autocomplete: 'off', 'data-testid': 'link-find',
    'aria-controls': 'payvand-link-results',
  });
  const findLabel = el('label', { for: find.id });
  const results = el('ul', { id: 'payvand-link-results', class: 'link-dialog-results', 'aria-live': 'polite', 'data-testid': 'link-results' });
  const form = el('form', { method: 'dialog', novalidate: '' }, [
    label, input, error, internal, findLabel, find, results,
    el('footer', { class: 'link-dialog-actions' }, [apply, remove, cancel]),
  ]);
  const node = el('dialog', { id: 'payvand-link-dialog', class: 'link-dialog', 'aria-labelledby': title.id, 'data-testid': 'link-dialog' }, [
    el('article', {}, [el('header', {}, [title]), form]),
  ]);
  document.body.append(node);
  return { node, form, input, error, title, label, apply, remove, cancel, internal, find, findLabel, results, session: null, timer: 0, asked: 0 };
}

// withScheme gives an address typed as a bare host ("example.com/x") the
// https scheme, as typing it in the text does; paths, fragments and
// addresses with a scheme stay as they are.
export function withScheme(href) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || /^[/?#.]/.test(href)) return href;
  return /^[^/\s]+\.[^/\s]+/.test(href) ? 'https://' + href : href;
}

function labelsOf(container) {
  const out = {};
  for (const key of Object.keys(DEFAULT_LABELS)) {
    out[key] = container.getAttribute('data-link-' + key) || DEFAULT_LABELS[key];
  }
  return out;
}

// apply links the selection, or the link under the cursor, to href (and
// to the article articleId, or to none: a link set by hand is external);
// with nothing selected outside a link it inserts text (the address, or
// the article's title) as linked text.
function apply(editor, href, articleId, text) {
  const attrs = { href, articleId: articleId || null };
  if (!editor.can().setLink(attrs)) return false;
  const { empty } = editor.state.selection;
  if (empty && !editor.isActive('link')) {
    return editor.chain().focus().insertContent({ type: 'text', text: text || href, marks: [{ type: 'link', attrs }] }).run();
  }
  return editor.chain().focus().extendMarkRange('link').setLink(attrs).run();
}

// search asks the admin's link search for articles matching the picker's
// text and lists them; an answer to an older question is dropped.
async function search(d) {
  const s = d.session;
  const q = d.find.value.trim();
  const asked = ++d.asked;
  if (!s || !s.searchURL || q === '') {
    d.results.replaceChildren();
    return;
  }
  const url = new URL(s.searchURL, location.href);
  url.searchParams.set('q', q);
  url.searchParams.set('locale', s.lang);
  if (s.exclude) url.searchParams.set('exclude', s.exclude);
  let items = [];
  try {
    const resp = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (resp.ok) items = (await resp.json()).items || [];
  } catch (e) { /* offline: an empty list says nothing was found */ }
  if (asked !== d.asked || d.session !== s) return;
  if (items.length === 0) {
    d.results.replaceChildren(el('li', { class: 'muted', 'data-testid': 'link-results-none' }, [s.labels['find-none']]));
    return;
  }
  d.results.replaceChildren(...items.map((item) => {
    const title = el('span', { lang: item.lang, dir: item.dir }, [item.title]);
    const parts = [title];
    if (!item.public) parts.push(' ', el('small', { class: 'muted' }, ['(' + s.labels['not-public'] + ')']));
    const button = el('button', { type: 'button', class: 'secondary outline', 'data-testid': 'link-result-' + item.id }, parts);
    button.addEventListener('click', () => choose(d, item));
    return el('li', {}, [button]);
  }));
}

// choose links to an article the picker found.
function choose(d, item) {
  const s = d.session;
  if (!s) return;
  if (s.editor.isDestroyed) return finish(d, 'cancel');
  if (!ARTICLE_ID.test(String(item.id)) || !apply(s.editor, item.href, String(item.id), item.title)) return;
  finish(d, 'apply');
}

function finish(d, outcome) {
  const s = d.session;
  if (!s) return;
  d.session = null;
  if (d.node.open) d.node.close();
  // Back to the text, selection untouched: Cancel really changes nothing.
  if (outcome === 'cancel' && !s.editor.isDestroyed) s.editor.view.focus();
  s.resolve(outcome);
}

function wire(d) {
  d.form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const s = d.session;
    if (!s) return;
    if (s.editor.isDestroyed) return finish(d, 'cancel'); // its pane was swapped out meanwhile
    const href = withScheme(d.input.value.trim());
    // An internal link whose address was left alone stays internal.
    const articleId = href === s.current && s.articleId ? s.articleId : null;
    if (!href || !apply(s.editor, href, articleId)) {
      d.error.textContent = s.labels.invalid;
      d.error.hidden = false;
      d.input.setAttribute('aria-invalid', 'true');
      d.input.focus();
      return;
    }
    finish(d, 'apply');
  });
  d.remove.addEventListener('click', () => {
    const s = d.session;
    if (!s) return;
    if (s.editor.isDestroyed) return finish(d, 'cancel');
    s.editor.chain().focus().extendMarkRange('link').unsetLink().run();
    finish(d, 'remove');
  });
  d.cancel.addEventListener('click', () => finish(d, 'cancel'));
  d.find.addEventListener('input', () => {
    clearTimeout(d.timer);
    d.timer = setTimeout(() => search(d), 200);
  });
  // Enter in the picker takes the first article found, instead of
  // submitting the address field.
  d.find.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter') return;
    ev.preventDefault();
    const first = d.results.querySelector('button');
    if (first) first.click();
  });
  // Escape closes the dialog; that too is a cancel. The close event is
  // queued: one from an earlier close can arrive after the dialog was
  // opened again, and must not cancel the new session.
  d.node.addEventListener('close', () => {
    if (!d.node.open) finish(d, 'cancel');
  });
}

// openLinkDialog opens the dialog for editor, labelled from container. It
// resolves to 'apply', 'remove' or 'cancel' once the dialog closes.
export function openLinkDialog(editor, container) {
  if (!dialog) {
    dialog = build();
    wire(dialog);
  }
  const d = dialog;
  finish(d, 'cancel'); // another editor's dialog still open
  const labels = labelsOf(container);
  d.title.textContent = labels.title;
  d.label.textContent = labels.address;
  d.apply.textContent = labels.apply;
  d.remove.textContent = labels.remove;
  d.cancel.textContent = labels.cancel;
  const attrs = editor.isActive('link') ? editor.getAttributes('link') : {};
  const current = attrs.href || '';
  const articleId = ARTICLE_ID.test(attrs.articleId || '') ? attrs.articleId : null;
  d.input.value = current;
  d.internal.textContent = labels.article;
  d.internal.hidden = !articleId;
  d.findLabel.textContent = labels.find;
  d.find.value = '';
  d.results.replaceChildren();
  clearTimeout(d.timer);
  d.input.placeholder = 'https://';
  d.input.removeAttribute('aria-invalid');
  d.error.hidden = true;
  d.error.textContent = '';
  d.remove.hidden = !editor.isActive('link');
  return new Promise((resolve) => {
    d.session = {
      editor, labels, resolve, current, articleId,
      searchURL: container.getAttribute('data-link-search') || '',
      exclude: container.getAttribute('data-link-exclude') || '',
      lang: container.getAttribute('lang') || document.documentElement.getAttribute('lang') || '',
    };
    // The editor had focus before the toolbar click; give it back first, so
    // that the dialog, however it closes (Escape too), returns focus there.
    editor.view.focus();
    d.node.showModal();
    d.input.focus();
    d.input.select();
  });
}
