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

const DEFAULT_LABELS = {
  title: 'Link',
  address: 'Address',
  apply: 'Apply',
  remove: 'Remove link',
  cancel: 'Cancel',
  invalid: 'This address cannot be a link.',
};

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
  const form = el('form', { method: 'dialog', novalidate: '' }, [
    label, input, error,
    el('footer', { class: 'link-dialog-actions' }, [apply, remove, cancel]),
  ]);
  const node = el('dialog', { id: 'payvand-link-dialog', class: 'link-dialog', 'aria-labelledby': title.id, 'data-testid': 'link-dialog' }, [
    el('article', {}, [el('header', {}, [title]), form]),
  ]);
  document.body.append(node);
  return { node, form, input, error, title, label, apply, remove, cancel, session: null };
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

// apply links the selection, or the link under the cursor, to href; with
// nothing selected outside a link it inserts the address as linked text.
function apply(editor, href) {
  if (!editor.can().setLink({ href })) return false;
  const { empty } = editor.state.selection;
  if (empty && !editor.isActive('link')) {
    return editor.chain().focus().insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
  }
  return editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
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
    if (!href || !apply(s.editor, href)) {
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
  const current = editor.isActive('link') ? editor.getAttributes('link').href || '' : '';
  d.input.value = current;
  d.input.placeholder = 'https://';
  d.input.removeAttribute('aria-invalid');
  d.error.hidden = true;
  d.error.textContent = '';
  d.remove.hidden = !editor.isActive('link');
  return new Promise((resolve) => {
    d.session = { editor, labels, resolve };
    // The editor had focus before the toolbar click; give it back first, so
    // that the dialog, however it closes (Escape too), returns focus there.
    editor.view.focus();
    d.node.showModal();
    d.input.focus();
    d.input.select();
  });
}
