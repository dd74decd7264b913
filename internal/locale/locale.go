// Package locale describes the content languages a Payvand site is configured
// with: their codes, native names and writing directions.
package locale

import (
	"fmt"
	"regexp"
	"strings"
)

// Locale is one content language.
type Locale struct {
	Code string // BCP 47 language code, lower case: "tg", "fa", "pt-br"
	Name string // the language's name in itself: "Тоҷикӣ", "فارسی"
	Dir  string // "ltr" or "rtl"
}

// RTL reports whether text in this locale is written right to left.
func (l Locale) RTL() bool { return l.Dir == "rtl" }

// Set is the ordered list of configured locales; the first is the default.
type Set struct {
	list []Locale
}

// DefaultCodes is the locale list used when none is configured.
const DefaultCodes = "tg,fa"

var codePattern = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})?$`)

// rtlLanguages lists the languages written right to left. Scripts are what
// decide direction, but for the languages a news site uses the language code
// says it well enough.
var rtlLanguages = map[string]bool{"fa": true, "ar": true, "ur": true, "ps": true, "he": true, "ckb": true}

// nativeNames gives a language's name in itself, for the languages Payvand's
// sites are likely to use. Other codes fall back to the code itself.
var nativeNames = map[string]string{
	"tg": "Тоҷикӣ", "fa": "فارسی", "ru": "Русский", "en": "English",
	"ar": "العربية", "uz": "Oʻzbekcha", "ps": "پښتو", "ur": "اردو",
	"ky": "Кыргызча", "kk": "Қазақша", "tr": "Türkçe", "de": "Deutsch",
	"fr": "Français", "es": "Español", "zh": "中文", "he": "עברית",
	"ckb": "کوردی", "az": "Azərbaycanca", "tk": "Türkmençe",
}

// Parse reads a comma-separated list of locale codes such as "tg,fa,ru".
func Parse(codes string) (Set, error) {
	var set Set
	seen := map[string]bool{}
	for _, raw := range strings.Split(codes, ",") {
		code := strings.ToLower(strings.TrimSpace(raw))
		if code == "" {
			continue
		}
		if !codePattern.MatchString(code) {
			return Set{}, fmt.Errorf("locale %q is not a language code such as \"tg\" or \"fa\"", raw)
		}
		if seen[code] {
			return Set{}, fmt.Errorf("locale %q is listed twice", code)
		}
		seen[code] = true
		set.list = append(set.list, New(code))
	}
	if len(set.list) == 0 {
		return Set{}, fmt.Errorf("no locales configured")
	}
	return set, nil
}

// MustParse is Parse for lists known to be valid, such as DefaultCodes.
func MustParse(codes string) Set {
	set, err := Parse(codes)
	if err != nil {
		panic(err)
	}
	return set
}

// New describes the locale with the given lower-case code.
func New(code string) Locale {
	lang, _, _ := strings.Cut(code, "-")
	loc := Locale{Code: code, Name: code, Dir: "ltr"}
	if name, ok := nativeNames[lang]; ok {
		loc.Name = name
	}
	if rtlLanguages[lang] {
		loc.Dir = "rtl"
	}
	return loc
}

// All returns the locales in configured order.
func (s Set) All() []Locale { return append([]Locale(nil), s.list...) }

// Codes returns the locale codes in configured order.
func (s Set) Codes() []string {
	codes := make([]string, len(s.list))
	for i, l := range s.list {
		codes[i] = l.Code
	}
	return codes
}

// Default returns the first configured locale.
func (s Set) Default() Locale { return s.list[0] }

// Get finds a configured locale by its code.
func (s Set) Get(code string) (Locale, bool) {
	for _, l := range s.list {
		if l.Code == code {
			return l, true
		}
	}
	return Locale{}, false
}

// Has reports whether code is a configured locale.
func (s Set) Has(code string) bool {
	_, ok := s.Get(code)
	return ok
}
