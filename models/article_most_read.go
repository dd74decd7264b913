package models

import (
	"context"
	"fmt"
	"time"
)

// Period is how far back a most-read list counts views.
type Period int

// The most-read periods: the last 1, 7 or 30 days of the site's time
// zone, today included.
const (
	PeriodDay   Period = 1
	PeriodWeek  Period = 7
	PeriodMonth Period = 30
)

// MostReadQuery selects a page of public articles in one locale, most read
// in Period first.
type MostReadQuery struct {
	Locale string
	Period Period
	// SectionID limits the list to a section and its subsections; 0 lists all.
	SectionID uint
	// TagID limits the list to the articles carrying a tag; 0 lists all.
	TagID uint
	// Exclude leaves articles out.
	Exclude []uint
	Limit   int
	// After continues a list after the last article of the previous page.
	After *MostReadCursor
}

// MostReadCursor is a position in a most-read list: ordered by views in
// the period, then publication time, newest first, then id, highest first.
type MostReadCursor struct {
	Views       int64
	PublishedAt int64
	ID          uint
}

// MostRead is one article of a most-read list with its views in the period.
type MostRead struct {
	Article     PublicArticle
	PeriodViews int64
}

// mostReadRow is one ranked row before the articles are loaded.
type mostReadRow struct {
	ArticleID   uint
	PublishedAt int64
	PeriodViews int64
}

// mostReadSQL ranks a locale's listing entries by that locale's views and
// the views counted without a locale, summed over the period's days
// (idx_article_daily_views_ranking). Articles without views in the period
// follow, newest first, so the list reaches every public article. The
// order has no index, so every page sums the period afresh: the response
// cache keeps the common first pages.
const mostReadSQL = `
WITH pv AS (
	SELECT article_id, SUM(views) AS n FROM article_daily_views
	WHERE locale IN (?, '') AND day >= ? AND day <= ?
	GROUP BY article_id
)
SELECT article_id, published_at, period_views FROM (
	SELECT l.article_id, l.published_at, COALESCE(pv.n, 0) AS period_views
	FROM article_listings l LEFT JOIN pv ON pv.article_id = l.article_id
	WHERE l.locale = ? AND l.scope_id = ? AND l.published_at <= ? AND l.article_id NOT IN ?
	AND (? = 0 OR EXISTS (SELECT 1 FROM article_tag_listings t WHERE t.locale = l.locale AND t.tag_id = ?
		AND t.published_at = l.published_at AND t.article_id = l.article_id))
) AS ranked
%s
ORDER BY period_views DESC, published_at DESC, article_id DESC
LIMIT ?`

// ListMostRead returns one page of the public articles of q.Locale most
// read in q.Period, and the cursor of the next page (nil on the last page).
func (s *Store) ListMostRead(ctx context.Context, q MostReadQuery) ([]MostRead, *MostReadCursor, error) {
	now := s.now()
	first, today := s.periodDays(now, q.Period)
	// Ids start at 1, so 0 excludes nothing and keeps the list never empty:
	// NOT IN over an empty list would be NOT IN (NULL), which excludes all.
	exclude := append([]uint{0}, q.Exclude...)
	args := []any{q.Locale, first, today, q.Locale, q.SectionID, now.Unix(), exclude, q.TagID, q.TagID}
	where := ""
	if q.After != nil {
		where = "WHERE (period_views, published_at, article_id) < (?, ?, ?)"
		args = append(args, q.After.Views, q.After.PublishedAt, q.After.ID)
	}
	args = append(args, q.Limit+1)
	var rows []mostReadRow
	err := s.reader(ctx).Raw(fmt.Sprintf(mostReadSQL, where), args...).Scan(&rows).Error
	if err != nil {
		return nil, nil, fmt.Errorf("list most read: %w", err)
	}
	var next *MostReadCursor
	if len(rows) > q.Limit {
		rows = rows[:q.Limit]
		last := rows[len(rows)-1]
		next = &MostReadCursor{Views: last.PeriodViews, PublishedAt: last.PublishedAt, ID: last.ArticleID}
	}
	ids := make([]uint, len(rows))
	for i, r := range rows {
		ids[i] = r.ArticleID
	}
	articles, err := s.loadPublic(ctx, q.Locale, ids, false)
	if err != nil {
		return nil, nil, err
	}
	return joinPeriodViews(articles, rows), next, nil
}

// joinPeriodViews pairs loaded articles with their ranked rows, in rank
// order. An article unpublished between the two reads is left out.
func joinPeriodViews(articles []PublicArticle, rows []mostReadRow) []MostRead {
	byID := make(map[uint]PublicArticle, len(articles))
	for _, a := range articles {
		byID[a.Article.ID] = a
	}
	out := make([]MostRead, 0, len(rows))
	for _, r := range rows {
		if a, ok := byID[r.ArticleID]; ok {
			out = append(out, MostRead{Article: a, PeriodViews: r.PeriodViews})
		}
	}
	return out
}

// periodDays returns the first and last day (today) of the period ending
// at now, as the YYYY-MM-DD days views are counted on. Days are stepped
// by calendar date, not by 24 hours, so a daylight-saving change cannot
// skip or repeat one.
func (s *Store) periodDays(now time.Time, p Period) (first, today string) {
	local := now.In(s.tz)
	start := time.Date(local.Year(), local.Month(), local.Day()-int(p)+1, 12, 0, 0, 0, s.tz)
	return start.Format(time.DateOnly), local.Format(time.DateOnly)
}
