// Package i18n translates the admin's own interface. Messages live in JSON
// catalogues, one file per language and screen area
// (catalog/<lang>/<area>.json), so each screen's strings sit together and a
// translator can work through them file by file.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

//go:embed catalog
var catalogFS embed.FS

// Language is an interface language of the admin.
type Language struct {
	Code string
	Name string // in itself
	Dir  string
}

// languages lists the interface languages in the order the admin offers them.
var languages = []Language{
	{Code: "tg", Name: "Тоҷикӣ", Dir: "ltr"},
	{Code: "fa", Name: "فارسی", Dir: "rtl"},
	{Code: "en", Name: "English", Dir: "ltr"},
}

// Fallback is the language used for messages missing in another catalogue.
const Fallback = "en"

// Bundle holds every catalogue.
type Bundle struct {
	messages map[string]map[string]string
}

// Load reads the embedded catalogues.
func Load() (*Bundle, error) {
	b := &Bundle{messages: map[string]map[string]string{}}
	for _, lang := range languages {
		msgs := map[string]string{}
		files, err := fs.Glob(catalogFS, path.Join("catalog", lang.Code, "*.json"))
		if err != nil {
			return nil, err
		}
		for _, name := range files {
			data, err := catalogFS.ReadFile(name)
			if err != nil {
				return nil, err
			}
			var area map[string]string
			if err := json.Unmarshal(data, &area); err != nil {
				return nil, fmt.Errorf("catalogue %s: %w", name, err)
			}
			for k, v := range area {
				if _, dup := msgs[k]; dup {
					return nil, fmt.Errorf("catalogue %s: key %q is defined twice", name, k)
				}
				msgs[k] = v
			}
		}
		b.messages[lang.Code] = msgs
	}
	return b, nil
}

// MustLoad is Load for program start, where the embedded catalogues are
// known to be valid (a test loads them).
func MustLoad() *Bundle {
	b, err := Load()
	if err != nil {
		panic(err)
	}
	return b
}

// Languages returns the interface languages.
func (b *Bundle) Languages() []Language { return append([]Language(nil), languages...) }

// Supported reports whether code is an interface language.
func (b *Bundle) Supported(code string) bool {
	_, ok := b.messages[code]
	return ok
}

// Localizer translates into one language.
func (b *Bundle) Localizer(code string) Localizer {
	lang := languages[0]
	for _, l := range languages {
		if l.Code == code {
			lang = l
		}
	}
	return Localizer{Language: lang, msgs: b.messages[lang.Code], fallback: b.messages[Fallback]}
}

// Localizer is the admin's translator for one request.
type Localizer struct {
	Language
	msgs, fallback map[string]string
}

// T returns the message for key with {name} placeholders filled from
// args, given as name, value pairs: T("users.count", "count", 3).
func (l Localizer) T(key string, args ...any) string {
	msg, ok := l.msgs[key]
	if !ok {
		if msg, ok = l.fallback[key]; !ok {
			return key
		}
	}
	if len(args) == 0 {
		return msg
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		pairs = append(pairs, "{"+fmt.Sprint(args[i])+"}", l.Number(args[i+1]))
	}
	return strings.NewReplacer(pairs...).Replace(msg)
}

// Number writes a value for display: integers in the language's digits.
func (l Localizer) Number(v any) string {
	s := fmt.Sprint(v)
	switch v.(type) {
	case int, int64, uint, uint64, int32:
		if l.Code == "fa" {
			return persianDigits(s)
		}
	}
	return s
}
