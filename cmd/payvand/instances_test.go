package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/s3test"
	"github.com/payvand/payvand/internal/testdb"
	"github.com/payvand/payvand/models"
)

// TestTwoInstancesBehaveAsOneSite is the several-instances test of the
// README: two payvand processes on one fresh PostgreSQL database and one
// versitygw bucket, started together on the empty database. It signs in on
// B and uses the session on A, publishes through A's admin and reads it on
// B's API, uploads a picture through B's admin and fetches it from A, then
// kills A under a loopback load spread over both: B keeps answering and
// nothing answers 5xx.
func TestTwoInstancesBehaveAsOneSite(t *testing.T) {
	dsn := testdb.Postgres(t)
	s3 := s3test.Start(t)
	bin := buildPayvand(t)
	const password = "Сахт-ва-дароз 2024 пароль"
	env := []string{
		"PAYVAND_DATABASE_URL=" + dsn,
		"PAYVAND_MEDIA_STORE=" + s3.StoreURL("site"),
		"AWS_ACCESS_KEY_ID=" + s3.Credentials.AccessKey,
		"AWS_SECRET_ACCESS_KEY=" + s3.Credentials.SecretKey,
		"PAYVAND_ADMIN_EMAIL=admin@example.com",
		"PAYVAND_ADMIN_PASSWORD=" + password,
		"PAYVAND_LOCALES=tg,fa",
		"PAYVAND_LOG_LEVEL=info",
	}
	// Started together on the empty database: the first start seeds once.
	a, b := startInstance(t, bin, "A", env), startInstance(t, bin, "B", env)
	a.waitHealthy(t)
	b.waitHealthy(t)
	created := strings.Count(a.stdout.String()+b.stdout.String(), "Created the first admin account")
	seeded := strings.Count(a.stderr.String()+b.stderr.String(), "seeding demo content")
	if created != 1 || seeded != 1 {
		t.Fatalf("first admin created %d times, demo seeded %d times; want once each", created, seeded)
	}

	// What the two instances wrote is read back through a third store.
	store, err := models.Open(t.Context(), models.Options{Database: dsn, Locales: locale.MustParse("tg,fa")})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()

	// A session made on B is a session on A: the cookie jar sends the
	// cookies of 127.0.0.1 to both ports.
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, Timeout: 30 * time.Second}
	signIn(t, client, b, "admin@example.com", password)
	csrf := csrfToken(t, client, a.url+"/admin/articles/new")

	// Publish on A; B's cached list shows it.
	sections, err := store.ListSections(t.Context())
	if err != nil || len(sections) == 0 {
		t.Fatalf("sections: %v, %v", sections, err)
	}
	list := b.url + "/api/v1/tg/articles"
	before := mustGet(t, client, list)
	if again := mustGet(t, client, list); again != before {
		t.Fatal("B's list changed with nothing saved")
	}
	title := "Хабари нав аз A " + time.Now().Format("150405.000")
	form := url.Values{"csrf_token": {csrf}, "section_id": {fmt.Sprint(sections[0].ID)},
		"tg.status": {"published"}, "tg.title": {title}, "tg.body_html": {"<p>Аз инстанси A.</p>"}}
	resp, err := client.PostForm(a.url+"/admin/articles", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Request.URL.Path, "/admin/articles/") {
		t.Fatalf("publish on A: %d at %s", resp.StatusCode, resp.Request.URL)
	}
	published := time.Now()
	waitUntil(t, "B's list shows the article published on A", func() bool { return strings.Contains(mustGet(t, client, list), title) })
	t.Logf("B's API showed A's publication after %v", time.Since(published).Round(time.Millisecond))

	// Upload on B; A serves the picture.
	uploadPicture(t, client, b, csrfToken(t, client, b.url+"/admin/media"))
	newest, err := store.ListMedia(t.Context(), models.MediaQuery{PerPage: 1})
	if err != nil || len(newest.Items) == 0 || newest.Items[0].OriginalName != "from-b.png" {
		t.Fatalf("the newest picture is not B's upload: %+v, %v", newest.Items, err)
	}
	pictureURL := "/media/" + newest.Items[0].Path
	fromB, fromA := mustGetBytes(t, client, b.url+pictureURL), mustGetBytes(t, client, a.url+pictureURL)
	if len(fromA) == 0 || !bytes.Equal(fromA, fromB) {
		t.Fatalf("A serves %d bytes of B's upload %s, B %d", len(fromA), pictureURL, len(fromB))
	}

	// Load spread over both, then A killed midway.
	targets := []string{"/api/v1/tg/articles", "/api/v1/tg/sections", "/healthz", pictureURL, "/api/v1/fa/articles"}
	load := startLoad(a, b, targets)
	load.waitForAnswers(t, b, 200)
	if err := a.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-a.exited
	load.waitForAnswers(t, b, load.answered(b)+500)
	load.stop()
	for _, inst := range []*instance{a, b} {
		t.Logf("instance %s: %d answers, %d connection errors", inst.name, load.answered(inst), load.connErrs(inst))
	}
	if n := load.serverErrors.Load(); n > 0 {
		t.Fatalf("%d answers were 5xx: %s", n, load.firstServerError.Load())
	}
	if n := load.connErrs(b); n > 0 {
		t.Fatalf("%d requests to B failed to connect or read", n)
	}
	if !strings.Contains(mustGet(t, client, list), title) {
		t.Fatal("B no longer shows the article after A died")
	}
}

// buildPayvand builds this command into a temporary folder once per test.
func buildPayvand(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "payvand")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// instance is one payvand process.
type instance struct {
	name           string
	url            string
	cmd            *exec.Cmd
	stdout, stderr *syncBuffer
	exited         chan struct{}
}

// startInstance starts `payvand serve` with env on a free loopback port
// and a data folder of its own; the test's end kills it.
func startInstance(t *testing.T, bin, name string, env []string) *instance {
	t.Helper()
	addr := freeAddr(t)
	inst := &instance{name: name, url: "http://" + addr,
		stdout: &syncBuffer{}, stderr: &syncBuffer{}, exited: make(chan struct{})}
	inst.cmd = exec.Command(bin, "serve", "--addr", addr, "--data", t.TempDir(), "--public-url", inst.url)
	inst.cmd.Env = append(os.Environ(), env...)
	inst.cmd.Stdout, inst.cmd.Stderr = inst.stdout, inst.stderr
	if err := inst.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = inst.cmd.Wait(); close(inst.exited) }()
	t.Cleanup(func() {
		_ = inst.cmd.Process.Kill()
		<-inst.exited
		if t.Failed() {
			t.Logf("instance %s log:\n%s", inst.name, inst.stderr.String())
		}
	})
	return inst
}

// waitHealthy waits until /healthz answers 200; the first start seeds
// the demo site, which takes a while on a busy machine.
func (inst *instance) waitHealthy(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		resp, err := http.Get(inst.url + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case <-inst.exited:
			t.Fatalf("instance %s exited: %s", inst.name, inst.stderr.String())
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("instance %s never became healthy: %s", inst.name, inst.stderr.String())
		}
	}
}

var csrfField = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// csrfToken reads the CSRF token from a page's form.
func csrfToken(t *testing.T, client *http.Client, page string) string {
	t.Helper()
	m := csrfField.FindStringSubmatch(mustGet(t, client, page))
	if m == nil {
		t.Fatalf("no csrf_token on %s", page)
	}
	return m[1]
}

func signIn(t *testing.T, client *http.Client, inst *instance, email, password string) {
	t.Helper()
	token := csrfToken(t, client, inst.url+"/admin/login")
	resp, err := client.PostForm(inst.url+"/admin/login", url.Values{"csrf_token": {token}, "email": {email}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path == "/admin/login" {
		t.Fatalf("sign in on %s: %d at %s", inst.name, resp.StatusCode, resp.Request.URL)
	}
}

// uploadPicture uploads a PNG named from-b.png through inst's media
// library.
func uploadPicture(t *testing.T, client *http.Client, inst *instance, csrf string) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 400, 300))
	for x := range 400 {
		for y := range 300 {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, _ := w.CreateFormFile("file", "from-b.png")
	if err := png.Encode(part, img); err != nil {
		t.Fatal(err)
	}
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, inst.url+"/admin/media", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("X-CSRF-Token", csrf)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("upload on %s: %d %s", inst.name, resp.StatusCode, page)
	}
}

func mustGet(t *testing.T, client *http.Client, u string) string {
	t.Helper()
	return string(mustGetBytes(t, client, u))
}

func mustGetBytes(t *testing.T, client *http.Client, u string) []byte {
	t.Helper()
	resp, err := client.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d, %v", u, resp.StatusCode, err)
	}
	return body
}

// waitUntil polls cond with a generous deadline: these tests are about
// whether something happens, not how fast.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 30 s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// loadGenerator sends GETs spread over the instances from a few
// goroutines until stopped, counting answers and failures per instance.
type loadGenerator struct {
	cancel           context.CancelFunc
	wg               sync.WaitGroup
	mu               sync.Mutex
	answers, failed  map[*instance]int
	serverErrors     atomic.Int64
	firstServerError atomic.Value
}

func startLoad(a, b *instance, paths []string) *loadGenerator {
	ctx, cancel := context.WithCancel(context.Background())
	l := &loadGenerator{cancel: cancel, answers: map[*instance]int{}, failed: map[*instance]int{}}
	client := &http.Client{Timeout: 10 * time.Second}
	instances := []*instance{a, b}
	for w := range 6 {
		l.wg.Go(func() {
			for i := w; ctx.Err() == nil; i++ {
				inst, path := instances[i%2], paths[i%len(paths)]
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, inst.url+path, nil)
				resp, err := client.Do(req)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				l.mu.Lock()
				switch {
				case ctx.Err() != nil:
				case err != nil:
					l.failed[inst]++
				default:
					l.answers[inst]++
					if resp.StatusCode >= 500 {
						l.serverErrors.Add(1)
						l.firstServerError.CompareAndSwap(nil, fmt.Sprintf("%s %s: %d", inst.name, path, resp.StatusCode))
					}
				}
				l.mu.Unlock()
			}
		})
	}
	return l
}

func (l *loadGenerator) answered(inst *instance) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.answers[inst]
}

func (l *loadGenerator) connErrs(inst *instance) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.failed[inst]
}

// waitForAnswers waits until inst has answered n requests of the load.
func (l *loadGenerator) waitForAnswers(t *testing.T, inst *instance, n int) {
	t.Helper()
	waitUntil(t, fmt.Sprintf("%d answers from %s", n, inst.name), func() bool { return l.answered(inst) >= n })
}

func (l *loadGenerator) stop() {
	l.cancel()
	l.wg.Wait()
}
