package models

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// SitemapEntry is one public translation as a sitemap lists it: its page,
// its last public change, the article's other public pages and its
// featured picture.
type SitemapEntry struct {
	ArticleID uint
	Locale    string
	Slug      string
	// LastMod is the translation's last public change: the later of its
	// own last save and its publication time (a scheduled translation
	// changes publicly when it comes out). The article's time is left
	// out: every save of any translation touches it, so each locale's
	// lastmod would move with the others' drafts, and a crawler learns to
	// ignore a lastmod that moves without the page changing.
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

// SitemapStamp changes whenever a sitemap file's content does. It is read
// without the translations' rows (whose bodies make them wide): every save
// of an article or any of its translations touches the article's
// updated_at, a publication coming due or an unpublication changes the
// count of public translations, and a replaced picture its media row.
type SitemapStamp struct {
	// Entries counts the file's entries: the translations public in its
	// locale that search engines may index. Rows counts every public translation of the range's
	// articles, the alternates included.
	Entries, Rows int64
	// Newest is the latest save, publication or picture change among them.
	Newest time.Time
}

// sitemapJoins selects, for the articles public in one locale with ids in
// a range, every public translation of theirs (the entry's own and the
// alternates). l is the entry's listing row, o the alternate's. Both are
// read from idx_article_listings_article (article_id, locale, scope_id,
// published_at): l by a range of ids in id order, so the file streams
// without a sort, o by one article's id; t, without the noindex
// translations (neither entries nor alternates), from the covering
// idx_article_translations_sitemap (migration 0020), never its wide row. CROSS JOIN keeps l outermost:
// left to choose, SQLite walks o's range and sorts the rows afterwards.
const sitemapJoins = `FROM article_listings AS l INDEXED BY idx_article_listings_article
CROSS JOIN article_listings AS o INDEXED BY idx_article_listings_article
  ON o.article_id = l.article_id AND o.scope_id = 0 AND o.published_at <= ?
JOIN article_translations AS t INDEXED BY idx_article_translations_sitemap
  ON t.article_id = o.article_id AND t.locale = o.locale AND t.noindex = FALSE
JOIN articles AS a ON a.id = l.article_id
LEFT JOIN media AS m ON m.id = a.featured_media_id
WHERE l.article_id > ? AND l.article_id <= ? AND l.locale = ? AND l.scope_id = 0 AND l.published_at <= ?`

// StreamSitemapEntries calls fn with each article public in loc whose id
// is in (fromID, toID], in id order, while the rows are read: a file of
// 10,000 entries is never held whole. An error from fn stops the walk and
// is returned.
func (s *Store) StreamSitemapEntries(ctx context.Context, loc string, fromID, toID uint, fn func(SitemapEntry) error) error {
	now := s.now().Unix()
	db := s.reader(ctx)
	rows, err := db.Raw(planHints(db, `SELECT l.article_id, o.locale, t.slug, t.updated_at, o.published_at, m.path `+
		sitemapJoins+` ORDER BY l.article_id`), now, fromID, toID, loc, now).Rows()
	if err != nil {
		return fmt.Errorf("read sitemap entries: %w", err)
	}
	defer rows.Close()
	group := sitemapGroup{locales: s.locales.Codes(), locale: loc}
	for rows.Next() {
		var r sitemapRow
		if err := rows.Scan(&r.articleID, &r.locale, &r.slug, &r.updated, &r.publishedAt, &r.imagePath); err != nil {
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

// SitemapFileStamp returns the stamp of the file of loc's articles with
// ids in (fromID, toID], in one aggregate over the listing index and the
// articles' narrow rows, so a conditional request for an unchanged file
// is answered without reading it. Entries 0 means the file has none.
func (s *Store) SitemapFileStamp(ctx context.Context, loc string, fromID, toID uint) (SitemapStamp, error) {
	var out struct {
		Entries, Rows int64
		Newest        sql.NullInt64
	}
	now := s.now().Unix()
	// The noindex translations are few and have their own partial index:
	// counted apart, once, rather than probed for every row.
	db := s.reader(ctx)
	err := db.Raw(planHints(db, `SELECT COALESCE(SUM(CASE WHEN o.locale = ? THEN 1 ELSE 0 END), 0) - (
    SELECT COUNT(*) FROM article_translations AS nx INDEXED BY idx_article_translations_noindex
    JOIN article_listings AS p ON p.article_id = nx.article_id AND p.locale = nx.locale AND p.scope_id = 0 AND p.published_at <= ?
    WHERE `+flagIs(db, "nx.noindex", true)+` AND nx.article_id > ? AND nx.article_id <= ? AND nx.locale = ?) AS entries,
  COUNT(*) AS rows, MAX(`+greatest(db, unixOf(db, "a.updated_at"), "o.published_at", "COALESCE("+unixOf(db, "m.updated_at")+", 0)")+`) AS newest
FROM article_listings AS o INDEXED BY idx_article_listings_article
JOIN articles AS a ON a.id = o.article_id
LEFT JOIN media AS m ON m.id = a.featured_media_id
WHERE o.article_id > ? AND o.article_id <= ? AND o.scope_id = 0 AND o.published_at <= ?`),
		loc, now, fromID, toID, loc, fromID, toID, now).Scan(&out).Error
	if err != nil {
		return SitemapStamp{}, fmt.Errorf("stamp sitemap file: %w", err)
	}
	return SitemapStamp{Entries: out.Entries, Rows: out.Rows, Newest: time.Unix(out.Newest.Int64, 0).UTC()}, nil
}

// unixOf is SQL for a stored time column as whole Unix seconds, rounded
// down on both engines.
func unixOf(db *gorm.DB, column string) string {
	if isPostgres(db) {
		return "CAST(FLOOR(EXTRACT(EPOCH FROM " + column + ")) AS BIGINT)"
	}
	return "CAST(strftime('%s', " + column + ") AS INTEGER)"
}

// greatest is SQL for the largest of the values: SQLite's MAX takes
// several arguments, PostgreSQL's is GREATEST. Neither value may be NULL.
func greatest(db *gorm.DB, values ...string) string {
	if isPostgres(db) {
		return "GREATEST(" + strings.Join(values, ", ") + ")"
	}
	return "MAX(" + strings.Join(values, ", ") + ")"
}

// sqliteHint finds SQLite's planner hints: INDEXED BY names an index, and
// CROSS JOIN … ON fixes the join order.
var sqliteHint = regexp.MustCompile(`\s+INDEXED BY \w+|\bCROSS JOIN\b`)

// planHints returns q for db's engine: SQLite keeps its planner hints,
// PostgreSQL, which has none and plans by its statistics, gets the same
// query with INDEXED BY dropped and CROSS JOIN … ON read as JOIN … ON.
func planHints(db *gorm.DB, q string) string {
	if !isPostgres(db) {
		return q
	}
	return sqliteHint.ReplaceAllStringFunc(q, func(h string) string {
		if strings.Contains(h, "CROSS JOIN") {
			return "JOIN"
		}
		return ""
	})
}

// sitemapRow is one translation row of the walk.
type sitemapRow struct {
	articleID    uint
	locale, slug string
	updated      time.Time
	publishedAt  int64
	imagePath    sql.NullString
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
	g.entry.LastMod = latest(r.updated.UTC(), time.Unix(r.publishedAt, 0).UTC())
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
