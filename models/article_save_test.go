package models

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestSaveArticleKeepsTextByteExact(t *testing.T) {
	s, _ := newTestStore(t)
	sec := mustSection(t, s, "news", nil)
	fa := TranslationInput{
		Locale: "fa", Status: StatusPublished,
		Title:    "همکاری\u200cهای بین\u200cالمللی گسترش می\u200cیابد",
		Summary:  "دو کشور \u200fهمکاری\u200e می\u200cکنند.",
		BodyHTML: "<p>آنها همکاری می\u200cکنند و نمایشگاه\u200cها برگزار می\u200cشود.</p>",
		Byline:   "پیام\u200cنگار",
	}
	tg := TranslationInput{
		Locale: "tg", Status: StatusPublished,
		Title:    "Ҷумҳурии Тоҷикистон: ғ ӣ қ ӯ ҳ ҷ",
		Summary:  "Ҳамкории қадимӣ ва ҷавонон.",
		BodyHTML: "<p>Ғалабаи ҷавонони ӯ дар ҳамкорӣ.</p>",
		Byline:   "Паёмнигор",
	}
	a := mustArticle(t, s, sec.ID, tg, fa)
	for _, in := range []TranslationInput{tg, fa} {
		got, ok := a.Translation(in.Locale)
		if !ok {
			t.Fatalf("%s translation missing", in.Locale)
		}
		if got.Title != in.Title || got.Summary != in.Summary || got.BodyHTML != in.BodyHTML || got.Byline != in.Byline {
			t.Errorf("%s changed on save:\n got %q %q %q %q\nwant %q %q %q %q", in.Locale,
				got.Title, got.Summary, got.BodyHTML, got.Byline, in.Title, in.Summary, in.BodyHTML, in.Byline)
		}
	}
}

func TestSaveArticleSanitisesBody(t *testing.T) {
	s, _ := newTestStore(t)
	sec := mustSection(t, s, "news", nil)
	in := published("tg", "Сарлавҳа", 1)
	in.BodyHTML = `<p onclick="x()">Матн</p><script>alert(1)</script>`
	a := mustArticle(t, s, sec.ID, in)
	got, _ := a.Translation("tg")
	if got.BodyHTML != "<p>Матн</p>" {
		t.Fatalf("body = %q, want the script and handler removed", got.BodyHTML)
	}
}

func TestSlugs(t *testing.T) {
	s, _ := newTestStore(t)
	sec := mustSection(t, s, "news", nil)
	ctx := context.Background()

	a := mustArticle(t, s, sec.ID, published("tg", "Вохӯрии вазири корҳои хориҷии Тоҷикистон", 1),
		published("fa", "همکاری\u200cهای بین\u200cالمللی ۱۴۰۳", 1), published("ru", "Встреча министров", 1))
	wantSlugs := map[string]string{"tg": "vokhurii-vaziri-korhoi-khorijii-tojikiston", "fa": "همکاری-های-بین-المللی-1403", "ru": "vstrecha-ministrov"}
	for loc, want := range wantSlugs {
		if tr, _ := a.Translation(loc); tr.Slug != want {
			t.Errorf("%s slug = %q, want %q", loc, tr.Slug, want)
		}
	}

	// The same title in the same locale gets a numeric suffix.
	b := mustArticle(t, s, sec.ID, published("tg", "Вохӯрии вазири корҳои хориҷии Тоҷикистон", 2))
	if tr, _ := b.Translation("tg"); tr.Slug != "vokhurii-vaziri-korhoi-khorijii-tojikiston-2" {
		t.Errorf("duplicate title slug = %q", tr.Slug)
	}

	// An editor's slug is normalised; an all-digit one never stays digits only.
	c := mustArticle(t, s, sec.ID, TranslationInput{Locale: "tg", Status: StatusDraft, Slug: "  Ҳисобот 2024!  "},
		TranslationInput{Locale: "fa", Status: StatusDraft, Slug: "۱۴۰۳"})
	if tr, _ := c.Translation("tg"); tr.Slug != "hisobot-2024" {
		t.Errorf("typed slug = %q, want hisobot-2024", tr.Slug)
	}
	if tr, _ := c.Translation("fa"); tr.Slug == "1403" || tr.Slug == "" {
		t.Errorf("digits-only slug kept as %q", tr.Slug)
	}

	// Changing a slug keeps the old one reserved for the same article.
	tr, _ := a.Translation("tg")
	upd := published("tg", tr.Title, 1)
	upd.Version, upd.Slug = tr.Version, "vokhurii-nav"
	if _, err := s.SaveArticle(ctx, ArticleInput{ID: a.ID, Translations: []TranslationInput{upd}}); err != nil {
		t.Fatal(err)
	}
	d := mustArticle(t, s, sec.ID, TranslationInput{Locale: "tg", Status: StatusDraft, Slug: "vokhurii-vaziri-korhoi-khorijii-tojikiston"})
	if tr, _ := d.Translation("tg"); tr.Slug != "vokhurii-vaziri-korhoi-khorijii-tojikiston-3" {
		t.Errorf("another article took a reserved old slug: %q", tr.Slug)
	}
}

func TestVersionsPerTranslation(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "Аввал", 1), published("fa", "نخست", 1))
	tg, _ := a.Translation("tg")
	fa, _ := a.Translation("fa")

	// An editor saves tg while a translator saves fa: both succeed.
	edTG := published("tg", "Дуюм", 1)
	edTG.Version = tg.Version
	if _, err := s.SaveArticle(ctx, ArticleInput{ID: a.ID, Translations: []TranslationInput{edTG}}); err != nil {
		t.Fatalf("tg save: %v", err)
	}
	edFA := published("fa", "دوم", 1)
	edFA.Version = fa.Version
	if _, err := s.SaveArticle(ctx, ArticleInput{ID: a.ID, Translations: []TranslationInput{edFA}}); err != nil {
		t.Fatalf("fa save beside tg: %v", err)
	}

	// A second save from the stale tg version is a conflict and changes nothing.
	stale := published("tg", "Сеюм", 1)
	stale.Version = tg.Version
	_, err := s.SaveArticle(ctx, ArticleInput{ID: a.ID, Translations: []TranslationInput{stale}})
	var conflict *ConflictError
	if !errors.Is(err, ErrConflict) || !errors.As(err, &conflict) || conflict.Part != "tg" {
		t.Fatalf("stale save error = %v, want a tg ConflictError", err)
	}
	now, _ := s.FindArticle(ctx, a.ID)
	if tr, _ := now.Translation("tg"); tr.Title != "Дуюм" {
		t.Fatalf("stale save overwrote the title: %q", tr.Title)
	}

	// Shared fields have their own version.
	_, err = s.SaveArticle(ctx, ArticleInput{ID: a.ID, Shared: &SharedInput{Version: a.Version - 1, SectionID: sec.ID}})
	if !errors.Is(err, ErrConflict) {
		t.Fatalf("stale shared save error = %v, want ErrConflict", err)
	}
}

func TestSaveArticleRefusesBadInput(t *testing.T) {
	s, _ := newTestStore(t)
	sec := mustSection(t, s, "news", nil)
	ghost := uint(999)
	tests := []struct {
		name  string
		in    ArticleInput
		field string
	}{
		{"no section", ArticleInput{Translations: []TranslationInput{published("tg", "x", 1)}}, "section_id"},
		{"unknown section", ArticleInput{Shared: &SharedInput{SectionID: 999}}, "section_id"},
		{"unknown picture", ArticleInput{Shared: &SharedInput{SectionID: sec.ID, FeaturedMediaID: &ghost}}, "featured_media_id"},
		{"unknown locale", ArticleInput{Shared: &SharedInput{SectionID: sec.ID}, Translations: []TranslationInput{published("de", "x", 1)}}, "translations.de"},
		{"publish without title", ArticleInput{Shared: &SharedInput{SectionID: sec.ID}, Translations: []TranslationInput{{Locale: "fa", Status: StatusPublished, BodyHTML: "<p>x</p>"}}}, "translations.fa.title"},
		{"publish without body", ArticleInput{Shared: &SharedInput{SectionID: sec.ID}, Translations: []TranslationInput{{Locale: "fa", Status: StatusPublished, Title: "x", BodyHTML: "<p> </p>"}}}, "translations.fa.body_html"},
		{"bad status", ArticleInput{Shared: &SharedInput{SectionID: sec.ID}, Translations: []TranslationInput{{Locale: "tg", Status: "live"}}}, "translations.tg.status"},
		{"related to missing", ArticleInput{Shared: &SharedInput{SectionID: sec.ID, Related: []uint{999}}}, "related"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.SaveArticle(context.Background(), tt.in)
			var v *ValidationError
			if !errors.As(err, &v) {
				t.Fatalf("error = %v, want a ValidationError", err)
			}
			if _, ok := v.Fields[tt.field]; !ok {
				t.Fatalf("fields = %v, want a message for %s", v.Fields, tt.field)
			}
		})
	}
	var n int64
	s.read.Model(&Article{}).Count(&n)
	if n != 0 {
		t.Fatalf("%d articles were written by refused saves", n)
	}
}

func TestPublishedAtDefaultsToNowAndIsKept(t *testing.T) {
	s, c := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, TranslationInput{Locale: "tg", Status: StatusPublished, Title: "Т", BodyHTML: "<p>Б</p>"})
	tr, _ := a.Translation("tg")
	if tr.PublishedAt == nil || !tr.PublishedAt.Equal(testNow) {
		t.Fatalf("published_at = %v, want now", tr.PublishedAt)
	}
	c.t = c.t.Add(time.Hour)
	in := TranslationInput{Locale: "tg", Version: tr.Version, Status: StatusPublished, Title: "Т2", BodyHTML: "<p>Б</p>"}
	b, err := s.SaveArticle(ctx, ArticleInput{ID: a.ID, Translations: []TranslationInput{in}})
	if err != nil {
		t.Fatal(err)
	}
	if tr2, _ := b.Translation("tg"); !tr2.PublishedAt.Equal(testNow) {
		t.Fatalf("an edit moved published_at to %v", tr2.PublishedAt)
	}
}

func TestTranslationSaveTouchesArticle(t *testing.T) {
	s, c := newTestStore(t)
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "А", 1))
	tr, _ := a.Translation("tg")
	c.t = testNow.Add(time.Hour)
	in := published("tg", "Б", 1)
	in.Version = tr.Version
	b, err := s.SaveArticle(context.Background(), ArticleInput{ID: a.ID, Translations: []TranslationInput{in}})
	if err != nil {
		t.Fatal(err)
	}
	if !b.UpdatedAt.Equal(testNow.Add(time.Hour)) || b.Version != a.Version {
		t.Fatalf("after a translation save: updated_at %v (want an hour later), shared version %d (want %d)", b.UpdatedAt, b.Version, a.Version)
	}
}
