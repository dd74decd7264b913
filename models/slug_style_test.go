package models

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/testdb"
)

// latinSlug is what a transliterated slug may contain.
var latinSlug = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// newSlugStyleStore opens a store for tg and fa with the given LatinSlugs.
func newSlugStyleStore(t *testing.T, latin []string) *Store {
	t.Helper()
	return openSlugStyleStore(t, testdb.URL(t), latin)
}

func openSlugStyleStore(t *testing.T, database string, latin []string) *Store {
	t.Helper()
	c := &clock{t: testNow}
	s, err := Open(context.Background(), Options{Database: database, Locales: locale.MustParse("tg,fa"), Now: c.now, LatinSlugs: latin})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestLatinSlugsTransliteratePersianTitles(t *testing.T) {
	s := newSlugStyleStore(t, []string{"fa"})
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("fa", "همکاری\u200cهای فرهنگی گسترش می\u200cیابد", 1), published("tg", "Ҳамкории фарҳангӣ", 1))
	for _, loc := range []string{"fa", "tg"} {
		tr, _ := a.Translation(loc)
		if !latinSlug.MatchString(tr.Slug) {
			t.Errorf("%s slug %q is not Latin ASCII", loc, tr.Slug)
		}
	}
	// An editor's own Persian slug is transliterated too.
	b := mustArticle(t, s, sec.ID, TranslationInput{Locale: "fa", Status: StatusDraft, Title: "عنوان", Slug: "نشانی دیگر"})
	if tr, _ := b.Translation("fa"); !latinSlug.MatchString(tr.Slug) {
		t.Errorf("editor's fa slug became %q, want Latin ASCII", tr.Slug)
	}
}

func TestPersianSlugsKeepTheirScriptByDefault(t *testing.T) {
	s := newSlugStyleStore(t, nil)
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("fa", "همکاری\u200cهای فرهنگی", 1), published("tg", "Ҳамкории фарҳангӣ", 1))
	fa, _ := a.Translation("fa")
	if !strings.Contains(fa.Slug, "همکاری") || latinSlug.MatchString(fa.Slug) {
		t.Errorf("fa slug %q, want Persian letters", fa.Slug)
	}
	if tg, _ := a.Translation("tg"); !latinSlug.MatchString(tg.Slug) {
		t.Errorf("tg slug %q, want Latin ASCII as always", tg.Slug)
	}
}

func TestSwitchingToLatinSlugsKeepsExistingSlugsUntilChanged(t *testing.T) {
	ctx := context.Background()
	database := testdb.URL(t)
	before := openSlugStyleStore(t, database, nil)
	sec := mustSection(t, before, "news", nil)
	a := mustArticle(t, before, sec.ID, published("fa", "میراث فرهنگی", 1))
	old, _ := a.Translation("fa")
	before.Close()

	after := openSlugStyleStore(t, database, []string{"fa"})
	// The admin form sends back the slug the translation has: it stays.
	in := published("fa", old.Title, 1)
	in.Version, in.Slug = old.Version, old.Slug
	saved, err := after.SaveArticle(ctx, ArticleInput{ID: a.ID, Translations: []TranslationInput{in}})
	if err != nil {
		t.Fatal(err)
	}
	kept, _ := saved.Translation("fa")
	if kept.Slug != old.Slug {
		t.Fatalf("an unchanged slug moved from %q to %q when the style changed", old.Slug, kept.Slug)
	}
	// An editor who changes it gets the new style, and the old slug redirects.
	in = published("fa", old.Title, 1)
	in.Version, in.Slug = kept.Version, "میراث فرهنگی تاجیکستان"
	saved, err = after.SaveArticle(ctx, ArticleInput{ID: a.ID, Translations: []TranslationInput{in}})
	if err != nil {
		t.Fatal(err)
	}
	if tr, _ := saved.Translation("fa"); !latinSlug.MatchString(tr.Slug) {
		t.Fatalf("a changed slug under --latin-slugs is %q, want Latin ASCII", tr.Slug)
	}
	var moved *MovedError
	if _, err := after.FindPublicArticleBySlug(ctx, "fa", old.Slug); !errors.As(err, &moved) || moved.ID != a.ID {
		t.Errorf("old Persian slug %q: err %v, want a MovedError to article %d", old.Slug, err, a.ID)
	}
}
