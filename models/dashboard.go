package models

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"
)

// The admin's dashboard is a newsroom's front page: a month of views per
// locale, the most read articles, the translations waiting, what is
// scheduled next and who edited what. Every list is read from an index in
// the order it is shown (see TestDashboardQueriesUseIndexes), so the page
// costs the same over ten articles or a hundred thousand.

// DashboardQuery sizes the dashboard.
type DashboardQuery struct {
	// Days is how many days of views the chart shows, today included.
	Days int
	// Limit is how many entries each list shows.
	Limit int
}

// Dashboard is what the admin's dashboard shows.
type Dashboard struct {
	// Days are the chart's days in the site's time zone, oldest first, as
	// YYYY-MM-DD.
	Days []string
	// Views holds each configured locale's views on each of Days; views
	// counted without a locale (which count for every locale) are under "".
	Views map[string][]int64
	// MostRead has, for each configured locale in order, its most read
	// articles of today and of the last seven days.
	MostRead []DashboardMostRead
	// Waiting lists translations that are missing or outdated, the most
	// recently edited articles first.
	Waiting []WaitingTranslation
	// Scheduled lists the translations whose publication time is still to
	// come, the soonest first.
	Scheduled []ScheduledTranslation
	// Edits lists the latest saves, newest first, a run of saves of one
	// translation by one editor counted once.
	Edits []RecentEdit
	// Titles maps every article the lists name to its titles by locale.
	Titles map[uint]map[string]string
}

// DashboardMostRead is one locale's most read articles of today (Day) and
// of the last seven days (Week).
type DashboardMostRead struct {
	Locale    string
	Day, Week []ArticleViews
}

// ArticleViews is an article with its views in a period.
type ArticleViews struct {
	ArticleID uint
	Views     int64
}

// WaitingTranslation is a translation an article still needs: missing
// altogether, or outdated by another locale's edit.
type WaitingTranslation struct {
	ArticleID uint
	Locale    string
	Missing   bool
	// Since is the article's last update.
	Since time.Time
}

// ScheduledTranslation is a published translation whose time is to come.
type ScheduledTranslation struct {
	ArticleID   uint
	Locale      string
	PublishedAt time.Time
}

// RecentEdit is a save of a translation.
type RecentEdit struct {
	RevisionID uint
	ArticleID  uint
	Locale     string
	Status     Status
	// EditorName is the editor's display name or email; empty when the
	// account was deleted or the save was not made by a person.
	EditorName string
	At         time.Time
}

// LoadDashboard reads the dashboard. Trashed articles are left out.
func (s *Store) LoadDashboard(ctx context.Context, q DashboardQuery) (Dashboard, error) {
	var d Dashboard
	var err error
	if d.Days, d.Views, err = s.dailyViews(ctx, q.Days); err != nil {
		return d, err
	}
	for _, loc := range s.locales.Codes() {
		m := DashboardMostRead{Locale: loc}
		if m.Day, err = s.mostReadIn(ctx, loc, PeriodDay, q.Limit); err != nil {
			return d, err
		}
		if m.Week, err = s.mostReadIn(ctx, loc, PeriodWeek, q.Limit); err != nil {
			return d, err
		}
		d.MostRead = append(d.MostRead, m)
	}
	if d.Waiting, err = s.waitingTranslations(ctx, q.Limit); err != nil {
		return d, err
	}
	if d.Scheduled, err = s.scheduledNext(ctx, q.Limit); err != nil {
		return d, err
	}
	if d.Edits, err = s.recentEdits(ctx, q.Limit); err != nil {
		return d, err
	}
	d.Titles, err = s.articleTitles(ctx, d.articleIDs())
	return d, err
}

// dailyViews sums each locale's views per day over the last days days,
// one query per locale, each a range of idx_article_daily_views_ranking
// read in day order.
func (s *Store) dailyViews(ctx context.Context, days int) ([]string, map[string][]int64, error) {
	first, _ := s.periodDays(s.now(), Period(days))
	start, err := time.Parse(time.DateOnly, first)
	if err != nil {
		return nil, nil, err
	}
	list := make([]string, days)
	index := make(map[string]int, days)
	for i := range list {
		list[i] = start.AddDate(0, 0, i).Format(time.DateOnly)
		index[list[i]] = i
	}
	views := map[string][]int64{}
	for _, loc := range append(s.locales.Codes(), "") {
		var rows []struct {
			Day   string
			Views int64
		}
		err := s.reader(ctx).Raw(`SELECT day, SUM(views) AS views FROM article_daily_views
			WHERE locale = ? AND day >= ? AND day <= ? GROUP BY day`, loc, list[0], list[days-1]).Scan(&rows).Error
		if err != nil {
			return nil, nil, fmt.Errorf("daily views in %q: %w", loc, err)
		}
		series := make([]int64, days)
		for _, r := range rows {
			series[index[r.Day]] = r.Views
		}
		views[loc] = series
	}
	return list, views, nil
}

// mostReadIn ranks the articles read in loc during the period by their
// views there and without a locale. Unlike ListMostRead it counts only
// articles with views, so it sums the period's rows and never walks the
// whole listing.
func (s *Store) mostReadIn(ctx context.Context, loc string, p Period, limit int) ([]ArticleViews, error) {
	first, today := s.periodDays(s.now(), p)
	var out []ArticleViews
	err := s.reader(ctx).Raw(`SELECT v.article_id, SUM(v.views) AS views FROM article_daily_views v
		WHERE v.locale IN (?, '') AND v.day >= ? AND v.day <= ?
		AND EXISTS (SELECT 1 FROM articles a WHERE a.id = v.article_id AND a.trashed_at IS NULL)
		GROUP BY v.article_id ORDER BY views DESC, v.article_id DESC LIMIT ?`, loc, first, today, limit).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("most read in %s: %w", loc, err)
	}
	return out, nil
}

// waitingTranslations walks the live articles from the latest update
// (idx_articles_admin) and keeps those missing a locale or with an
// outdated translation; the probes are answered from the translations'
// indexes alone.
func (s *Store) waitingTranslations(ctx context.Context, limit int) ([]WaitingTranslation, error) {
	const tr = "SELECT 1 FROM article_translations t WHERE t.article_id = articles.id"
	cond, args := "(EXISTS ("+tr+" AND t.outdated)", []any{}
	for _, loc := range s.locales.Codes() {
		cond += " OR NOT EXISTS (" + tr + " AND t.locale = ?)"
		args = append(args, loc)
	}
	var articles []Article
	err := s.reader(ctx).Model(&Article{}).Select("id", "updated_at").Where("trashed_at IS NULL").
		Where(cond+")", args...).Order(adminOrder).Limit(limit).Find(&articles).Error
	if err != nil {
		return nil, fmt.Errorf("list waiting translations: %w", err)
	}
	ids := make([]uint, len(articles))
	for i, a := range articles {
		ids[i] = a.ID
	}
	var trs []ArticleTranslation
	err = s.reader(ctx).Select("article_id", "locale", "outdated").Where("article_id IN ?", ids).Find(&trs).Error
	if err != nil {
		return nil, fmt.Errorf("load waiting translations: %w", err)
	}
	var out []WaitingTranslation
	for _, a := range articles {
		for _, loc := range s.locales.Codes() {
			i := slices.IndexFunc(trs, func(t ArticleTranslation) bool { return t.ArticleID == a.ID && t.Locale == loc })
			if i < 0 || trs[i].Outdated {
				out = append(out, WaitingTranslation{ArticleID: a.ID, Locale: loc, Missing: i < 0, Since: a.UpdatedAt})
			}
		}
	}
	return out[:min(len(out), limit)], nil
}

// scheduledNext reads each locale's future listing entries in time order
// from the listing's primary key and merges them. The listing holds only
// live articles, so trashed ones are left out.
func (s *Store) scheduledNext(ctx context.Context, limit int) ([]ScheduledTranslation, error) {
	var rows []ArticleListing
	for _, loc := range s.locales.Codes() {
		var page []ArticleListing
		err := s.reader(ctx).Where("locale = ? AND scope_id = 0 AND published_at > ?", loc, s.now().Unix()).
			Order("published_at, article_id").Limit(limit).Find(&page).Error
		if err != nil {
			return nil, fmt.Errorf("list scheduled in %s: %w", loc, err)
		}
		rows = append(rows, page...)
	}
	slices.SortStableFunc(rows, func(a, b ArticleListing) int {
		return cmp.Or(cmp.Compare(a.PublishedAt, b.PublishedAt), cmp.Compare(a.ArticleID, b.ArticleID))
	})
	out := make([]ScheduledTranslation, 0, min(len(rows), limit))
	for _, r := range rows[:min(len(rows), limit)] {
		out = append(out, ScheduledTranslation{ArticleID: r.ArticleID, Locale: r.Locale, PublishedAt: time.Unix(r.PublishedAt, 0).UTC()})
	}
	return out, nil
}

// editRunsPerEntry bounds how many revisions recentEdits reads per entry
// shown: an editor's run of autosaves collapses into one entry, and the
// list must still fill when a few people type at once.
const editRunsPerEntry = 8

// recentEdits walks the revisions from the newest (their primary key) and
// collapses each run of saves of one translation by one editor.
func (s *Store) recentEdits(ctx context.Context, limit int) ([]RecentEdit, error) {
	var revs []ArticleRevision
	err := s.reader(ctx).Model(&ArticleRevision{}).
		Select("article_revisions.id, article_revisions.article_id, article_revisions.locale, article_revisions.status, article_revisions.editor_id, article_revisions.created_at, " + revisionEditorName).
		Joins(revisionEditorJoin).
		Where("EXISTS (SELECT 1 FROM articles a WHERE a.id = article_revisions.article_id AND a.trashed_at IS NULL)").
		Order("article_revisions.id DESC").Limit(limit * editRunsPerEntry).Find(&revs).Error
	if err != nil {
		return nil, fmt.Errorf("list recent edits: %w", err)
	}
	var out []RecentEdit
	for i, r := range revs {
		if i > 0 && sameEditRun(revs[i-1], r) {
			continue
		}
		if len(out) == limit {
			break
		}
		out = append(out, RecentEdit{RevisionID: r.ID, ArticleID: r.ArticleID, Locale: r.Locale, Status: r.Status, EditorName: r.EditorName, At: r.CreatedAt})
	}
	return out, nil
}

func sameEditRun(a, b ArticleRevision) bool {
	return a.ArticleID == b.ArticleID && a.Locale == b.Locale && (a.EditorID == nil) == (b.EditorID == nil) &&
		(a.EditorID == nil || *a.EditorID == *b.EditorID)
}

// articleIDs lists every article the dashboard's lists name, once.
func (d Dashboard) articleIDs() []uint {
	var ids []uint
	for _, m := range d.MostRead {
		for _, v := range slices.Concat(m.Day, m.Week) {
			ids = append(ids, v.ArticleID)
		}
	}
	for _, w := range d.Waiting {
		ids = append(ids, w.ArticleID)
	}
	for _, sc := range d.Scheduled {
		ids = append(ids, sc.ArticleID)
	}
	for _, e := range d.Edits {
		ids = append(ids, e.ArticleID)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// articleTitles maps each article to its titles by locale, read from
// idx_article_translations_admin without touching a body.
func (s *Store) articleTitles(ctx context.Context, ids []uint) (map[uint]map[string]string, error) {
	out := make(map[uint]map[string]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var trs []ArticleTranslation
	if err := s.reader(ctx).Select("article_id", "locale", "title").Where("article_id IN ?", ids).Find(&trs).Error; err != nil {
		return nil, fmt.Errorf("load titles: %w", err)
	}
	for _, t := range trs {
		if out[t.ArticleID] == nil {
			out[t.ArticleID] = map[string]string{}
		}
		out[t.ArticleID][t.Locale] = t.Title
	}
	return out, nil
}
