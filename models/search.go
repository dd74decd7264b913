package models

import (
	"time"

	"gorm.io/gorm"
)

// SearchIndex is the full-text index of article translations: the write
// path keeps it in step inside its own transaction, and public search, the
// admin list's search and related suggestions ask it. It receives text
// already normalised by textnorm (see SearchKey and SearchTerms) and only
// stores, matches and ranks; deciding what a reader may see stays in the
// store's queries, through article_listings.
//
// The SQLite store uses FTS4 (fts4Index, in search_index.go). A PostgreSQL
// store would provide its own, with a tsvector column and ts_rank, and keep
// every caller as it is.
type SearchIndex interface {
	// Reindex replaces the entries of every translation of an article,
	// drafts included.
	Reindex(tx *gorm.DB, articleID uint) error
	// ForgetTrashed drops the entries of the articles trashed before a
	// time, ahead of their deletion.
	ForgetTrashed(tx *gorm.DB, before time.Time) error
	// RankPublic returns one page of the articles whose translation in
	// q.Locale matches q.Terms and is listed in section scope q.ScopeID and
	// public at q.Now, best match first, then newest first.
	RankPublic(db *gorm.DB, q RankQuery) ([]uint, error)
	// CountPublic says how many articles RankPublic would return without
	// a page: every match of q, its limit and offset ignored.
	CountPublic(db *gorm.DB, q RankQuery) (int64, error)
	// MatchingArticles narrows db, a query over articles, to those with a
	// translation in any locale, drafts included, that matches terms. It
	// reports false, leaving db as it was, when terms hold no searchable
	// word.
	MatchingArticles(db *gorm.DB, terms [][]string) (*gorm.DB, bool)
	// DocumentCounts says how many translations hold each of the given
	// normalised words in their title or summary; words held by none may be
	// left out.
	DocumentCounts(db *gorm.DB, words []string) (map[string]int64, error)
	// RankSimilar returns up to limit articles, not trashed and not in
	// skip, whose title or summary holds any of the normalised words, best
	// first.
	RankSimilar(db *gorm.DB, words []string, skip []uint, limit int) ([]uint, error)
}

// RankQuery is one page of ranked public search results.
type RankQuery struct {
	Terms   [][]string
	Locale  string
	ScopeID uint
	// ByDate orders newest first instead of best match first.
	ByDate bool
	Now    time.Time
	Limit  int
	Offset int
}
