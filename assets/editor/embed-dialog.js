// The embed dialog: an address field that inserts the embed of a post or
// video at the cursor. Like the link dialog (link-dialog.js): one <dialog>
// for every editor of the page, built with DOM calls (no inline handler or
// style, so the admin's CSP allows it), labelled from the editor
// container's data-embed-* attributes; Cancel and Escape change nothing.
import { parseEmbed } from './embed.js';

const DEFAULT_LABELS = {
  title: 'Embed',
  address: 'Address of the post or video',
  help: 'YouTube, Vimeo, X (Twitter), Instagram, Telegram or Facebook.',
  insert: 'Insert',
  cancel: 'Cancel',
  invalid: 'This address is not a post or video of YouTube, Vimeo, X, Instagram, Telegram or Facebook.',
};

let dialog = null;

function el(tag, props, children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) node.setAttribute(k, v);
  for (const c of children || []) node.append(c);
  return node;
}

function build() {
  const input = el('input', {
    id: 'payvand-embed-url', name: 'url', type: 'text', inputmode: 'url', dir: 'ltr', autocomplete: 'off',
    spellcheck: 'false', required: '', 'data-testid': 'embed-url', 'aria-describedby': 'payvand-embed-help payvand-embed-error',
  });
  const help = el('small', { id: 'payvand-embed-help' });
  const error = el('p', { id: 'payvand-embed-error', class: 'form-error', role: 'alert', 'data-testid': 'embed-error', hidden: '' });
  const title = el('strong', { id: 'payvand-embed-title' });
  const insert = el('button', { type: 'submit', 'data-testid': 'embed-insert' });
  const cancel = el('button', { type: 'button', class: 'secondary', 'data-testid': 'embed-cancel' });
  const label = el('label', { for: input.id });
  const form = el('form', { method: 'dialog', novalidate: '' }, [
    label, input, help, error, el('footer', { class: 'link-dialog-actions' }, [insert, cancel]),
  ]);
  const node = el('dialog', { id: 'payvand-embed-dialog', class: 'link-dialog', 'aria-labelledby': title.id, 'data-testid': 'embed-dialog' }, [
    el('article', {}, [el('header', {}, [title]), form]),
  ]);
  document.body.append(node);
  return { node, form, input, help, error, title, label, insert, cancel, session: null };
}

function finish(d, outcome) {
  const s = d.session;
  if (!s) return;
  d.session = null;
  if (d.node.open) d.node.close();
  if (outcome === 'cancel' && !s.editor.isDestroyed) s.editor.view.focus();
  s.resolve(outcome);
}

function wire(d) {
  d.form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const s = d.session;
    if (!s) return;
    if (s.editor.isDestroyed) return finish(d, 'cancel');
    const url = d.input.value.trim();
    if (!parseEmbed(url) || !s.editor.chain().focus().insertEmbed(url).run()) {
      d.error.textContent = s.labels.invalid;
      d.error.hidden = false;
      d.input.setAttribute('aria-invalid', 'true');
      d.input.focus();
      return;
    }
    finish(d, 'insert');
  });
  d.cancel.addEventListener('click', () => finish(d, 'cancel'));
  d.node.addEventListener('close', () => {
    if (!d.node.open) finish(d, 'cancel');
  });
}

// openEmbedDialog opens the dialog for editor, labelled from container; it
// resolves to 'insert' or 'cancel'.
export function openEmbedDialog(editor, container) {
  if (!dialog) {
    dialog = build();
    wire(dialog);
  }
  const d = dialog;
  finish(d, 'cancel');
  const labels = {};
  for (const key of Object.keys(DEFAULT_LABELS)) labels[key] = container.getAttribute('data-embed-' + key) || DEFAULT_LABELS[key];
  d.title.textContent = labels.title;
  d.label.textContent = labels.address;
  d.help.textContent = labels.help;
  d.insert.textContent = labels.insert;
  d.cancel.textContent = labels.cancel;
  d.input.value = '';
  d.input.placeholder = 'https://';
  d.input.removeAttribute('aria-invalid');
  d.error.hidden = true;
  d.error.textContent = '';
  return new Promise((resolve) => {
    d.session = { editor, labels, resolve };
    editor.view.focus();
    d.node.showModal();
    d.input.focus();
  });
}
