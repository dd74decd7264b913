package models

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"gorm.io/gorm"
)

// Event types a frontend can see. Later features add theirs here.
const (
	EventArticlePublished   = "article.published"
	EventArticleUpdated     = "article.updated"
	EventArticleUnpublished = "article.unpublished"
	EventArticleDeleted     = "article.deleted"
	EventSectionUpdated     = "section.updated"
	EventSectionDeleted     = "section.deleted"
	EventMediaUpdated       = "media.updated"
)

// EventTypes lists every event type, in the order the admin offers them.
var EventTypes = []string{
	EventArticlePublished, EventArticleUpdated, EventArticleUnpublished, EventArticleDeleted,
	EventSectionUpdated, EventSectionDeleted, EventMediaUpdated,
	EventTagUpdated, EventTagDeleted,
}

// Event is one committed change, as the change feed and webhooks send it.
// Position orders events; ID ("evt_…") is what receivers de-duplicate on.
type Event struct {
	Position   int64           `gorm:"column:position;primaryKey;autoIncrement" json:"-"`
	ID         string          `gorm:"column:id" json:"id"`
	Type       string          `gorm:"column:type" json:"type"`
	OccurredAt time.Time       `gorm:"column:occurred_at" json:"occurred_at"`
	ArticleID  *uint           `gorm:"column:article_id" json:"-"`
	Locale     string          `gorm:"column:locale" json:"-"`
	Data       json.RawMessage `gorm:"column:data;type:text" json:"data"`
}

// TableName keeps GORM on the migration's table.
func (Event) TableName() string { return "events" }

// ArticleEventData is the data of an article event: what a frontend needs
// to revalidate a page without another call.
type ArticleEventData struct {
	ArticleID    uint    `json:"article_id"`
	Locale       string  `json:"locale"`
	Slug         string  `json:"slug"`
	PreviousSlug *string `json:"previous_slug"`
	Section      string  `json:"section"`
	URL          *string `json:"url"`
	PreviousURL  *string `json:"previous_url"`
}

// addEventURLs fills the public URLs of the page the event is about (and of
// its old address after a slug change), so a frontend revalidates or a CDN
// purges them without building URLs itself. They are the URLs at the time
// of the event: an event is history, and is not rewritten when the
// settings change. Without a site URL both stay null.
func (s *Store) addEventURLs(d *ArticleEventData) {
	d.URL = s.site.Article(d.Locale, d.Slug, d.ArticleID)
	if d.PreviousSlug != nil {
		d.PreviousURL = s.site.Article(d.Locale, *d.PreviousSlug, d.ArticleID)
	}
}

// newEventID returns "evt_" and 26 random base32 characters.
func newEventID() string {
	const alphabet = "0123456789abcdefghjkmnpqrstvwxyz"
	var b [26]byte
	rand.Read(b[:])
	for i := range b {
		b[i] = alphabet[b[i]&31]
	}
	return "evt_" + string(b[:])
}

// newEvent builds an event with a fresh id; data is marshalled to JSON.
func newEvent(typ string, at time.Time, articleID *uint, locale string, data any) (Event, error) {
	raw, err := json.Marshal(data)
	if err != nil {
		return Event{}, fmt.Errorf("encode %s event: %w", typ, err)
	}
	return Event{ID: newEventID(), Type: typ, OccurredAt: at.UTC(), ArticleID: articleID, Locale: locale, Data: raw}, nil
}

// recordEvents writes events inside the caller's write transaction (tx
// comes from writeTx), so they commit or roll back with the change, and
// wakes the event readers once the transaction has committed.
func recordEvents(tx *gorm.DB, events []Event) error {
	if len(events) == 0 {
		return nil
	}
	if err := lockEventOrder(tx); err != nil {
		return fmt.Errorf("order events: %w", err)
	}
	if err := tx.Create(&events).Error; err != nil {
		return fmt.Errorf("record events: %w", err)
	}
	last := events[len(events)-1].Position
	if newest, ok := tx.Statement.Context.Value(eventsRecordedKey{}).(*int64); ok {
		*newest = max(*newest, last)
	}
	if err := notifyEvents(tx, last); err != nil {
		return fmt.Errorf("announce events: %w", err)
	}
	return nil
}

// eventsRecordedKey carries, in a write transaction's context, the newest
// position it recorded; writeTx publishes it and wakes the readers only
// after such a commit.
type eventsRecordedKey struct{}

// EventsAfter returns up to limit events with a position above after, in
// position order.
func (s *Store) EventsAfter(ctx context.Context, after int64, limit int) ([]Event, error) {
	var events []Event
	err := s.reader(ctx).Where("position > ?", after).Order("position").Limit(limit).Find(&events).Error
	return events, err
}

// LastEventPosition returns the newest event's position, 0 when there is none.
func (s *Store) LastEventPosition(ctx context.Context) (int64, error) {
	var pos *int64
	err := s.reader(ctx).Model(&Event{}).Select("MAX(position)").Scan(&pos).Error
	if err != nil || pos == nil {
		return 0, err
	}
	return *pos, nil
}

// eventSignal wakes everyone waiting for new events: Wait returns a channel
// that is closed when events commit after the call.
type eventSignal struct {
	mu sync.Mutex
	ch chan struct{}
}

func (e *eventSignal) wait() <-chan struct{} {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.ch == nil {
		e.ch = make(chan struct{})
	}
	return e.ch
}

func (e *eventSignal) fire() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.ch != nil {
		close(e.ch)
		e.ch = nil
	}
}

// KnownEventPosition is the newest event position this process has seen
// committed: its own writes, what it read at Open and, on PostgreSQL, what
// other instances announce (see notifyEvents). A reader that has handled
// fewer events reads EventsAfter before answering, so this instance's own
// writes are never served stale, and another instance's within moments of
// its commit.
func (s *Store) KnownEventPosition() int64 { return s.knownEvent.Load() }

// EventsCommitted returns a channel closed when events next commit in this
// process or, on PostgreSQL, in another instance sharing the database.
// Readers (the webhook worker, the response cache) wait on it and then
// read EventsAfter their position.
func (s *Store) EventsCommitted() <-chan struct{} { return s.eventSignal.wait() }
