// Package embed recognises the addresses of posts and videos that article
// bodies may embed (YouTube, Vimeo, X/Twitter, Instagram, Telegram and
// Facebook) and writes the placeholder a body stores for them. Bodies never
// store an <iframe>: the placeholder names the provider, the item's id and
// the original address, and holds a plain link to it, so feeds and plain
// readers show a link and each frontend renders the embed its own way.
package embed

import (
	"html"
	"net/url"
	"strings"
)

// Providers, as the placeholder's data-embed attribute names them.
const (
	YouTube   = "youtube"
	Vimeo     = "vimeo"
	X         = "x"
	Instagram = "instagram"
	Telegram  = "telegram"
	Facebook  = "facebook"
)

// Providers lists every provider an embed may come from.
var Providers = []string{YouTube, Vimeo, X, Instagram, Telegram, Facebook}

// Embed is one recognised item.
type Embed struct {
	// Provider is one of Providers.
	Provider string
	// ID is the item's id at the provider: a YouTube video id, a Vimeo
	// video number, a post number (X), a shortcode (Instagram),
	// "channel/number" (Telegram) or a post id (Facebook).
	ID string
	// URL is the address the item was given by, made absolute and
	// written as a sanitiser writes links (net/url's form).
	URL string
}

// maxURLBytes bounds what Parse reads: no provider's address is longer.
const maxURLBytes = 2048

// Parse recognises an address of an allowed provider, as an editor pastes
// it: with or without "www.", "m." or the scheme, from a share button or
// the address bar. Any other address (another host, a profile page, a
// channel, a search) gives false, so it stays a plain link.
func Parse(raw string) (Embed, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" || len(raw) > maxURLBytes || strings.ContainsAny(raw, " \t\r\n\"<>") {
		return Embed{}, false
	}
	if !strings.Contains(raw, "://") {
		raw = "https://" + strings.TrimPrefix(raw, "//")
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.User != nil || u.Port() != "" {
		return Embed{}, false
	}
	u.Scheme = "https"
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	segs := pathSegments(u.Path)
	for _, p := range parsers {
		if !p.hosts.match(host) {
			continue
		}
		id, ok := p.id(host, segs, u.Query())
		if !ok {
			return Embed{}, false
		}
		return Embed{Provider: p.provider, ID: id, URL: u.String()}, true
	}
	return Embed{}, false
}

// FromFrame recognises the src of an embed code's <iframe> (a player or
// a post widget of an allowed provider). The Embed's URL is then the
// item's own page, not the player's: that is what a reader follows.
func FromFrame(src string) (Embed, bool) {
	e, ok := Parse(src)
	if !ok {
		return Embed{}, false
	}
	if e.Provider != Facebook {
		e.URL = e.Canonical()
		return e, true
	}
	// Facebook has no address made from an id alone: its plugin names the
	// post in its href.
	if u, err := url.Parse(e.URL); err == nil {
		if post, ok := Parse(u.Query().Get("href")); ok && post.Provider == Facebook {
			return post, true
		}
	}
	return e, true
}

// Canonical is the item's page at its provider, built from the id alone.
func (e Embed) Canonical() string {
	switch e.Provider {
	case YouTube:
		return "https://www.youtube.com/watch?v=" + e.ID
	case Vimeo:
		return "https://vimeo.com/" + e.ID
	case X:
		return "https://x.com/i/status/" + e.ID
	case Instagram:
		return "https://www.instagram.com/p/" + e.ID + "/"
	case Telegram:
		return "https://t.me/" + e.ID
	}
	return e.URL
}

// HTML is the placeholder a body stores for e:
//
//	<figure data-embed="youtube" data-id="…" data-url="URL"><a href="URL">URL</a></figure>
//
// The editor writes the same bytes (assets/editor/embed.js).
func (e Embed) HTML() string {
	u := html.EscapeString(e.URL)
	return `<figure data-embed="` + e.Provider + `" data-id="` + html.EscapeString(e.ID) + `" data-url="` + u + `">` +
		`<a href="` + u + `">` + u + `</a></figure>`
}

// pathSegments splits a path into its non-empty segments.
func pathSegments(p string) []string {
	var out []string
	for _, s := range strings.Split(p, "/") {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
