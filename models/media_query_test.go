package models

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// mustMedia records a picture uploaded at the store clock's time, with a
// hash made from name so every call describes a different file.
func mustMedia(t *testing.T, s *Store, name string, texts map[string]MediaText) *Media {
	t.Helper()
	hash := fmt.Sprintf("%064x", len(name)) + name
	m, err := s.SaveMedia(context.Background(), MediaInput{
		Hash: hash, Path: hash[:2] + "/" + hash + ".jpg", MimeType: "image/jpeg", Width: 1200, Height: 800,
		ByteSize: 1000, OriginalName: name, Texts: texts,
		Variants: []MediaVariant{{Name: "thumbnail", Path: hash[:2] + "/" + hash + "-thumb.jpg", Width: 320, Height: 213, ByteSize: 100, MimeType: "image/jpeg"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func mediaNames(p MediaPage) []string {
	out := make([]string, len(p.Items))
	for i, m := range p.Items {
		out[i] = m.OriginalName
	}
	return out
}

// mediaFixture is five pictures uploaded a minute apart, oldest first.
func mediaFixture(t *testing.T) *Store {
	s, c := newTestStore(t)
	for _, m := range []struct {
		name  string
		texts map[string]MediaText
	}{
		{"dushanbe.jpg", map[string]MediaText{"tg": {Alt: "Манзараи Душанбе"}, "fa": {Alt: "منظرهٔ دوشنبه"}}},
		{"pamir.png", map[string]MediaText{"tg": {Alt: "Кӯҳҳои Помир", Caption: "Акс: Душанбе"}}},
		{"100%_sure.gif", nil},
		{"IMG_0042.webp", map[string]MediaText{"fa": {Alt: "کتاب‌خانهٔ ملی"}}},
		{"nowruz.jpg", map[string]MediaText{"ru": {Alt: "Навруз"}}},
	} {
		mustMedia(t, s, m.name, m.texts)
		c.t = c.t.Add(time.Minute)
	}
	return s
}

func TestListMediaSearch(t *testing.T) {
	s := mediaFixture(t)
	tests := []struct {
		search string
		want   []string
	}{
		{"", []string{"nowruz.jpg", "IMG_0042.webp", "100%_sure.gif", "pamir.png", "dushanbe.jpg"}},
		{"PAMIR", []string{"pamir.png"}},                   // file names in any case
		{"img_0042", []string{"IMG_0042.webp"}},            // the name's words, whatever joins them
		{"Душанбе", []string{"pamir.png", "dushanbe.jpg"}}, // alt text in tg, and pamir.png's caption
		{"душанбе", []string{"pamir.png", "dushanbe.jpg"}}, // Cyrillic in any case, not only ASCII
		{"МАНЗАРАИ", []string{"dushanbe.jpg"}},             // alt text alone
		{"акс", []string{"pamir.png"}},                     // caption alone
		{"دوشنبه", []string{"dushanbe.jpg"}},               // alt text in fa
		{"کتاب‌خانه", []string{"IMG_0042.webp"}},           // with its ZWNJ
		{"کتابخانه", []string{"IMG_0042.webp"}},            // joined
		{"کتاب خانه", []string{"IMG_0042.webp"}},           // with a space
		{"كتابخانه ملي", []string{"IMG_0042.webp"}},        // Arabic ك and ي meet Persian ک and ی
		{"Навруз", []string{"nowruz.jpg"}},                 // any configured locale
		{"Кӯҳҳои", []string{"pamir.png"}},                  // Tajik letters as written
		{"куххои помир", []string{"pamir.png"}},            // typed on a Russian keyboard: у for ӯ, х for ҳ
		{"КУХ", []string{"pamir.png"}},                     // a prefix, in capitals
		{"навруз jpg", []string{"nowruz.jpg"}},             // every word, from the name or a text
		{"навруз png", []string{}},                         // every word, not any
		{"%", []string{"100%_sure.gif"}},                   // LIKE wildcards match themselves
		{"_", []string{"IMG_0042.webp", "100%_sure.gif"}},  // newest first
		{`\`, []string{}},                   // LIKE's escape too
		{"%%", []string{}},                  // literally, not as "anything"
		{"100%", []string{"100%_sure.gif"}}, // a word with punctuation beside it
		{"  .jpg ", []string{"nowruz.jpg", "dushanbe.jpg"}},
		{"absent", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.search, func(t *testing.T) {
			page, err := s.ListMedia(context.Background(), MediaQuery{Search: tt.search})
			must(t, err)
			if got := mediaNames(page); !slices.Equal(got, tt.want) || page.Total != int64(len(tt.want)) {
				t.Errorf("ListMedia(%q) = %v (total %d), want %v", tt.search, got, page.Total, tt.want)
			}
		})
	}
}

func TestListMediaPages(t *testing.T) {
	s := mediaFixture(t)
	ctx := context.Background()
	tests := []struct {
		q        MediaQuery
		want     []string
		page     int
		pages    int
		perPage  int
		searched string
	}{
		{MediaQuery{PerPage: 2}, []string{"nowruz.jpg", "IMG_0042.webp"}, 1, 3, 2, ""},
		{MediaQuery{PerPage: 2, Page: 2}, []string{"100%_sure.gif", "pamir.png"}, 2, 3, 2, ""},
		{MediaQuery{PerPage: 2, Page: 3}, []string{"dushanbe.jpg"}, 3, 3, 2, ""},
		{MediaQuery{PerPage: 2, Page: 99}, []string{"dushanbe.jpg"}, 3, 3, 2, ""},
		{MediaQuery{PerPage: 2, Page: -1}, []string{"nowruz.jpg", "IMG_0042.webp"}, 1, 3, 2, ""},
		{MediaQuery{PerPage: 1000}, nil, 1, 1, MaxMediaPerPage, ""},
		{MediaQuery{}, nil, 1, 1, DefaultMediaPerPage, ""},
		{MediaQuery{Search: "jpg", PerPage: 1, Page: 2}, []string{"dushanbe.jpg"}, 2, 2, 1, "jpg"},
	}
	for _, tt := range tests {
		page, err := s.ListMedia(ctx, tt.q)
		must(t, err)
		if tt.want != nil && !slices.Equal(mediaNames(page), tt.want) {
			t.Errorf("%+v: got %v, want %v", tt.q, mediaNames(page), tt.want)
		}
		if page.Page != tt.page || page.Pages() != tt.pages || page.PerPage != tt.perPage {
			t.Errorf("%+v: page %d of %d (%d per page), want %d of %d (%d)", tt.q, page.Page, page.Pages(), page.PerPage, tt.page, tt.pages, tt.perPage)
		}
	}
	page, err := s.ListMedia(ctx, MediaQuery{Search: "pamir"})
	must(t, err)
	if m := page.Items[0]; m.Text("tg").Caption != "Акс: Душанбе" || m.Variant("thumbnail").Width != 320 {
		t.Errorf("items come without their texts or sizes: %+v", m)
	}
}

func TestListMediaEmptyLibrary(t *testing.T) {
	s, _ := newTestStore(t)
	page, err := s.ListMedia(context.Background(), MediaQuery{Page: 3})
	must(t, err)
	if len(page.Items) != 0 || page.Total != 0 || page.Page != 1 || page.Pages() != 1 {
		t.Errorf("empty library: %+v", page)
	}
}

func TestUpdateMediaTexts(t *testing.T) {
	s, c := newTestStore(t)
	ctx := context.Background()
	m := mustMedia(t, s, "pamir.jpg", map[string]MediaText{"tg": {Alt: "Кӯҳ", Caption: "Акс"}, "fa": {Alt: "کوه"}, "ru": {Alt: "Гора"}})
	before := s.Generation()
	c.t = c.t.Add(time.Hour)
	err := s.UpdateMediaTexts(ctx, m.ID, map[string]MediaText{
		"tg": {Alt: "  Кӯҳҳои Помир ", Caption: "Акс: Ахбор"},
		"fa": {Alt: " ", Caption: ""}, // both empty: the row goes
	})
	must(t, err)
	got, err := s.FindMedia(ctx, m.ID)
	must(t, err)
	if tg := got.Text("tg"); tg.Alt != "Кӯҳҳои Помир" || tg.Caption != "Акс: Ахбор" {
		t.Errorf("tg = %+v", tg)
	}
	if len(got.Texts) != 2 || got.Text("fa").Alt != "" || got.Text("ru").Alt != "Гора" {
		t.Errorf("texts = %+v, want fa removed and ru kept", got.Texts)
	}
	if !got.UpdatedAt.Equal(testNow.Add(time.Hour)) {
		t.Errorf("updated at %v", got.UpdatedAt)
	}
	if s.Generation() == before {
		t.Error("the generation did not change, so the API cache would keep the old alt text")
	}
	// The search key follows the texts: the new ones find the picture,
	// the removed one no longer does.
	for search, want := range map[string]int64{"ПОМИР": 1, "ахбор": 1, "гора": 1, "کوه": 0, "pamir": 1} {
		page, err := s.ListMedia(ctx, MediaQuery{Search: search})
		must(t, err)
		if page.Total != want {
			t.Errorf("ListMedia(%q) after the update: %d pictures, want %d", search, page.Total, want)
		}
	}
}

// TestFillMediaSearchKeys is migration 0021's Go half: pictures saved
// before the key existed get theirs, and the migration leaves their
// updated_at alone.
func TestFillMediaSearchKeys(t *testing.T) {
	s := mediaFixture(t)
	ctx := context.Background()
	before, err := s.ListMedia(ctx, MediaQuery{})
	must(t, err)
	must(t, s.write.Exec("UPDATE media SET search_key = ''").Error)
	if page, err := s.ListMedia(ctx, MediaQuery{Search: "душанбе"}); err != nil || page.Total != 0 {
		t.Fatalf("with the keys blanked: %d pictures, %v; the test cannot tell a fill from none", page.Total, err)
	}
	must(t, fillMediaSearchKeys(s.write))
	page, err := s.ListMedia(ctx, MediaQuery{Search: "душанбе"})
	must(t, err)
	if got := mediaNames(page); !slices.Equal(got, []string{"pamir.png", "dushanbe.jpg"}) {
		t.Errorf("after the fill: %v", got)
	}
	after, err := s.ListMedia(ctx, MediaQuery{})
	must(t, err)
	for i := range before.Items {
		if !after.Items[i].UpdatedAt.Equal(before.Items[i].UpdatedAt) {
			t.Errorf("%s: updated_at %v became %v", before.Items[i].OriginalName, before.Items[i].UpdatedAt, after.Items[i].UpdatedAt)
		}
	}
}

func TestUpdateMediaTextsRefusals(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	m := mustMedia(t, s, "a.jpg", nil)
	if err := s.UpdateMediaTexts(ctx, m.ID+1, map[string]MediaText{"tg": {Alt: "x"}}); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing picture: %v, want ErrNotFound", err)
	}
	var invalid *ValidationError
	if err := s.UpdateMediaTexts(ctx, m.ID, map[string]MediaText{"de": {Alt: "x"}}); !errors.As(err, &invalid) || invalid.Fields["texts.de"].ID == "" {
		t.Errorf("unknown locale: %v, want a ValidationError on texts.de", err)
	}
	got, err := s.FindMedia(ctx, m.ID)
	must(t, err)
	if len(got.Texts) != 0 {
		t.Errorf("a refused update wrote %+v", got.Texts)
	}
}

// TestMediaListQueriesUseIndexes checks that the library's page walks
// idx_media_created instead of sorting, and that texts and sizes are read
// by key. A substring search must look at every file name, so only a query
// with LIKE may scan the table.
func TestMediaListQueriesUseIndexes(t *testing.T) {
	s := mediaFixture(t)
	captured := captureQueries(t, s.read)
	for _, q := range []MediaQuery{{}, {Page: 2, PerPage: 2}, {Search: "pamir"}} {
		_, err := s.ListMedia(context.Background(), q)
		must(t, err)
	}
	queries := captured()
	if !slices.ContainsFunc(queries, func(q string) bool { return strings.Contains(q, "ORDER BY created_at DESC") }) {
		t.Fatal("no captured query orders the library; the capture misses queries")
	}
	for _, q := range queries {
		for _, step := range explain(t, s, q) {
			if strings.Contains(step, "USE TEMP B-TREE") {
				t.Errorf("temporary sort in plan %q\nfor %s", step, q)
			}
			if strings.HasPrefix(step, "SCAN") && !strings.Contains(step, "INDEX") && !strings.Contains(q, " LIKE ") {
				t.Errorf("scan without an index in plan %q\nfor %s", step, q)
			}
		}
	}
}
