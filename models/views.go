package models

import (
	"context"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/payvand/payvand/internal/viewcount"
)

// DailyViewRetention is how long daily view counts are kept: the longest
// most-read period (a month of 30 days) with a margin.
const DailyViewRetention = 40 * 24 * time.Hour

// AddViews adds counted page views to the articles' totals and to the
// day's counts per locale, all in one transaction. The day is at's date in
// the site's time zone. The read API counts views in memory and calls this
// in batches, so a busy page costs one write per batch rather than one per
// reader.
func (s *Store) AddViews(ctx context.Context, counts map[viewcount.Key]int64, at time.Time) error {
	if len(counts) == 0 {
		return nil
	}
	day := s.viewDay(at)
	// Counts only: see countersTx.
	return s.countersTx(ctx, func(tx *gorm.DB) error {
		for key, n := range counts {
			res := tx.Model(&Article{}).Where("id = ?", key.Article).
				UpdateColumn("view_count", gorm.Expr("view_count + ?", n))
			if res.Error != nil {
				return fmt.Errorf("add views to %d: %w", key.Article, res.Error)
			}
			if res.RowsAffected == 0 {
				continue // deleted since the views were counted
			}
			row := ArticleDailyView{ArticleID: key.Article, Locale: key.Locale, Day: day, Views: n}
			err := tx.Clauses(clause.OnConflict{
				Columns:   []clause.Column{{Name: "article_id"}, {Name: "locale"}, {Name: "day"}},
				DoUpdates: clause.Assignments(map[string]any{"views": gorm.Expr("article_daily_views.views + ?", n)}),
			}).Create(&row).Error
			if err != nil {
				return fmt.Errorf("add daily views to %d: %w", key.Article, err)
			}
		}
		return nil
	})
}

// viewDay is the day a view at t is counted on: its date in the site's
// time zone, as YYYY-MM-DD, which sorts and compares as text.
func (s *Store) viewDay(t time.Time) string {
	return t.In(s.tz).Format(time.DateOnly)
}

// PruneDailyViews deletes the daily view counts older than
// DailyViewRetention; the articles' totals keep them.
func (s *Store) PruneDailyViews(ctx context.Context) error {
	oldest := s.viewDay(s.now().Add(-DailyViewRetention))
	return s.countersTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("day < ?", oldest).Delete(&ArticleDailyView{}).Error; err != nil {
			return fmt.Errorf("prune daily views: %w", err)
		}
		return nil
	})
}

// ViewCount returns an article's stored total of views.
func (s *Store) ViewCount(ctx context.Context, id uint) (int64, error) {
	var n int64
	err := s.reader(ctx).Model(&Article{}).Where("id = ?", id).Select("view_count").Scan(&n).Error
	return n, err
}

// IsPublicIn reports whether the article is public in loc, where a view
// counted for loc must have been read.
func (s *Store) IsPublicIn(ctx context.Context, loc string, id uint) (bool, error) {
	public, err := s.publicLocales(s.reader(ctx), []uint{id}, s.now().Unix())
	return slices.Contains(public[id], loc), err
}
