package models

import (
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
)

// The event rule, kept here once for every write: one article event per
// (article, locale) whose public answer, view counts excepted, changed in
// the commit. A write names the articles it may affect (watchArticles)
// before it changes them; writeTx compares their public answers before and
// after, still inside the transaction, and records the events with the
// change (recordChanges).

// articleLocale names one public answer: an article in one locale.
type articleLocale struct {
	id     uint
	locale string
}

// changeTracker is what one write transaction remembers for the rule.
type changeTracker struct {
	// now is the moment the whole transaction judges "public" at, so a
	// scheduled time passing mid-transaction cannot split its answers.
	now     int64
	at      time.Time
	watched map[uint]bool
	order   []uint
	before  map[articleLocale]answerState
	// extra holds the section and media events the write adds itself.
	extra []Event
}

type changeTrackerKey struct{}

func newChangeTracker(at time.Time) *changeTracker {
	return &changeTracker{now: at.Unix(), at: at, watched: map[uint]bool{}, before: map[articleLocale]answerState{}}
}

// trackerOf returns the tracker of tx's write transaction, nil outside one.
func trackerOf(tx *gorm.DB) *changeTracker {
	t, _ := tx.Statement.Context.Value(changeTrackerKey{}).(*changeTracker)
	return t
}

// watchArticles records, before a write changes them, the public answers
// of the given articles and of the articles whose related lists show them.
// Callers name every article whose answer the write may change; articles
// already watched keep their first (pre-write) state.
func (s *Store) watchArticles(tx *gorm.DB, ids ...uint) error {
	t := trackerOf(tx)
	if t == nil {
		return nil
	}
	fresh := make([]uint, 0, len(ids))
	for _, id := range ids {
		if id != 0 && !t.watched[id] && !slices.Contains(fresh, id) {
			fresh = append(fresh, id)
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	neighbours, err := relatedNeighbours(tx, fresh)
	if err != nil {
		return err
	}
	for _, id := range neighbours {
		if !t.watched[id] && !slices.Contains(fresh, id) {
			fresh = append(fresh, id)
		}
	}
	states, err := s.answerStates(tx, fresh, t.now)
	if err != nil {
		return err
	}
	for _, id := range fresh {
		t.watched[id] = true
		t.order = append(t.order, id)
	}
	for k, st := range states {
		t.before[k] = st
	}
	return nil
}

// watchNewArticle watches an article the write has just created: it had
// no public answer and no related links before, so there is nothing to
// read for its earlier state.
func watchNewArticle(tx *gorm.DB, id uint) {
	if t := trackerOf(tx); t != nil && !t.watched[id] {
		t.watched[id] = true
		t.order = append(t.order, id)
	}
}

// addEvent queues an event the write records beside the article events.
func addEvent(tx *gorm.DB, typ string, data any) error {
	t := trackerOf(tx)
	if t == nil {
		return nil
	}
	ev, err := newEvent(typ, t.at, nil, "", data)
	if err != nil {
		return err
	}
	t.extra = append(t.extra, ev)
	return nil
}

// relatedNeighbours returns the articles linked to any of ids either way
// as related, whose related lists show those articles, and the articles
// whose bodies link to any of them, whose bodies show their URLs.
func relatedNeighbours(tx *gorm.DB, ids []uint) ([]uint, error) {
	_, linked, err := relatedLists(tx, ids)
	if err != nil {
		return nil, err
	}
	linking, err := linkingArticles(tx, ids)
	if err != nil {
		return nil, err
	}
	for _, id := range linking {
		if !slices.Contains(linked, id) {
			linked = append(linked, id)
		}
	}
	return slices.DeleteFunc(linked, func(id uint) bool { return slices.Contains(ids, id) }), nil
}

// recordChanges ends a write transaction: it marks the watched
// translations announced when public, compares their answers with the
// state before the write and records one event per changed answer, then
// the write's own events.
func (s *Store) recordChanges(tx *gorm.DB, t *changeTracker) error {
	var events []Event
	if len(t.order) > 0 {
		// Announced follows public: a translation public now is announced
		// by this commit's event (or was before), one that is not public
		// will be announced when it becomes so.
		err := tx.Exec(`UPDATE article_translations SET announced = EXISTS (
				SELECT 1 FROM article_listings l WHERE l.article_id = article_translations.article_id
				AND l.locale = article_translations.locale AND l.scope_id = 0 AND l.published_at <= ?)
			WHERE article_id IN ?`, t.now, t.order).Error
		if err != nil {
			return fmt.Errorf("mark announced translations: %w", err)
		}
		if err := markPinEnds(tx, t.order, t.now); err != nil {
			return err
		}
		after, err := s.answerStates(tx, t.order, t.now)
		if err != nil {
			return err
		}
		for _, id := range t.order {
			for _, loc := range s.locales.Codes() {
				k := articleLocale{id, loc}
				ev, ok, err := s.articleEvent(k, t, after)
				if err != nil {
					return err
				}
				if ok {
					events = append(events, ev)
				}
			}
		}
	}
	events = append(events, t.extra...)
	return recordEvents(tx, events)
}

// articleEvent applies the rule to one answer: public now and not before is
// published, public before and not now unpublished, public both times with
// a different answer updated.
func (s *Store) articleEvent(k articleLocale, t *changeTracker, after map[articleLocale]answerState) (Event, bool, error) {
	was, hadBefore := t.before[k]
	now, hasAfter := after[k]
	var typ string
	switch {
	case !hadBefore && hasAfter:
		typ = EventArticlePublished
	case hadBefore && !hasAfter:
		typ, now = EventArticleUnpublished, was
	case hadBefore && hasAfter && was.print != now.print:
		typ = EventArticleUpdated
	default:
		return Event{}, false, nil
	}
	data := ArticleEventData{ArticleID: k.id, Locale: k.locale, Slug: now.slug, Section: now.section}
	if hadBefore && hasAfter && was.slug != now.slug {
		data.PreviousSlug = &was.slug
	}
	s.addEventURLs(&data)
	id := k.id
	ev, err := newEvent(typ, t.at, &id, k.locale, data)
	return ev, err == nil, err
}
