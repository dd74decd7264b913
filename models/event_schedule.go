package models

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"
)

// AnnounceDue records article.published for the translations whose
// scheduled time has come and that no event announced yet, and
// article.updated for the featured pins that ended, through the event rule
// like any write, and returns how many articles it announced. Translations
// and pin ends are marked announced in the same transaction, so running it
// again, after a restart or on another instance, records nothing twice.
func (s *Store) AnnounceDue(ctx context.Context) (int, error) {
	ids, err := dueArticles(s.reader(ctx), s.now().Unix())
	if err != nil || len(ids) == 0 {
		return 0, err // the common case: nothing due, no write
	}
	var recorded int
	err = s.writeTx(ctx, func(tx *gorm.DB) error {
		// Read again under the write lock: another instance may have
		// announced them since.
		ids, err := dueArticles(tx, trackerOf(tx).now)
		if err != nil {
			return err
		}
		if err := s.watchArticles(tx, ids...); err != nil {
			return err
		}
		recorded = len(ids)
		return nil
	})
	return recorded, err
}

// dueArticles lists the articles with a translation public at now that is
// not announced yet, or a pin ended at now whose end is not.
func dueArticles(db *gorm.DB, now int64) ([]uint, error) {
	ended, err := endedPins(db, now)
	if err != nil {
		return nil, err
	}
	published, err := duePublications(db, now)
	if err != nil {
		return nil, err
	}
	for _, id := range ended {
		if !slices.Contains(published, id) {
			published = append(published, id)
		}
	}
	return published, nil
}

// duePublications lists the articles with a translation public at now
// that is not announced yet.
func duePublications(db *gorm.DB, now int64) ([]uint, error) {
	var ids []uint
	err := db.Table("article_translations AS t").Distinct("t.article_id").
		Joins("JOIN article_listings l ON l.article_id = t.article_id AND l.locale = t.locale AND l.scope_id = 0").
		Where(flagIs(db, "t.announced", false)+" AND t.status = ? AND l.published_at <= ?", StatusPublished, now).
		Order("t.article_id").Pluck("t.article_id", &ids).Error
	if err != nil {
		return nil, fmt.Errorf("list due publications: %w", err)
	}
	return ids, nil
}
