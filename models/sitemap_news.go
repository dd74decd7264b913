package models

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"
)

// NewsSitemapEntry is a translation published recently, as a news sitemap
// lists it.
type NewsSitemapEntry struct {
	ArticleID   uint
	Locale      string
	Slug        string
	Title       string
	PublishedAt time.Time
}

// ListNewsSitemapEntries returns the translations public now that came out
// after since, noindex ones left out, newest first, at most limit of them over every locale. Each
// locale is one walk of the listing index backwards from now.
func (s *Store) ListNewsSitemapEntries(ctx context.Context, since time.Time, limit int) ([]NewsSitemapEntry, error) {
	now := s.now().Unix()
	var out []NewsSitemapEntry
	for _, loc := range s.locales.Codes() {
		var rows []struct {
			ArticleID   uint
			Slug, Title string
			PublishedAt int64
		}
		err := s.reader(ctx).Table("article_listings AS l").
			Select("l.article_id, t.slug, t.title, l.published_at").
			Joins("JOIN article_translations AS t ON t.article_id = l.article_id AND t.locale = l.locale AND t.noindex = FALSE").
			Where("l.locale = ? AND l.scope_id = 0 AND l.published_at > ? AND l.published_at <= ?", loc, since.Unix(), now).
			Order("l.published_at DESC, l.article_id DESC").Limit(limit).Scan(&rows).Error
		if err != nil {
			return nil, fmt.Errorf("list news sitemap entries: %w", err)
		}
		for _, r := range rows {
			out = append(out, NewsSitemapEntry{ArticleID: r.ArticleID, Locale: loc, Slug: r.Slug, Title: r.Title, PublishedAt: time.Unix(r.PublishedAt, 0).UTC()})
		}
	}
	slices.SortStableFunc(out, func(x, y NewsSitemapEntry) int {
		return cmp.Or(y.PublishedAt.Compare(x.PublishedAt), cmp.Compare(y.ArticleID, x.ArticleID))
	})
	return out[:min(len(out), limit)], nil
}
