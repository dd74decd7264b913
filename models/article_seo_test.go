package models

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

// A translation's SEO fields are stored exactly as typed (ZWNJ and Tajik
// letters kept), the canonical URL trimmed of the spaces around a paste;
// bad ones are refused beside their field and nothing is written.
func TestSEOFieldsAreCheckedAndKeptAsTyped(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	pic := mustMedia(t, s, "card.jpg", nil)
	missing := pic.ID + 100
	tests := []struct {
		name  string
		seo   TranslationSEO
		field string // "" when the save is accepted
		id    string
	}{
		{"all fields", TranslationSEO{Title: "می\u200cخوانند", Description: "Ҳикояи қӯҳҳо", ImageID: &pic.ID, CanonicalURL: "https://example.org/news/1", Noindex: true}, "", ""},
		{"canonical trimmed", TranslationSEO{CanonicalURL: "  http://example.org/a?b=1  "}, "", ""},
		{"title too long", TranslationSEO{Title: strings.Repeat("ҷ", SEOTitleMaxRunes+1)}, "seo_title", "validation.too_long"},
		{"description too long", TranslationSEO{Description: strings.Repeat("ی", SEODescriptionMaxRunes+1)}, "seo_description", "validation.too_long"},
		{"relative canonical", TranslationSEO{CanonicalURL: "/fa/news/1"}, "canonical_url", "validation.canonical_url_invalid"},
		{"canonical without host", TranslationSEO{CanonicalURL: "https://"}, "canonical_url", "validation.canonical_url_invalid"},
		{"script canonical", TranslationSEO{CanonicalURL: "javascript:alert(1)"}, "canonical_url", "validation.canonical_url_invalid"},
		{"ftp canonical", TranslationSEO{CanonicalURL: "ftp://example.org/a"}, "canonical_url", "validation.canonical_url_invalid"},
		{"canonical with a user", TranslationSEO{CanonicalURL: "https://me:pw@example.org/"}, "canonical_url", "validation.canonical_url_invalid"},
		{"canonical with a space", TranslationSEO{CanonicalURL: "https://example.org/a b"}, "canonical_url", "validation.canonical_url_invalid"},
		{"missing picture", TranslationSEO{ImageID: &missing}, "seo_image_id", "validation.picture_missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := published("fa", "خبر", 1)
			tr.SEO = tt.seo
			a, err := s.SaveArticle(ctx, ArticleInput{Shared: &SharedInput{SectionID: sec.ID}, Translations: []TranslationInput{tr}})
			if tt.field != "" {
				var invalid *ValidationError
				if !errors.As(err, &invalid) || invalid.Fields["translations.fa."+tt.field].ID != tt.id {
					t.Fatalf("err = %v, want %s on %s", err, tt.id, tt.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			saved, _ := a.Translation("fa")
			want := tt.seo
			want.CanonicalURL = strings.TrimSpace(want.CanonicalURL)
			if !sameSEO(saved.SEO, want) {
				t.Fatalf("saved %+v, want %+v", saved.SEO, want)
			}
		})
	}
}

func sameSEO(a, b TranslationSEO) bool {
	imageA, imageB := uint(0), uint(0)
	if a.ImageID != nil {
		imageA = *a.ImageID
	}
	if b.ImageID != nil {
		imageB = *b.ImageID
	}
	a.ImageID, b.ImageID = nil, nil
	return a == b && imageA == imageB
}

// A revision keeps the SEO fields as saved, and restoring it brings them
// back rather than clearing them.
func TestRestoringARevisionBringsItsSEOFieldsBack(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	tr := published("tg", "Хабар", 1)
	tr.SEO = TranslationSEO{Title: "Сарлавҳаи ҷустуҷӯ", CanonicalURL: "https://example.org/1", Noindex: true}
	a := mustArticle(t, s, sec.ID, tr)
	editTranslation(t, s, a.ID, "tg", func(in *TranslationInput) { in.SEO = TranslationSEO{} })
	revs, err := s.ListRevisions(ctx, a.ID, "tg")
	if err != nil || len(revs) != 2 {
		t.Fatalf("revisions %v, %v", revs, err)
	}
	first := revs[1]
	if !sameSEO(first.SEO, tr.SEO) {
		t.Fatalf("first revision keeps %+v, want %+v", first.SEO, tr.SEO)
	}
	current, _ := s.FindArticle(ctx, a.ID)
	now, _ := current.Translation("tg")
	restored, err := s.RestoreRevision(ctx, first.ID, now.Version, nil)
	if err != nil {
		t.Fatal(err)
	}
	back, _ := restored.Translation("tg")
	if !sameSEO(back.SEO, tr.SEO) {
		t.Fatalf("restored %+v, want %+v", back.SEO, tr.SEO)
	}
}

// Feeds and sitemaps list with Indexable: a noindex translation is left
// out of its locale's list and count, its other translations stay, and
// the API's own lists still show it.
func TestIndexableListsLeaveNoindexTranslationsOut(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	hidden := published("fa", "پنهان", 2)
	hidden.SEO.Noindex = true
	a := mustArticle(t, s, sec.ID, hidden, published("tg", "Пинҳон", 2))
	b := mustArticle(t, s, sec.ID, published("fa", "پیدا", 1))
	tag := mustTag(t, s, map[string]string{"fa": "برچسب"})
	setTags(t, s, a, tag.ID)
	setTags(t, s, b, tag.ID)
	tests := []struct {
		name string
		q    ListQuery
		want []uint
	}{
		{"fa indexable", ListQuery{Locale: "fa", Indexable: true, Limit: 10}, []uint{b.ID}},
		{"fa indexable in the section", ListQuery{Locale: "fa", SectionID: sec.ID, Indexable: true, Limit: 10}, []uint{b.ID}},
		{"tg indexable", ListQuery{Locale: "tg", Indexable: true, Limit: 10}, []uint{a.ID}},
		{"fa indexable with a tag", ListQuery{Locale: "fa", TagID: tag.ID, Indexable: true, Limit: 10}, []uint{b.ID}},
		{"fa for the API", ListQuery{Locale: "fa", Limit: 10}, []uint{b.ID, a.ID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, _, err := s.ListPublicArticles(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []uint
			for _, it := range items {
				got = append(got, it.Article.ID)
			}
			total, err := s.CountPublicArticles(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) || total != int64(len(tt.want)) {
				t.Fatalf("got %v (total %d), want %v", got, total, tt.want)
			}
		})
	}
}

// The SEO fields are part of the public answer: changing only them records
// article.updated for that translation alone, and a new alt text of the
// social image updates the answers that show it.
func TestSEOChangesRecordEvents(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	pic := mustMedia(t, s, "card.jpg", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "Хабар", 1), published("fa", "خبر", 1))
	log := &eventLog{s: s}
	log.next(t)
	editTranslation(t, s, a.ID, "fa", func(in *TranslationInput) { in.SEO = TranslationSEO{Description: "توضیح", ImageID: &pic.ID} })
	if got, want := log.names(t), []string{"article.updated 1 fa"}; !slices.Equal(got, want) {
		t.Fatalf("SEO edit: events %v, want %v", got, want)
	}
	if err := s.UpdateMediaTexts(ctx, pic.ID, map[string]MediaText{"fa": {Alt: "کارت"}}); err != nil {
		t.Fatal(err)
	}
	got := log.names(t)
	if !slices.Contains(got, "article.updated 1 fa") || slices.Contains(got, "article.updated 1 tg") {
		t.Fatalf("alt text of the social image: events %v, want article.updated 1 fa only", got)
	}
}
