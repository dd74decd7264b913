package models

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/payvand/payvand/internal/locale"
)

// BenchmarkEditPublicArticle is an editor's most common save: a changed
// title on a public bilingual article that three others list as related,
// on a site of 300 articles. The event rule compares the public answers of
// the article and of the three before and after each save.
func BenchmarkEditPublicArticle(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, Options{Path: filepath.Join(b.TempDir(), "payvand.db"), Locales: locale.MustParse("tg,fa")})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	sec, err := s.SaveSection(ctx, SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо", "fa": "خبرها"}})
	if err != nil {
		b.Fatal(err)
	}
	var ids []uint
	for i := range 300 {
		in := ArticleInput{Shared: &SharedInput{SectionID: sec.ID}, Translations: []TranslationInput{
			published("tg", fmt.Sprintf("Хабари %d", i), 2), published("fa", fmt.Sprintf("خبر %d", i), 2)}}
		if i >= 3 && i < 6 {
			in.Shared.Related = []uint{ids[0]}
		}
		a, err := s.SaveArticle(ctx, in)
		if err != nil {
			b.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		a, err := s.FindArticle(ctx, ids[0])
		if err != nil {
			b.Fatal(err)
		}
		tr, _ := a.Translation("fa")
		in := TranslationInput{Locale: "fa", Version: tr.Version, Status: tr.Status, PublishedAt: tr.PublishedAt,
			Title: fmt.Sprintf("خبر تازه %d", i), Slug: tr.Slug, Summary: tr.Summary, BodyHTML: tr.BodyHTML, Byline: tr.Byline}
		if _, err := s.SaveArticle(ctx, ArticleInput{ID: ids[0], Translations: []TranslationInput{in}}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
