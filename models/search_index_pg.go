package models

import (
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/payvand/payvand/internal/textnorm"
)

// This file holds the PostgreSQL side of full-text search: pgSearchIndex,
// the SearchIndex over the table article_search (0005_search.sql in
// migrations/postgres), whose one tsvector per translation holds the same
// textnorm.SearchKey text the SQLite store's FTS4 columns hold, weighted
// A (title), B (summary) and C (body). The 'simple' configuration only
// splits and lower-cases: Persian and Tajik folding stays in Go, so both
// engines match the same words.
//
// TestSearchOnBothEngines holds both engines to one table. What differs,
// by the nature of each engine:
//   - ranking: ts_rank_cd (cover density, no document frequencies) instead
//     of BM25, so matches in the same field may come in another order; a
//     title match comes first on both (see pgSearchWeights).
//   - a phrase spelling (a ZWNJ word typed with a space, «می کنند») is not
//     found past a translation's 16,383rd word, where a tsvector stops
//     counting positions; nor across the title and summary on FTS4, which
//     keeps columns apart, while || here continues the title's positions
//     into the summary. Single words are found anywhere on both.
//   - a body of very many distinct words is indexed only as far as a
//     tsvector holds (pgFitBody), and a word over 2,047 bytes not at all.
//   - DocumentCounts counts a translation with a word in both title and
//     summary once, where FTS4's vocabulary counts it twice.

// pgSearchIndex is the SearchIndex of the PostgreSQL store.
type pgSearchIndex struct{}

var _ SearchIndex = pgSearchIndex{}

// pgDocument is the tsvector of one translation from its three keys.
const pgDocument = `setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'B') || setweight(to_tsvector('simple', ?), 'C')`

// pgSearchWeights are ts_rank_cd's weights for {D, C, B, A} in public
// search. For a one-word query ts_rank_cd (normalisation 0: no length
// division, which would favour short bodies over long reports) sums the
// weight of every occurrence, and a tsvector keeps at most 255 positions
// per word; with each weight 1/256 of the next, one hit in the title
// outranks any number in the summary, and one in the summary any number
// in the body. Powers of two stay exact in the float4 rank. SQLite's BM25
// (searchWeights with k1 saturation) gets the same order in practice; here
// it is guaranteed, so title above body is the same on both engines.
const pgSearchWeights = `'{0, 0.0000152587890625, 0.00390625, 1}'`

// pgSimilarWeights are ts_rank_cd's weights for {D, C, B, A} in related
// suggestions: searchWeights (3, 1.5, 1) scaled into the 0..1 PostgreSQL
// takes, so several shared summary words can outweigh one title word, as
// they do in SQLite's BM25 sum.
const pgSimilarWeights = `'{0, 0.333333, 0.5, 1}'`

// Reindex replaces the rows of every translation of one article, drafts
// included: whether a row may be shown is decided when searching.
func (pgSearchIndex) Reindex(tx *gorm.DB, articleID uint) error {
	var rows []ArticleTranslation
	if err := tx.Select("id", "article_id", "locale", "title", "summary", "body_html").Where("article_id = ?", articleID).Order("id").Find(&rows).Error; err != nil {
		return fmt.Errorf("load translations for search: %w", err)
	}
	for _, t := range rows {
		title, summary := textnorm.SearchKey(t.Title), textnorm.SearchKey(t.Summary)
		body := pgFitBody(title, summary, textnorm.SearchKey(searchPlainText(t.BodyHTML)))
		err := tx.Exec(`INSERT INTO article_search (translation_id, article_id, locale, document) VALUES (?, ?, ?, `+pgDocument+`)
			ON CONFLICT (translation_id) DO UPDATE SET document = EXCLUDED.document`,
			t.ID, t.ArticleID, t.Locale, title, summary, body).Error
		if err != nil {
			return fmt.Errorf("index translation %d: %w", t.ID, err)
		}
	}
	return nil
}

// pgMaxLexemeBytes is the most a tsvector's lexemes and positions may
// take (MAXSTRPOS in PostgreSQL's ts_type.h, 1 MiB - 1), with room to
// spare for the rounding below.
const pgMaxLexemeBytes = 1<<20 - 1 - 4096

// pgFitBody returns the body key cut, at a word, so that the document of
// the three keys stays under pgMaxLexemeBytes. PostgreSQL refuses a
// longer tsvector ("string is too long for tsvector"), which would fail
// the editor's save; a body under BodyMaxBytes of distinct short words (a
// table of figures, a list of names) is enough to reach it, while FTS4
// has no such bound. Each distinct lexeme costs its bytes rounded up to
// even plus a two-byte count, and each of its first 256 positions two
// more (PostgreSQL keeps no more). Only such an extreme body is cut: its
// later words are not found on PostgreSQL, where SQLite finds them.
func pgFitBody(title, summary, body string) string {
	positions := map[string]int{}
	size := 0
	add := func(w string) {
		n := positions[w]
		if n == 0 {
			size += (len(w)+1)&^1 + 2
		}
		if n < 256 {
			size += 2
		}
		positions[w] = n + 1
	}
	for _, w := range strings.Fields(title + " " + summary) {
		add(w)
	}
	rest := body
	for rest != "" {
		w, after, _ := strings.Cut(rest, " ")
		if add(w); size > pgMaxLexemeBytes {
			return strings.TrimRight(body[:len(body)-len(rest)], " ")
		}
		rest = after
	}
	return body
}

// ForgetTrashed removes the rows of the translations of the articles
// trashed before a time. Deleting the translations would cascade to them
// anyway; doing it here keeps the contract the FTS4 index needs.
func (pgSearchIndex) ForgetTrashed(tx *gorm.DB, before time.Time) error {
	return tx.Exec(`DELETE FROM article_search WHERE translation_id IN (
		SELECT t.id FROM article_translations t JOIN articles a ON a.id = t.article_id
		WHERE a.trashed_at IS NOT NULL AND a.trashed_at < ?)`, before.UTC()).Error
}

// RankPublic ranks by ts_rank_cd, or by date; equal scores go newest
// first, then by id, as on SQLite.
func (pgSearchIndex) RankPublic(db *gorm.DB, q RankQuery) ([]uint, error) {
	query := tsQuery(q.Terms)
	if query == "" {
		return nil, nil
	}
	var ids []uint
	err := pgByIndex(db, func(tx *gorm.DB) error {
		sel := pgPublicMatches(tx, "s.article_id", query, q)
		if q.ByDate {
			sel = sel.Order("l.published_at DESC, s.article_id DESC")
		} else {
			// The rank expression is fixed text; the query is a parameter.
			// Order takes a clause.OrderBy, never a gorm.Expr: it drops
			// anything else without a word, leaving the rows unordered.
			sel = sel.Order(clause.OrderBy{Expression: clause.Expr{
				SQL:  "ts_rank_cd(" + pgSearchWeights + ", s.document, to_tsquery('simple', ?)) DESC, l.published_at DESC, s.article_id DESC",
				Vars: []any{query},
			}})
		}
		return sel.Limit(q.Limit).Offset(q.Offset).Scan(&ids).Error
	})
	return ids, err
}

// CountPublic counts the same matches RankPublic pages through.
func (pgSearchIndex) CountPublic(db *gorm.DB, q RankQuery) (int64, error) {
	query := tsQuery(q.Terms)
	if query == "" {
		return 0, nil
	}
	var n int64
	err := pgByIndex(db, func(tx *gorm.DB) error { return pgPublicMatches(tx, "COUNT(*)", query, q).Scan(&n).Error })
	return n, err
}

// pgByIndex runs fn's queries in a transaction that forbids sequential
// scans. The tsvectors are TOASTed, so article_search's own pages are few
// (187 for 20,000 translations) and the planner prices reading them all
// below the GIN index, not counting the detoasting of every document that
// @@ then does: a search for a word in 5 of 20,000 translations took 300 to
// 480 ms that way instead of 0.5 ms, depending on the statistics of the
// day. Every query here holds an @@ the GIN index answers, and the tables
// it joins are reached by key, so no plan needs a sequential scan.
func pgByIndex(db *gorm.DB, fn func(tx *gorm.DB) error) error {
	return db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("SET LOCAL enable_seqscan = off").Error; err != nil {
			return err
		}
		return fn(tx)
	})
}

// pgPublicMatches selects columns from the public matches of a search.
// Each row's own article and locale (0022_search_article) meet the
// listing by key, never reading article_translations.
func pgPublicMatches(db *gorm.DB, columns, query string, q RankQuery) *gorm.DB {
	return db.Table("article_search AS s").Select(columns).
		Joins("JOIN article_listings l ON l.article_id = s.article_id AND l.locale = s.locale").
		Where("s.document @@ to_tsquery('simple', ?) AND s.locale = ? AND l.scope_id = ? AND l.published_at <= ?", query, q.Locale, q.ScopeID, q.Now.Unix())
}

// MatchingArticles adds an IN (subquery) condition on articles.id.
func (pgSearchIndex) MatchingArticles(db *gorm.DB, terms [][]string) (*gorm.DB, bool) {
	query := tsQuery(terms)
	if query == "" {
		return db, false
	}
	return db.Where(`articles.id IN (SELECT ss.article_id FROM article_search ss
		WHERE ss.document @@ to_tsquery('simple', ?))`, query), true
}

// DocumentCounts counts, for each word, the translations whose title or
// summary holds it: a lexeme restricted to weights A and B ('word':AB)
// matches only there. Each count is one GIN index lookup, so callers
// should ask for few words, as with FTS4.
func (pgSearchIndex) DocumentCounts(db *gorm.DB, words []string) (map[string]int64, error) {
	out := make(map[string]int64, len(words))
	if len(words) == 0 {
		return out, nil
	}
	parts := make([]string, 0, len(words))
	args := make([]any, 0, 2*len(words))
	for _, w := range words {
		lexeme := tsLexeme(w)
		if lexeme == "" {
			continue
		}
		parts = append(parts, `SELECT CAST(? AS TEXT) AS term, (SELECT COUNT(*) FROM article_search WHERE document @@ to_tsquery('simple', ?)) AS documents`)
		args = append(args, w, lexeme+":AB")
	}
	if len(parts) == 0 {
		return out, nil
	}
	var rows []struct {
		Term      string
		Documents int64
	}
	err := pgByIndex(db, func(tx *gorm.DB) error { return tx.Raw(strings.Join(parts, " UNION ALL "), args...).Scan(&rows).Error })
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if r.Documents > 0 {
			out[r.Term] = r.Documents
		}
	}
	return out, nil
}

// RankSimilar matches the words in the title and summary only (weights A
// and B) and keeps each article's best translation.
func (pgSearchIndex) RankSimilar(db *gorm.DB, words []string, skip []uint, limit int) ([]uint, error) {
	alts := make([]string, 0, len(words))
	for _, w := range words {
		if lexeme := tsLexeme(w); lexeme != "" {
			alts = append(alts, lexeme+":AB")
		}
	}
	if len(alts) == 0 {
		return nil, nil
	}
	if len(skip) == 0 {
		skip = []uint{0}
	}
	query := strings.Join(alts, " | ")
	var ids []uint
	err := pgByIndex(db, func(tx *gorm.DB) error {
		return tx.Raw(`SELECT s.article_id FROM article_search s
		JOIN articles a ON a.id = s.article_id AND a.trashed_at IS NULL
		WHERE s.document @@ to_tsquery('simple', ?) AND s.article_id NOT IN ?
		GROUP BY s.article_id
		ORDER BY MAX(ts_rank_cd(`+pgSimilarWeights+`, s.document, to_tsquery('simple', ?))) DESC, s.article_id DESC
		LIMIT ?`, query, skip, query, limit).Scan(&ids).Error
	})
	return ids, err
}

// tsLexeme quotes one normalised word as a tsquery lexeme: quotes and
// backslashes are escaped, so nothing a reader typed is read as tsquery
// syntax. A spelling with spaces inside the quotes is split by
// to_tsquery into a phrase (<->), as FTS4 reads a quoted phrase.
func tsLexeme(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return ""
	}
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(s) + "'"
}

// tsQuery turns normalised query terms (textnorm.SearchTerms) into a
// to_tsquery text, the counterpart of matchExpression: a word's spellings
// joined with |, words with &, and the last word also matching as a prefix
// (:*) as on SQLite (see searchGroups). The result is always passed as a
// parameter, never written into SQL.
func tsQuery(terms [][]string) string {
	groups := searchGroups(terms, func(s string) string { return s }, func(s string, prefix bool) string {
		if prefix {
			return tsLexeme(s) + ":*"
		}
		return tsLexeme(s)
	}, " | ")
	return strings.Join(groups, " & ")
}
