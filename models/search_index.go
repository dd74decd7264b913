package models

import (
	"database/sql"
	"encoding/binary"
	"fmt"
	"math"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/gorm"

	"github.com/payvand/payvand/internal/richtext"
	"github.com/payvand/payvand/internal/textnorm"
)

// This file holds the SQLite side of full-text search: fts4Index, the
// SearchIndex over the FTS4 table article_search, its ranking function and
// its MATCH expressions. A PostgreSQL store would replace this file
// (tsvector, ts_rank) and keep the SearchIndex contract.

// fts4Index is the SearchIndex of the SQLite store. Each row's docid is an
// article_translations id; its columns hold the normalised title, summary
// and body text. The vocabulary view article_search_terms (fts4aux) gives
// document counts.
type fts4Index struct{}

var _ SearchIndex = fts4Index{}

// driverName is the database/sql driver every pool opens: mattn's SQLite
// driver with Payvand's SQL functions registered on each new connection.
const driverName = "sqlite3_payvand"

var registerDriver sync.Once

// registerSQLiteDriver registers driverName once per process.
func registerSQLiteDriver() {
	registerDriver.Do(func() {
		sql.Register(driverName, &sqlite3.SQLiteDriver{
			ConnectHook: func(conn *sqlite3.SQLiteConn) error {
				return conn.RegisterFunc("payvand_bm25", bm25, true)
			},
		})
	})
}

// searchWeights rank a match in the title above one in the summary, and one
// in the summary above one in the body.
var searchWeights = [...]float64{3, 1.5, 1}

// bm25 scores one row from FTS4's matchinfo(article_search, 'pcnalx'): the
// Okapi BM25 sum over every phrase of the query and every column, each
// column weighted by searchWeights. The blob is native-endian uint32s:
// p phrases, c columns, n rows, c average column lengths, c column lengths
// of this row, then for each phrase and column the hits in this row, the
// hits in all rows and the rows with a hit.
func bm25(info []byte) float64 {
	const k1, b = 1.2, 0.75
	v := make([]float64, len(info)/4)
	for i := range v {
		v[i] = float64(binary.NativeEndian.Uint32(info[4*i:]))
	}
	if len(v) < 3 {
		return 0
	}
	p, c, n := int(v[0]), int(v[1]), v[2]
	if len(v) < 3+2*c+3*p*c {
		return 0
	}
	avg, length, x := v[3:3+c], v[3+c:3+2*c], v[3+2*c:]
	score := 0.0
	for i := range p {
		for j := range c {
			hits, docs := x[3*(i*c+j)], x[3*(i*c+j)+2]
			if hits == 0 {
				continue
			}
			// The "+1" form of the idf stays positive even when a term is
			// in most rows, which small sites often see.
			idf := math.Log(1 + (n-docs+0.5)/(docs+0.5))
			norm := 1.0
			if avg[j] > 0 {
				norm = 1 - b + b*length[j]/avg[j]
			}
			w := 1.0
			if j < len(searchWeights) {
				w = searchWeights[j]
			}
			score += w * idf * hits * (k1 + 1) / (hits + k1*norm)
		}
	}
	return score
}

// Reindex replaces the index rows of every translation of one article,
// drafts included: whether a row may be shown is decided when searching.
func (fts4Index) Reindex(tx *gorm.DB, articleID uint) error {
	var rows []ArticleTranslation
	if err := tx.Select("id", "title", "summary", "body_html").Where("article_id = ?", articleID).Find(&rows).Error; err != nil {
		return fmt.Errorf("load translations for search: %w", err)
	}
	for _, t := range rows {
		if err := tx.Exec("DELETE FROM article_search WHERE docid = ?", t.ID).Error; err != nil {
			return fmt.Errorf("clear search row: %w", err)
		}
		err := tx.Exec("INSERT INTO article_search (docid, title, summary, body) VALUES (?, ?, ?, ?)",
			t.ID, textnorm.SearchKey(t.Title), textnorm.SearchKey(t.Summary), textnorm.SearchKey(searchPlainText(t.BodyHTML))).Error
		if err != nil {
			return fmt.Errorf("index translation %d: %w", t.ID, err)
		}
	}
	return nil
}

// blockBoundary finds tags that end a line of text; a space before each
// keeps "<p>a</p><p>b</p>" two words instead of "ab".
var blockBoundary = regexp.MustCompile(`(?i)<(/?(?:p|h[1-6]|li|ul|ol|blockquote|figure|figcaption|div|tr|td|th)\b|br\b)`)

// searchPlainText is the text of a body as search sees it.
func searchPlainText(html string) string {
	return richtext.PlainText(blockBoundary.ReplaceAllString(html, " <$1"))
}

// ForgetTrashed removes the index rows of the translations of the articles
// trashed before a time: the index is a virtual table no cascade reaches.
func (fts4Index) ForgetTrashed(tx *gorm.DB, before time.Time) error {
	return tx.Exec(`DELETE FROM article_search WHERE docid IN (
		SELECT t.id FROM article_translations t JOIN articles a ON a.id = t.article_id
		WHERE a.trashed_at IS NOT NULL AND a.trashed_at < ?)`, before.UTC()).Error
}

// RankPublic ranks by BM25 over the match's matchinfo, or by date.
func (fts4Index) RankPublic(db *gorm.DB, q RankQuery) ([]uint, error) {
	match := matchExpression(q.Terms)
	if match == "" {
		return nil, nil
	}
	// The two orders are fixed strings, never built from the request.
	order := "payvand_bm25(matchinfo(article_search, 'pcnalx')) DESC, l.published_at DESC, t.article_id DESC"
	if q.ByDate {
		order = "l.published_at DESC, t.article_id DESC"
	}
	var ids []uint
	err := publicMatches(db, "t.article_id", match, q).Order(order).Limit(q.Limit).Offset(q.Offset).Scan(&ids).Error
	return ids, err
}

// CountPublic counts the same matches RankPublic pages through.
func (fts4Index) CountPublic(db *gorm.DB, q RankQuery) (int64, error) {
	match := matchExpression(q.Terms)
	if match == "" {
		return 0, nil
	}
	var n int64
	err := publicMatches(db, "COUNT(*)", match, q).Scan(&n).Error
	return n, err
}

// publicMatches selects columns from the public matches of a search. CROSS
// JOIN fixes the join order: the full-text match drives, and each match is
// checked against its translation and listing by key.
func publicMatches(db *gorm.DB, columns, match string, q RankQuery) *gorm.DB {
	return db.Table("article_search").Select(columns).
		Joins("CROSS JOIN article_translations t ON t.id = article_search.docid").
		Joins("CROSS JOIN article_listings l ON l.article_id = t.article_id AND l.locale = t.locale").
		Where("article_search MATCH ? AND t.locale = ? AND l.scope_id = ? AND l.published_at <= ?", match, q.Locale, q.ScopeID, q.Now.Unix())
}

// MatchingArticles adds an IN (subquery) condition on articles.id.
func (fts4Index) MatchingArticles(db *gorm.DB, terms [][]string) (*gorm.DB, bool) {
	match := matchExpression(terms)
	if match == "" {
		return db, false
	}
	return db.Where(`articles.id IN (SELECT st.article_id FROM article_search
		CROSS JOIN article_translations st ON st.id = article_search.docid
		WHERE article_search MATCH ?)`, match), true
}

// DocumentCounts reads the fts4aux vocabulary's per-column rows: column 0
// is the title, 1 the summary. A translation holding a word in both counts
// twice, which only makes the word look a little commoner than it is. Each
// term is looked up in the index's term b-tree, but its whole doclist is
// read to count it, so callers should ask for few words.
func (fts4Index) DocumentCounts(db *gorm.DB, words []string) (map[string]int64, error) {
	var rows []struct {
		Term      string
		Documents int64
	}
	err := db.Raw(`SELECT term, SUM(documents) AS documents FROM article_search_terms
		WHERE col IN (0, 1) AND term IN ? GROUP BY term`, words).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(rows))
	for _, r := range rows {
		out[r.Term] = r.Documents
	}
	return out, nil
}

// RankSimilar matches the words in the title and summary columns only.
func (fts4Index) RankSimilar(db *gorm.DB, words []string, skip []uint, limit int) ([]uint, error) {
	alts := make([]string, 0, 2*len(words))
	for _, w := range words {
		// Words come from SearchKey: lower-case letters, marks and digits,
		// so never an operator. FTS4 takes a column filter on a bare term
		// only, not on a quoted phrase.
		alts = append(alts, "title:"+w, "summary:"+w)
	}
	if len(alts) == 0 {
		return nil, nil
	}
	if len(skip) == 0 {
		skip = []uint{0}
	}
	// matchinfo only works on the row the match produced, never inside an
	// aggregate: score the rows first (MATERIALIZED keeps SQLite from
	// folding the two steps back into one), then keep each article's best.
	var ids []uint
	err := db.Raw(`WITH scored AS MATERIALIZED (
			SELECT t.article_id AS article_id, payvand_bm25(matchinfo(article_search, 'pcnalx')) AS score
			FROM article_search
			CROSS JOIN article_translations t ON t.id = article_search.docid
			WHERE article_search MATCH ? AND t.article_id NOT IN ?)
		SELECT scored.article_id FROM scored
		JOIN articles a ON a.id = scored.article_id AND a.trashed_at IS NULL
		GROUP BY scored.article_id
		ORDER BY MAX(scored.score) DESC, scored.article_id DESC
		LIMIT ?`, strings.Join(alts, " OR "), skip, limit).Scan(&ids).Error
	return ids, err
}

// maxSearchWords bounds how many words of a query reach the index.
const maxSearchWords = 16

// matchExpression turns normalised query terms (textnorm.SearchTerms) into
// an FTS4 MATCH expression. Every spelling is quoted as a phrase, so nothing
// the reader typed is read as query syntax; a word's spellings are joined
// with OR and words with AND. The last word also matches as a prefix, for
// search-as-you-type, once it has two letters.
func matchExpression(terms [][]string) string {
	groups := searchGroups(terms,
		func(s string) string { return strings.NewReplacer(`"`, " ", "*", " ").Replace(s) },
		func(s string, prefix bool) string {
			if prefix {
				s += "*"
			}
			return `"` + s + `"`
		}, " OR ")
	return strings.Join(groups, " ")
}

// searchGroups walks normalised query terms for either engine's query
// language: for each word (at most maxSearchWords) it cleans each spelling
// of the language's syntax characters, collapses its spaces, quotes it
// and joins the word's spellings with or, in parentheses when there are
// several. A spelling is quoted with prefix set when it should also match
// as a prefix: search as you type, the last word in its joined spelling
// only, once it has two letters. A phrase spelling is a ZWNJ word's parts
// or a guessed split ("می دان" for «میدان», a square), which must match
// whole or "می دان*" would find «می دانند».
func searchGroups(terms [][]string, clean func(string) string, quote func(s string, prefix bool) string, or string) []string {
	if len(terms) > maxSearchWords {
		terms = terms[:maxSearchWords]
	}
	groups := make([]string, 0, len(terms))
	for i, spellings := range terms {
		alts := make([]string, 0, len(spellings))
		for _, s := range spellings {
			s = strings.Join(strings.Fields(clean(s)), " ")
			if s == "" {
				continue
			}
			prefix := i == len(terms)-1 && !strings.Contains(s, " ") && len([]rune(s)) >= 2
			alts = append(alts, quote(s, prefix))
		}
		switch len(alts) {
		case 0:
		case 1:
			groups = append(groups, alts[0])
		default:
			groups = append(groups, "("+strings.Join(alts, or)+")")
		}
	}
	return groups
}
