package models

import (
	"context"
	"slices"
	"testing"
)

// TestPreloadsComeInKeyOrder writes each association's rows against their
// key order and reads them back through every kind of load. Without the
// preloads' ORDER BY, PostgreSQL returns its heap's insertion order while
// SQLite walks the key, so on PostgreSQL (PAYVAND_TEST_POSTGRES) this test
// fails for a preload that lost its order.
func TestPreloadsComeInKeyOrder(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	m := mustMedia(t, s, "order.jpg", nil)
	for _, loc := range []string{"tg", "ru", "fa"} {
		must(t, s.UpdateMediaTexts(ctx, m.ID, map[string]MediaText{loc: {Alt: "alt " + loc}}))
	}
	want := []string{"fa", "ru", "tg"}
	textLocales := func(m Media) []string {
		var out []string
		for _, t := range m.Texts {
			out = append(out, t.Locale)
		}
		return out
	}
	found, err := s.FindMedia(ctx, m.ID)
	must(t, err)
	if got := textLocales(*found); !slices.Equal(got, want) {
		t.Errorf("FindMedia texts in %v, want %v", got, want)
	}
	page, err := s.ListMedia(ctx, MediaQuery{})
	must(t, err)
	if got := textLocales(page.Items[0]); !slices.Equal(got, want) {
		t.Errorf("ListMedia texts in %v, want %v", got, want)
	}

	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "Хабар", 1), published("ru", "Новость", 1), published("fa", "خبر", 1))
	article, err := s.FindArticle(ctx, a.ID)
	must(t, err)
	var got []string
	for _, tr := range article.Translations {
		got = append(got, tr.Locale)
	}
	if !slices.Equal(got, want) {
		t.Errorf("FindArticle translations in %v, want %v", got, want)
	}
}
