package api

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/klauspost/compress/gzhttp"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/sitemap"
	"github.com/payvand/payvand/internal/siteurl"
	"github.com/payvand/payvand/models"
)

// BenchmarkSitemap measures the sitemaps over the 10,000-article dataset
// (every article in tg and fa: 20,000 article URLs, each with two
// alternates and x-default, 70 % with a picture; PAYVAND_BENCH_ARTICLES=25000
// makes it 50,000), with the clock an hour
// after the newest article so the news sitemap has its two days.
//
//   - file: one article file of 10,000 URLs, streamed, plain and gzip
//     (gzhttp with the server's options). B/largest-write is the most
//     the handler passed on at once: the file leaves in buffer-sized
//     pieces, never whole.
//   - file-size=N: the same id range cut into files of N ids, to show a
//     file's cost is linear in its URLs (so 50,000 URLs cost five files).
//   - not-modified: a conditional GET answered 304 from the stamp query.
//   - index, news: cache off (the cache keeps them between changes).
//   - whole: the index and every file it lists, as a crawler reads them.
//
// cpu-ms/op is the process's CPU time (user and system) per operation: on
// a shared machine it moves much less than the wall time does.
func BenchmarkSitemap(b *testing.B) {
	d := loadBenchDataset(b)
	store := sitemapBenchStore(b, d)
	h := sitemapBenchRouter(b, store, 0)
	zipped := gzhttp.GzipHandler(h)
	etag := benchGET(h, "/sitemaps/tg-1.xml").Header().Get("ETag")
	index := benchGET(h, "/sitemap.xml").Body.String()
	var whole []string
	for _, part := range strings.Split(index, "<loc>")[1:] {
		whole = append(whole, strings.TrimPrefix(part[:strings.Index(part, "</loc>")], testSiteURL))
	}
	cases := []struct {
		name   string
		h      http.Handler
		paths  []string
		header http.Header
		status int
	}{
		{"file", h, []string{"/sitemaps/tg-1.xml"}, nil, http.StatusOK},
		{"file-gzip", zipped, []string{"/sitemaps/tg-1.xml"}, http.Header{"Accept-Encoding": {"gzip"}}, http.StatusOK},
		{"not-modified", h, []string{"/sitemaps/tg-1.xml"}, http.Header{"If-None-Match": {etag}}, http.StatusNotModified},
		{"index", h, []string{"/sitemap.xml"}, nil, http.StatusOK},
		{"news", h, []string{"/sitemaps/news.xml"}, nil, http.StatusOK},
		{"whole", h, whole, nil, http.StatusOK},
	}
	for _, size := range []uint{2500, 5000} {
		sized := sitemapBenchRouter(b, store, size)
		var paths []string
		for n := uint(1); n <= sitemap.MaxURLsPerFile/size; n++ {
			paths = append(paths, "/sitemaps/tg-"+formatUint(n)+".xml")
		}
		cases = append(cases, struct {
			name   string
			h      http.Handler
			paths  []string
			header http.Header
			status int
		}{fmt.Sprintf("file-size=%d", size), sized, paths, nil, http.StatusOK})
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var bytes, urls int64
			largest := 0
			b.ReportAllocs()
			cpu := processCPU()
			for b.Loop() {
				bytes, urls, largest = 0, 0, 0
				for _, p := range c.paths {
					w := &countingWriter{header: http.Header{}}
					req := httptest.NewRequest(http.MethodGet, p, nil)
					for k, v := range c.header {
						req.Header[k] = v
					}
					c.h.ServeHTTP(w, req)
					if w.status != c.status {
						b.Fatalf("GET %s = %d, want %d", p, w.status, c.status)
					}
					bytes += w.bytes
					urls += int64(w.urls)
					largest = max(largest, w.largest)
				}
			}
			b.ReportMetric(float64(bytes)/float64(len(c.paths)), "B/file")
			b.ReportMetric(float64(urls)/float64(len(c.paths)), "urls/file")
			b.ReportMetric(float64(largest), "B/largest-write")
			b.ReportMetric(float64(processCPU()-cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		})
	}
}

// countingWriter is a ResponseWriter that keeps nothing: it counts the
// bytes and <url> entries written, so -benchmem shows what the handler
// itself holds, not a recorder's copy of the body. (For a gzip answer the
// count of entries is 0: they are compressed.)
type countingWriter struct {
	header http.Header
	status int
	bytes  int64
	urls   int
	// largest is the longest single write: how much of the file the
	// handler held before passing it on.
	largest int
}

func (w *countingWriter) Header() http.Header { return w.header }
func (w *countingWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	w.bytes += int64(len(p))
	w.largest = max(w.largest, len(p))
	w.urls += strings.Count(string(p), "<url>")
	return len(p), nil
}

// sitemapBenchStore opens the dataset again with the clock an hour after
// its newest article.
func sitemapBenchStore(b *testing.B, d *benchDataset) *models.Store {
	b.Helper()
	newest, _, err := d.store.ListPublicArticles(context.Background(), models.ListQuery{Locale: "tg", Limit: 1})
	if err != nil || len(newest) == 0 {
		b.Fatalf("newest article: %v", err)
	}
	at := newest[0].Translation.PublishedAt.Add(time.Hour)
	store, err := models.Open(context.Background(), models.Options{Path: d.path, Locales: locale.MustParse("tg,fa"),
		Now: func() time.Time { return at }})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	return store
}

// sitemapBenchRouter serves the sitemaps of store with the response cache
// off; size 0 is the real file size.
func sitemapBenchRouter(b *testing.B, store *models.Store, size uint) *gin.Engine {
	b.Helper()
	gin.SetMode(gin.ReleaseMode)
	site, err := siteurl.New(testSiteURL, siteurl.Patterns{Article: siteurl.DefaultArticlePath, Section: siteurl.DefaultSectionPath, Tag: siteurl.DefaultTagPath})
	if err != nil {
		b.Fatal(err)
	}
	a := New(Options{Store: store, PublicURL: testBaseURL, CacheControl: "public, max-age=60", SiteURLs: site,
		SitemapFileSize: size, Logger: slog.New(slog.DiscardHandler)})
	r := gin.New()
	a.Register(r)
	return r
}
