package admin

import (
	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// articleTitle is an article's title in the interface's language when it
// has that translation, else in the first locale that has one, with that
// locale's lang and dir; "Untitled article N" when none has.
func articleTitle(l i18n.Localizer, locales locale.Set, id uint, titles map[string]string) views.ContentText {
	title, _ := articleTitles(l, locales, id, titles)
	return title
}

// articleTitles is articleTitle and, for lists and pickers, another
// locale's title to show beside it (nil when no other translation has a
// title), so an editor recognises the article whichever language they
// read it in.
func articleTitles(l i18n.Localizer, locales locale.Set, id uint, titles map[string]string) (views.ContentText, *views.ContentText) {
	order := locales.All()
	if own, ok := locales.Get(l.Code); ok && titles[own.Code] != "" {
		order = append([]locale.Locale{own}, order...)
	}
	var found []views.ContentText
	for _, loc := range order {
		if t := titles[loc.Code]; t != "" && (len(found) == 0 || found[0].Lang != loc.Code) {
			found = append(found, views.ContentText{Text: t, Lang: loc.Code, Dir: loc.Dir})
		}
	}
	switch len(found) {
	case 0:
		return views.ContentText{Text: l.T("articles.list.untitled", "id", id), Lang: l.Code, Dir: l.Dir}, nil
	case 1:
		return found[0], nil
	default:
		return found[0], &found[1]
	}
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
