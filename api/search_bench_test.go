package api

// Benchmarks of public search over 100,000 bilingual articles: query
// latency through the real router for common and rare words, and how fast
// the index is built. See docs/BENCHMARKS.md, "Search over 100,000
// articles", for how to run them and for the numbers.
//
// The site is bench_test.go's (sections, pictures, dates, HTML shapes, the
// same write path) with one change: words are drawn by a Zipf law over a
// large vocabulary instead of uniformly over a hundred words, so that, as in
// real text, a few words are in nearly every article and most are in a
// handful. A uniform draw puts every word in every article, and then no
// query is rare. Two place names are planted in exactly five articles each,
// to have rare words with a known count.
//
// The dataset (3.7 GiB) is built once per schema and generator version,
// like bench_test.go's, into $TMPDIR/payvand-bench/search-100k-KEY.db; that
// took 12 minutes on a 2-core VM. Only benchmarks build it, and not under
// -short; TestSearchBenchSmall checks the generator and every benchmarked
// query on 100 articles.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/models"
)

// searchBenchArticles is how many articles the search dataset has:
// 100,000, or PAYVAND_BENCH_ARTICLES of them (each size cached apart).
var searchBenchArticles = benchSize(os.Getenv("PAYVAND_BENCH_ARTICLES"), 100_000)

const (
	searchBenchGeneratorVersion = "search-bench-v1"
	// searchBenchTail is how many made-up words each language's vocabulary
	// has beyond the real ones.
	searchBenchTail = 40_000
	// searchBenchPlanted is how many articles hold each planted rare word.
	searchBenchPlanted = 5
	// searchBenchDBEnv names a copy of the dataset to benchmark instead of
	// the cached file, for example one with an index being tried out.
	searchBenchDBEnv = "PAYVAND_SEARCH_BENCH_DB"
)

// searchBenchRare are the planted rare words, a town in each language.
var searchBenchRare = map[string]string{"tg": "Истаравшан", "fa": "استروشن"}

// searchBenchFirst are the function words that head each language's
// ranking: like "and" and "in", they end up in nearly every article. The
// other real words follow in bench_test.go's order, then the made-up tail.
var searchBenchFirst = map[string][]string{
	"tg": strings.Fields("ва дар бо аз барои ба шуд мебошад кард гардид"),
	"fa": strings.Fields("در از به با این است برای شد آن بود"),
}

// searchCase is one benchmarked search. match is the MATCH expression
// SearchPublic builds for q (every word's spellings, the last as a prefix),
// written out so the setup can count all matches, not only a page of them;
// tsquery is the same for PostgreSQL, to show its query plan.
type searchCase struct {
	name, locale, q, section string
	offset                   int
	match, tsquery           string
}

func (c searchCase) url() string {
	u := "/api/v1/" + c.locale + "/search?q=" + url.QueryEscape(c.q)
	if c.section != "" {
		u += "&section=" + c.section
	}
	if c.offset > 0 {
		u += "&cursor=" + *encodeSearchCursor(&models.SearchCursor{Offset: c.offset}, false)
	}
	return u
}

// searchCases are the benchmarked searches. Word frequencies follow from
// the ranking: "Душанбе" and "دوشنبه" are about the 75th word of their
// language, in roughly a third of its articles; "ҳукумат" is the 11th.
var searchCases = []searchCase{
	{name: "common-tg", locale: "tg", q: "Душанбе", match: `"душанбе*"`, tsquery: `'душанбе':*`},
	{name: "common-fa", locale: "fa", q: "دوشنبه", match: `"دوشنبه*"`, tsquery: `'دوشنبه':*`},
	{name: "very-common-tg", locale: "tg", q: "ҳукумат", match: `"хукумат*"`, tsquery: `'хукумат':*`}, // ҳ folded to х
	{name: "rare-tg", locale: "tg", q: "Истаравшан", match: `"истаравшан*"`, tsquery: `'истаравшан':*`},
	{name: "rare-fa", locale: "fa", q: "استروشن", match: `"استروشن*"`, tsquery: `'استروشن':*`},
	// Typed without ZWNJ; the text says «می‌کنند», which the index also holds joined.
	{name: "zwnj-fa", locale: "fa", q: "میکنند", match: `"میکنند*"`, tsquery: `'میکنند':* | 'می کنند'`},
	{name: "prefix2-tg", locale: "tg", q: "ду", match: `"ду*"`, tsquery: `'ду':*`},
	{name: "prefix3-tg", locale: "tg", q: "душ", match: `"душ*"`, tsquery: `'душ':*`},
	{name: "two-words-tg", locale: "tg", q: "вазорат маориф", match: `"вазорат" "маориф*"`, tsquery: `'вазорат' & 'маориф':*`},
	{name: "section-tg", locale: "tg", q: "Душанбе", section: "culture", match: `"душанбе*"`, tsquery: `'душанбе':*`},
	{name: "page46-tg", locale: "tg", q: "Душанбе", offset: 900, match: `"душанбе*"`, tsquery: `'душанбе':*`},
}

type searchDataset struct {
	path  string
	store *models.Store
}

var (
	searchOnce sync.Once
	searchData *searchDataset
	searchErr  error
)

func loadSearchDataset(b *testing.B) *searchDataset {
	b.Helper()
	if testing.Short() {
		b.Skip("the search benchmark dataset is large; not built under -short")
	}
	searchOnce.Do(func() {
		path := os.Getenv(searchBenchDBEnv)
		if path == "" {
			prefix := fmt.Sprintf("search-%dk-", searchBenchArticles/1000)
			if path, searchErr = cachedBenchDB(prefix, searchBenchGeneratorVersion, searchBenchArticles, seedSearchSite); searchErr != nil {
				return
			}
		}
		store, err := models.Open(context.Background(), models.Options{Path: path, Locales: locale.MustParse("tg,fa")})
		searchData, searchErr = &searchDataset{path: path, store: store}, err
	})
	if searchErr != nil {
		b.Fatal(searchErr)
	}
	return searchData
}

// countSearchMatches counts each case's public matches with SearchPublic's
// conditions, on a connection of its own: the store's pools are not
// exported, and the count needs no ranking. The unary + keeps SQLite from
// probing article_listings by locale and scope, which walks the whole
// locale for each match (see BENCHMARKS.md), so it looks rows up by article.
func countSearchMatches(path string, cases ...searchCase) (map[string]int, error) {
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	counts := map[string]int{}
	for _, c := range cases {
		var n int
		err := db.QueryRow(`SELECT count(*) FROM article_search
			CROSS JOIN article_translations t ON t.id = article_search.docid
			CROSS JOIN article_listings l ON l.article_id = t.article_id AND +l.locale = t.locale
			WHERE article_search MATCH ? AND t.locale = ? AND l.published_at <= ?
			  AND +l.scope_id = coalesce((SELECT id FROM sections WHERE slug = ?), 0)`,
			c.match, c.locale, time.Now().Unix(), c.section).Scan(&n)
		if err != nil {
			return nil, fmt.Errorf("count %s: %w", c.name, err)
		}
		counts[c.name] = n
	}
	return counts, nil
}

// seedSearchSite is bench_test.go's site with Zipf-ranked vocabularies and
// the planted rare words.
func seedSearchSite(ctx context.Context, store *models.Store, n int, progress func(done int)) error {
	s, err := newBenchSite(ctx, store)
	if err != nil {
		return err
	}
	s.vocab = map[string]*benchVocab{
		"tg": zipfVocab(searchBenchFirst["tg"], benchTgWords, madeUpWords(tgSyllables, "", searchBenchTail, 1)),
		"fa": zipfVocab(searchBenchFirst["fa"], benchFaWords, madeUpWords(faSyllables, "\u200c", searchBenchTail, 2)),
	}
	s.edit = plantRareWords
	return s.seed(ctx, store, n, progress)
}

// plantRareWords adds a sentence with the language's rare word to the end
// of searchBenchPlanted articles spread over the site.
func plantRareWords(i, n int, in *models.ArticleInput) {
	if i%(n/searchBenchPlanted) != 7 {
		return
	}
	for k := range in.Translations {
		t := &in.Translations[k]
		switch t.Locale {
		case "tg":
			t.BodyHTML += "<p>Ҳайати меҳмонон аз " + searchBenchRare["tg"] + " ба ҷашнвора омад.</p>"
		case "fa":
			t.BodyHTML += "<p>هیئتی از " + searchBenchRare["fa"] + " به جشنواره آمد.</p>"
		}
	}
}

// zipfVocab ranks first, then the rest of words, then tail, and draws rank
// r with probability proportional to 1/r (Zipf's law with exponent 1, as
// word frequencies in running text roughly follow).
func zipfVocab(first, words, tail []string) *benchVocab {
	var ranked []string
	seen := map[string]bool{}
	for _, list := range [][]string{first, words, tail} {
		for _, w := range list {
			if k := strings.ToLower(w); !seen[k] {
				seen[k] = true
				ranked = append(ranked, w)
			}
		}
	}
	cum := make([]float64, len(ranked))
	sum := 0.0
	for i := range ranked {
		sum += 1 / float64(i+1)
		cum[i] = sum
	}
	for i := range cum {
		cum[i] /= sum
	}
	return &benchVocab{words: ranked, cum: cum}
}

// tgSyllables and faSyllables make the made-up words: onsets, nuclei and
// codas in the language's script, so the words tokenise and normalise like
// real ones (Tajik letters ғ ӣ қ ӯ ҳ ҷ; Persian with unwritten short vowels).
var (
	tgSyllables = [3][]string{
		strings.Fields("б в г ғ д ҷ ж з к қ л м н п р с т ф х ҳ ч ш"),
		strings.Fields("а и у ӯ о е ӣ а о и"),
		append([]string{"", "", "", ""}, strings.Fields("н р м д т ш қ")...),
	}
	faSyllables = [3][]string{
		strings.Fields("ب پ ت ج چ خ د ر ز س ش ف ق ک گ ل م ن ه"),
		{"", "", "ا", "و", "ی"},
		append([]string{"", "", "", ""}, strings.Fields("ن ر م د ت ش")...),
	}
)

// madeUpWords returns n distinct words of two to four syllables. With a
// non-empty joiner, one word in five gets a ZWNJ-joined suffix, as Persian
// plurals and verb forms do.
func madeUpWords(syl [3][]string, joiner string, n int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, 77))
	seen := map[string]bool{}
	out := make([]string, 0, n)
	for len(out) < n {
		var b strings.Builder
		for range 2 + r.IntN(3) {
			for _, part := range syl {
				b.WriteString(part[r.IntN(len(part))])
			}
		}
		if joiner != "" && r.IntN(5) == 0 {
			b.WriteString(joiner + []string{"ها", "های", "تر", "اند"}[r.IntN(4)])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// BenchmarkSearch runs each search case through the router with the
// response cache off, so every request ranks in SQLite, and reports how
// many public translations the query matches in all ("matches", the
// total the API answers) beside the page it returns ("hits").
func BenchmarkSearch(b *testing.B) {
	benchSearchCases(b, loadSearchDataset(b).store)
}

// benchSearchCases runs every search case on store as BenchmarkSearch
// describes.
func benchSearchCases(b *testing.B, store *models.Store) {
	h := benchRouter(store, 0)
	for _, c := range searchCases {
		b.Run(c.name, func(b *testing.B) {
			u := c.url()
			var first searchTotalBody
			rec := benchGET(h, u)
			if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &first) != nil {
				b.Fatalf("GET %s = %d: %.300s", u, rec.Code, rec.Body.String())
			}
			b.ReportAllocs()
			for b.Loop() {
				if rec := benchGET(h, u); rec.Code != http.StatusOK {
					b.Fatalf("GET %s = %d", u, rec.Code)
				}
			}
			b.ReportMetric(float64(first.Total), "matches")
			b.ReportMetric(float64(len(first.Data)), "hits")
		})
	}
}

// BenchmarkSearchPublic calls models.Store.SearchPublic directly for each
// case: the query, hydration and snippets without routing, parameter
// parsing and JSON.
func BenchmarkSearchPublic(b *testing.B) {
	d := loadSearchDataset(b)
	ctx := context.Background()
	for _, c := range searchCases {
		q := models.SearchQuery{Locale: c.locale, Text: c.q, Limit: 20}
		if c.section != "" {
			sec, err := d.store.FindSectionBySlug(ctx, c.section)
			if err != nil {
				b.Fatal(err)
			}
			q.SectionID = sec.ID
		}
		if c.offset > 0 {
			q.After = &models.SearchCursor{Offset: c.offset}
		}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := d.store.SearchPublic(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSearchCached asks every case in turn with the response cache on
// and filled: what a repeated search costs. Filling it runs every case once.
func BenchmarkSearchCached(b *testing.B) {
	d := loadSearchDataset(b)
	h := benchRouter(d.store, time.Hour)
	var urls []string
	for _, c := range searchCases {
		urls = append(urls, c.url())
		benchGET(h, c.url())
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if rec := benchGET(h, urls[i%len(urls)]); rec.Code != http.StatusOK {
			b.Fatalf("GET %s = %d", urls[i%len(urls)], rec.Code)
		}
		i++
	}
}

// BenchmarkSearchIndexRebuild fills the search index of all 200,000
// translations from scratch, as migration 0005_search does on a site that
// predates it: for each article, read its translations' title, summary and
// body, normalise them (HTML to text, textnorm.SearchKey) and insert them
// into FTS4, all in one transaction. Each op works on a fresh copy of the
// dataset whose index was dropped and whose migration was forgotten
// (neither timed); models.Open, which runs the step again, is timed.
func BenchmarkSearchIndexRebuild(b *testing.B) {
	d := loadSearchDataset(b)
	ctx := context.Background()
	for range b.N { // not b.Loop: the copy must stay out of the timing
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "payvand.db")
		if err := copyFile(d.path, path); err != nil {
			b.Fatal(err)
		}
		db, err := sql.Open("sqlite3", path)
		if err != nil {
			b.Fatal(err)
		}
		_, err = db.Exec(`DROP TABLE article_search; DELETE FROM schema_migrations WHERE id = '0005_search'`)
		if cerr := db.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		store, err := models.Open(ctx, models.Options{Path: path, Locales: locale.MustParse("tg,fa")})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		store.Close()
	}
	b.ReportMetric(float64(searchBenchArticles*b.N)/b.Elapsed().Seconds(), "articles/s")
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// TestSearchBenchSmall runs the search generator on 100 articles and every
// benchmarked search on them, so the benchmarks keep working while nobody
// runs them. It also checks each case's written-out MATCH expression: the
// count it gives must equal the results the API pages through.
func TestSearchBenchSmall(t *testing.T) {
	const n = 100
	path := filepath.Join(t.TempDir(), "payvand.db")
	store, err := models.Open(context.Background(), models.Options{Path: path, Locales: locale.MustParse("tg,fa")})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if err := seedSearchSite(context.Background(), store, n, nil); err != nil {
		t.Fatal(err)
	}
	counts, err := countSearchMatches(path, searchCases...)
	if err != nil {
		t.Fatal(err)
	}
	h := benchRouter(store, 0)
	for _, c := range searchCases {
		if c.offset > 0 {
			if rec := benchGET(h, c.url()); rec.Code != http.StatusOK {
				t.Fatalf("%s: GET %s = %d: %s", c.name, c.url(), rec.Code, rec.Body.String())
			}
			continue
		}
		found := 0
		for u := c.url(); u != ""; {
			rec := benchGET(h, u)
			var body searchBody
			if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &body) != nil {
				t.Fatalf("%s: GET %s = %d: %s", c.name, u, rec.Code, rec.Body.String())
			}
			found += len(body.Data)
			u = ""
			if body.NextCursor != nil {
				u = c.url() + "&cursor=" + *body.NextCursor
			}
		}
		if found != counts[c.name] || found == 0 {
			t.Errorf("%s: the API found %d, the MATCH expression counts %d; want equal and not 0", c.name, found, counts[c.name])
		}
	}
	for _, name := range []string{"rare-tg", "rare-fa"} {
		if counts[name] != searchBenchPlanted {
			t.Errorf("%s matches %d, want the %d planted", name, counts[name], searchBenchPlanted)
		}
	}
	if counts["section-tg"] >= counts["common-tg"] || counts["common-tg"] >= counts["very-common-tg"] {
		t.Errorf("counts %v: want section < common < very common", counts)
	}
}

// BenchmarkSuggestRelated asks for the editor's related suggestions of 500
// articles spread over the dataset, in turn: the first round fills the word
// counts the store caches (models/term_counts.go), as a running site's
// editors would.
func BenchmarkSuggestRelated(b *testing.B) {
	d := loadSearchDataset(b)
	ctx := context.Background()
	ids := make([]uint, 0, 500)
	for i := range 500 {
		ids = append(ids, uint(1+i*(searchBenchArticles/500)))
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := d.store.SuggestRelated(ctx, ids[i%len(ids)], nil, 5); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkAdminSearch is the editors' list filtered by a search, drafts
// included: the count and the first page of 50.
func BenchmarkAdminSearch(b *testing.B) {
	d := loadSearchDataset(b)
	ctx := context.Background()
	for _, c := range []struct{ name, q string }{{"rare-tg", "Истаравшан"}, {"common-tg", "Душанбе"}, {"very-common-tg", "ҳукумат"}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := d.store.ListAdminArticles(ctx, models.AdminArticleQuery{Search: c.q}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
