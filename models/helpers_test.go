package models

import (
	"context"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/testdb"
)

// TestMain migrates one template database per PostgreSQL server that
// every test's database is copied from (see testdb.Main); on SQLite each
// test still migrates its own file, which takes milliseconds.
func TestMain(m *testing.M) {
	testdb.Main(m, func(url string) error {
		s, err := Open(context.Background(), Options{Database: url, Locales: locale.MustParse("tg,fa,ru")})
		if err != nil {
			return err
		}
		return s.Close()
	})
}

// testNow is the fixed clock of every store test.
var testNow = time.Date(2024, 7, 12, 14, 0, 0, 0, time.UTC)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// newTestStore opens a fresh database: a file in a temporary folder, or
// a PostgreSQL database when testdb.URL says so.
func newTestStore(t *testing.T) (*Store, *clock) {
	t.Helper()
	return newTestStoreOn(t, testdb.URL(t))
}

// newTestStoreOn opens a store on the database URL given.
func newTestStoreOn(t *testing.T, database string) (*Store, *clock) {
	t.Helper()
	c := &clock{t: testNow}
	s, err := Open(context.Background(), Options{
		Database: database,
		Locales:  locale.MustParse("tg,fa,ru"),
		Now:      c.now,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, c
}

func mustSection(t *testing.T, s *Store, slug string, parent *uint) *Section {
	t.Helper()
	sec, err := s.SaveSection(context.Background(), SectionInput{Slug: slug, ParentID: parent, Names: map[string]string{"tg": "Бахш " + slug, "fa": "بخش " + slug}})
	if err != nil {
		t.Fatal(err)
	}
	return sec
}

// published returns a published translation input dated hoursAgo before testNow.
func published(loc, title string, hoursAgo int) TranslationInput {
	at := testNow.Add(-time.Duration(hoursAgo) * time.Hour)
	return TranslationInput{Locale: loc, Status: StatusPublished, PublishedAt: &at, Title: title, BodyHTML: "<p>" + title + "</p>"}
}

func mustArticle(t *testing.T, s *Store, sectionID uint, translations ...TranslationInput) *Article {
	t.Helper()
	a, err := s.SaveArticle(context.Background(), ArticleInput{Shared: &SharedInput{SectionID: sectionID}, Translations: translations})
	if err != nil {
		t.Fatal(err)
	}
	return a
}
