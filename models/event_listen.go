package models

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"
)

// eventChannel is the PostgreSQL channel on which a transaction that
// records events announces its newest position. NOTIFY inside a
// transaction is delivered when it commits, and not at all when it rolls
// back, so a listener hears of events only once they are readable.
const eventChannel = "payvand_events"

// notifyEvents announces newest on eventChannel from inside tx (PostgreSQL
// only): every instance's listener then moves its KnownEventPosition and
// wakes its event readers, so response caches, the schedule and webhook
// workers follow another instance's write within moments, not at their
// next poll.
func notifyEvents(tx *gorm.DB, newest int64) error {
	if !isPostgres(tx) {
		return nil
	}
	return tx.Exec("SELECT pg_notify(?, ?)", eventChannel, strconv.FormatInt(newest, 10)).Error
}

// listenerName is the application_name of the listening connections.
const listenerName = "payvand events listener"

// Reconnection backoff of the listener: it doubles from the first to the
// last while the server stays unreachable.
const (
	listenBackoffFirst = 100 * time.Millisecond
	listenBackoffLast  = 5 * time.Second
)

// eventListener is one store's LISTEN connection: a pgx connection of its
// own, outside the pool, because a listening session must stay open and
// idle between notifications, which a pooled connection never is.
type eventListener struct {
	cancel context.CancelFunc
	done   chan struct{}
}

func (l *eventListener) stop() {
	l.cancel()
	<-l.done
}

// listenForEvents connects to the database, listens on eventChannel and
// follows the notifications until stopped. The first connection is made before it
// returns, so a store that opened without error hears every commit after
// Open; later connections are retried with backoff.
func (s *Store) listenForEvents(ctx context.Context) (*eventListener, error) {
	cfg, err := pgx.ParseConfig(s.dsn)
	if err != nil {
		return nil, fmt.Errorf("database URL: %w", err)
	}
	// Named, so an operator looking at pg_stat_activity knows it.
	cfg.RuntimeParams["application_name"] = listenerName
	conn, err := s.listenConn(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("listen for events: %w", err)
	}
	lctx, cancel := context.WithCancel(context.Background())
	l := &eventListener{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(l.done)
		s.followEvents(lctx, cfg, conn)
	}()
	return l, nil
}

// listenConn opens a connection that listens on eventChannel, then reads
// the newest position: events committed while nobody listened (before the
// first connection, or while reconnecting) are caught up at once.
func (s *Store) listenConn(ctx context.Context, cfg *pgx.ConnConfig) (*pgx.Conn, error) {
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	var newest *int64
	if _, err = conn.Exec(ctx, "LISTEN "+eventChannel); err == nil {
		err = conn.QueryRow(ctx, "SELECT MAX(position) FROM events").Scan(&newest)
	}
	if err != nil {
		conn.Close(context.WithoutCancel(ctx))
		return nil, err
	}
	if newest != nil {
		s.eventsAnnounced(*newest)
	}
	return conn, nil
}

// followEvents waits for notifications on conn and, when the connection is
// lost, connects again with backoff, until ctx ends.
func (s *Store) followEvents(ctx context.Context, cfg *pgx.ConnConfig, conn *pgx.Conn) {
	backoff := listenBackoffFirst
	for {
		err := s.waitForEvents(ctx, conn)
		conn.Close(context.Background())
		if ctx.Err() != nil {
			return
		}
		s.log.Warn("lost the events notification connection; reconnecting", "err", err)
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(backoff):
			}
			if conn, err = s.listenConn(ctx, cfg); err == nil {
				backoff = listenBackoffFirst
				s.log.Info("events notification connection restored")
				break
			}
			if ctx.Err() != nil {
				return
			}
			backoff = min(2*backoff, listenBackoffLast)
			s.log.Warn("reconnect the events notification connection", "err", err, "retry_in", backoff)
		}
	}
}

// waitForEvents handles notifications until the connection fails or ctx
// ends.
func (s *Store) waitForEvents(ctx context.Context, conn *pgx.Conn) error {
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		pos, err := strconv.ParseInt(n.Payload, 10, 64)
		if err != nil {
			return errors.New("unreadable events notification " + strconv.Quote(n.Payload))
		}
		s.eventsAnnounced(pos)
	}
}

// eventsAnnounced takes note that events up to pos are committed. This
// process's own notifications come back too; they move nothing and wake
// nobody.
func (s *Store) eventsAnnounced(pos int64) {
	if s.raiseKnownEvent(pos) {
		s.eventSignal.fire()
	}
}
