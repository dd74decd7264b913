package wpimport

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/internal/netguard"
	"github.com/payvand/payvand/models"
)

// oldSite is a WordPress site on loopback: its uploads folder served as
// files, and a few addresses that misbehave.
type oldSite struct {
	*httptest.Server
	requests  atomic.Int32
	userAgent atomic.Value
}

const testUploadLimit = 64 << 10

func newOldSite(t *testing.T, uploads string) *oldSite {
	t.Helper()
	site := &oldSite{}
	stop := make(chan struct{})
	mux := http.NewServeMux()
	mux.Handle("/wp-content/uploads/", http.StripPrefix("/wp-content/uploads/", http.FileServer(http.Dir(uploads))))
	// Past the limit without saying so: no Content-Length, chunks.
	mux.HandleFunc("/huge.jpg", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/jpeg")
		chunk := make([]byte, 8<<10)
		for range 2 * testUploadLimit / len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	})
	// Past the limit and saying so.
	mux.HandleFunc("/declared.jpg", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(10*testUploadLimit))
		w.WriteHeader(http.StatusOK)
	})
	// No answer at all, until the client gives up.
	mux.HandleFunc("/silent.jpg", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-stop:
		}
	})
	// Headers, a little of the body, then nothing.
	mux.HandleFunc("/trickle.jpg", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte{0xff, 0xd8, 0xff})
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-stop:
		}
	})
	site.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		site.requests.Add(1)
		site.userAgent.Store(r.UserAgent())
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(func() { close(stop); site.Close() })
	return site
}

// fastFetch keeps the misbehaving addresses' waits short.
func fastFetch(allowPrivate bool) FetchOptions {
	return FetchOptions{AllowPrivate: allowPrivate, ConnectTimeout: time.Second, HeaderTimeout: 300 * time.Millisecond,
		FileTimeout: 600 * time.Millisecond, Retries: -1}
}

func fetchOptions(t *testing.T, allowPrivate bool) Options {
	t.Helper()
	files, err := media.NewFSStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return Options{FetchMedia: true, Fetch: fastFetch(allowPrivate), Media: files,
		Processor: media.NewProcessor(media.Config{MaxBytes: testUploadLimit})}
}

func missingLines(rep *Report) map[int]string {
	out := map[int]string{}
	for _, n := range rep.MissingMedia {
		out[n.PostID] = n.Message
	}
	return out
}

func TestFetchMediaDownloadsFromTheOldSite(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	served := t.TempDir()
	writePicture(t, served, "2024/01/کوه.jpg", true, 10)
	writePicture(t, served, "2024/02/river.png", false, 200)
	writePicture(t, served, "2024/02/not-a-picture.jpg", false, 0)
	os.WriteFile(filepath.Join(served, "2024", "02", "not-a-picture.jpg"), []byte("<html>moved</html>"), 0o644)
	site := newOldSite(t, served)
	base := site.URL + "/wp-content/uploads/"
	data := mediaExport(
		mediaAttachment(100, base+"2024/01/%DA%A9%D9%88%D9%87.jpg", "fa", "کوه", ""),
		mediaAttachment(101, base+"2024/02/river.png", "", "River", ""),
		mediaAttachment(102, base+"2024/03/gone.jpg", "", "", ""),
		mediaAttachment(103, site.URL+"/huge.jpg", "", "", ""),
		mediaAttachment(104, site.URL+"/declared.jpg", "", "", ""),
		mediaAttachment(105, site.URL+"/silent.jpg", "", "", ""),
		mediaAttachment(106, site.URL+"/trickle.jpg", "", "", ""),
		mediaAttachment(107, base+"2024/02/not-a-picture.jpg", "", "", ""),
		mediaAttachment(108, "ftp://"+strings.TrimPrefix(site.URL, "http://")+"/x.jpg", "", "", ""),
		mediaPost(1, "fa", 100),
		mediaPost(2, "fa", 105),
	)

	// A dry run downloads nothing, and says how many it would.
	dry := fetchOptions(t, true)
	dry.DryRun = true
	rep := run(t, s, data, dry)
	if n := site.requests.Load(); n != 0 {
		t.Errorf("the dry run made %d requests", n)
	}
	if rep.Media.Imported != 8 || rep.Media.Downloaded != 8 || rep.Media.Missing != 1 {
		t.Errorf("dry media = %+v", rep.Media)
	}

	rep = run(t, s, data, fetchOptions(t, true))
	if rep.Media != (MediaCounts{Imported: 2, Downloaded: 2, Missing: 6, Failed: 1}) {
		t.Errorf("media = %+v; missing %+v; warnings %+v", rep.Media, rep.MissingMedia, rep.Warnings)
	}
	missing := missingLines(rep)
	for id, want := range map[int]string{
		102: "HTTP 404",
		103: fmt.Sprintf("larger than the upload limit of %d bytes", testUploadLimit),
		104: fmt.Sprintf("larger than the upload limit of %d bytes", testUploadLimit),
		105: "timeout awaiting response headers",
		106: "not downloaded within 600ms",
		108: "not an http or https",
	} {
		if !strings.Contains(missing[id], want) {
			t.Errorf("attachment %d missing as %q, want it to say %q", id, missing[id], want)
		}
	}
	if ua, _ := site.userAgent.Load().(string); !strings.Contains(ua, "Payvand") {
		t.Errorf("User-Agent %q does not name Payvand", ua)
	}
	mountain := articleOf(t, s, 1)
	if mountain.FeaturedMediaID == nil {
		t.Fatal("post 1 has no featured picture")
	}
	m, err := s.FindMedia(ctx, *mountain.FeaturedMediaID)
	if err != nil {
		t.Fatal(err)
	}
	if m.MimeType != "image/jpeg" || m.Width != 64 || m.Text("fa").Alt != "کوه" || m.OriginalName != "کوه.jpg" {
		t.Errorf("media = %+v", m)
	}

	// Again: the downloaded pictures are remembered, not downloaded twice.
	before := site.requests.Load()
	rep = run(t, s, data, fetchOptions(t, true))
	if rep.Media.Unchanged != 2 || rep.Media.Downloaded != 0 {
		t.Errorf("re-run media = %+v", rep.Media)
	}
	if n := site.requests.Load() - before; n != 6 {
		t.Errorf("the re-run made %d requests, want 6 (the missing ones, tried again)", n)
	}
}

// Without --fetch-allow-private the old site on loopback is refused when
// connecting; the report names the address, and the run goes on.
func TestFetchMediaRefusesPrivateAddresses(t *testing.T) {
	s := newStore(t)
	served := t.TempDir()
	writePicture(t, served, "2024/01/a.jpg", true, 10)
	site := newOldSite(t, served)
	for _, host := range []string{"127.0.0.1", "localhost"} {
		t.Run(host, func(t *testing.T) {
			u := strings.Replace(site.URL, "127.0.0.1", host, 1) + "/wp-content/uploads/2024/01/a.jpg"
			rep := run(t, s, mediaExport(mediaAttachment(100, u, "", "", ""), mediaPost(1, "fa", 100)), fetchOptions(t, false))
			line := missingLines(rep)[100]
			if rep.Media.Missing != 1 || !strings.Contains(line, "refused: 127.0.0.1 is in the non-public range") || !strings.Contains(line, "--fetch-allow-private") {
				t.Errorf("media %+v, missing line %q", rep.Media, line)
			}
			if rep.Articles.Created+rep.Articles.Unchanged != 1 {
				t.Errorf("articles = %+v", rep.Articles)
			}
		})
	}
	if n := site.requests.Load(); n != 0 {
		t.Errorf("the loopback site got %d requests", n)
	}
}

// Where the uploads folder has the file it wins; the old site is asked
// only for the others.
func TestUploadsFolderWinsOverFetching(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	uploads, served := t.TempDir(), t.TempDir()
	writePicture(t, uploads, "2024/01/a.jpg", true, 10)
	writePicture(t, served, "2024/01/a.jpg", true, 200)
	writePicture(t, served, "2024/01/b.png", false, 90)
	site := newOldSite(t, served)
	base := site.URL + "/wp-content/uploads/"
	opts := fetchOptions(t, true)
	opts.Uploads = uploads
	rep := run(t, s, mediaExport(
		mediaAttachment(100, base+"2024/01/a.jpg", "", "", ""),
		mediaAttachment(101, base+"2024/01/b.png", "", "", ""),
		mediaAttachment(102, base+"2024/01/c.png", "", "", ""),
	), opts)
	if rep.Media != (MediaCounts{Imported: 2, Downloaded: 1, Missing: 1}) {
		t.Errorf("media = %+v", rep.Media)
	}
	if n := site.requests.Load(); n != 2 {
		t.Errorf("the old site got %d requests, want 2 (b.png and c.png)", n)
	}
	line := missingLines(rep)[102]
	if !strings.Contains(line, "no file "+filepath.Join(uploads, "2024", "01", "c.png")) || !strings.Contains(line, "HTTP 404") {
		t.Errorf("missing line %q does not say both where it was looked for", line)
	}
	list, err := s.ListMedia(ctx, models.MediaQuery{})
	if err != nil || len(list.Items) != 2 {
		t.Fatalf("media %v, %v", list, err)
	}
}

// publicOrigin dials as the guard's dialer does, except that origin, a
// public address, is connected to on loopback: the site stands in for one
// on the internet, while every other address (a redirect's) meets the
// real guard.
func publicOrigin(f *fetcher, origin, loopback string) {
	guarded := netguard.Dialer(time.Second, false)
	plain := &net.Dialer{Timeout: time.Second}
	f.client.Transport.(*http.Transport).DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if addr == origin {
			return plain.DialContext(ctx, network, loopback)
		}
		return guarded.DialContext(ctx, network, addr)
	}
}

func TestFetcherRedirects(t *testing.T) {
	const origin = "203.0.113.7:80" // TEST-NET-3: public to the guard
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ok":
			w.Write([]byte("picture bytes"))
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		default: // /to?url
			http.Redirect(w, r, r.URL.RawQuery, http.StatusMovedPermanently)
		}
	}))
	defer site.Close()
	loopback := strings.TrimPrefix(site.URL, "http://")
	for _, tc := range []struct {
		name, path, want string
	}{
		{"a redirect on the same site is followed", "/to?/ok", ""},
		{"a redirect to loopback is refused", "/to?http://" + loopback + "/ok", "refused: 127.0.0.1 is in the non-public range"},
		{"a redirect to the metadata service is refused", "/to?http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254"},
		{"a redirect to another scheme is refused", "/to?file:///etc/passwd", "not an http or https address"},
		{"redirects are followed a few times only", "/loop", "more than 5 redirects"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFetcher(FetchOptions{Retries: -1}, 1<<20)
			publicOrigin(f, origin, loopback)
			u, err := url.Parse("http://203.0.113.7" + tc.path)
			if err != nil {
				t.Fatal(err)
			}
			body, err := f.open(context.Background(), u)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				body.Close()
				return
			}
			var miss *missingFile
			if !errors.As(err, &miss) || !strings.Contains(miss.why, tc.want) {
				t.Errorf("err = %v, want a missing file saying %q", err, tc.want)
			}
		})
	}
}

// A 503 is tried again (with a wait), a 404 is not.
func TestFetcherRetriesOnlyTransientFailures(t *testing.T) {
	for _, tc := range []struct {
		name     string
		first    int
		requests int32
		ok       bool
	}{
		{"unavailable, then served", http.StatusServiceUnavailable, 2, true},
		{"not found", http.StatusNotFound, 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var n atomic.Int32
			site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) == 1 {
					w.WriteHeader(tc.first)
					return
				}
				w.Write([]byte("picture bytes"))
			}))
			defer site.Close()
			f := newFetcher(FetchOptions{AllowPrivate: true, Retries: 2, RetryWait: time.Millisecond}, 1<<20)
			u, _ := url.Parse(site.URL + "/a.jpg")
			body, err := f.open(context.Background(), u)
			if (err == nil) != tc.ok {
				t.Errorf("err = %v", err)
			}
			if body != nil {
				body.Close()
			}
			if got := n.Load(); got != tc.requests {
				t.Errorf("%d requests, want %d", got, tc.requests)
			}
		})
	}
}
