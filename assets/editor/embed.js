// Embeds: posts and videos of an allow-list of providers, stored as a
// placeholder, never as an <iframe>:
//
//   <figure data-embed="youtube" data-id="ID" data-url="URL"><a href="URL">URL</a></figure>
//
// The server (internal/embed, internal/richtext) recognises the same
// addresses and rewrites every placeholder from its data-url, so what this
// file does is for the editor's comfort: recognising a pasted address or
// embed code, showing a card, and the insert dialog. parseEmbed mirrors
// internal/embed's Parse (its table test lists the addresses).
import { Node } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

const PROVIDER_NAMES = {
  youtube: 'YouTube', vimeo: 'Vimeo', x: 'X', instagram: 'Instagram', telegram: 'Telegram', facebook: 'Facebook',
};

const YT = /^[A-Za-z0-9_-]{11}$/;
const DIGITS = /^[0-9]{1,25}$/;
const SHORTCODE = /^[A-Za-z0-9_-]{5,64}$/;
const CHANNEL = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;
const USER = /^[A-Za-z0-9_]{1,50}$/;
const FB_POST = /^(pfbid[A-Za-z0-9]{10,80}|[0-9]{1,25})$/;
const FB_SHARE = /^[A-Za-z0-9]{5,40}$/;

const onHost = (host, domains) => domains.some((d) => host === d || host.endsWith('.' + d));
const ok = (id, re) => (re.test(id || '') ? id : null);

function youtubeID(host, segs, q) {
  if (host === 'youtu.be') return segs.length === 1 ? ok(segs[0], YT) : null;
  if (segs.length === 1 && segs[0] === 'watch') return ok(q.get('v'), YT);
  if (segs.length === 2 && ['shorts', 'embed', 'live', 'v', 'e'].includes(segs[0])) return ok(segs[1], YT);
  return null;
}

function vimeoID(host, segs) {
  if (host === 'player.vimeo.com') return segs.length === 2 && segs[0] === 'video' ? ok(segs[1], DIGITS) : null;
  if (segs.length >= 1 && segs.length <= 2 && DIGITS.test(segs[0])) return segs[0];
  if (segs.length === 3 && segs[0] === 'channels') return ok(segs[2], DIGITS);
  if (segs.length === 4 && segs[0] === 'groups' && segs[2] === 'videos') return ok(segs[3], DIGITS);
  return null;
}

function xID(host, segs, q) {
  if (host === 'platform.twitter.com') return segs.length === 2 && segs[0] === 'embed' ? ok(q.get('id'), DIGITS) : null;
  if (segs.length >= 4 && segs[0] === 'i' && segs[1] === 'web' && segs[2] === 'status') return ok(segs[3], DIGITS);
  if (segs.length >= 3 && USER.test(segs[0]) && ['status', 'statuses'].includes(segs[1])) return ok(segs[2], DIGITS);
  return null;
}

function instagramID(host, segs) {
  if (segs.length >= 3 && USER.test(segs[0]) && ['p', 'reel', 'tv'].includes(segs[1])) segs = segs.slice(1);
  if (segs.length >= 2 && ['p', 'reel', 'reels', 'tv'].includes(segs[0])) return ok(segs[1], SHORTCODE);
  return null;
}

function telegramID(host, segs) {
  if (segs.length === 3 && segs[0] === 's') segs = segs.slice(1);
  if (segs.length !== 2 || segs[0] === 'c' || !CHANNEL.test(segs[0]) || !DIGITS.test(segs[1])) return null;
  return segs[0] + '/' + segs[1];
}

function facebookID(host, segs, q, inner) {
  if (host === 'fb.watch') return segs.length === 1 ? ok(segs[0], FB_SHARE) : null;
  if (segs.length === 2 && segs[0] === 'plugins' && ['post.php', 'video.php'].includes(segs[1])) {
    if (inner) return null;
    const post = splitURL(q.get('href') || '');
    return post && onHost(post.host, ['facebook.com', 'fb.com']) ? facebookID(post.host, post.segs, post.q, true) : null;
  }
  if (segs.length === 1 && ['permalink.php', 'story.php'].includes(segs[0])) return ok(q.get('story_fbid'), FB_POST);
  if (segs.length === 1 && segs[0] === 'watch') return ok(q.get('v'), DIGITS);
  if (segs.length === 3 && segs[0] === 'share' && ['p', 'v', 'r'].includes(segs[1])) return ok(segs[2], FB_SHARE);
  if (segs.length >= 3 && ['posts', 'videos'].includes(segs[1])) return ok(segs[2], FB_POST);
  return null;
}

const PARSERS = [
  ['youtube', ['youtube.com', 'youtube-nocookie.com', 'youtu.be'], youtubeID],
  ['vimeo', ['vimeo.com'], vimeoID],
  ['x', ['x.com', 'twitter.com'], xID],
  ['instagram', ['instagram.com', 'instagr.am'], instagramID],
  ['telegram', ['t.me', 'telegram.me'], telegramID],
  ['facebook', ['facebook.com', 'fb.com', 'fb.watch'], facebookID],
];

// withHTTPS gives an address without a scheme https://, and http:// becomes
// https:// (as the server stores it).
function withHTTPS(raw) {
  if (/^https:\/\//i.test(raw)) return raw;
  if (/^http:\/\//i.test(raw)) return 'https://' + raw.slice(7);
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw)) return null;
  return 'https://' + raw.replace(/^\/\//, '');
}

function splitURL(raw) {
  const full = withHTTPS(raw);
  if (!full) return null;
  let u;
  try { u = new URL(full); } catch (e) { return null; }
  if (u.username || u.password || u.port) return null;
  return { url: full, host: u.hostname.replace(/\.$/, ''), segs: u.pathname.split('/').filter(Boolean), q: u.searchParams };
}

// parseEmbed returns {provider, id, url} for an address of an allowed
// provider, else null (the address stays a plain link).
export function parseEmbed(raw) {
  const s = String(raw || '').trim();
  if (!s || s.length > 2048 || /[\s"<>]/.test(s)) return null;
  const u = splitURL(s);
  if (!u) return null;
  for (const [provider, hosts, idOf] of PARSERS) {
    if (!onHost(u.host, hosts)) continue;
    const id = idOf(u.host, u.segs, u.q);
    return id ? { provider, id, url: u.url } : null;
  }
  return null;
}

// parseFrame is parseEmbed for an embed code's iframe src: the URL becomes
// the item's own page, which is what a reader follows.
export function parseFrame(src) {
  const e = parseEmbed(src);
  if (!e) return null;
  const page = {
    youtube: () => 'https://www.youtube.com/watch?v=' + e.id,
    vimeo: () => 'https://vimeo.com/' + e.id,
    x: () => 'https://x.com/i/status/' + e.id,
    instagram: () => 'https://www.instagram.com/p/' + e.id + '/',
    telegram: () => 'https://t.me/' + e.id,
    facebook: () => {
      const u = splitURL(e.url);
      const post = u && u.segs[0] === 'plugins' ? parseEmbed(u.q.get('href')) : null;
      return post ? post.url : e.url;
    },
  }[e.provider]();
  return { provider: e.provider, id: e.id, url: page };
}

// placeholder makes the stored element in document doc.
function placeholder(doc, e) {
  const fig = doc.createElement('figure');
  fig.setAttribute('data-embed', e.provider);
  fig.setAttribute('data-id', e.id);
  fig.setAttribute('data-url', e.url);
  const a = doc.createElement('a');
  a.setAttribute('href', e.url);
  a.textContent = e.url;
  fig.append(a);
  return fig;
}

// framesToEmbeds replaces, inside dom, the iframes of allowed providers
// with their placeholder and removes every other iframe; also the embed
// codes that are no iframe: X's and Instagram's blockquotes and Telegram's
// widget script.
export function framesToEmbeds(dom) {
  const doc = dom.ownerDocument || document;
  dom.querySelectorAll('iframe').forEach((f) => {
    const e = parseFrame(f.getAttribute('src'));
    if (e) f.replaceWith(placeholder(doc, e)); else f.remove();
  });
  dom.querySelectorAll('blockquote.twitter-tweet, blockquote.instagram-media').forEach((q) => {
    const links = [q.getAttribute('data-instgrm-permalink'), ...Array.from(q.querySelectorAll('a[href]'), (a) => a.getAttribute('href'))];
    for (const href of links.reverse()) {
      const e = href && parseEmbed(href);
      if (e && (e.provider === 'x' || e.provider === 'instagram')) {
        q.replaceWith(placeholder(doc, { ...e, url: parseFrame(href).url }));
        return;
      }
    }
  });
  dom.querySelectorAll('script[data-telegram-post]').forEach((s) => {
    const e = parseEmbed('https://t.me/' + s.getAttribute('data-telegram-post'));
    if (e) s.replaceWith(placeholder(doc, e)); else s.remove();
  });
}

// urlParagraphsToEmbeds makes a pasted paragraph holding nothing but an
// allowed provider's address (as text or as a link whose text it is) a
// placeholder. Other paragraphs, and other providers' addresses, stay.
export function urlParagraphsToEmbeds(dom) {
  const doc = dom.ownerDocument || document;
  dom.querySelectorAll('p, div').forEach((p) => {
    if (p.querySelector('p, div, img, figure, table, ul, ol') || p.closest('li, td, th, blockquote')) return;
    const text = p.textContent.trim();
    const e = parseEmbed(text);
    if (!e) return;
    const links = p.querySelectorAll('a[href]');
    if (links.length > 1 || (links.length === 1 && links[0].getAttribute('href').trim() !== text && parseEmbed(links[0].getAttribute('href')) === null)) return;
    p.replaceWith(placeholder(doc, e));
  });
}

// The embed node: an atom block. Its HTML is the stored placeholder; in the
// editor it shows as a card naming the provider and the address (no
// third-party frame: the admin's CSP forbids it, and it is not needed to
// write).
export const Embed = Node.create({
  name: 'embed',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,
  addAttributes() {
    return {
      provider: { default: null, rendered: false },
      id: { default: null, rendered: false },
      url: { default: null, rendered: false },
    };
  },
  parseHTML() {
    return [{
      tag: 'figure[data-embed]',
      priority: 1000,
      getAttrs: (el) => parseEmbed(el.getAttribute('data-url')) || false,
    }];
  },
  renderHTML({ node }) {
    const { provider, id, url } = node.attrs;
    return ['figure', { 'data-embed': provider, 'data-id': id, 'data-url': url }, ['a', { href: url }, url]];
  },
  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement('figure');
      dom.className = 'embed-card';
      dom.setAttribute('data-embed', node.attrs.provider);
      dom.setAttribute('data-testid', 'embed-card');
      const name = document.createElement('strong');
      name.textContent = PROVIDER_NAMES[node.attrs.provider] || node.attrs.provider;
      const url = document.createElement('span');
      url.className = 'embed-card-url';
      url.dir = 'ltr';
      url.textContent = node.attrs.url;
      dom.append(name, url);
      return { dom };
    };
  },
  addCommands() {
    return {
      // insertEmbed(url) puts the placeholder of url at the cursor (an
      // empty paragraph there is replaced); false for other addresses.
      insertEmbed: (url) => ({ state, chain }) => {
        const e = parseEmbed(url);
        if (!e) return false;
        const { $from, empty } = state.selection;
        const para = $from.parent;
        const range = empty && para.type.name === 'paragraph' && para.content.size === 0 && $from.depth > 0
          ? { from: $from.before(), to: $from.after() }
          : state.selection.to;
        return chain().insertContentAt(range, { type: this.name, attrs: e }).run();
      },
    };
  },
  addProseMirrorPlugins() {
    const editor = this.editor;
    return [new Plugin({
      key: new PluginKey('payvandEmbedPaste'),
      props: {
        // A pasted address alone in an empty paragraph becomes an embed,
        // as in other editors; inside text it stays a link.
        handlePaste(view, event) {
          const data = event.clipboardData;
          if (!data) return false;
          const text = (data.getData('text/plain') || '').trim();
          const { $from, empty } = view.state.selection;
          // Top-level paragraphs only: in a list, quote or table cell the
          // address stays a link.
          if (!text || !empty || $from.depth !== 1 || $from.parent.type.name !== 'paragraph' || $from.parent.content.size !== 0) return false;
          const html = data.getData('text/html');
          if (html && new DOMParser().parseFromString('<body>' + html.replace(/<[^>]*>/g, ' '), 'text/html').body.textContent.trim() !== text) return false;
          if (!parseEmbed(text)) return false;
          return editor.commands.insertEmbed(text);
        },
      },
    })];
  },
});
