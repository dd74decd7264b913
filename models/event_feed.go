package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// EventRetention is how long events stay readable in the change feed.
const EventRetention = 30 * 24 * time.Hour

// ChangePage is one page of the change feed and the positions it was read
// against.
type ChangePage struct {
	// Events are the events after the position asked for, in commit order.
	Events []Event
	// HighWater is the newest position ever committed: no event at or
	// below it can still appear.
	HighWater int64
	// Oldest is the oldest retained event's position, 0 when none is.
	Oldest int64
}

// ListChanges returns up to limit events after position after, never one
// beyond the committed high-water mark, with that mark and the oldest
// retained position.
//
// No gaps: a poller that resumes after the last position it read must
// never miss an event that commits later with a smaller position. On
// SQLite that cannot happen: writes go through one connection whose
// transactions begin IMMEDIATE, so one transaction at a time assigns
// AUTOINCREMENT positions and commits them before the next one begins;
// positions become visible in order. The three reads share one read
// transaction, so the events and the high-water mark come from one
// snapshot, and the mark (sqlite_sequence, the newest position ever
// assigned and committed) bounds what is returned. An engine whose
// sequences are handed out before commit (PostgreSQL) must compute the
// mark as the position below the oldest transaction still in flight; the
// bound here is where it goes.
//
// On PostgreSQL, event-recording transactions hold an advisory lock from
// their insert to their commit (lockEventOrder), so positions commit in
// order. The read takes that lock shared first: no position is then in
// flight, and the sequence's last value is the newest position ever
// committed, as sqlite_sequence is on SQLite.
func (s *Store) ListChanges(ctx context.Context, after int64, limit int) (ChangePage, error) {
	var page ChangePage
	err := s.reader(ctx).Transaction(func(tx *gorm.DB) error {
		var seq *int64
		mark := "SELECT seq FROM sqlite_sequence WHERE name = 'events'"
		if s.engine == Postgres {
			if err := tx.Exec("SELECT pg_advisory_xact_lock_shared(?)", eventLockKey).Error; err != nil {
				return fmt.Errorf("wait for events in flight: %w", err)
			}
			mark = "SELECT pg_sequence_last_value(pg_get_serial_sequence('events', 'position'))"
		}
		if err := tx.Raw(mark).Scan(&seq).Error; err != nil {
			return fmt.Errorf("read the events high-water mark: %w", err)
		}
		if seq != nil {
			page.HighWater = *seq
		}
		var oldest *int64
		if err := tx.Model(&Event{}).Select("MIN(position)").Scan(&oldest).Error; err != nil {
			return fmt.Errorf("read the oldest event: %w", err)
		}
		if oldest != nil {
			page.Oldest = *oldest
		}
		if limit <= 0 {
			return nil // only the positions were asked for (since=now)
		}
		err := tx.Where("position > ? AND position <= ?", after, page.HighWater).Order("position").Limit(limit).Find(&page.Events).Error
		if err != nil {
			return fmt.Errorf("list events: %w", err)
		}
		return nil
	})
	return page, err
}

// PruneEvents deletes the events that occurred before olderThan and
// returns how many. Events are the feed's record, not content: removing
// them changes no public answer, so this is not a content write.
func (s *Store) PruneEvents(ctx context.Context, olderThan time.Time) (int, error) {
	// By position, not by time alone: the feed's cursors are positions, and
	// deleting an event while keeping an earlier one would let a poller
	// resume past a gap without being told its cursor expired.
	res := s.write.WithContext(ctx).
		Where("position <= (SELECT MAX(position) FROM events WHERE occurred_at < ?)", olderThan.UTC()).Delete(&Event{})
	if res.Error != nil {
		return 0, fmt.Errorf("prune events: %w", res.Error)
	}
	return int(res.RowsAffected), nil
}
