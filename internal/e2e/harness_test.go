package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/admin"
	"github.com/payvand/payvand/api"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/internal/preview"
	"github.com/payvand/payvand/internal/server"
	"github.com/payvand/payvand/internal/siteurl"
	"github.com/payvand/payvand/internal/viewcount"
	"github.com/payvand/payvand/models"
)

const testPassword = "correct horse battery"

// site is a running Payvand with a browser pointed at it.
type site struct {
	t     *testing.T
	store *models.Store
	url   string
	ctx   context.Context // a browser tab
	// leaving answers the tab's "leave this page?" questions (see leave).
	leaving *leaveGuard
}

// chromiumPath finds Debian's Chromium. Without it browser tests skip with a
// clear message, except under CI=true, where they must run.
func chromiumPath(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("Chromium is not installed, and CI=true requires the browser tests: apt-get install -y chromium")
	}
	t.Skip("browser test skipped: Chromium is not installed (apt-get install -y chromium); under CI=true it is required")
	return ""
}

// newSite starts the server over a fresh database with an admin and an
// editor, and opens a browser tab.
func newSite(t *testing.T) *site {
	t.Helper()
	return newSiteIn(t, "")
}

// newSiteIn is newSite with its database and media in dataDir (a fresh
// temporary folder when empty), such as a small tmpfs that a test fills.
func newSiteIn(t *testing.T, dataDir string) *site {
	t.Helper()
	return newSiteOn(t, dataDir, "")
}

// newSiteOn is newSiteIn on the database URL database: "" is SQLite in
// dataDir; a PostgreSQL URL keeps only the media in dataDir.
func newSiteOn(t *testing.T, dataDir, database string) *site {
	t.Helper()
	return newSiteFor(t, dataDir, database, nil)
}

// newSiteFor is newSiteOn for the site frontend siteURLs names
// (--site-url); nil is none.
func newSiteFor(t *testing.T, dataDir, database string, siteURLs *siteurl.Builder) *site {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests are skipped in -short mode")
	}
	exe := chromiumPath(t)
	if dataDir == "" {
		dataDir = t.TempDir()
	}
	store, err := models.Open(context.Background(), models.Options{Database: database, Path: filepath.Join(dataDir, "payvand.db"), Locales: locale.MustParse("tg,fa"), SiteURLs: siteURLs})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	for email, role := range map[string]models.Role{"admin@example.com": models.RoleAdmin, "editor@example.com": models.RoleEditor} {
		if _, err := store.CreateUser(context.Background(), models.UserInput{Email: email, Role: role, Password: testPassword}); err != nil {
			t.Fatal(err)
		}
	}
	log := slog.New(slog.DiscardHandler)
	views := viewcount.New(store, viewcount.Options{Window: time.Minute, FlushEvery: time.Hour})
	t.Cleanup(func() { views.Close(context.Background()) })
	srv := httptest.NewUnstartedServer(nil)
	publicURL := "http://" + srv.Listener.Addr().String()
	mediaStore, err := media.NewFSStore(filepath.Join(dataDir, "media"))
	if err != nil {
		t.Fatal(err)
	}
	adminUI, err := admin.New(admin.Options{Store: store, PublicURL: publicURL, Logger: log, Media: mediaStore, SiteURLs: siteURLs, ImportDir: filepath.Join(dataDir, "imports")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(adminUI.Close) // its background imports end before the store closes
	secret, err := store.PreviewSecret(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	signer := preview.New(secret, time.Hour, time.Now)
	router, err := server.NewRouter(server.Options{
		API:    api.New(api.Options{Store: store, PublicURL: publicURL, CacheControl: "no-cache", Views: views, Media: mediaStore, Preview: signer, Logger: log, SiteURLs: siteURLs}),
		Admin:  adminUI,
		Logger: log,
	})
	if err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler = router
	srv.Start()
	t.Cleanup(srv.Close)

	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
		chromedp.UserDataDir(t.TempDir()),
	)
	t.Cleanup(cancelAlloc)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(cancelTab)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTimeout)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return &site{t: t, store: store, url: publicURL, ctx: ctx, leaving: guardLeaving(t, ctx)}
}

// run performs browser actions and fails the test on error.
func (s *site) run(actions ...chromedp.Action[chromedp.Void]) {
	s.t.Helper()
	if err := chromedp.Do(s.ctx, actions...); err != nil {
		s.t.Fatal(err)
	}
}

// get runs one action that returns a value.
func get[T any](s *site, action chromedp.Action[T]) T {
	s.t.Helper()
	v, err := chromedp.Run(s.ctx, action)
	if err != nil {
		s.t.Fatal(err)
	}
	return v
}

// signIn signs in through the sign-in form.
func (s *site) signIn(email string) {
	s.t.Helper()
	s.run(
		chromedp.Navigate(s.url+"/admin/login"),
		chromedp.WaitVisible(chromedp.CSS(`#email`)),
		chromedp.SendKeys(chromedp.CSS(`#email`), email),
		chromedp.SendKeys(chromedp.CSS(`#password`), testPassword),
		chromedp.Click(chromedp.CSS(`[data-testid="login-submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="account-link"]`)),
	)
}

// screenshot saves the page as a PNG when PAYVAND_SCREENSHOTS names a
// folder (the README's admin tour is made this way).
func (s *site) screenshot(name string) {
	s.t.Helper()
	dir := os.Getenv("PAYVAND_SCREENSHOTS")
	if dir == "" {
		return
	}
	// The viewport, not the full page: Chromium draws full-page captures
	// of right-to-left pages shifted sideways.
	get(s, chromedp.Evaluate[any](`window.scrollTo(0, 0)`))
	png := get(s, chromedp.CaptureScreenshot())
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// useInterface switches the signed-in user's admin language on the
// account page, as an editor does.
func (s *site) useInterface(loc string) {
	s.t.Helper()
	s.run(
		chromedp.Navigate(s.url+"/admin/account"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="language-select"]`)),
		chromedp.SetValue(chromedp.CSS(`[data-testid="language-select"]`), loc),
		chromedp.Click(chromedp.CSS(`[data-testid="language-submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="flash"]`)),
	)
}

// text returns the trimmed text of the first element matching sel.
func (s *site) text(sel string) string {
	s.t.Helper()
	return strings.TrimSpace(get(s, chromedp.Text(chromedp.CSS(sel))))
}

// htmxSettled waits until htmx has finished every swap. htmx 2 shows
// swapped content at once but binds its triggers only when the content
// settles, 20 ms later: text typed in between reaches an input no trigger
// listens to yet, and its search never runs. A person never types that
// fast; a test does, on a fast enough browser.
func (s *site) htmxSettled() {
	s.t.Helper()
	get(s, chromedp.Poll[bool](`!document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')`, chromedp.WithPollingTimeout(15*time.Second)))
}

// typeText focuses sel and types text the way an input method does, through
// CDP Input.insertText: key events would drop U+200C (ZWNJ). It first waits
// for htmx to settle, so the input typed into is the one that stays.
func (s *site) typeText(sel, text string) {
	s.t.Helper()
	s.htmxSettled()
	s.run(
		chromedp.Focus(chromedp.CSS(sel)),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, input.InsertText, input.InsertTextParams{Text: text})
			return err
		}),
	)
}

// apiJSON fetches a public API path with Go's client and decodes it.
func (s *site) apiJSON(path string, v any) {
	s.t.Helper()
	resp, err := http.Get(s.url + path)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		s.t.Fatalf("GET %s: %s", path, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		s.t.Fatal(err)
	}
}

func jsonDecode(resp *http.Response, v any) error { return json.NewDecoder(resp.Body).Decode(v) }

// otherBrowser opens a second, separate browser context (its own cookies,
// as another person's browser) on the same site.
func (s *site) otherBrowser() *site {
	s.t.Helper()
	ctx, cancel := chromedp.NewContext(s.ctx, chromedp.WithNewBrowserContext())
	s.t.Cleanup(cancel)
	other := *s
	other.ctx = ctx
	if err := chromedp.Do(ctx); err != nil {
		s.t.Fatal(err)
	}
	other.leaving = guardLeaving(s.t, ctx)
	return &other
}

// screenshotOf saves one element as a PNG when PAYVAND_SCREENSHOTS is set.
// The element is scrolled to the top and cut out of a viewport capture in
// Go: Chromium's own clipped capture shifts right-to-left pages sideways
// (see screenshot), which cut the Persian labels off.
func (s *site) screenshotOf(name, sel string) {
	s.t.Helper()
	dir := os.Getenv("PAYVAND_SCREENSHOTS")
	if dir == "" {
		return
	}
	box := get(s, chromedp.Evaluate[[]float64](`(() => {
		const el = document.querySelector(`+strconv.Quote(sel)+`);
		el.scrollIntoView({block: "start", inline: "nearest"});
		const r = el.getBoundingClientRect(), d = window.devicePixelRatio;
		return [r.left * d, r.top * d, r.right * d, Math.min(r.bottom, window.innerHeight) * d];
	})()`))
	shot, err := png.Decode(bytes.NewReader(get(s, chromedp.CaptureScreenshot())))
	if err != nil {
		s.t.Fatal(err)
	}
	part := image.Rect(int(box[0]), int(box[1]), int(math.Ceil(box[2])), int(math.Ceil(box[3])))
	var out bytes.Buffer
	if err := png.Encode(&out, shot.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(part)); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), out.Bytes(), 0o644); err != nil {
		s.t.Fatal(err)
	}
}
