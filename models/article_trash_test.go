package models

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestTrashListRestoreAndPurge(t *testing.T) {
	s, c := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	editor, err := s.CreateUser(ctx, UserInput{Email: "editor@example.com", DisplayName: "Муҳаррир", Role: RoleEditor, Password: "long enough"})
	must(t, err)
	old := mustArticle(t, s, sec.ID, published("tg", "Кӯҳна", 1), published("fa", "کهنه", 1))
	recent := mustArticle(t, s, sec.ID, published("tg", "Нав", 1))
	live := mustArticle(t, s, sec.ID, published("tg", "Зинда", 1))
	oldSlug, _ := old.Translation("tg")

	must(t, s.TrashArticleBy(ctx, old.ID, &editor.ID))
	if err := s.TrashArticleBy(ctx, old.ID, nil); !errors.Is(err, ErrNotFound) {
		t.Fatalf("trashing twice: %v, want ErrNotFound (the 30 days must not restart)", err)
	}
	c.t = testNow.Add(20 * 24 * time.Hour)
	must(t, s.TrashArticle(ctx, recent.ID))

	trash, err := s.ListTrash(ctx)
	must(t, err)
	if len(trash) != 2 || trash[0].ID != recent.ID || trash[1].ID != old.ID {
		t.Fatalf("trash = %+v, want recent then old", trash)
	}
	first, second := trash[1], trash[0]
	if first.Titles["tg"] != "Кӯҳна" || first.Titles["fa"] != "کهنه" || first.TrashedByName != "Муҳаррир" || first.TrashedByID == nil || !first.TrashedAt.Equal(testNow) {
		t.Errorf("old entry = %+v", first)
	}
	if second.TrashedByID != nil || second.TrashedByName != "" || !second.PurgeAt().Equal(testNow.Add(50*24*time.Hour)) {
		t.Errorf("recent entry = %+v", second)
	}

	// The slug stays reserved while the article is in the trash.
	other := mustArticle(t, s, sec.ID, published("tg", "Кӯҳна", 1))
	if tr, _ := other.Translation("tg"); tr.Slug == oldSlug.Slug {
		t.Fatalf("a trashed article's slug %q was given to another", tr.Slug)
	}

	// Thirty days on, the old one goes for good; the recent one stays.
	c.t = testNow.Add(TrashRetention + time.Hour)
	n, err := s.PurgeTrash(ctx, s.Now().Add(-TrashRetention))
	must(t, err)
	if n != 1 {
		t.Fatalf("purged %d, want 1", n)
	}
	if _, err := s.FindArticle(ctx, old.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("purged article still found: %v", err)
	}
	for _, table := range []string{"article_translations", "article_revisions", "article_slugs", "article_listings"} {
		var count int64
		must(t, s.read.Table(table).Where("article_id = ?", old.ID).Count(&count).Error)
		if count != 0 {
			t.Errorf("%s keeps %d rows of the purged article", table, count)
		}
	}
	if n, err := s.PurgeTrash(ctx, s.Now().Add(-TrashRetention)); err != nil || n != 0 {
		t.Fatalf("second purge: %d, %v", n, err)
	}

	// Restoring brings an article back; a live one cannot be restored.
	must(t, s.RestoreArticle(ctx, recent.ID))
	if err := s.RestoreArticle(ctx, live.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("restoring a live article: %v, want ErrNotFound", err)
	}
	trash, err = s.ListTrash(ctx)
	must(t, err)
	if len(trash) != 0 {
		t.Fatalf("trash after restore = %+v", trash)
	}
	if _, err := s.FindPublicArticle(ctx, "tg", recent.ID); err != nil {
		t.Fatalf("restored article is not public again: %v", err)
	}
}
