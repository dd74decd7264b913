package models

import (
	"context"
	"errors"
	"testing"
)

// A search text PostgreSQL's text type cannot hold (a NUL, invalid UTF-8),
// pasted or typed into the admin's article or media search, finds nothing
// on both engines instead of failing the page with a database error.
func TestAdminSearchesOfUnstorableTextFindNothing(t *testing.T) {
	onEachEngine(t, func(t *testing.T, s *Store, _ *clock) {
		sec := mustSection(t, s, "news", nil)
		mustArticle(t, s, sec.ID, published("tg", "Ҷаласаи ҳукумат", 2))
		for _, q := range []string{"\x00", "\xff", "?\x00!", "«\xfe»"} {
			page, err := s.ListAdminArticles(context.Background(), AdminArticleQuery{Search: q})
			if err != nil {
				t.Errorf("articles %q: %v", q, err)
			} else if page.Total != 0 || len(page.Rows) != 0 {
				t.Errorf("articles %q: %d found, want none", q, page.Total)
			}
			list, err := s.ListMedia(context.Background(), MediaQuery{Search: q})
			if err != nil {
				t.Errorf("media %q: %v", q, err)
			} else if list.Total != 0 || len(list.Items) != 0 {
				t.Errorf("media %q: %d found, want none", q, list.Total)
			}
		}
		// Around a word, the word is what is searched for.
		for _, q := range []string{"ҷаласа\x00", "\xffҷаласа"} {
			page, err := s.ListAdminArticles(context.Background(), AdminArticleQuery{Search: q})
			if err != nil || page.Total != 1 {
				t.Errorf("articles %q: %d found, %v; want the one article", q, page.Total, err)
			}
		}
	})
}

// A sign-in with a NUL or invalid UTF-8 in its email finds no account on
// both engines, instead of a PostgreSQL error that answered the sign-in
// form with a 500.
func TestFindUserByUnstorableEmailFindsNone(t *testing.T) {
	onEachEngine(t, func(t *testing.T, s *Store, _ *clock) {
		for _, email := range []string{"admin\x00@example.com", "\xff@example.com", "\x00"} {
			if _, err := s.FindUserByEmail(context.Background(), email); !errors.Is(err, ErrNotFound) {
				t.Errorf("FindUserByEmail(%q): %v, want ErrNotFound", email, err)
			}
		}
	})
}

// An article text holding a NUL or invalid UTF-8 is refused field by field
// on both engines, so the editor sees which field to fix, instead of a
// PostgreSQL error (SQLSTATE 22021) failing the save on one engine while
// the other stores it.
func TestSaveRefusesUnstorableText(t *testing.T) {
	onEachEngine(t, func(t *testing.T, s *Store, _ *clock) {
		sec := mustSection(t, s, "news", nil)
		for field, in := range map[string]TranslationInput{
			"title":     {Locale: "tg", Status: StatusDraft, Title: "a\x00b", BodyHTML: "<p>b</p>"},
			"summary":   {Locale: "tg", Status: StatusDraft, Title: "x", Summary: "s\xff", BodyHTML: "<p>b</p>"},
			"byline":    {Locale: "tg", Status: StatusDraft, Title: "x", Byline: "\x00", BodyHTML: "<p>b</p>"},
			"body_html": {Locale: "tg", Status: StatusDraft, Title: "x", BodyHTML: "<p>b\x00c</p>"},
			"seo_title": {Locale: "tg", Status: StatusDraft, Title: "x", BodyHTML: "<p>b</p>", SEO: TranslationSEO{Title: "\xfe"}},
		} {
			_, err := s.SaveArticle(context.Background(), ArticleInput{Shared: &SharedInput{SectionID: sec.ID}, Translations: []TranslationInput{in}})
			var verr *ValidationError
			if !errors.As(err, &verr) || verr.Fields["translations.tg."+field].ID != "validation.text_unstorable" {
				t.Errorf("%s: %v, want validation.text_unstorable on translations.tg.%s", field, err, field)
			}
		}
	})
}
