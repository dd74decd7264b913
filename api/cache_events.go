package api

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/payvand/payvand/models"
)

// eventBatch is how many events one read of the outbox takes.
const eventBatch = 500

// catchUp runs the invalidations of the events this process committed
// since the cache last looked, so an answer to a request made after a
// write never shows the content from before it. An error means the cache
// cannot tell what is current: the caller answers without it.
func (rc *responseCache) catchUp(ctx context.Context) error {
	if rc.source.KnownEventPosition() <= rc.handled.Load() {
		return nil
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return rc.catchUpLocked(ctx)
}

func (rc *responseCache) catchUpLocked(ctx context.Context) error {
	for rc.source.KnownEventPosition() > rc.handled.Load() {
		events, err := rc.source.EventsAfter(ctx, rc.handled.Load(), eventBatch)
		if err != nil {
			return fmt.Errorf("read events for the response cache: %w", err)
		}
		if len(events) == 0 {
			return nil // committed, not yet visible to the readers: next time
		}
		for _, ev := range events {
			rc.invalidate(ev)
		}
		rc.epoch.Add(1)
		rc.handled.Store(events[len(events)-1].Position)
	}
	return nil
}

// articleLocale names one article's public answer in one locale.
type articleLocale struct {
	id     uint
	locale string
}

// invalidate drops the answers ev makes stale: for an article event, that
// article's answers in the event's locale and every list, search and
// section answer of that locale (membership, order and counts may have
// changed); for a picture, the same for each article that shows it; for a
// section event or anything unknown, everything, as section names and
// paths appear in every article.
func (rc *responseCache) invalidate(ev models.Event) {
	switch ev.Type {
	case models.EventArticlePublished, models.EventArticleUpdated, models.EventArticleUnpublished, models.EventArticleDeleted:
		if ev.ArticleID != nil {
			rc.invalidateArticles([]articleLocale{{*ev.ArticleID, ev.Locale}})
			return
		}
	case models.EventMediaUpdated:
		var data struct {
			Articles []struct {
				ArticleID uint   `json:"article_id"`
				Locale    string `json:"locale"`
			} `json:"articles"`
		}
		if err := json.Unmarshal(ev.Data, &data); err == nil {
			targets := make([]articleLocale, len(data.Articles))
			for i, a := range data.Articles {
				targets[i] = articleLocale{a.ArticleID, a.Locale}
			}
			rc.invalidateArticles(targets)
			return
		}
		rc.log.Warn("response cache: unreadable media event, dropping every answer", "event", ev.ID)
	}
	rc.entries.InvalidateAll()
}

// invalidateArticles drops the answers of the given (article, locale)
// pairs and the locale-wide answers of their locales. An empty locale
// means every locale.
func (rc *responseCache) invalidateArticles(targets []articleLocale) {
	if len(targets) == 0 {
		return
	}
	articles := map[articleLocale]bool{}
	locales := map[string]bool{}
	for _, t := range targets {
		articles[t] = true
		locales[t.locale] = true
	}
	var stale []string
	for key, e := range rc.entries.All() {
		switch e.scope {
		case scopeLocale:
			if locales[e.locale] || locales[""] {
				stale = append(stale, key)
			}
		case scopeSite:
			stale = append(stale, key)
		case scopeArticle:
			if articles[articleLocale{e.articleID, e.locale}] || articles[articleLocale{e.articleID, ""}] {
				stale = append(stale, key)
			}
		}
	}
	for _, key := range stale {
		rc.entries.Invalidate(key)
	}
}
