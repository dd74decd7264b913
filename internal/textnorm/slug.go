package textnorm

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxSlugBytes caps a slug's length in bytes. A Persian letter takes two
// bytes, so this allows about 60 Persian letters or 120 Latin ones, and the
// percent-encoded URL (three characters a byte) stays far below what
// browsers, proxies and search engines accept.
const MaxSlugBytes = 120

// Slug turns a title, or a slug an editor typed, into a URL slug of the
// given style: lower case, words joined by single hyphens, no hyphen at
// either end, at most MaxSlugBytes bytes (cut after a whole word when one
// fits), and always containing at least one letter.
//
// Slug returns "" when the text has no letter to keep: empty text, only
// punctuation, or only numbers such as "1403" or "2024-05". A slug of digits
// alone would be taken for an article ID in URLs, and a date-like one says
// nothing, so the caller picks a fallback (for example a word naming the
// content type) and then makes it unique with WithSuffix.
//
// Slug is idempotent: Slug(Slug(x, st), st) == Slug(x, st).
func Slug(text string, style SlugStyle) string {
	if style == SlugUnicode {
		return unicodeSlug(text)
	}
	return latinSlug(text)
}

// IsValidSlug reports whether s is a non-empty slug that Slug would leave
// unchanged in the given style, which is what a form should accept as is.
func IsValidSlug(s string, style SlugStyle) bool {
	return s != "" && Slug(s, style) == s
}

// WithSuffix makes the n-th slug of a locale unique by appending "-n", as in
// "tojikiston-2". The first owner keeps the bare slug, so n below 2 returns
// slug unchanged; "" stays "" because an empty slug needs a fallback, not a
// number. The slug is shortened first when the suffix would push it past
// MaxSlugBytes, so the result is itself a valid slug. In the rare case that
// shortening would leave no letter (a long run of digits before the only
// word), WithSuffix returns "" and the caller falls back as for an empty
// slug.
func WithSuffix(slug string, n int) string {
	if slug == "" || n < 2 {
		return slug
	}
	suffix := "-" + strconv.Itoa(n)
	base := truncateSlug(slug, MaxSlugBytes-len(suffix))
	if base == "" {
		return ""
	}
	return base + suffix
}

// tidySlug finishes what both styles produce: runs of hyphens become one,
// hyphens at the ends go, the length is capped and a letterless result is
// refused. Working on bytes is safe because '-' never occurs inside a
// multi-byte UTF-8 sequence.
func tidySlug(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pendingDash := false
	for i := 0; i < len(s); i++ {
		if s[i] == '-' {
			pendingDash = b.Len() > 0
			continue
		}
		if pendingDash {
			b.WriteByte('-')
			pendingDash = false
		}
		b.WriteByte(s[i])
	}
	out := truncateSlug(b.String(), MaxSlugBytes)
	if !hasLetter(out) {
		return ""
	}
	return out
}

// truncateSlug shortens s to at most limit bytes. It cuts at the last
// hyphen that fits, so no word is broken, unless that would leave no letter
// (as in "2024-" followed by one long word); then it cuts inside the word,
// at a rune boundary so the result stays valid UTF-8. When even that keeps
// no letter, because all of them lie past the limit, it returns "".
func truncateSlug(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	if limit <= 0 {
		return ""
	}
	if i := strings.LastIndexByte(s[:limit+1], '-'); i > 0 && hasLetter(s[:i]) {
		return s[:i]
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if out := strings.TrimRight(s[:cut], "-"); hasLetter(out) {
		return out
	}
	return ""
}

// hasLetter reports whether s contains a letter of any script.
func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}
