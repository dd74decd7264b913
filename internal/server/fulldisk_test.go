package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/admin"
	"github.com/payvand/payvand/api"
	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/internal/tmpfs"
	"github.com/payvand/payvand/internal/viewcount"
	"github.com/payvand/payvand/models"
)

const fullDiskPassword = "correct horse battery"

// fullDiskSite is the whole server over a data folder on a small tmpfs,
// or over another folder and media store (newSite).
type fullDiskSite struct {
	t       *testing.T
	dir     string
	store   *models.Store
	media   media.Store
	url     string
	article uint
}

func newFullDiskSite(t *testing.T) *fullDiskSite {
	t.Helper()
	dir := tmpfs.Mount(t, "8m")
	files, err := media.NewFSStore(filepath.Join(dir, "media"))
	if err != nil {
		t.Fatal(err)
	}
	return newSite(t, dir, files)
}

// newSite runs the whole server with its database in dir and its media in
// files, with an admin account and one published article.
func newSite(t *testing.T, dir string, files media.Store) *fullDiskSite {
	t.Helper()
	ctx := context.Background()
	store, err := models.Open(ctx, models.Options{Path: filepath.Join(dir, "payvand.db"), Locales: locale.MustParse("tg,fa")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if _, err := store.CreateUser(ctx, models.UserInput{Email: "admin@example.com", Role: models.RoleAdmin, Password: fullDiskPassword}); err != nil {
		t.Fatal(err)
	}
	sec, err := store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабар", "fa": "خبر"}})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(-time.Hour)
	art, err := store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID}, Translations: []models.TranslationInput{
		{Locale: "tg", Status: models.StatusPublished, PublishedAt: &at, Title: "Хабари аввал", BodyHTML: "<p>Матн</p>"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	views := viewcount.New(store, viewcount.Options{Window: time.Hour, FlushEvery: time.Hour})
	t.Cleanup(func() { views.Close(context.Background()) })
	srv := httptest.NewUnstartedServer(nil)
	publicURL := "http://" + srv.Listener.Addr().String()
	adminUI, err := admin.New(admin.Options{Store: store, PublicURL: publicURL, Logger: log, Media: files})
	if err != nil {
		t.Fatal(err)
	}
	router, err := NewRouter(Options{
		API:   api.New(api.Options{Store: store, PublicURL: publicURL, Views: views, Media: files, Logger: log}),
		Admin: adminUI, Logger: log,
	})
	if err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler = router
	srv.Start()
	t.Cleanup(srv.Close)
	return &fullDiskSite{t: t, dir: dir, store: store, media: files, url: publicURL, article: art.ID}
}

// browser is a cookie-keeping client that does not follow redirects.
func (s *fullDiskSite) browser() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

var csrfField = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// page fetches an admin page and returns its body and CSRF token.
func (s *fullDiskSite) page(c *http.Client, path string) (string, string) {
	s.t.Helper()
	resp, err := c.Get(s.url + path)
	if err != nil {
		s.t.Fatal(err)
	}
	body := readBody(s.t, resp)
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		s.t.Fatalf("GET %s (%d) has no CSRF token", path, resp.StatusCode)
	}
	return body, m[1]
}

func (s *fullDiskSite) signIn(c *http.Client) *http.Response {
	s.t.Helper()
	_, token := s.page(c, "/admin/login")
	resp, err := c.PostForm(s.url+"/admin/login", url.Values{"email": {"admin@example.com"}, "password": {fullDiskPassword}, "csrf_token": {token}})
	if err != nil {
		s.t.Fatal(err)
	}
	return resp
}

// savePane saves the tg pane the way the editor's htmx form does.
func (s *fullDiskSite) savePane(c *http.Client, title string) (*http.Response, string) {
	s.t.Helper()
	_, token := s.page(c, fmt.Sprintf("/admin/articles/%d", s.article))
	art, err := s.store.FindArticle(context.Background(), s.article)
	if err != nil {
		s.t.Fatal(err)
	}
	tr, _ := art.Translation("tg")
	form := url.Values{"tg.version": {strconv.Itoa(tr.Version)}, "tg.status": {"published"},
		"tg.published_at": {tr.PublishedAt.In(time.UTC).Format("2006-01-02T15:04")},
		"tg.title":        {title}, "tg.body_html": {"<p>" + strings.Repeat(title+" ", 200) + "</p>"}}
	req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/admin/articles/%d/translations/tg", s.url, s.article), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	req.Header.Set("X-CSRF-Token", token)
	resp, err := c.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	return resp, readBody(s.t, resp)
}

// upload sends a small picture to the media library.
func (s *fullDiskSite) upload(c *http.Client) int {
	s.t.Helper()
	_, token := s.page(c, "/admin/media")
	img := image.NewNRGBA(image.Rect(0, 0, 320, 240))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7 % 251)
	}
	img.Set(0, 0, color.Black)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	part, _ := mw.CreateFormFile("file", "picture.png")
	if err := png.Encode(part, img); err != nil {
		s.t.Fatal(err)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, s.url+"/admin/media", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("X-CSRF-Token", token)
	resp, err := c.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	readBody(s.t, resp)
	return resp.StatusCode
}

type healthAnswer struct {
	Status string            `json:"status"`
	Checks map[string]string `json:"checks"`
}

func (s *fullDiskSite) health() (int, healthAnswer) {
	s.t.Helper()
	resp, err := http.Get(s.url + "/healthz")
	if err != nil {
		s.t.Fatal(err)
	}
	var h healthAnswer
	if err := json.Unmarshal([]byte(readBody(s.t, resp)), &h); err != nil {
		s.t.Fatal(err)
	}
	return resp.StatusCode, h
}

func (s *fullDiskSite) view() (*http.Response, string) {
	s.t.Helper()
	resp, err := http.Post(fmt.Sprintf("%s/api/v1/articles/%d/views", s.url, s.article), "", nil)
	if err != nil {
		s.t.Fatal(err)
	}
	return resp, readBody(s.t, resp)
}

// orphans lists media files no database row refers to.
func (s *fullDiskSite) orphans() []string {
	s.t.Helper()
	inUse, err := s.store.ListMediaPaths(context.Background())
	if err != nil {
		s.t.Fatal(err)
	}
	var out []string
	err = s.media.List(context.Background(), func(e media.Entry) error {
		if !inUse[e.Path] {
			out = append(out, e.Path)
		}
		return nil
	})
	if err != nil {
		s.t.Fatal(err)
	}
	return out
}

func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// anyTranslation reports whether body holds key's text in any interface
// language.
func anyTranslation(body, key string) bool {
	b := i18n.MustLoad()
	for _, code := range []string{"en", "fa", "tg"} {
		if strings.Contains(body, b.Localizer(code).T(key)) {
			return true
		}
	}
	return false
}

// TestFullDiskIsAClearStateAndRecovers fills a real file system under the
// running server: health, views, saves, uploads and sign-in must each say
// what is wrong, keep the editor's text and leave no files behind, and all
// must work again once space is freed.
func TestFullDiskIsAClearStateAndRecovers(t *testing.T) {
	s := newFullDiskSite(t)
	editor := s.browser()
	if resp := s.signIn(editor); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in before the disk filled: %d", resp.StatusCode)
	}
	free := tmpfs.Fill(t, s.dir)

	typed := "Сарлавҳаи нав می‌خواهم"
	resp, body := s.savePane(editor, typed)
	if resp.StatusCode != http.StatusServiceUnavailable || !anyTranslation(body, "storage.full.body") || !strings.Contains(body, typed) {
		t.Fatalf("save on a full disk: %d, want 503 saying the disk is full and keeping %q:\n%s", resp.StatusCode, typed, body)
	}
	if code, h := s.health(); code != http.StatusOK || h.Status != "degraded" || h.Checks["writes"] != "failing: database or disk is full" || h.Checks["database"] != "ok" {
		t.Fatalf("healthz on a full disk: %d %+v, want 200 degraded with writes failing", code, h)
	}
	if resp, body := s.view(); resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, `"code":"unavailable"`) || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("view on a full disk: %d %s (Retry-After %q), want 503 unavailable", resp.StatusCode, body, resp.Header.Get("Retry-After"))
	}
	if page, _ := s.page(editor, "/admin"); !strings.Contains(page, `data-testid="write-banner"`) {
		t.Fatal("signed-in page on a full disk shows no banner")
	}
	if code := s.upload(editor); code != http.StatusServiceUnavailable {
		t.Fatalf("upload on a full disk: %d, want 503", code)
	}
	if left := s.orphans(); len(left) > 0 {
		t.Fatalf("a failed upload left files behind: %v", left)
	}
	visitor := s.browser()
	resp = s.signIn(visitor)
	if body := readBody(t, resp); resp.StatusCode != http.StatusServiceUnavailable || !anyTranslation(body, "storage.login") {
		t.Fatalf("sign-in on a full disk: %d, want 503 saying so:\n%s", resp.StatusCode, body)
	}

	free()
	if resp, body := s.savePane(editor, typed); resp.StatusCode != http.StatusOK {
		t.Fatalf("save after space was freed: %d\n%s", resp.StatusCode, body)
	}
	if code, h := s.health(); code != http.StatusOK || h.Status != "ok" || h.Checks["writes"] != "ok" {
		t.Fatalf("healthz after recovery: %d %+v", code, h)
	}
	if resp, body := s.view(); resp.StatusCode != http.StatusOK {
		t.Fatalf("view after recovery: %d %s", resp.StatusCode, body)
	}
	if page, _ := s.page(editor, "/admin"); strings.Contains(page, `data-testid="write-banner"`) {
		t.Fatal("the banner stays after recovery")
	}
	if resp := s.signIn(s.browser()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in after recovery: %d", resp.StatusCode)
	}
	if code := s.upload(editor); code != http.StatusSeeOther {
		t.Fatalf("upload after recovery: %d", code)
	}
	if left := s.orphans(); len(left) > 0 {
		t.Fatalf("files without a row after recovery: %v", left)
	}
	art, err := s.store.FindArticle(context.Background(), s.article)
	if err != nil {
		t.Fatal(err)
	}
	if tr, _ := art.Translation("tg"); tr.Title != typed {
		t.Fatalf("saved title = %q, want %q", tr.Title, typed)
	}
}
