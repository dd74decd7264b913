package api

// Benchmarks of the public read API over a realistic site: 10,000 bilingual
// articles (Tajik and Persian, 3–5 KB bodies), 8 sections three levels deep,
// pictures and related links, publication times spread over a year with
// some equal to the second. See docs/BENCHMARKS.md for how to run them and
// for the numbers.
//
// The dataset is built through models.Store.SaveArticle, the one write path,
// once per version of the schema and of the generator below, into a file in
// os.TempDir(); later `go test -bench` runs and every benchmark function of
// one run reuse it. Benchmarks only read it. No Test function builds it:
// TestBenchFixtureSmall checks the generator and the benchmark URLs on 60
// articles, so this file cannot rot between benchmark runs.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/siteurl"
	"github.com/payvand/payvand/internal/testdb"
	"github.com/payvand/payvand/models"
)

// benchArticles is the size of the benchmark site: 10,000 articles, or
// PAYVAND_BENCH_ARTICLES of them, such as 25000 for a sitemap of 50,000
// URLs (each size is cached apart).
var benchArticles = benchSize(os.Getenv("PAYVAND_BENCH_ARTICLES"), 10000)

// benchSize is n parsed as a count of articles, def when n is empty. A
// count must fill whole list pages of 20; anything else stops the run
// rather than measuring a size nobody asked for.
func benchSize(n string, def int) int {
	if n == "" {
		return def
	}
	v, err := strconv.Atoi(n)
	if err != nil || v < 20 || v%20 != 0 {
		panic("PAYVAND_BENCH_ARTICLES=" + n + ": want a multiple of 20, such as 25000")
	}
	return v
}

const (
	// benchGeneratorVersion names the generator below; change it whenever
	// the generated content changes, so a stale cached dataset is rebuilt.
	// The schema's migration files are part of the cache key as well.
	benchGeneratorVersion = "bench-dataset-v1"
	// benchRebuildEnv, set to 1, rebuilds the cached dataset.
	benchRebuildEnv = "PAYVAND_BENCH_REBUILD"
)

// benchEnd is the newest publication time in the dataset. It is in the past,
// so every article is public under the real clock, which the benchmarks and
// a payvand server started on the dataset both use.
var benchEnd = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// benchDataset is the opened benchmark site and the URLs the benchmarks ask.
type benchDataset struct {
	path  string
	store *models.Store
	// slugURLs are the by-slug URLs of every translation, both locales,
	// shuffled; Persian slugs are percent-encoded as a browser sends them.
	slugURLs []string
	// page500 are the URLs of page 500 (limit 20) of the tg and fa lists,
	// with cursors obtained by walking the lists from page 1.
	page500 []string
	// tgPages are the URLs of every page of the tg list, page 1 first.
	tgPages []string
	// site is the --site-url the router is given; nil for none.
	site *siteurl.Builder
}

var (
	benchOnce sync.Once
	benchData *benchDataset
	benchErr  error
)

// loadBenchDataset returns the 10,000-article dataset, building it on first
// use. Benchmarks skip under -short.
func loadBenchDataset(b *testing.B) *benchDataset {
	b.Helper()
	if testing.Short() {
		b.Skip("the benchmark dataset is large; not built under -short")
	}
	benchOnce.Do(func() { benchData, benchErr = openBenchDataset(b) })
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchData
}

// benchDatasetKey identifies a dataset by its generator version, its size
// and the contents of the schema migrations.
func benchDatasetKey(version string, n int) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%d\n%d\n", version, n, benchEnd.Unix())
	files, err := filepath.Glob(filepath.Join("..", "models", "migrations", "*.sql"))
	if err != nil || len(files) == 0 {
		return "", fmt.Errorf("find the schema migrations: %v", err)
	}
	sort.Strings(files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\n%d\n", filepath.Base(f), len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// benchBuildInfo is written beside a built dataset.
type benchBuildInfo struct {
	Articles          int     `json:"articles"`
	Seconds           float64 `json:"seconds"`
	ArticlesPerSecond float64 `json:"articles_per_second"`
	FileBytes         int64   `json:"file_bytes"`
	BuiltAt           string  `json:"built_at"`
}

func openBenchDataset(b *testing.B) (*benchDataset, error) {
	path, err := cachedBenchDB("dataset-", benchGeneratorVersion, benchArticles, seedBenchSite)
	if err != nil {
		return nil, err
	}
	store, err := models.Open(context.Background(), models.Options{Path: path, Locales: locale.MustParse("tg,fa")})
	if err != nil {
		return nil, err
	}
	d := &benchDataset{path: path, store: store}
	if d.slugURLs, err = benchSlugURLs(store); err != nil {
		return nil, err
	}
	h := d.router(0)
	for _, loc := range []string{"tg", "fa"} {
		pages, n, err := walkList(h, "/api/v1/"+loc+"/articles")
		if err != nil {
			return nil, err
		}
		if n != benchArticles || len(pages) != benchArticles/20 {
			return nil, fmt.Errorf("%s list has %d articles on %d pages, want %d on %d", loc, n, len(pages), benchArticles, benchArticles/20)
		}
		d.page500 = append(d.page500, pages[499])
		if loc == "tg" {
			d.tgPages = pages
		}
	}
	return d, nil
}

// benchSeeder fills an empty store with n articles, reporting progress.
type benchSeeder func(ctx context.Context, store *models.Store, n int, progress func(done int)) error

// cachedBenchDB returns the path of a dataset of n articles made by seed,
// $TMPDIR/payvand-bench/<prefix><key>.db, building it first when it is
// missing or PAYVAND_BENCH_REBUILD=1. The key covers version, n and the
// migrations (benchDatasetKey); a <prefix><key>.json beside the file
// records how long the build took.
func cachedBenchDB(prefix, version string, n int, seed benchSeeder) (string, error) {
	key, err := benchDatasetKey(version, n)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(os.TempDir(), "payvand-bench")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, prefix+key+".db")
	infoPath := strings.TrimSuffix(path, ".db") + ".json"
	_, statErr := os.Stat(path)
	if os.Getenv(benchRebuildEnv) == "1" || errors.Is(statErr, fs.ErrNotExist) {
		info, err := buildBenchDataset(path, n, seed)
		if err != nil {
			return "", err
		}
		data, _ := json.MarshalIndent(info, "", "  ")
		if err := os.WriteFile(infoPath, data, 0o644); err != nil {
			return "", err
		}
		fmt.Fprintf(os.Stderr, "bench: built %d articles through SaveArticle in %.1f s (%.0f articles/s), %d MB, at %s\n",
			info.Articles, info.Seconds, info.ArticlesPerSecond, info.FileBytes>>20, path)
		removeStaleBenchDatasets(dir, prefix, key)
	} else if statErr != nil {
		return "", statErr
	} else {
		var info benchBuildInfo
		if data, err := os.ReadFile(infoPath); err == nil && json.Unmarshal(data, &info) == nil {
			fmt.Fprintf(os.Stderr, "bench: reusing %s (built in %.1f s, %.0f articles/s through SaveArticle)\n", path, info.Seconds, info.ArticlesPerSecond)
		}
	}
	return path, nil
}

// removeStaleBenchDatasets deletes the datasets named prefix* of other
// schema or generator versions (100 MB to 2 GB each). Builds in progress
// (.tmp-PID) are left alone.
func removeStaleBenchDatasets(dir, prefix, key string) {
	files, _ := filepath.Glob(filepath.Join(dir, prefix+"*"))
	for _, f := range files {
		name := filepath.Base(f)
		if strings.HasPrefix(name, prefix+key) || strings.Contains(name, ".tmp-") {
			continue
		}
		os.Remove(f)
	}
}

// buildBenchDataset writes the dataset to a temporary file beside path and
// renames it into place, so a build that dies leaves no half dataset.
func buildBenchDataset(path string, n int, seed benchSeeder) (benchBuildInfo, error) {
	tmp := fmt.Sprintf("%s.tmp-%d", path, os.Getpid())
	store, err := models.Open(context.Background(), models.Options{Path: tmp, Locales: locale.MustParse("tg,fa")})
	if err != nil {
		return benchBuildInfo{}, err
	}
	start := time.Now()
	err = seed(context.Background(), store, n, func(done int) {
		if done%max(1, n/10) == 0 {
			el := time.Since(start)
			fmt.Fprintf(os.Stderr, "bench: %d/%d articles saved, %.1f s, %.0f articles/s\n", done, n, el.Seconds(), float64(done)/el.Seconds())
		}
	})
	elapsed := time.Since(start)
	if cerr := store.Close(); err == nil {
		err = cerr // closing the last connection checkpoints the WAL into the file
	}
	if err != nil {
		os.Remove(tmp)
		return benchBuildInfo{}, err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	if err := os.Rename(tmp, path); err != nil {
		return benchBuildInfo{}, err
	}
	st, err := os.Stat(path)
	if err != nil {
		return benchBuildInfo{}, err
	}
	return benchBuildInfo{
		Articles: n, Seconds: elapsed.Seconds(), ArticlesPerSecond: float64(n) / elapsed.Seconds(),
		FileBytes: st.Size(), BuiltAt: time.Now().UTC().Format(time.RFC3339),
	}, nil
}

// benchSlugURLs lists the by-slug URL of every public translation, shuffled
// with a fixed seed. It reads the store through the API's own routes' view
// of slugs: every translation's current slug.
func benchSlugURLs(store *models.Store) ([]string, error) {
	var urls []string
	ctx := context.Background()
	for id := uint(1); ; id++ {
		a, err := store.FindArticle(ctx, id)
		if errors.Is(err, models.ErrNotFound) {
			break
		}
		if err != nil {
			return nil, err
		}
		for _, t := range a.Translations {
			urls = append(urls, "/api/v1/"+t.Locale+"/articles/slug/"+url.PathEscape(t.Slug))
		}
	}
	r := rand.New(rand.NewPCG(7, 7))
	r.Shuffle(len(urls), func(i, j int) { urls[i], urls[j] = urls[j], urls[i] })
	return urls, nil
}

// walkList follows next_cursor from first to the last page and returns the
// URL of every page and how many distinct articles the list has. It fails
// when the list repeats an article or is out of order: the cursor must
// survive equal publication times.
func walkList(h http.Handler, first string) ([]string, int, error) {
	seen := map[uint]bool{}
	var pages []string
	var lastAt string
	var lastID uint
	for u := first; u != ""; {
		pages = append(pages, u)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, u, nil))
		if rec.Code != http.StatusOK {
			return nil, 0, fmt.Errorf("GET %s = %d: %s", u, rec.Code, rec.Body.String())
		}
		var body listPage
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			return nil, 0, err
		}
		for _, s := range body.Data {
			if seen[s.ID] {
				return nil, 0, fmt.Errorf("page %d of %s repeats article %d", len(pages), first, s.ID)
			}
			seen[s.ID] = true
			at := s.PublishedAt
			if lastAt != "" && (at > lastAt || (at == lastAt && s.ID > lastID)) {
				return nil, 0, fmt.Errorf("page %d of %s is out of order at article %d", len(pages), first, s.ID)
			}
			lastAt, lastID = at, s.ID
		}
		u = ""
		if body.NextCursor != nil {
			u = first + "?cursor=" + *body.NextCursor
		}
	}
	return pages, len(seen), nil
}

// router is the API on the dataset, set up as helpers_test.go's newRouter
// does (the server package's logging and recovery middleware are left out;
// the wrk runs in docs/BENCHMARKS.md go through them).
func (d *benchDataset) router(ttl time.Duration) *gin.Engine {
	return benchRouterOn(d.store, ttl, d.site)
}

func benchRouter(store *models.Store, ttl time.Duration) *gin.Engine {
	return benchRouterOn(store, ttl, nil)
}

// benchRouterOn is benchRouter with a site URL (nil: none, url null).
func benchRouterOn(store *models.Store, ttl time.Duration, site *siteurl.Builder) *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	a := New(Options{Store: store, PublicURL: testBaseURL, CacheControl: "public, max-age=60", CacheTTL: ttl, Logger: slog.New(slog.DiscardHandler), SiteURLs: site})
	r := gin.New()
	r.HandleMethodNotAllowed = true
	a.Register(r)
	r.NoRoute(a.NoRoute)
	r.NoMethod(a.NoMethod)
	return r
}

// benchGET runs one request through h.
func benchGET(h http.Handler, u string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, u, nil))
	return rec
}

// benchURLs benchmarks GETs of urls, in turn, with the response cache off
// ("cold": CacheTTL 0, every request renders from the database) and on and
// filled beforehand ("warm": every request is a cache hit), each serially
// and with RunParallel (GOMAXPROCS goroutines). warmURLs, when given, is the
// smaller set the warm case repeats.
func benchURLs(b *testing.B, d *benchDataset, urls, warmURLs []string) {
	if warmURLs == nil {
		warmURLs = urls
	}
	for _, c := range []struct {
		name string
		ttl  time.Duration
		urls []string
	}{{"cache=cold", 0, urls}, {"cache=warm", time.Hour, warmURLs}} {
		h := d.router(c.ttl)
		// Check every answer once (and fill the cache when it is on); the
		// average size is reported beside the timings.
		var total int
		check := c.urls
		if c.ttl == 0 && len(check) > 200 {
			check = check[:200]
		}
		for _, u := range check {
			rec := benchGET(h, u)
			if rec.Code != http.StatusOK {
				b.Fatalf("GET %s = %d: %.300s", u, rec.Code, rec.Body.String())
			}
			total += rec.Body.Len()
		}
		avg := float64(total) / float64(len(check))
		b.Run(c.name+"/serial", func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if rec := benchGET(h, c.urls[i%len(c.urls)]); rec.Code != http.StatusOK {
					b.Fatalf("GET %s = %d", c.urls[i%len(c.urls)], rec.Code)
				}
				i++
			}
			b.ReportMetric(avg, "B/resp")
		})
		b.Run(c.name+"/parallel", func(b *testing.B) {
			b.ReportAllocs()
			var next atomic.Uint64
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					u := c.urls[int(next.Add(1)-1)%len(c.urls)]
					if rec := benchGET(h, u); rec.Code != http.StatusOK {
						b.Errorf("GET %s = %d", u, rec.Code)
						return
					}
				}
			})
			b.ReportMetric(avg, "B/resp")
		})
	}
}

// BenchmarkArticleBySlug fetches random articles by slug in both locales:
// cold over all 20,000 translations, warm over 1,000 of them.
func BenchmarkArticleBySlug(b *testing.B) {
	d := loadBenchDataset(b)
	benchURLs(b, d, d.slugURLs, d.slugURLs[:1000])
}

// BenchmarkListFirstPage fetches page 1 (limit 20) of the tg and fa lists.
func BenchmarkListFirstPage(b *testing.B) {
	d := loadBenchDataset(b)
	benchURLs(b, d, []string{"/api/v1/tg/articles", "/api/v1/fa/articles"}, nil)
}

// BenchmarkListPage500 fetches page 500 (limit 20, articles 9,981–10,000)
// of the tg and fa lists through a cursor: it should cost what page 1 does.
func BenchmarkListPage500(b *testing.B) {
	d := loadBenchDataset(b)
	benchURLs(b, d, d.page500, nil)
}

// BenchmarkListDepth fetches pages 1, 100, 250 and 500 of the tg list in
// turn, cache off, and reports the average time of each: interleaving them
// in one loop keeps a busy machine's drift out of the comparison.
func BenchmarkListDepth(b *testing.B) {
	d := loadBenchDataset(b)
	h := d.router(0)
	pages := []int{1, 100, 250, 500}
	spent := make([]time.Duration, len(pages))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for i, p := range pages {
			start := time.Now()
			if rec := benchGET(h, d.tgPages[p-1]); rec.Code != http.StatusOK {
				b.Fatalf("page %d: %d", p, rec.Code)
			}
			spent[i] += time.Since(start)
		}
		n++
	}
	for i, p := range pages {
		b.ReportMetric(float64(spent[i].Nanoseconds())/float64(n), fmt.Sprintf("ns/page%d", p))
	}
}

// BenchmarkListSection fetches page 1 of the culture section, whose list
// includes its subsection heritage and heritage's own subsection music.
func BenchmarkListSection(b *testing.B) {
	d := loadBenchDataset(b)
	benchURLs(b, d, []string{"/api/v1/tg/articles?section=culture", "/api/v1/fa/articles?section=culture"}, nil)
}

// BenchmarkSaveArticle is the write path the dataset is built through: one
// new bilingual article per op, on a database that grows with b.N.
func BenchmarkSaveArticle(b *testing.B) {
	if testing.Short() {
		b.Skip("not under -short")
	}
	store, err := models.Open(context.Background(), models.Options{Path: filepath.Join(b.TempDir(), "payvand.db"), Locales: locale.MustParse("tg,fa")})
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	site, err := newBenchSite(context.Background(), store)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := store.SaveArticle(context.Background(), site.article(i, 1_000_000)); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// TestBenchFixtureSmall runs the dataset generator and each benchmark's
// requests on 60 articles, so the benchmarks keep working while nobody runs
// them. It never builds the 10,000-article dataset.
func TestBenchFixtureSmall(t *testing.T) {
	const n = 60
	store, err := models.Open(context.Background(), models.Options{Database: testdb.URL(t), Locales: locale.MustParse("tg,fa")})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if err := seedBenchSite(context.Background(), store, n, nil); err != nil {
		t.Fatal(err)
	}
	slugs, err := benchSlugURLs(store)
	if err != nil {
		t.Fatal(err)
	}
	if len(slugs) != 2*n {
		t.Fatalf("%d slug URLs, want %d", len(slugs), 2*n)
	}
	h := benchRouter(store, 0)
	encoded := false
	for _, u := range slugs {
		rec := benchGET(h, u)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s = %d: %s", u, rec.Code, rec.Body.String())
		}
		encoded = encoded || strings.Contains(u, "%")
		var body articleBody
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Fatal(err)
		}
		if l := len(body.Data.BodyHTML); l < 2500 || l > 6000 {
			t.Errorf("GET %s: body of %d bytes, want about 3–5 KB", u, l)
		}
	}
	if !encoded {
		t.Error("no percent-encoded (Persian) slug URL")
	}
	for _, loc := range []string{"tg", "fa"} {
		if pages, total, err := walkList(h, "/api/v1/"+loc+"/articles"); err != nil || total != n || len(pages) != 3 {
			t.Fatalf("walk %s list: %d articles on %d pages, %v; want %d on 3", loc, total, len(pages), err, n)
		}
		for _, sec := range benchSections {
			if rec := benchGET(h, "/api/v1/"+loc+"/articles?section="+sec.slug); rec.Code != http.StatusOK {
				t.Fatalf("section %s: %d", sec.slug, rec.Code)
			}
		}
	}
}

// ---- the generator ----

// benchSections are the site's sections; parents come first. weight is the
// share of articles, in percent.
var benchSections = []struct {
	slug, parent, tg, fa string
	weight               int
}{
	{"news", "", "Хабарҳо", "اخبار", 28},
	{"economy", "news", "Иқтисодиёт", "اقتصاد", 12},
	{"culture", "", "Фарҳанг", "فرهنگ", 10},
	{"heritage", "culture", "Мероси таърихӣ", "میراث فرهنگی", 8},
	{"music", "heritage", "Мусиқии классикӣ", "موسیقی سنتی", 6},
	{"tourism", "", "Сайёҳӣ", "گردشگری", 12},
	{"sport", "", "Варзиш", "ورزش", 14},
	{"education", "", "Маориф ва илм", "آموزش و دانش", 10},
}

var benchTgWords = strings.Fields(`ҳукумат ҷумҳурӣ вазорат фарҳанг сайёҳӣ мероси таърихӣ ҷавонон маориф донишгоҳ
иқтисодиёт сармоягузорӣ тиҷорат кишоварзӣ обу ҳаво кӯҳистон шаҳр деҳот мусиқӣ театр китобхона осорхона
ҷашнвора ҳамкорӣ байналмилалӣ нақша барнома лоиҳа сохтмон роҳ пул мактаб муаллимон донишҷӯён варзиш
футбол қаҳрамонӣ мусобиқа ғолиб намоишгоҳ рассомон шоирон адабиёт забон ҷаласа вохӯрӣ ҳайат меҳмонон
ҳунармандон бозор нарх содирот воридот нерӯ барқ обанбор ҷангал табиат ҳифз тандурустӣ беморхона
духтурон илм таҳқиқот Душанбе Хуҷанд Бохтар Кӯлоб Помир Зарафшон Ҳисор ва дар бо аз барои мебошад
гардид шуд баргузор мегардад иштирок кард қайд намуд изҳор дошт соли ҷорӣ имсол нахустин тоҷикон
рушд таъмин ташкил ба нақша гирифта шудааст`)

var benchFaWords = strings.Fields("همکاری\u200cهای می\u200cشود می\u200cکنند پژوهش\u200cگران دانش\u200cآموزان کتاب\u200cخانه نمایشگاه فرهنگی " +
	"گردشگری میراث تاریخی جوانان آموزش دانشگاه اقتصاد سرمایه\u200cگذاری بازرگانی کشاورزی آب\u200cوهوا کوهستان شهر " +
	"روستا موسیقی تئاتر موزه جشنواره بین\u200cالمللی برنامه طرح ساخت\u200cوساز جاده پل مدرسه آموزگاران دانشجویان " +
	"ورزش فوتبال قهرمانی مسابقه برنده هنرمندان شاعران ادبیات زبان نشست دیدار هیئت مهمانان صنعتگران بازار " +
	"قیمت صادرات واردات نیرو برق سد جنگل طبیعت نگه\u200cداری تندرستی بیمارستان پزشکان دانش تازه\u200cترین " +
	"گفت\u200cوگو برگزار خواهد شد است بود این آن در با از به برای دوشنبه خجند بختر کولاب پامیر زرافشان حصار " +
	"امسال نخستین تاجیکان پیشرفت فراهم سازمان\u200cدهی برنامه\u200cریزی شده\u200cاست می\u200cگیرد گفته\u200cاند")

var benchBylines = map[string][]string{
	"tg": {"Паёмнигор", "Хадамоти матбуот", "Раҳмон Шарипов", "Гулнора Ҳакимова", "Маркази иттилоотӣ", "Фирӯз Қодиров"},
	"fa": {"پیام\u200cنگار", "خدمات مطبوعاتی", "رحمان شریف\u200cپور", "گلناز حکیمی", "مرکز اطلاع\u200cرسانی", "فیروز قادری"},
}

// benchRecurring are titles real news sites publish again and again; their
// slugs get numeric suffixes.
var benchRecurring = map[string][]string{
	"tg": {"Пешгӯии обу ҳаво барои ҳафтаи оянда", "Қурби асъор имрӯз", "Ҷадвали бозиҳои ҳафта"},
	"fa": {"پیش\u200cبینی آب\u200cوهوا برای هفته\u200cی آینده", "نرخ ارز امروز", "برنامه\u200cی بازی\u200cهای هفته"},
}

// benchVocab is the words a generated text draws from: uniformly, or by
// the cumulative probabilities cum when they are set.
type benchVocab struct {
	words []string
	cum   []float64
}

func (v *benchVocab) pick(r *rand.Rand) string {
	if v.cum == nil {
		return v.words[r.IntN(len(v.words))]
	}
	i, _ := slices.BinarySearch(v.cum, r.Float64())
	return v.words[min(i, len(v.words)-1)]
}

// benchSite is a site being filled: its sections and pictures, and the
// generator's state.
type benchSite struct {
	r        *rand.Rand
	vocab    map[string]*benchVocab // by locale
	sections []uint                 // indexed like benchSections
	pictures []uint
	lastAt   time.Time
	ids      []uint
	// edit, when set, changes each generated article before it is saved.
	edit func(i, n int, in *models.ArticleInput)
}

func newBenchSite(ctx context.Context, store *models.Store) (*benchSite, error) {
	s := &benchSite{r: rand.New(rand.NewPCG(2025, 6)), vocab: map[string]*benchVocab{
		"tg": {words: benchTgWords}, "fa": {words: benchFaWords},
	}}
	bySlug := map[string]uint{}
	for i, sec := range benchSections {
		in := models.SectionInput{Slug: sec.slug, Position: i, Names: map[string]string{"tg": sec.tg, "fa": sec.fa}}
		if sec.parent != "" {
			p := bySlug[sec.parent]
			in.ParentID = &p
		}
		saved, err := store.SaveSection(ctx, in)
		if err != nil {
			return nil, err
		}
		bySlug[sec.slug] = saved.ID
		s.sections = append(s.sections, saved.ID)
	}
	for i := range 24 {
		hash := fmt.Sprintf("%064x", i+1)
		p := hash[:2] + "/" + hash
		m, err := store.SaveMedia(ctx, models.MediaInput{
			Hash: hash, Path: p + ".jpg", MimeType: "image/jpeg", Width: 1600, Height: 1067, ByteSize: 240_000,
			Variants: []models.MediaVariant{
				{Name: "thumbnail", Path: p + "-thumb.jpg", Width: 320, Height: 213, MimeType: "image/jpeg", ByteSize: 14_000},
				{Name: "medium", Path: p + "-medium.jpg", Width: 960, Height: 640, MimeType: "image/jpeg", ByteSize: 90_000},
			},
			Texts: map[string]models.MediaText{
				"tg": {Alt: "Манзараи " + benchTgWords[i], Caption: "Акс: Паёмнигор"},
				"fa": {Alt: "چشم\u200cانداز " + benchFaWords[i], Caption: "عکس: پیام\u200cنگار"},
			},
		})
		if err != nil {
			return nil, err
		}
		s.pictures = append(s.pictures, m.ID)
	}
	return s, nil
}

// seedBenchSite saves n articles, oldest first, through SaveArticle.
func seedBenchSite(ctx context.Context, store *models.Store, n int, progress func(done int)) error {
	s, err := newBenchSite(ctx, store)
	if err != nil {
		return err
	}
	return s.seed(ctx, store, n, progress)
}

// seed saves n articles, oldest first, through SaveArticle.
func (s *benchSite) seed(ctx context.Context, store *models.Store, n int, progress func(done int)) error {
	for i := range n {
		in := s.article(i, n)
		if s.edit != nil {
			s.edit(i, n, &in)
		}
		a, err := store.SaveArticle(ctx, in)
		if err != nil {
			return fmt.Errorf("article %d: %w", i, err)
		}
		s.ids = append(s.ids, a.ID)
		if progress != nil {
			progress(i + 1)
		}
	}
	return nil
}

// article makes the i-th of n articles: published at an even pace over the
// year before benchEnd with ±20 minutes of jitter, 5% in the same second as
// the one before, and the Persian translation 15% of the time up to two
// hours after the Tajik one.
func (s *benchSite) article(i, n int) models.ArticleInput {
	r := s.r
	year := 365 * 24 * time.Hour
	at := benchEnd.Add(-year + time.Duration(int64(year)*int64(i)/int64(n)))
	at = at.Add(time.Duration(r.IntN(40*60)-20*60) * time.Second).Truncate(time.Second)
	if (i > 0 && r.IntN(100) < 5) || at.After(benchEnd) {
		at = s.lastAt
	}
	if at.IsZero() || at.After(benchEnd) {
		at = benchEnd.Add(-year)
	}
	s.lastAt = at
	faAt := at
	if r.IntN(100) < 15 {
		faAt = at.Add(time.Duration(1+r.IntN(120)) * time.Minute)
		if faAt.After(benchEnd) {
			faAt = benchEnd
		}
	}
	shared := models.SharedInput{SectionID: s.sections[s.pickSection()]}
	if r.IntN(100) < 70 {
		shared.FeaturedMediaID = &s.pictures[r.IntN(len(s.pictures))]
	}
	if len(s.ids) > 10 && r.IntN(100) < 30 {
		window := s.ids[max(0, len(s.ids)-200):]
		seen := map[uint]bool{}
		for range 1 + r.IntN(3) {
			id := window[r.IntN(len(window))]
			if !seen[id] {
				seen[id] = true
				shared.Related = append(shared.Related, id)
			}
		}
	}
	recurring := -1
	if r.IntN(100) == 0 {
		recurring = r.IntN(len(benchRecurring["tg"]))
	}
	return models.ArticleInput{Shared: &shared, Translations: []models.TranslationInput{
		s.translation("tg", at, recurring),
		s.translation("fa", faAt, recurring),
	}}
}

func (s *benchSite) pickSection() int {
	n := s.r.IntN(100)
	for i, sec := range benchSections {
		if n < sec.weight {
			return i
		}
		n -= sec.weight
	}
	return 0
}

func (s *benchSite) translation(loc string, at time.Time, recurring int) models.TranslationInput {
	words := s.vocab[loc]
	title := s.sentence(words, 5, 9, "")
	if recurring >= 0 {
		title = benchRecurring[loc][recurring]
	}
	bylines := benchBylines[loc]
	return models.TranslationInput{
		Locale: loc, Status: models.StatusPublished, PublishedAt: &at,
		Title:    title,
		Summary:  s.sentence(words, 14, 24, ".") + " " + s.sentence(words, 10, 18, "."),
		BodyHTML: s.body(words, 3000+s.r.IntN(2001)),
		Byline:   bylines[s.r.IntN(len(bylines))],
	}
}

// sentence is min to max words, the first capitalised, ending in end.
func (s *benchSite) sentence(words *benchVocab, min, max int, end string) string {
	n := min + s.r.IntN(max-min+1)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = words.pick(s.r)
	}
	first := []rune(parts[0])
	parts[0] = strings.ToUpper(string(first[:1])) + string(first[1:])
	return strings.Join(parts, " ") + end
}

// body is HTML of paragraphs, subheadings, lists, quotes and links, within
// a few hundred bytes of target.
func (s *benchSite) body(words *benchVocab, target int) string {
	var b strings.Builder
	for b.Len() < target-200 {
		blk := s.block(words, b.Len() == 0)
		if b.Len()+len(blk) > target+300 {
			if b.Len() >= target-400 {
				break
			}
			continue
		}
		b.WriteString(blk)
	}
	return b.String()
}

func (s *benchSite) block(words *benchVocab, first bool) string {
	var b strings.Builder
	switch k := s.r.IntN(10); {
	case k == 0 && !first:
		b.WriteString("<h2>" + s.sentence(words, 3, 6, "") + "</h2>")
	case k == 1:
		b.WriteString("<ul>")
		for range 2 + s.r.IntN(3) {
			b.WriteString("<li>" + s.sentence(words, 4, 9, ";") + "</li>")
		}
		b.WriteString("</ul>")
	case k == 2:
		b.WriteString("<blockquote><p>«" + s.sentence(words, 8, 16, ".") + "»</p></blockquote>")
	case k == 3:
		fmt.Fprintf(&b, `<p>%s <a href="https://news.example.org/archive/%d">%s</a> %s</p>`,
			s.sentence(words, 6, 12, ","), s.r.IntN(100000), s.sentence(words, 2, 4, ""), s.sentence(words, 6, 12, "."))
	default:
		b.WriteString("<p>")
		for j := range 3 + s.r.IntN(4) {
			if j > 0 {
				b.WriteString(" ")
			}
			if s.r.IntN(8) == 0 {
				b.WriteString("<strong>" + s.sentence(words, 3, 6, "") + "</strong> ")
			}
			b.WriteString(s.sentence(words, 8, 18, "."))
		}
		b.WriteString("</p>")
	}
	return b.String()
}
