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
	return s.setTrashed(ctx, id, "trashed_at IS NULL", map[string]any{"trashed_at": s.now().UTC(), "trashed_by_id": userID})
}

// RestoreArticle takes an article out of the trash. An article that is not
// in the trash is ErrNotFound.
func (s *Store) RestoreArticle(ctx context.Context, id uint) error {
	return s.setTrashed(ctx, id, "trashed_at IS NOT NULL", map[string]any{"trashed_at": nil, "trashed_by_id": nil})
}

// setTrashed applies updates to the article when it is in the state the
// condition (a constant of this file) describes.
func (s *Store) setTrashed(ctx context.Context, id uint, condition string, updates map[string]any) error {
	return s.writeTx(ctx, func(tx *gorm.DB) error {
		updates["version"] = gorm.Expr("version + 1")
		updates["updated_at"] = s.now().UTC()
		res := tx.Model(&Article{}).Where("id = ?", id).Where(condition).Updates(updates)
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
// their slugs become free only now.
func (s *Store) PurgeTrash(ctx context.Context, olderThan time.Time) (int, error) {
	// The search index is a virtual table no cascade reaches, so its rows
	// go first, in the same transaction.
	var purged int64
	err := s.write.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := s.search.ForgetTrashed(tx, olderThan); err != nil {
			return err
		}
		res := tx.Where("trashed_at IS NOT NULL AND trashed_at < ?", olderThan.UTC()).Delete(&Article{})
		purged = res.RowsAffected
		return res.Error
	})
	if err != nil {
		return 0, fmt.Errorf("purge trash: %w", err)
	}
	if purged > 0 {
		// Trashed articles were already invisible; the generation moves
		// anyway so nothing cached can still name a deleted row.
		s.generation.Add(1)
	}
	return int(purged), nil
}
