package models

import (
	"context"
	"testing"

	"github.com/payvand/payvand/internal/locale"
	"gorm.io/gorm"
)

// Bodies saved before the word count existed are counted by the migration,
// so their reading time is right without a save.
func TestWordCountMigrationCountsExistingBodies(t *testing.T) {
	ctx := context.Background()
	path := databaseMigratedTo(t, "0012_announced", func(db *gorm.DB) {
		must(t, db.Exec(`INSERT INTO sections (id, slug, created_at, updated_at) VALUES (1, 'news', '2024-01-01 00:00:00+00:00', '2024-01-01 00:00:00+00:00')`).Error)
		must(t, db.Exec(`INSERT INTO articles (id, section_id, created_at, updated_at) VALUES (7, 1, '2024-01-01 00:00:00+00:00', '2024-01-01 00:00:00+00:00')`).Error)
		must(t, db.Exec(`INSERT INTO article_translations (article_id, locale, status, title, slug, body_html, version, created_at, updated_at)
			VALUES (7, 'fa', 'draft', 'خبر', 'khabar', '<p>آن`+"\u200c"+`ها می`+"\u200c"+`آیند</p><p>امروز</p>', 1, '2024-01-01 00:00:00+00:00', '2024-01-01 00:00:00+00:00')`).Error)
	})

	s, err := Open(ctx, Options{Path: path, Locales: locale.MustParse("tg,fa")})
	must(t, err)
	defer s.Close()
	a, err := s.FindArticle(ctx, 7)
	must(t, err)
	fa, _ := a.Translation("fa")
	if fa.WordCount != 3 {
		t.Fatalf("word count after migrating = %d, want 3", fa.WordCount)
	}
}

// Every save counts the body's words again.
func TestSaveCountsBodyWords(t *testing.T) {
	s, _ := newTestStore(t)
	sec := mustSection(t, s, "news", nil)
	in := published("tg", "Хабар", 1)
	in.BodyHTML = "<p>Вазири фарҳанг ба Ғарм рафт</p>"
	a := mustArticle(t, s, sec.ID, in)
	tg, _ := a.Translation("tg")
	if tg.WordCount != 5 {
		t.Fatalf("word count after save = %d, want 5", tg.WordCount)
	}
}
