package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// TrashRetention is how long an article stays in the trash, restorable,
// before the server deletes it for good.
const TrashRetention = 30 * 24 * time.Hour

// TrashArticle moves an article to the trash: it vanishes from every public
// list, lookup and related list at once, and its slugs stay reserved so no
// other article can take over its links while it may still be restored.
func (s *Store) TrashArticle(ctx context.Context, id uint) error {
	return s.TrashArticleBy(ctx, id, nil)
}

// TrashArticleBy is TrashArticle recording who moved the article, for the
// trash list. An article already in the trash is ErrNotFound: trashing it
// again would restart its 30 days.
func (s *Store) TrashArticleBy(ctx context.Context, id uint, userID *uint) error {
	return s.setTrashed(ctx, id, map[string]any{"trashed_at": s.now().UTC(), "trashed_by_id": userID}, "trashed_at IS NULL")
}

// RestoreArticle takes an article out of the trash. An article that is not
// in the trash is ErrNotFound.
func (s *Store) RestoreArticle(ctx context.Context, id uint) error {
	return s.setTrashed(ctx, id, map[string]any{"trashed_at": nil, "trashed_by_id": nil}, "trashed_at IS NOT NULL")
}

// setTrashed applies updates to the article when it is in the state the
// condition (a constant SQL condition with its arguments) describes.
func (s *Store) setTrashed(ctx context.Context, id uint, updates map[string]any, condition string, args ...any) error {
	return s.writeTx(ctx, func(tx *gorm.DB) error {
		if err := s.watchArticles(tx, id); err != nil {
			return err
		}
		updates["version"] = gorm.Expr("version + 1")
		updates["updated_at"] = s.now().UTC()
		res := tx.Model(&Article{}).Where("id = ?", id).Where(condition, args...).Updates(updates)
		if res.Error != nil {
			return fmt.Errorf("trash or restore article %d: %w", id, res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		return s.syncArticleIndexes(tx, id)
	})
}

// TrashedArticle is an article in the trash as the trash list shows it.
type TrashedArticle struct {
	ID uint
	// Titles are the translations' titles by locale; a locale without a
	// translation or title is absent.
	Titles    map[string]string
	TrashedAt time.Time
	// TrashedByID and TrashedByName say who moved it; nil and empty when
	// unknown (trashed by a program, or the account was deleted).
	TrashedByID   *uint
	TrashedByName string
}

// PurgeAt is when the article leaves the trash for good.
func (t TrashedArticle) PurgeAt() time.Time { return t.TrashedAt.Add(TrashRetention) }

// trashRow is one row of the trash query.
type trashRow struct {
	ID            uint
	TrashedAt     time.Time
	TrashedByID   *uint
	TrashedByName string
}

// ListTrash returns the articles in the trash, most recently trashed first.
func (s *Store) ListTrash(ctx context.Context) ([]TrashedArticle, error) {
	var rows []trashRow
	err := s.reader(ctx).Table("articles").
		Select("articles.id, articles.trashed_at, articles.trashed_by_id, COALESCE(NULLIF(users.display_name, ''), users.email, '') AS trashed_by_name").
		Joins("LEFT JOIN users ON users.id = articles.trashed_by_id").
		Where("articles.trashed_at IS NOT NULL").
		Order("articles.trashed_at DESC, articles.id DESC").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list trash: %w", err)
	}
	out := make([]TrashedArticle, len(rows))
	ids := make([]uint, len(rows))
	for i, r := range rows {
		out[i] = TrashedArticle{ID: r.ID, Titles: map[string]string{}, TrashedAt: r.TrashedAt, TrashedByID: r.TrashedByID, TrashedByName: r.TrashedByName}
		ids[i] = r.ID
	}
	if len(ids) == 0 {
		return out, nil
	}
	var titles []ArticleTranslation
	if err := s.reader(ctx).Select("article_id", "locale", "title").Where("article_id IN ? AND title <> ''", ids).Find(&titles).Error; err != nil {
		return nil, fmt.Errorf("list trash titles: %w", err)
	}
	byID := make(map[uint]map[string]string, len(out))
	for _, a := range out {
		byID[a.ID] = a.Titles
	}
	for _, t := range titles {
		byID[t.ArticleID][t.Locale] = t.Title
	}
	return out, nil
}

// PurgeTrash deletes for good the articles trashed before olderThan and
// returns how many there were. The database's cascades remove their
// translations, revisions, slugs, relations, listings, counts and locks;
// their slugs become free only now. Each translation that was published
// gets an article.deleted event in the same transaction.
func (s *Store) PurgeTrash(ctx context.Context, olderThan time.Time) (int, error) {
	var due int64
	err := s.reader(ctx).Model(&Article{}).Where("trashed_at IS NOT NULL AND trashed_at < ?", olderThan.UTC()).Count(&due).Error
	if err != nil || due == 0 {
		// Nothing to purge: no write, so nothing cached is invalidated.
		return 0, err
	}
	var purged int64
	err = s.writeTx(ctx, func(tx *gorm.DB) error {
		if err := s.addDeletedEvents(tx, olderThan); err != nil {
			return err
		}
		// The search index is a virtual table no cascade reaches, so its
		// rows go first, in the same transaction.
		if err := s.search.ForgetTrashed(tx, olderThan); err != nil {
			return err
		}
		res := tx.Where("trashed_at IS NOT NULL AND trashed_at < ?", olderThan.UTC()).Delete(&Article{})
		purged = res.RowsAffected
		return res.Error
	})
	if err = s.track(err); err != nil {
		return 0, fmt.Errorf("purge trash: %w", err)
	}
	return int(purged), nil
}

// addDeletedEvents queues article.deleted for each published translation
// of the articles about to be purged. Drafts never reached the public, so
// their slugs are not announced now either.
func (s *Store) addDeletedEvents(tx *gorm.DB, olderThan time.Time) error {
	t := trackerOf(tx)
	var rows []struct {
		ArticleID uint
		Locale    string
		Slug      string
		Section   string
	}
	err := tx.Table("article_translations AS t").
		Select("t.article_id, t.locale, t.slug, s.slug AS section").
		Joins("JOIN articles a ON a.id = t.article_id").
		Joins("JOIN sections s ON s.id = a.section_id").
		Where("a.trashed_at IS NOT NULL AND a.trashed_at < ? AND t.status = ? AND t.published_at IS NOT NULL", olderThan.UTC(), StatusPublished).
		Order("t.article_id, t.locale").Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("list purged translations: %w", err)
	}
	for _, r := range rows {
		id := r.ArticleID
		data := ArticleEventData{ArticleID: id, Locale: r.Locale, Slug: r.Slug, Section: r.Section}
		s.addEventURLs(&data)
		ev, err := newEvent(EventArticleDeleted, t.at, &id, r.Locale, data)
		if err != nil {
			return err
		}
		t.extra = append(t.extra, ev)
	}
	return nil
}
