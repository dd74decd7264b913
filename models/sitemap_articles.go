package models

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"
)

// SitemapEntry is one public translation as a sitemap lists it: its page,
// its last public change, the article's other public pages and its
// featured picture.
type SitemapEntry struct {
	ArticleID uint
	Locale    string
	Slug      string
	// LastMod is the translation's last public change: the later of its
	// own save, the shared fields' save and its publication time (a
	// scheduled translation changes publicly when it comes out).
	LastMod time.Time
	// Alternates are the article's public translations in configured
	// locale order, the entry's own included, so every entry of one
	// article names the same set and the pairs are mutual.
	Alternates []SitemapAlternate
	// ImagePath is the featured picture's stored path; "" without one.
	ImagePath string
}

// SitemapAlternate is one public translation named as an alternate.
type SitemapAlternate struct {
	Locale string
	Slug   string
}

// SitemapStamp changes whenever a sitemap file's content does: Rows counts
// the file's entries and their alternates, Newest is the latest change
// among them. Entries only ever change through saves (which move an
// updated_at), publications coming due (which move Rows and a
// publication time) and unpublications (which move Rows).
type SitemapStamp struct {
	Rows   int64
	Newest time.Time
}

// sitemapJoins selects, for the articles public in one locale with ids in
// a range, every public translation of theirs (the entry's own and the
// alternates). l is the entry's listing row, o the alternate's. Both are
// read from idx_article_listings_article (article_id, locale, scope_id,
// published_at): l by a range of ids in id order, so the file streams
// without a sort, o by one article's id. CROSS JOIN keeps l outermost:
// left to choose, SQLite walks o's range and sorts the rows afterwards.
const sitemapJoins = `FROM article_listings AS l INDEXED BY idx_article_listings_article
CROSS JOIN article_listings AS o INDEXED BY idx_article_listings_article
  ON o.article_id = l.article_id AND o.scope_id = 0 AND o.published_at <= ?
JOIN article_translations AS t ON t.article_id = o.article_id AND t.locale = o.locale
JOIN articles AS a ON a.id = l.article_id
LEFT JOIN media AS m ON m.id = a.featured_media_id
WHERE l.article_id > ? AND l.article_id <= ? AND l.locale = ? AND l.scope_id = 0 AND l.published_at <= ?`

// StreamSitemapEntries calls fn with each article public in loc whose id
// is in (fromID, toID], in id order, while the rows are read: a file of
// 10,000 entries is never held whole. An error from fn stops the walk and
// is returned.
func (s *Store) StreamSitemapEntries(ctx context.Context, loc string, fromID, toID uint, fn func(SitemapEntry) error) error {
	now := s.now().Unix()
	rows, err := s.reader(ctx).Raw(`SELECT l.article_id, o.locale, t.slug, t.updated_at, a.updated_at, o.published_at, m.path `+
		sitemapJoins+` ORDER BY l.article_id`, now, fromID, toID, loc, now).Rows()
	if err != nil {
		return fmt.Errorf("read sitemap entries: %w", err)
	}
	defer rows.Close()
	group := sitemapGroup{locales: s.locales.Codes(), locale: loc}
	for rows.Next() {
		var r sitemapRow
		if err := rows.Scan(&r.articleID, &r.locale, &r.slug, &r.updated, &r.articleUpdated, &r.publishedAt, &r.imagePath); err != nil {
			return fmt.Errorf("read sitemap entry: %w", err)
		}
		if group.entry.ArticleID != 0 && group.entry.ArticleID != r.articleID {
			if err := group.flush(fn); err != nil {
				return err
			}
		}
		group.add(r)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read sitemap entries: %w", err)
	}
	return group.flush(fn)
}

// SitemapFileStamp returns the stamp of the same rows StreamSitemapEntries
// reads, in one aggregate query over indexes, so a conditional request for
// an unchanged file is answered without reading it. Rows 0 means the file
// has no entry.
func (s *Store) SitemapFileStamp(ctx context.Context, loc string, fromID, toID uint) (SitemapStamp, error) {
	now := s.now().Unix()
	var out struct {
		Rows   int64
		Newest sql.NullInt64
	}
	err := s.reader(ctx).Raw(`SELECT COUNT(*) AS rows, MAX(MAX(`+unixOf("t.updated_at")+`, `+unixOf("a.updated_at")+`, o.published_at,
  COALESCE(`+unixOf("m.updated_at")+`, 0))) AS newest `+sitemapJoins, now, fromID, toID, loc, now).Scan(&out).Error
	if err != nil {
		return SitemapStamp{}, fmt.Errorf("stamp sitemap file: %w", err)
	}
	return SitemapStamp{Rows: out.Rows, Newest: time.Unix(out.Newest.Int64, 0).UTC()}, nil
}

// unixOf is SQL for a stored DATETIME column as Unix seconds.
func unixOf(column string) string {
	return "CAST(strftime('%s', " + column + ") AS INTEGER)"
}

// sitemapRow is one translation row of the walk.
type sitemapRow struct {
	articleID      uint
	locale, slug   string
	updated        time.Time
	articleUpdated time.Time
	publishedAt    int64
	imagePath      sql.NullString
}

// sitemapGroup gathers the rows of one article into its entry.
type sitemapGroup struct {
	locales []string
	locale  string
	entry   SitemapEntry
	own     bool
}

func (g *sitemapGroup) add(r sitemapRow) {
	g.entry.ArticleID = r.articleID
	g.entry.ImagePath = r.imagePath.String
	g.entry.Alternates = append(g.entry.Alternates, SitemapAlternate{Locale: r.locale, Slug: r.slug})
	if r.locale != g.locale {
		return
	}
	g.own = true
	g.entry.Locale, g.entry.Slug = r.locale, r.slug
	g.entry.LastMod = latest(r.updated.UTC(), r.articleUpdated.UTC(), time.Unix(r.publishedAt, 0).UTC())
}

// flush hands the gathered entry to fn and starts the next one. An
// article whose own translation was filtered out is skipped.
func (g *sitemapGroup) flush(fn func(SitemapEntry) error) error {
	entry, own := g.entry, g.own
	g.entry, g.own = SitemapEntry{}, false
	if !own {
		return nil
	}
	slices.SortFunc(entry.Alternates, func(x, y SitemapAlternate) int {
		return slices.Index(g.locales, x.Locale) - slices.Index(g.locales, y.Locale)
	})
	return fn(entry)
}

func latest(times ...time.Time) time.Time {
	var out time.Time
	for _, t := range times {
		if t.After(out) {
			out = t
		}
	}
	return out
}
