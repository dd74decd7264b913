package textnorm

import (
	"strings"

	"github.com/gosimple/slug"
	"golang.org/x/text/unicode/norm"
)

// latinSlug transliterates text with gosimple/slug after replacing the
// letters it renders badly. gosimple offers package-level CustomRuneSub and
// CustomSub maps for this, but writing to them from a request would race with
// every other caller, so the substitution happens here and gosimple's globals
// are only ever read.
func latinSlug(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	// NFKC first so that "и" followed by a combining macron is found as "ӣ",
	// and presentation forms copied from PDFs become ordinary letters.
	for _, r := range norm.NFKC.String(text) {
		// Harakat and tatweel are dropped here as in Unicode slugs, so that
		// "مُحَمَّد" and "محمد" transliterate alike.
		if isBidiControl(r) || isHaraka(r) || r == tatweel {
			continue
		}
		if sub, ok := latinSubstitute(r); ok {
			b.WriteString(sub)
			continue
		}
		b.WriteRune(r)
	}
	// The language only picks gosimple's rules for '&' and '@', which
	// latinSubstitute has already turned into spaces.
	out := slug.MakeLang(b.String(), "en")
	// gosimple keeps '_', which Payvand slugs do not use: one separator is
	// easier to type, read aloud and keep idempotent.
	return tidySlug(strings.ReplaceAll(out, "_", "-"))
}

// latinSubstitute gives the Latin spelling of the runes that unidecode,
// gosimple's transliterator, gets wrong for Tajik and Russian readers.
//
// Tajik letters: unidecode spells "корҳо" as "korkh-o" and "Тоҷикистон" as
// "toch-ikiston"; the Tajik Latin convention is ғ=gh ӣ=i қ=q ӯ=u ҳ=h ҷ=j
// х=kh, giving "korho" and "tojikiston".
//
// Cyrillic shared by Russian and Tajik: unidecode writes "Юрий" as "iurii"
// and "объём" as "ob-iom". Spelling й ё ю я as y yo yu ya and dropping the
// hard and soft signs gives "yuriy" and "obyom", as most Russian sites do.
//
// ZWNJ and ZWJ separate words: without this, Persian forced into Latin
// would run "همکاری‌ها" together as one word. '&' and '@' become spaces
// instead of gosimple's English "and" and "at", which would be out of place
// in a Tajik or Persian slug.
func latinSubstitute(r rune) (string, bool) {
	switch r {
	case 'ғ', 'Ғ':
		return "gh", true
	case 'ӣ', 'Ӣ':
		return "i", true
	case 'қ', 'Қ':
		return "q", true
	case 'ӯ', 'Ӯ':
		return "u", true
	case 'ҳ', 'Ҳ':
		return "h", true
	case 'ҷ', 'Ҷ':
		return "j", true
	case 'х', 'Х':
		return "kh", true
	case 'й', 'Й':
		return "y", true
	case 'ё', 'Ё':
		return "yo", true
	case 'ю', 'Ю':
		return "yu", true
	case 'я', 'Я':
		return "ya", true
	case 'ъ', 'Ъ', 'ь', 'Ь':
		return "", true
	case zwnj, zwj, '&', '@':
		return " ", true
	}
	return "", false
}
