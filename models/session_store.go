package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Session is one admin session as scs stores it: an opaque token, its
// encoded data and when it expires. Keeping sessions in the database lets
// several Payvand instances share them and lets an admin end them.
type Session struct {
	Token  string `gorm:"primaryKey"`
	Data   []byte
	Expiry time.Time
}

// SessionStore implements scs's Store and CtxStore over the database.
// Session writes do not count as content changes, so they never empty the
// API's response cache.
type SessionStore struct{ s *Store }

// Sessions returns the session store.
func (s *Store) Sessions() *SessionStore { return &SessionStore{s: s} }

// FindCtx returns the data of an unexpired session.
func (st *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var row Session
	err := st.s.reader(ctx).Where("token = ? AND expiry > ?", token, st.s.Now()).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("find session: %w", err)
	}
	return row.Data, true, nil
}

// CommitCtx saves a session.
func (st *SessionStore) CommitCtx(ctx context.Context, token string, data []byte, expiry time.Time) error {
	row := Session{Token: token, Data: data, Expiry: expiry.UTC()}
	return st.s.track(st.s.write.WithContext(ctx).Clauses(clause.OnConflict{UpdateAll: true}).Create(&row).Error)
}

// DeleteCtx removes a session.
func (st *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	return st.s.track(st.s.write.WithContext(ctx).Where("token = ?", token).Delete(&Session{}).Error)
}

// Find, Commit and Delete satisfy scs.Store; scs prefers the Ctx methods.
func (st *SessionStore) Find(token string) ([]byte, bool, error) {
	return st.FindCtx(context.Background(), token)
}

// Commit saves a session.
func (st *SessionStore) Commit(token string, data []byte, expiry time.Time) error {
	return st.CommitCtx(context.Background(), token, data, expiry)
}

// Delete removes a session.
func (st *SessionStore) Delete(token string) error {
	return st.DeleteCtx(context.Background(), token)
}

// DeleteExpired removes expired sessions; the server calls it now and then.
func (st *SessionStore) DeleteExpired(ctx context.Context) error {
	return st.s.track(st.s.write.WithContext(ctx).Where("expiry <= ?", st.s.Now()).Delete(&Session{}).Error)
}
