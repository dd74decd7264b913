// Package siteurl builds the public URLs of the site frontend (the "site
// URL", where readers see articles) from the configured path patterns. It is
// applied when answering, never stored, so changing a pattern changes every
// answer at once.
package siteurl

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// Default patterns, as --help shows them.
const (
	DefaultArticlePath = "/{locale}/news/{slug}"
	DefaultSectionPath = "/{locale}/section/{section}"
	DefaultTagPath     = "/{locale}/tag/{tag}"
)

// Patterns are the path patterns of the site's pages. Preview may be empty:
// the site then has no draft preview page.
type Patterns struct {
	Article, Section, Tag, Preview string
}

// Builder expands patterns under the site URL. A nil *Builder stands for "no
// site URL configured": every method then answers nil, which the API
// encodes as null.
type Builder struct {
	base     string // scheme and host (and any path prefix), no trailing slash
	patterns Patterns
}

// New checks base and the patterns and returns their Builder.
func New(base string, p Patterns) (*Builder, error) {
	if err := CheckBase(base); err != nil {
		return nil, err
	}
	if err := CheckPatterns(p); err != nil {
		return nil, err
	}
	return &Builder{base: strings.TrimRight(base, "/"), patterns: p}, nil
}

// CheckBase accepts an absolute http(s) URL with a host and no query or
// fragment, since the patterns are appended to it.
func CheckBase(base string) error {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("%q is not an absolute http(s) URL such as https://news.example.tj", base)
	}
	return nil
}

// Base is the site URL without a trailing slash; "" for a nil Builder.
func (b *Builder) Base() string {
	if b == nil {
		return ""
	}
	return b.base
}

// Patterns are the configured path patterns; zero for a nil Builder.
func (b *Builder) Patterns() Patterns {
	if b == nil {
		return Patterns{}
	}
	return b.patterns
}

// Article is the public URL of an article's translation.
func (b *Builder) Article(locale, slug string, id uint) *string {
	if b == nil {
		return nil
	}
	return b.expand(b.patterns.Article, map[string]string{"locale": locale, "slug": slug, "id": formatID(id)})
}

// Section is the public URL of a section's page in locale.
func (b *Builder) Section(locale, section string) *string {
	if b == nil {
		return nil
	}
	return b.expand(b.patterns.Section, map[string]string{"locale": locale, "section": section})
}

// Tag is the public URL of a tag's page in locale.
func (b *Builder) Tag(locale, tag string) *string {
	if b == nil {
		return nil
	}
	return b.expand(b.patterns.Tag, map[string]string{"locale": locale, "tag": tag})
}

// Preview is the site's draft preview page for a translation with token;
// nil when no preview pattern is configured.
func (b *Builder) Preview(locale, slug string, id uint, token string) *string {
	if b == nil || b.patterns.Preview == "" {
		return nil
	}
	return b.expand(b.patterns.Preview, map[string]string{"locale": locale, "slug": slug, "id": formatID(id), "token": token})
}

// expand replaces each placeholder by its value, escaped for where it
// lands: as a path segment before "?", as a query value after it. Slugs
// keep their letters (Persian, Tajik, ZWNJ) and are only percent-encoded.
func (b *Builder) expand(pattern string, values map[string]string) *string {
	path, query, hasQuery := strings.Cut(pattern, "?")
	out := b.base + replace(path, values, url.PathEscape)
	if hasQuery {
		out += "?" + replace(query, values, url.QueryEscape)
	}
	return &out
}

func replace(s string, values map[string]string, escape func(string) string) string {
	var sb strings.Builder
	for {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			return sb.String() + s
		}
		end := strings.IndexByte(s[open:], '}')
		if end < 0 { // CheckPatterns refuses this; keep the text as it is
			return sb.String() + s
		}
		name := s[open+1 : open+end]
		sb.WriteString(s[:open])
		sb.WriteString(escape(values[name]))
		s = s[open+end+1:]
	}
}

func formatID(id uint) string { return strconv.FormatUint(uint64(id), 10) }
