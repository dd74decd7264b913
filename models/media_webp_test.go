package models

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
)

// webpRows are the WebP copies the media pipeline makes for m.
func webpRows(m *Media) []MediaVariant {
	base := m.Path[:len(m.Path)-len(".jpg")]
	return []MediaVariant{
		{Name: "original.webp", Path: base + ".webp", Width: m.Width, Height: m.Height, ByteSize: 300, MimeType: "image/webp"},
		{Name: "thumbnail.webp", Path: base + "-thumb.webp", Width: 320, Height: 213, ByteSize: 30, MimeType: "image/webp"},
	}
}

func TestMediaFilesListEverySizeSmallestFirst(t *testing.T) {
	s, _ := newTestStore(t)
	pic := mustMedia(t, s, "pamir.jpg", nil)
	type file struct{ size, mime string }
	files := func(m Media) []file {
		var out []file
		for _, f := range m.Files() {
			out = append(out, file{f.Size, f.MimeType})
		}
		return out
	}
	before := []file{{"thumbnail", "image/jpeg"}, {"original", "image/jpeg"}}
	if got := files(*pic); !slices.Equal(got, before) {
		t.Errorf("before WebP: %v, want %v", got, before)
	}
	if err := s.AddMediaVariants(context.Background(), pic.ID, webpRows(pic)); err != nil {
		t.Fatal(err)
	}
	after, err := s.FindMedia(context.Background(), pic.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []file{{"thumbnail", "image/jpeg"}, {"thumbnail", "image/webp"}, {"original", "image/jpeg"}, {"original", "image/webp"}}
	if got := files(*after); !slices.Equal(got, want) {
		t.Errorf("after WebP: %v, want %v", got, want)
	}
	if !after.HasWebP() || pic.HasWebP() {
		t.Errorf("HasWebP before %v, after %v", pic.HasWebP(), after.HasWebP())
	}
}

// Sizes of equal dimensions (a picture smaller than the thumbnail box)
// still come in a fixed order.
func TestMediaFilesOrderEqualSizesByName(t *testing.T) {
	m := Media{Path: "a.png", MimeType: "image/png", Width: 100, Height: 50, Variants: []MediaVariant{
		{Name: "original.webp", MimeType: "image/webp", Width: 100, Height: 50},
		{Name: "medium", MimeType: "image/png", Width: 100, Height: 50},
		{Name: "thumbnail.webp", MimeType: "image/webp", Width: 100, Height: 50},
		{Name: "thumbnail", MimeType: "image/png", Width: 100, Height: 50},
	}}
	var got []string
	for _, f := range m.Files() {
		got = append(got, f.Size+" "+f.MimeType)
	}
	want := []string{"thumbnail image/png", "thumbnail image/webp", "medium image/png", "original image/png", "original image/webp"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestListMediaWithoutWebPPagesByID(t *testing.T) {
	s := mediaFixture(t)
	ctx := context.Background()
	all, err := s.ListMediaWithoutWebP(ctx, 0, 100)
	if err != nil || len(all) != 5 {
		t.Fatalf("got %d pictures (%v), want the fixture's 5", len(all), err)
	}
	if err := s.AddMediaVariants(ctx, all[1].ID, webpRows(&all[1])); err != nil {
		t.Fatal(err)
	}
	n, err := s.CountMediaWithoutWebP(ctx)
	if err != nil || n != 4 {
		t.Fatalf("count %d (%v), want 4", n, err)
	}
	page, err := s.ListMediaWithoutWebP(ctx, all[0].ID, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != 2 || page[0].ID != all[2].ID || page[1].ID != all[3].ID || len(page[0].Variants) != 1 {
		t.Errorf("page after %d: %+v, want pictures %d and %d with their sizes", all[0].ID, page, all[2].ID, all[3].ID)
	}
}

// Adding WebP copies changes what public answers show, so it records the
// events an alt-text edit records, in every locale; adding them again
// changes nothing and records nothing.
func TestAddMediaVariantsRecordsEventsOnce(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	log := &eventLog{s: s}
	sec := mustSection(t, s, "culture", nil)
	pic := mustMedia(t, s, "pamir.jpg", nil)
	a, err := s.SaveArticle(ctx, ArticleInput{Shared: &SharedInput{SectionID: sec.ID, FeaturedMediaID: &pic.ID},
		Translations: []TranslationInput{published("tg", "Кӯҳҳо", 1), published("fa", "کوه\u200cها", 1)}})
	if err != nil {
		t.Fatal(err)
	}
	log.next(t)
	generation := s.Generation()
	if err := s.AddMediaVariants(ctx, pic.ID, webpRows(pic)); err != nil {
		t.Fatal(err)
	}
	want := []string{fmt.Sprintf("article.updated %d tg", a.ID), fmt.Sprintf("article.updated %d fa", a.ID), "media.updated"}
	if got := log.names(t); !slices.Equal(got, want) {
		t.Fatalf("events %q, want %q", got, want)
	}
	if s.Generation() == generation {
		t.Error("the content generation did not move, so cached answers would stay")
	}
	if err := s.AddMediaVariants(ctx, pic.ID, webpRows(pic)); err != nil {
		t.Fatal(err)
	}
	if got := log.names(t); len(got) != 0 {
		t.Errorf("adding again: events %q, want none", got)
	}
	if err := s.AddMediaVariants(ctx, 9999, webpRows(pic)); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown picture: %v, want ErrNotFound", err)
	}
}
