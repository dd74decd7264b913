package models

import (
	"unicode/utf8"
)

// The longest text each field takes, in characters (runes, so a Persian
// letter, a Tajik letter and a zero-width non-joiner each count one). They
// fit each field's purpose with room to spare, and keep one oversized field
// from making every list answer huge. The write path enforces them
// (checkLength); api/openapi.json states them as maxLength, and a test keeps
// the two equal.
const (
	// TitleMaxRunes: a headline, with room for a long official name.
	TitleMaxRunes = 300
	// SummaryMaxRunes: a lead paragraph or two.
	SummaryMaxRunes = 1000
	// BylineMaxRunes: a few names and roles.
	BylineMaxRunes = 200
	// SlugMaxRunes: an article's or section's slug as typed; stored slugs
	// are cut to textnorm.MaxSlugBytes, which is never more characters.
	SlugMaxRunes = 120
	// AltMaxRunes: a description of a picture for screen readers.
	AltMaxRunes = 500
	// CaptionMaxRunes: a caption with its credit line.
	CaptionMaxRunes = 2000
	// SectionNameMaxRunes: a menu entry.
	SectionNameMaxRunes = 100
	// DisplayNameMaxRunes: shown in tables and bylines.
	DisplayNameMaxRunes = 100
	// EmailMaxRunes: the longest address SMTP can carry (RFC 5321).
	EmailMaxRunes = 254
	// SEOTitleMaxRunes: a meta title stands in for the title (search
	// engines show about 60 characters), so the answer's seo.title has
	// one bound whichever it is.
	SEOTitleMaxRunes = TitleMaxRunes
	// SEODescriptionMaxRunes: a meta description stands in for the
	// summary in the same way.
	SEODescriptionMaxRunes = SummaryMaxRunes
	// CanonicalURLMaxRunes: the longest URL every browser and crawler
	// handles comfortably.
	CanonicalURLMaxRunes = 2000
)

// BodyMaxBytes bounds an article body's HTML in bytes rather than
// characters: markup is mostly ASCII, and what it costs to store, index and
// send is its size. One megabyte is a long report with many pictures.
const BodyMaxBytes = 1 << 20

// checkLength refuses field when text has more than max runes, or holds
// what no database text can: PostgreSQL refuses a NUL or invalid UTF-8
// with an error, so both engines refuse it here, by field, instead.
func (v validation) checkLength(field, text string, max int) {
	if !storableText(text) {
		v.add(field, "validation.text_unstorable")
		return
	}
	if utf8.RuneCountInString(text) > max {
		v.add(field, "validation.too_long", "max", max)
	}
}
