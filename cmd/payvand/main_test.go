package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to read while the server writes to it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// runningServer is one `payvand serve` run inside the test process.
type runningServer struct {
	addr   string
	stdout *syncBuffer
	cancel context.CancelFunc
	exit   chan int
}

func startServer(t *testing.T, dataDir string, env map[string]string) *runningServer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &runningServer{addr: freeAddr(t), stdout: &syncBuffer{}, cancel: cancel, exit: make(chan int, 1)}
	getenv := func(k string) string { return env[k] }
	args := []string{"serve", "--data", dataDir, "--addr", s.addr, "--view-flush", "1h", "--log-level", "warn"}
	go func() { s.exit <- run(ctx, args, getenv, s.stdout, &syncBuffer{}) }()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get("http://" + s.addr + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s
			}
		}
		select {
		case code := <-s.exit:
			t.Fatalf("server exited with %d before answering: %s", code, s.stdout.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatal("server did not answer /healthz within a minute")
	return nil
}

func (s *runningServer) stop(t *testing.T) {
	t.Helper()
	s.cancel()
	select {
	case code := <-s.exit:
		if code != 0 {
			t.Fatalf("server exited with %d", code)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not shut down")
	}
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %s", url, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}

type listResp struct {
	Data []struct {
		ID        uint  `json:"id"`
		ViewCount int64 `json:"view_count"`
		Image     *struct {
			ThumbnailURL string `json:"thumbnail_url"`
		} `json:"image"`
	} `json:"data"`
}

func TestFirstStartSeedsOnceAndShutdownKeepsViews(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the whole server twice")
	}
	dataDir := filepath.Join(t.TempDir(), "data")
	srv := startServer(t, dataDir, nil)
	out := srv.stdout.String()
	if !strings.Contains(out, "admin@example.com") || !strings.Contains(out, "Password: ") {
		t.Fatalf("first start did not print the admin login:\n%s", out)
	}
	base := "http://" + srv.addr
	var tg, fa listResp
	getJSON(t, base+"/api/v1/tg/articles?limit=100", &tg)
	getJSON(t, base+"/api/v1/fa/articles?limit=100", &fa)
	if len(tg.Data) < 10 || len(fa.Data) < 10 {
		t.Fatalf("demo has %d tg and %d fa public articles, want at least 10 each", len(tg.Data), len(fa.Data))
	}
	// Thumbnails of the generated pictures are served.
	thumb := ""
	for _, a := range tg.Data {
		if a.Image != nil {
			thumb = a.Image.ThumbnailURL
			break
		}
	}
	resp, err := http.Get(thumb)
	if err != nil || resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/jpeg" {
		t.Fatalf("thumbnail %s: %v %v", thumb, err, resp)
	}
	resp.Body.Close()

	// A view recorded just before shutdown is written by the shutdown.
	id := tg.Data[0].ID
	resp, err = http.Post(fmt.Sprintf("%s/api/v1/articles/%d/views", base, id), "application/json", nil)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("record view: %v %v", err, resp)
	}
	resp.Body.Close()
	srv.stop(t)

	srv = startServer(t, dataDir, nil)
	defer srv.stop(t)
	if strings.Contains(srv.stdout.String(), "Password") {
		t.Fatalf("second start created another admin:\n%s", srv.stdout.String())
	}
	var again listResp
	getJSON(t, "http://"+srv.addr+"/api/v1/tg/articles?limit=100", &again)
	if len(again.Data) != len(tg.Data) {
		t.Fatalf("second start changed the article count from %d to %d", len(tg.Data), len(again.Data))
	}
	for _, a := range again.Data {
		if a.ID == id && a.ViewCount != 1 {
			t.Fatalf("view count after restart = %d, want 1", a.ViewCount)
		}
	}
}

func TestHealthcheckCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the whole server")
	}
	dataDir := t.TempDir()
	srv := startServer(t, dataDir, map[string]string{"PAYVAND_NO_DEMO": "true", "PAYVAND_ADMIN_PASSWORD": "a long password"})
	defer srv.stop(t)
	var stderr syncBuffer
	if code := run(context.Background(), []string{"healthcheck", "--addr", srv.addr}, func(string) string { return "" }, &syncBuffer{}, &stderr); code != 0 {
		t.Fatalf("healthcheck against a running server exited %d: %s", code, stderr.String())
	}
	if code := run(context.Background(), []string{"healthcheck", "--addr", freeAddr(t)}, func(string) string { return "" }, &syncBuffer{}, &stderr); code == 0 {
		t.Fatal("healthcheck with no server exited 0")
	}
	var empty listResp
	getJSON(t, "http://"+srv.addr+"/api/v1/tg/articles", &empty)
	if len(empty.Data) != 0 {
		t.Fatalf("--no-demo site lists %d articles", len(empty.Data))
	}
}

func TestHelpAndBadFlags(t *testing.T) {
	var out, errOut syncBuffer
	if code := run(context.Background(), []string{"help"}, func(string) string { return "" }, &out, &errOut); code != 0 || !strings.Contains(out.String(), "PAYVAND_PUBLIC_URL") {
		t.Fatalf("help exited %d and printed %q", code, out.String())
	}
	if code := run(context.Background(), []string{"--locales", "tg,tg"}, func(string) string { return "" }, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "--locales") {
		t.Fatalf("bad flag exited %d with %q", code, errOut.String())
	}
	if code := run(context.Background(), []string{"frobnicate"}, func(string) string { return "" }, &out, &errOut); code != 2 {
		t.Fatalf("unknown command exited %d", code)
	}
}
