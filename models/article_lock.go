package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// LockStaleAfter is how long a soft lock lasts without a heartbeat. The
// editor page beats every 30 seconds, so a lock this old belongs to a
// closed tab or a lost connection, and anyone may take it.
const LockStaleAfter = 2 * time.Minute

// ArticleLock says who is editing an article. It is advice shown to other
// editors, not enforcement: saves are guarded by versions.
type ArticleLock struct {
	ArticleID  uint `gorm:"primaryKey;autoIncrement:false"`
	UserID     uint
	AcquiredAt time.Time
	SeenAt     time.Time
}

// LockState is an article's lock as one user sees it.
type LockState struct {
	HolderID   uint
	HolderName string
	// Since is when the holder took the lock.
	Since time.Time
	// Mine says the asking user holds the lock.
	Mine bool
}

// AcquireLock takes the article's lock for userID when it is free, stale
// or already theirs, or when takeOver is set; otherwise it leaves the lock
// alone and returns its holder. A trashed or unknown article is ErrNotFound.
func (s *Store) AcquireLock(ctx context.Context, articleID, userID uint, takeOver bool) (LockState, error) {
	var state LockState
	err := s.lockTx(ctx, func(tx *gorm.DB) error {
		if !liveArticle(tx, articleID) {
			return ErrNotFound
		}
		now := s.now().UTC()
		var held ArticleLock
		err := tx.Where("article_id = ?", articleID).Take(&held).Error
		found := err == nil
		if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return fmt.Errorf("load lock: %w", err)
		}
		if found && held.UserID != userID && now.Sub(held.SeenAt) <= LockStaleAfter && !takeOver {
			state, err = lockState(tx, held, userID)
			return err
		}
		lock := ArticleLock{ArticleID: articleID, UserID: userID, AcquiredAt: now, SeenAt: now}
		if found && held.UserID == userID {
			lock.AcquiredAt = held.AcquiredAt // a heartbeat keeps "since"
		}
		err = tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&lock).Error
		if err != nil {
			return fmt.Errorf("take lock: %w", err)
		}
		state, err = lockState(tx, lock, userID)
		return err
	})
	return state, err
}

// RefreshLock is the editor page's heartbeat: it keeps the user's lock
// alive, takes it again when it fell free, and returns the other holder's
// state (Mine false) when someone else took it over meanwhile.
func (s *Store) RefreshLock(ctx context.Context, articleID, userID uint) (LockState, error) {
	return s.AcquireLock(ctx, articleID, userID, false)
}

// ReleaseLock gives up the user's lock on the article, if they hold it.
func (s *Store) ReleaseLock(ctx context.Context, articleID, userID uint) error {
	err := s.track(s.write.WithContext(ctx).Where("article_id = ? AND user_id = ?", articleID, userID).Delete(&ArticleLock{}).Error)
	if err != nil {
		return fmt.Errorf("release lock: %w", err)
	}
	return nil
}

// lockTx runs fn in a write transaction without marking content as
// changed: a lock is not content, so the API's cache stays valid. It holds
// the write lock, so two editors on two instances asking at once cannot
// both find the lock free and both take it.
func (s *Store) lockTx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.track(s.transaction(ctx, fn))
}

func liveArticle(tx *gorm.DB, id uint) bool {
	var n int64
	tx.Model(&Article{}).Where("id = ? AND trashed_at IS NULL", id).Limit(1).Count(&n)
	return n > 0
}

func lockState(tx *gorm.DB, lock ArticleLock, asking uint) (LockState, error) {
	var name string
	err := tx.Model(&User{}).Select("COALESCE(NULLIF(display_name, ''), email)").Where("id = ?", lock.UserID).Scan(&name).Error
	if err != nil {
		return LockState{}, fmt.Errorf("lock holder: %w", err)
	}
	return LockState{HolderID: lock.UserID, HolderName: name, Since: lock.AcquiredAt, Mine: lock.UserID == asking}, nil
}
