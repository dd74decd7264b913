// Cleaning of HTML pasted from Word, Google Docs and web pages, on the
// parsed clipboard DOM, before ProseMirror reads it. The schema already
// drops what it has no place for (classes, spans, fonts, colours, styles);
// what needs help is structure those programs encode in styles:
//   - Word writes list items as paragraphs with "mso-list: l0 level2 lfo1"
//     and the bullet or number as text in a span "mso-list: Ignore";
//   - Google Docs wraps the whole paste in <b style="font-weight:normal"
//     id="docs-internal-guid-…">, which is not bold;
//   - headings come as h1…h6, and the body has only h2 and h3 (the title is
//     the h1);
//   - Word marks an empty line as a paragraph holding a no-break space, Docs
//     as a <br> between paragraphs.
// Text is never rewritten: ZWNJ and bidi marks pass through untouched.
// styleAttr is the attribute holding each element's original style (the
// CSSOM would drop Word's mso- properties).

const ORDERED_MARKER = /^\(?([\p{Nd}]{1,4}|[a-z]{1,3}|[ivxlcdm]{1,6})[.)]$/iu;

function rawStyle(el, styleAttr) {
  return (el.getAttribute(styleAttr) || '').toLowerCase();
}

function unwrap(el) {
  el.replaceWith(...el.childNodes);
}

function rename(el, tag) {
  const doc = el.ownerDocument;
  const out = doc.createElement(tag);
  for (const a of Array.from(el.attributes)) out.setAttribute(a.name, a.value);
  out.append(...el.childNodes);
  el.replaceWith(out);
  return out;
}

// wordLists turns runs of Word's list paragraphs into nested ul/ol. An
// item continues a run when it is the element right after the run's outer
// list (earlier items have been moved into it).
function wordLists(dom, styleAttr) {
  const doc = dom.ownerDocument;
  const items = Array.from(dom.querySelectorAll('p')).filter((p) => /mso-list\s*:\s*l\d+/.test(rawStyle(p, styleAttr)));
  let outer = null;
  let stack = []; // open lists, outermost first: {list, level}
  for (const p of items) {
    const level = Number((rawStyle(p, styleAttr).match(/level(\d+)/) || [])[1] || 1);
    let marker = '';
    p.querySelectorAll('span').forEach((s) => {
      if (s.isConnected && /mso-list\s*:\s*ignore/.test(rawStyle(s, styleAttr))) {
        marker = marker || s.textContent.replace(/[\s\u00a0]+/g, '');
        s.remove();
      }
    });
    const tag = ORDERED_MARKER.test(marker) ? 'ol' : 'ul';
    if (!outer || outer.nextElementSibling !== p) stack = [];
    const top = () => stack[stack.length - 1];
    while (stack.length && (top().level > level || (top().level === level && top().list.tagName.toLowerCase() !== tag))) stack.pop();
    const li = doc.createElement('li');
    const para = doc.createElement('p');
    para.append(...p.childNodes);
    li.append(para);
    if (stack.length && top().level === level) {
      top().list.append(li);
      p.remove();
      continue;
    }
    const list = doc.createElement(tag);
    list.append(li);
    if (stack.length) {
      (top().list.lastElementChild || top().list).append(list);
      p.remove();
    } else {
      p.replaceWith(list);
      outer = list;
    }
    stack.push({ list, level });
  }
}

// fromOffice says whether the paste came from Word (mso- styles, Mso
// classes, Office namespaces).
function fromWord(dom, styleAttr) {
  if (dom.querySelector('[class^="Mso"], [class*=" Mso"]')) return true;
  return Array.from(dom.querySelectorAll('[' + styleAttr + ']')).some((el) => rawStyle(el, styleAttr).includes('mso-'));
}

// cleanOfficeHTML applies the cleaning above to dom, in place.
export function cleanOfficeHTML(dom, styleAttr) {
  dom.querySelectorAll('b[id^="docs-internal-guid"]').forEach((b) => {
    // Docs writes an empty line between paragraphs as a <br> between them.
    b.querySelectorAll(':scope > br').forEach((br) => br.remove());
    unwrap(b);
  });
  const word = fromWord(dom, styleAttr);
  if (word) wordLists(dom, styleAttr);
  dom.querySelectorAll('h1').forEach((h) => rename(h, 'h2'));
  dom.querySelectorAll('h4, h5, h6').forEach((h) => rename(h, 'h3'));
  if (word) {
    dom.querySelectorAll('p').forEach((p) => {
      if (!p.querySelector('img, br, iframe') && p.textContent.replace(/[\s\u00a0]/g, '') === '') p.remove();
    });
  }
}
