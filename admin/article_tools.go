package admin

import (
	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// articleTitle is an article's title in the first locale that has one,
// with that locale's lang and dir; "Untitled article N" when none has.
func articleTitle(l i18n.Localizer, locales locale.Set, id uint, titles map[string]string) views.ContentText {
	for _, loc := range locales.All() {
		if t := titles[loc.Code]; t != "" {
			return views.ContentText{Text: t, Lang: loc.Code, Dir: loc.Dir}
		}
	}
	return views.ContentText{Text: l.T("articles.list.untitled", "id", id), Lang: l.Code, Dir: l.Dir}
}

// titlesOf maps an article's translations to their titles by locale.
func titlesOf(article *models.Article) map[string]string {
	out := map[string]string{}
	for _, t := range article.Translations {
		out[t.Locale] = t.Title
	}
	return out
}

func localeOption(loc locale.Locale) views.LocaleOption {
	return views.LocaleOption{Code: loc.Code, Name: loc.Name, Dir: loc.Dir}
}

// bidiIsolate wraps text from users (a name) for a sentence in another
// direction: without first-strong isolation a Persian name at the end of
// an English sentence drags the full stop to the wrong side.
func bidiIsolate(s string) string { return "\u2068" + s + "\u2069" }
