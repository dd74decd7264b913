package admin_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/admin"
	"github.com/payvand/payvand/api"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/internal/server"
	"github.com/payvand/payvand/internal/testdb"
	"github.com/payvand/payvand/internal/viewcount"
	"github.com/payvand/payvand/models"
)

var (
	csrfField    = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)
	originalPath = regexp.MustCompile(`data-testid="path-original" value="([^"]+)"|value="([^"]+)"[^>]*data-testid="path-original"`)
)

// TestUploadedPictureIsServedByTheAPI uploads through the admin of the
// whole server, as serve wires it, and fetches the address the picture's
// page shows: the API must serve it from the same store, cacheable for
// ever and never sniffed as another type.
func TestUploadedPictureIsServedByTheAPI(t *testing.T) {
	ctx := context.Background()
	store, err := models.Open(ctx, models.Options{Database: testdb.URL(t), Locales: locale.MustParse("tg,fa")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if _, err := store.CreateUser(ctx, models.UserInput{Email: "editor@example.com", Role: models.RoleEditor, Password: "correct horse battery"}); err != nil {
		t.Fatal(err)
	}
	files, err := media.NewFSStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	views := viewcount.New(store, viewcount.Options{Window: time.Minute, FlushEvery: time.Hour})
	t.Cleanup(func() { views.Close(ctx) })
	adminUI, err := admin.New(admin.Options{Store: store, Logger: log, Media: files})
	if err != nil {
		t.Fatal(err)
	}
	router, err := server.NewRouter(server.Options{
		API:   api.New(api.Options{Store: store, Views: views, Media: files, Logger: log}),
		Admin: adminUI, Logger: log,
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(router)
	t.Cleanup(srv.Close)

	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second}
	token := func(path string) string {
		body := fetch(t, c, srv.URL+path)
		m := csrfField.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("%s has no CSRF token", path)
		}
		return m[1]
	}
	login := url.Values{"email": {"editor@example.com"}, "password": {"correct horse battery"}, "csrf_token": {token("/admin/login")}}
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/admin/login", strings.NewReader(login.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", srv.URL)
	do(t, c, req)

	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, _ := w.CreateFormFile("file", "square.jpg")
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	img.Set(0, 0, color.White)
	_ = jpeg.Encode(part, img, nil)
	_ = w.Close()
	req, _ = http.NewRequest(http.MethodPost, srv.URL+"/admin/media", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("X-CSRF-Token", token("/admin/media"))
	req.Header.Set("Origin", srv.URL)
	page := do(t, c, req) // the client follows the 303 to the picture's page
	m := originalPath.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the picture's page shows no original path:\n%s", page)
	}
	path := m[1] + m[2]

	resp, err := c.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	served, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !bytes.HasPrefix(served, []byte("\xff\xd8\xff")) {
		t.Fatalf("GET %s: %d, %d bytes", path, resp.StatusCode, len(served))
	}
	for header, want := range map[string]string{
		"Content-Type": "image/jpeg", "Cache-Control": "public, max-age=31536000, immutable", "X-Content-Type-Options": "nosniff",
	} {
		if got := resp.Header.Get(header); got != want {
			t.Errorf("%s = %q, want %q", header, got, want)
		}
	}
}

func fetch(t *testing.T, c *http.Client, u string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	return do(t, c, req)
}

func do(t *testing.T, c *http.Client, req *http.Request) string {
	t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: %d", req.Method, req.URL.Path, resp.StatusCode)
	}
	return string(b)
}
