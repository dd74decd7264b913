package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ArticlePin marks an article as a featured story: it shows in the
// featured list of every locale where it is public, by Position (lowest
// first), until EndsAt when set.
type ArticlePin struct {
	ArticleID uint `gorm:"primaryKey;autoIncrement:false"`
	Position  int
	// EndsAt is when the pin ends, in Unix seconds; nil pins until unpinned.
	EndsAt *int64
	// EndAnnounced says the event of the pin's end was recorded (see
	// migration 0016); kept by the write path.
	EndAnnounced bool
	CreatedAt    time.Time
}

// Until is the pin's end as a time, nil when it has none.
func (p ArticlePin) Until() *time.Time {
	if p.EndsAt == nil {
		return nil
	}
	t := time.Unix(*p.EndsAt, 0).UTC()
	return &t
}

// MaxPinPosition bounds a pin's position: a front page orders a handful.
const MaxPinPosition = 999

// PinChange pins or unpins an article in a save (ArticleInput.Pin).
type PinChange struct {
	// Pinned false removes the pin; the other fields are then ignored.
	Pinned   bool
	Position int
	// Until ends the pin at that time; nil pins until unpinned.
	Until *time.Time
}

// checkPin refuses a position out of range or an end that has passed.
func checkPin(v validation, p *PinChange, now time.Time) {
	if p == nil || !p.Pinned {
		return
	}
	if p.Position < 0 || p.Position > MaxPinPosition {
		v.add("pin_position", "validation.pin_position", "max", MaxPinPosition)
	}
	if p.Until != nil && !p.Until.After(now) {
		v.add("pin_until", "validation.pin_until_past")
	}
}

// applyPin writes a pin change inside the save's transaction.
func applyPin(tx *gorm.DB, articleID uint, p PinChange, now time.Time) error {
	if !p.Pinned {
		if err := tx.Where("article_id = ?", articleID).Delete(&ArticlePin{}).Error; err != nil {
			return fmt.Errorf("unpin article %d: %w", articleID, err)
		}
		return nil
	}
	pin := ArticlePin{ArticleID: articleID, Position: p.Position, CreatedAt: now.UTC()}
	if p.Until != nil {
		end := ceilUnix(*p.Until)
		pin.EndsAt = &end
	}
	// A pin pinned again keeps its creation time; recordChanges sets
	// end_announced for its new end.
	err := tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "article_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"position", "ends_at"}),
	}).Create(&pin).Error
	if err != nil {
		return fmt.Errorf("pin article %d: %w", articleID, err)
	}
	return nil
}

// shownPins returns the pins of ids that show at now. For the event rule
// (announced true) a pin shows until its end is announced, so the write
// that announces it sees it go; public reads drop it at its end.
func shownPins(db *gorm.DB, ids []uint, now int64, announced bool) (map[uint]ArticlePin, error) {
	out := map[uint]ArticlePin{}
	if len(ids) == 0 {
		return out, nil
	}
	live := "ends_at IS NULL OR ends_at > ?"
	if announced {
		live += " OR end_announced = FALSE"
	}
	var pins []ArticlePin
	if err := db.Where("article_id IN ?", ids).Where(live, now).Find(&pins).Error; err != nil {
		return nil, fmt.Errorf("load pins: %w", err)
	}
	for _, p := range pins {
		out[p.ArticleID] = p
	}
	return out, nil
}

// markPinEnds records, for the articles a write watched, whether their
// pin's end has been announced: an end that has passed is, by the event
// this write records; a later one is not yet.
func markPinEnds(tx *gorm.DB, ids []uint, now int64) error {
	err := tx.Model(&ArticlePin{}).Where("article_id IN ?", ids).
		UpdateColumn("end_announced", gorm.Expr("ends_at IS NOT NULL AND ends_at <= ?", now)).Error
	if err != nil {
		return fmt.Errorf("mark ended pins: %w", err)
	}
	return nil
}

// endedPins lists the articles whose pin ended at or before now without
// its event recorded yet.
func endedPins(db *gorm.DB, now int64) ([]uint, error) {
	var ids []uint
	err := db.Model(&ArticlePin{}).Where("end_announced = FALSE AND ends_at <= ?", now).
		Order("article_id").Pluck("article_id", &ids).Error
	if err != nil {
		return nil, fmt.Errorf("list ended pins: %w", err)
	}
	return ids, nil
}

// nextPinEnd is the earliest pin end after a moment, in Unix seconds.
func nextPinEnd(db *gorm.DB, after int64) *int64 {
	var next *int64
	if err := db.Model(&ArticlePin{}).Where("ends_at > ?", after).Select("MIN(ends_at)").Scan(&next).Error; err != nil {
		return nil
	}
	return next
}

// ShownPins returns the pins of the given articles that show now, by
// article: the editors' view of them (an ended pin is no pin, as on the
// site).
func (s *Store) ShownPins(ctx context.Context, ids []uint) (map[uint]ArticlePin, error) {
	return shownPins(s.reader(ctx), ids, s.now().Unix(), false)
}

// ListFeaturedArticles returns the pinned articles public in q.Locale
// whose pin shows now, by position (then the newer article first), and how
// many there are. Of q's filters it honours SectionID (subsections
// included), Exclude and Limit: each pin is checked against the listing
// index by one probe, and pins are few.
func (s *Store) ListFeaturedArticles(ctx context.Context, q ListQuery) ([]PublicArticle, int64, error) {
	now := s.now().Unix()
	db := s.reader(ctx).Model(&ArticlePin{}).
		Where("ends_at IS NULL OR ends_at > ?", now).
		Where(`EXISTS (SELECT 1 FROM article_listings l WHERE l.article_id = article_pins.article_id
			AND l.locale = ? AND l.scope_id = ? AND l.published_at <= ?)`, q.Locale, q.SectionID, now)
	if len(q.Exclude) > 0 {
		db = db.Where("article_id NOT IN ?", q.Exclude)
	}
	var ids []uint
	if err := db.Order("position, article_id DESC").Pluck("article_id", &ids).Error; err != nil {
		return nil, 0, fmt.Errorf("list featured articles: %w", err)
	}
	total := int64(len(ids))
	if len(ids) > q.Limit {
		ids = ids[:q.Limit]
	}
	items, err := s.loadPublic(ctx, q.Locale, ids, false)
	return items, total, err
}
