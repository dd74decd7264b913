package models

import (
	"context"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/locale"
	"gorm.io/gorm"
)

// Translations saved before revisions existed get their current text as
// their first revision, so history, diff and restore work for them too.
func TestEditorMigrationStartsHistoryOfExistingTranslations(t *testing.T) {
	ctx := context.Background()
	path := databaseMigratedTo(t, "0003_admin_list", func(db *gorm.DB) {
		must(t, db.Exec(`INSERT INTO sections (id, slug, created_at, updated_at) VALUES (1, 'news', '2024-01-01 00:00:00+00:00', '2024-01-01 00:00:00+00:00')`).Error)
		must(t, db.Exec(`INSERT INTO articles (id, section_id, created_at, updated_at) VALUES (7, 1, '2024-01-01 00:00:00+00:00', '2024-01-01 00:00:00+00:00')`).Error)
		must(t, db.Exec(`INSERT INTO article_translations (article_id, locale, status, title, slug, body_html, version, created_at, updated_at)
			VALUES (7, 'fa', 'draft', 'پیش`+"\u200c"+`نویس', 'pish', '<p>متن</p>', 4, '2024-01-01 00:00:00+00:00', '2024-02-03 04:05:06+00:00')`).Error)
	})

	s, err := Open(ctx, Options{Path: path, Locales: locale.MustParse("tg,fa")})
	must(t, err)
	defer s.Close()
	revs, err := s.ListRevisions(ctx, 7, "fa")
	must(t, err)
	if len(revs) != 1 || revs[0].Version != 4 || revs[0].Title != "پیش\u200cنویس" || !revs[0].CreatedAt.Equal(time.Date(2024, 2, 3, 4, 5, 6, 0, time.UTC)) {
		t.Fatalf("revisions after migrating = %+v", revs)
	}
	full, err := s.FindRevision(ctx, revs[0].ID)
	must(t, err)
	if full.BodyHTML != "<p>متن</p>" {
		t.Fatalf("backfilled body %q", full.BodyHTML)
	}
}
