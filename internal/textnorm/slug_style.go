package textnorm

import (
	"fmt"
	"strings"
)

// SlugStyle says how a locale writes its URL slugs.
type SlugStyle int

const (
	// SlugLatin transliterates to lower-case ASCII letters, digits and
	// hyphens ("tojikiston"). It is the zero value because it suits most
	// languages and every script.
	SlugLatin SlugStyle = iota
	// SlugUnicode keeps the letters of the text's own script ("تاجیکستان")
	// because transliterated Persian ("tjykstn") is unreadable.
	SlugUnicode
)

// SlugStyleFor gives the default slug style of a locale such as "fa",
// "fa-AF" or "tg": SlugUnicode for Persian, Arabic, Pashto, Urdu, Sorani
// Kurdish and Hebrew, SlugLatin for every other language. These scripts
// have no transliteration a reader would recognise in a URL.
func SlugStyleFor(locale string) SlugStyle {
	base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(locale)), "-")
	base, _, _ = strings.Cut(base, "_")
	switch base {
	case "fa", "ar", "ps", "ur", "ckb", "he":
		return SlugUnicode
	}
	return SlugLatin
}

// String names the style as configuration files spell it.
func (s SlugStyle) String() string {
	if s == SlugUnicode {
		return "unicode"
	}
	return "latin"
}

// ParseSlugStyle reads a style name written by String, so a site can force
// Latin slugs for Persian (or Unicode slugs elsewhere) in its configuration.
func ParseSlugStyle(name string) (SlugStyle, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "latin":
		return SlugLatin, nil
	case "unicode":
		return SlugUnicode, nil
	}
	return SlugLatin, fmt.Errorf("slug style %q is neither \"latin\" nor \"unicode\"", name)
}
