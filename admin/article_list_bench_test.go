//go:build unix

package admin

// The article list benchmark: GET /admin, signed in, over 10,000 articles in
// Tajik and Persian (some drafts, some scheduled, some Tajik only, a few in
// the trash), with 3–5 KB bodies so table rows are as large as a real
// site's. The goal is under 50 ms of server time per page; see
// docs/BENCHMARKS.md ("Admin article list") for the command and numbers.
//
// The dataset is built through models.Store.SaveArticle, the one write
// path, once per version of the generator and of the schema, into a file in
// os.TempDir(); later runs reuse it. TestArticleListBenchSmall runs the
// generator and every benchmark address on 80 articles, so this file cannot
// rot between benchmark runs.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
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
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/testdb"
	"github.com/payvand/payvand/models"
)

const (
	listBenchArticles = 10000
	// listBenchVersion names the generator; change it when the generated
	// content changes so a cached dataset is rebuilt.
	listBenchVersion = "admin-list-v1"
	listBenchEmail   = "bench@example.com"
)

// listBenchStart is the first article's update time; each later article is
// saved a minute after the one before. It is in the past, so every published
// translation is public under the real clock, except the scheduled ones,
// which are set in 2100.
var listBenchStart = time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC)

// listBenchCases are the addresses the benchmark renders.
var listBenchCases = []struct{ name, path string }{
	{"first-page", "/admin/articles"},
	{"page-100", "/admin/articles?page=100"},
	{"missing-fa", "/admin/articles?missing=fa"},
	{"search", "/admin/articles?q=" + url.QueryEscape("Хуҷанд")},
	{"search-fa-page-3", "/admin/articles?page=3&q=" + url.QueryEscape("نمایشگاه")},
	{"status-scheduled", "/admin/articles?status=scheduled"},
	{"section", "/admin/articles?section=2"},
}

var (
	listBenchOnce  sync.Once
	listBenchStore *models.Store
	listBenchErr   error
)

// BenchmarkArticleList renders GET /admin through the admin's router with
// a signed-in session: session load, user check, the list's queries and the
// templ rendering, everything but the network.
func BenchmarkArticleList(b *testing.B) {
	if testing.Short() {
		b.Skip("the 10,000-article dataset is not built under -short")
	}
	listBenchOnce.Do(func() { listBenchStore, listBenchErr = openListBenchDataset() })
	if listBenchErr != nil {
		b.Fatal(listBenchErr)
	}
	h, cookie, err := listBenchRouter(listBenchStore)
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range listBenchCases {
		b.Run(bc.name, func(b *testing.B) {
			if rec := listBenchGET(h, cookie, bc.path); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `data-testid="article-`) {
				b.Fatalf("GET %s = %d, or no rows", bc.path, rec.Code)
			}
			b.ReportAllocs()
			cpu := processCPU()
			for b.Loop() {
				listBenchGET(h, cookie, bc.path)
			}
			b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

// TestArticleListBenchSmall builds the benchmark's site on 80 articles and
// checks that every benchmark address lists rows.
func TestArticleListBenchSmall(t *testing.T) {
	store, err := models.Open(context.Background(), models.Options{Database: testdb.URL(t), Locales: locale.MustParse("tg,fa")})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if err := seedListBench(context.Background(), store, 80); err != nil {
		t.Fatal(err)
	}
	h, cookie, err := listBenchRouter(store)
	if err != nil {
		t.Fatal(err)
	}
	for _, bc := range listBenchCases {
		rec := listBenchGET(h, cookie, bc.path)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `data-testid="article-`) {
			t.Errorf("GET %s = %d, or no rows", bc.path, rec.Code)
		}
	}
}

// processCPU is the CPU time the process has used, user and system, in
// nanoseconds. Reported beside ns/op, it tells the work a request costs from
// the time other programs on a busy machine took from it.
func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func listBenchGET(h http.Handler, cookie *http.Cookie, path string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.AddCookie(cookie)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// listBenchRouter is the admin over store, as newTestEnv sets it up, and
// the session cookie of the benchmark account, signed in once.
func listBenchRouter(store *models.Store) (http.Handler, *http.Cookie, error) {
	a, err := New(Options{Store: store, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return nil, nil, err
	}
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	a.Register(r)
	r.NoRoute(a.NoRoute)

	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/admin/login", nil))
	token := csrfPattern.FindStringSubmatch(rec.Body.String())
	cookies := rec.Result().Cookies()
	if token == nil || len(cookies) == 0 {
		return nil, nil, errors.New("the sign-in page gave no CSRF token or session")
	}
	form := url.Values{"email": {listBenchEmail}, "password": {testPassword}, "csrf_token": {token[1]}}
	req := httptest.NewRequest(http.MethodPost, "/admin/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(cookies[0])
	rec = httptest.NewRecorder()
	r.ServeHTTP(rec, req)
	cookies = rec.Result().Cookies()
	if rec.Code != http.StatusSeeOther || len(cookies) == 0 {
		return nil, nil, fmt.Errorf("sign in: %d", rec.Code)
	}
	return r, cookies[0], nil
}

// openListBenchDataset opens the cached dataset, building it first when
// there is none for this generator and schema.
func openListBenchDataset() (*models.Store, error) {
	path, err := listBenchDataset()
	if err != nil {
		return nil, err
	}
	return models.Open(context.Background(), models.Options{Path: path, Locales: locale.MustParse("tg,fa")})
}

// listBenchDataset returns the cached dataset's file, building it first
// when there is none for this generator and schema.
func listBenchDataset() (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%d\n", listBenchVersion, listBenchArticles)
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
	dir := filepath.Join(os.TempDir(), "payvand-bench")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, "admin-list-"+hex.EncodeToString(h.Sum(nil))[:16]+".db")
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if err := buildListBench(path); err != nil {
			return "", err
		}
	} else if err != nil {
		return "", err
	} else {
		fmt.Fprintf(os.Stderr, "bench: reusing %s\n", path)
	}
	return path, nil
}

// buildListBench writes the dataset beside path and renames it into place,
// so a build that dies leaves no half dataset.
func buildListBench(path string) error {
	tmp := fmt.Sprintf("%s.tmp-%d", path, os.Getpid())
	now := listBenchStart
	store, err := models.Open(context.Background(), models.Options{
		Path: tmp, Locales: locale.MustParse("tg,fa"), Now: func() time.Time { return now },
	})
	if err != nil {
		return err
	}
	start := time.Now()
	err = seedListBenchClock(context.Background(), store, listBenchArticles, func(i int) { now = listBenchStart.Add(time.Duration(i) * time.Minute) })
	if cerr := store.Close(); err == nil {
		err = cerr // closing the last connection checkpoints the WAL
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	fmt.Fprintf(os.Stderr, "bench: built %d articles through SaveArticle in %.1f s at %s\n", listBenchArticles, time.Since(start).Seconds(), path)
	return os.Rename(tmp, path)
}

func seedListBench(ctx context.Context, store *models.Store, n int) error {
	return seedListBenchClock(ctx, store, n, func(int) {})
}

// seedListBenchClock writes the benchmark account, 8 sections two levels
// deep and n articles; tick(i) is called before article i is saved, to set
// the store's clock.
func seedListBenchClock(ctx context.Context, store *models.Store, n int, tick func(int)) error {
	if _, err := store.CreateUser(ctx, models.UserInput{Email: listBenchEmail, Role: models.RoleEditor, Password: testPassword}); err != nil {
		return err
	}
	var sections []uint
	for i, names := range listBenchSections {
		var parent *uint
		if i >= 4 {
			parent = &sections[i-4]
		}
		sec, err := store.SaveSection(ctx, models.SectionInput{Slug: fmt.Sprintf("section-%d", i+1), Position: i, ParentID: parent, Names: map[string]string{"tg": names[0], "fa": names[1]}})
		if err != nil {
			return err
		}
		sections = append(sections, sec.ID)
	}
	r := rand.New(rand.NewPCG(11, 17))
	for i := range n {
		tick(i)
		a, err := store.SaveArticle(ctx, listBenchArticle(r, i, sections[r.IntN(len(sections))]))
		if err != nil {
			return fmt.Errorf("article %d: %w", i, err)
		}
		if i%250 == 249 {
			if err := store.TrashArticle(ctx, a.ID); err != nil {
				return err
			}
		}
		if i%1000 == 999 {
			fmt.Fprintf(os.Stderr, "bench: %d/%d articles saved\n", i+1, n)
		}
	}
	return nil
}

// listBenchArticle is the i-th article: Tajik always (a draft one time in
// nine, scheduled one time in fifty), Persian four times in five (a draft
// one time in seven).
func listBenchArticle(r *rand.Rand, i int, section uint) models.ArticleInput {
	at := listBenchStart.Add(time.Duration(i) * time.Minute)
	tg := listBenchTranslation(r, "tg", listBenchTG, at, i%9 == 4)
	if i%50 == 7 {
		future := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
		tg.PublishedAt = &future
	}
	in := models.ArticleInput{Shared: &models.SharedInput{SectionID: section}, Translations: []models.TranslationInput{tg}}
	if i%5 != 0 {
		in.Translations = append(in.Translations, listBenchTranslation(r, "fa", listBenchFA, at, i%7 == 3))
	}
	return in
}

func listBenchTranslation(r *rand.Rand, loc string, words []string, at time.Time, draft bool) models.TranslationInput {
	pick := func(n int) string {
		out := make([]string, n)
		for j := range out {
			out[j] = words[r.IntN(len(words))]
		}
		return strings.Join(out, " ")
	}
	var body strings.Builder
	for body.Len() < 3000+r.IntN(2000) {
		body.WriteString("<p>" + pick(40) + ".</p>")
	}
	t := models.TranslationInput{Locale: loc, Status: models.StatusPublished, PublishedAt: &at, Title: pick(6 + r.IntN(5)), Summary: pick(20), BodyHTML: body.String()}
	if draft {
		t.Status, t.PublishedAt = models.StatusDraft, nil
	}
	return t
}

var listBenchSections = [][2]string{
	{"Сиёсат", "سیاست"}, {"Иқтисод", "اقتصاد"}, {"Фарҳанг", "فرهنگ"}, {"Варзиш", "ورزش"},
	{"Ҳукумат", "دولت"}, {"Бозор", "بازار"}, {"Китоб", "کتاب"}, {"Футбол", "فوتبال"},
}

var listBenchTG = strings.Fields(`Душанбе Хуҷанд Хоруғ Кӯлоб Бохтар ҳукумат фарҳанг варзиш иқтисод мактаб
донишгоҳ кӯҳистон барқ обанбор ҷашнвора китоб сайёҳӣ тиҷорат деҳқонон ҳосил пахта роҳи оҳан нерӯгоҳ
намоишгоҳ вазорат ҷавонон мусиқӣ театр осорхона шаҳр деҳа дарё кӯҳ баҳор тобистон тирамоҳ зимистон
нав калон хурд хуб аввалин байналмилалӣ миллӣ ҷумҳурӣ вохӯрӣ ҳамкорӣ сохтмон`)

var listBenchFA = strings.Fields(`دوشنبه خجند خاروغ کولاب بختر دولت فرهنگ ورزش اقتصاد مدرسه دانشگاه
کوهستان برق سد جشنواره کتاب گردشگری بازرگانی کشاورزان محصول پنبه راه‌آهن نیروگاه نمایشگاه وزارت
جوانان موسیقی تئاتر موزه شهر روستا رود کوه بهار تابستان پاییز زمستان تازه بزرگ کوچک خوب نخستین
بین‌المللی ملی جمهوری دیدار همکاری ساخت‌وساز برگزار می‌شود`)
