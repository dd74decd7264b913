package api

// BenchmarkSearchEngines: public search on SQLite beside PostgreSQL, the
// same generated site (search_bench_test.go) on each. See
// docs/BENCHMARKS.md, "Search on PostgreSQL beside SQLite".

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/testdb"
	"github.com/payvand/payvand/models"
)

// searchBenchExplainEnv, set to 1, prints PostgreSQL's plan of every
// case's ranking query (EXPLAIN ANALYZE) before the PostgreSQL runs.
const searchBenchExplainEnv = "PAYVAND_BENCH_EXPLAIN"

// BenchmarkSearchEngines runs every search case through the router, cache
// off, on SQLite (the cached dataset of loadSearchDataset) and on
// PostgreSQL: the same generator seeded through SaveArticle into a fresh
// database (testdb.Postgres), analysed, and dropped when the benchmark
// ends. PostgreSQL's dataset is built on every run, so size it with
// PAYVAND_BENCH_ARTICLES (10000 takes a few minutes) and use -count 1.
func BenchmarkSearchEngines(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { benchSearchCases(b, loadSearchDataset(b).store) })
	b.Run("postgres", func(b *testing.B) { benchSearchCases(b, seedSearchPostgres(b)) })
}

// seedSearchPostgres builds the search dataset in a fresh PostgreSQL
// database and returns a store on it. The database is analysed, as
// autovacuum would do on a running site, so plans do not depend on when
// autovacuum last ran; the rare cases' plans must use the GIN index.
func seedSearchPostgres(b *testing.B) *models.Store {
	b.Helper()
	if testing.Short() {
		b.Skip("the search benchmark dataset is large; not built under -short")
	}
	url := testdb.Postgres(b)
	ctx := context.Background()
	store, err := models.Open(ctx, models.Options{Database: url, Locales: locale.MustParse("tg,fa")})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	n := searchBenchArticles
	start := time.Now()
	err = seedSearchSite(ctx, store, n, func(done int) {
		if done%max(1, n/10) == 0 {
			el := time.Since(start)
			fmt.Fprintf(os.Stderr, "bench: PostgreSQL: %d/%d articles saved, %.1f s, %.0f articles/s\n", done, n, el.Seconds(), float64(done)/el.Seconds())
		}
	})
	if err != nil {
		b.Fatal(err)
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var size string
	if _, err := db.Exec("VACUUM ANALYZE"); err != nil {
		b.Fatal(err)
	}
	if err := db.QueryRow(`SELECT pg_size_pretty(pg_database_size(current_database())) || ', article_search ' ||
		pg_size_pretty(pg_total_relation_size('article_search')) || ' (GIN ' || pg_size_pretty(pg_relation_size('idx_article_search_document')) || ')'`).Scan(&size); err != nil {
		b.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "bench: PostgreSQL: built %d articles in %.1f s; database %s\n", n, time.Since(start).Seconds(), size)
	for _, c := range searchCases {
		plan, err := explainSearchPostgres(db, c)
		if err != nil {
			b.Fatal(err)
		}
		if os.Getenv(searchBenchExplainEnv) == "1" {
			fmt.Fprintf(os.Stderr, "bench: PostgreSQL plan of %s:\n%s\n", c.name, plan)
		}
		if strings.HasPrefix(c.name, "rare-") && !strings.Contains(plan, "idx_article_search_document") {
			b.Errorf("%s: a rare word's search does not use the GIN index:\n%s", c.name, plan)
		}
	}
	return store
}

// explainSearchPostgres is EXPLAIN ANALYZE of the ranking query
// pgSearchIndex.RankPublic runs for c (models/search_index_pg.go), written
// out as countSearchMatches writes out FTS4's.
func explainSearchPostgres(db *sql.DB, c searchCase) (string, error) {
	rows, err := db.Query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
		SELECT s.article_id FROM article_search AS s
		JOIN article_listings l ON l.article_id = s.article_id AND l.locale = s.locale
		WHERE s.document @@ to_tsquery('simple', $1) AND s.locale = $2
		  AND l.scope_id = coalesce((SELECT id FROM sections WHERE slug = $3), 0) AND l.published_at <= $4
		ORDER BY ts_rank_cd('{0, 0.0000152587890625, 0.00390625, 1}', s.document, to_tsquery('simple', $1)) DESC, l.published_at DESC, s.article_id DESC
		LIMIT 21 OFFSET $5`, c.tsquery, c.locale, c.section, time.Now().Unix(), c.offset)
	if err != nil {
		return "", fmt.Errorf("explain %s: %w", c.name, err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return "", err
		}
		lines = append(lines, "    "+line)
	}
	return strings.Join(lines, "\n"), rows.Err()
}

// TestSearchBenchSmallOnPostgres seeds the search generator's 100 articles
// into SQLite and PostgreSQL and asks every benchmarked search on both:
// the totals must be equal, and each case's written-out tsquery must be
// one PostgreSQL can plan, so BenchmarkSearchEngines cannot rot unnoticed.
func TestSearchBenchSmallOnPostgres(t *testing.T) {
	const n = 100
	ctx := context.Background()
	totals := map[string][]int64{}
	var pgURL string
	for _, e := range engines {
		url := e.url(t)
		if e.name == "postgres" {
			pgURL = url
		}
		store, err := models.Open(ctx, models.Options{Database: url, Locales: locale.MustParse("tg,fa")})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { store.Close() })
		if err := seedSearchSite(ctx, store, n, nil); err != nil {
			t.Fatal(err)
		}
		h := benchRouter(store, 0)
		for _, c := range searchCases {
			var body searchTotalBody
			rec := benchGET(h, c.url())
			if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &body) != nil {
				t.Fatalf("%s %s: GET %s = %d: %s", e.name, c.name, c.url(), rec.Code, rec.Body.String())
			}
			totals[c.name] = append(totals[c.name], body.Total)
		}
	}
	for _, c := range searchCases {
		if got := totals[c.name]; got[0] != got[1] || got[0] == 0 {
			t.Errorf("%s: total %d on SQLite, %d on PostgreSQL; want equal and not 0", c.name, got[0], got[1])
		}
	}
	db, err := sql.Open("pgx", pgURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, c := range searchCases {
		if _, err := explainSearchPostgres(db, c); err != nil {
			t.Error(err)
		}
	}
}
