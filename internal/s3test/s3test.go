// Package s3test starts a real S3 server for tests: Versity Gateway
// (versitygw) over a temporary folder, so the S3 media store is tested
// against the protocol, not a mock.
package s3test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/s3store"
)

// Version is the versitygw release the tests and .ci/run use.
const Version = "v1.8.0"

// BinaryEnv names the variable that points at the versitygw binary.
const BinaryEnv = "PAYVAND_VERSITYGW"

// Bucket is the bucket every started server has.
const Bucket = "payvand"

// Server is a running versitygw.
type Server struct {
	// Endpoint is its http://127.0.0.1:PORT address.
	Endpoint string
	// Dir is the folder it serves; each subfolder is a bucket.
	Dir string
	// Credentials are the only keys it accepts.
	Credentials s3store.Credentials
	stop        func()
}

// Stop ends the server before the test does, to see what an outage does.
func (s *Server) Stop() { s.stop() }

// StoreURL is the --media-store value for prefix inside the bucket.
func (s *Server) StoreURL(prefix string) string {
	return "s3://" + Bucket + "/" + prefix + "?endpoint=" + s.Endpoint + "&path_style=true"
}

// Getenv answers the AWS_* variables with the server's credentials and
// everything else from fallback, for code that reads its settings through
// a getenv function.
func (s *Server) Getenv(fallback func(string) string) func(string) string {
	return func(key string) string {
		switch key {
		case "AWS_ACCESS_KEY_ID":
			return s.Credentials.AccessKey
		case "AWS_SECRET_ACCESS_KEY":
			return s.Credentials.SecretKey
		case "AWS_SESSION_TOKEN":
			return ""
		}
		return fallback(key)
	}
}

// Store opens an S3 media store under a fresh prefix of the server's
// bucket, so that stores of one server do not see each other's files.
func (s *Server) Store(t testing.TB) *s3store.Store {
	t.Helper()
	loc, err := s3store.ParseURL(s.StoreURL("t-" + randomHex(6)))
	if err != nil {
		t.Fatal(err)
	}
	store, err := s3store.New(t.Context(), loc, s.Credentials)
	if err != nil {
		t.Fatal(err)
	}
	return store
}

// Binary finds versitygw: $PAYVAND_VERSITYGW, then the cache .ci/run
// builds into, then PATH. It returns "" when there is none.
func Binary() string {
	if p := os.Getenv(BinaryEnv); p != "" {
		return p
	}
	if home, err := os.UserHomeDir(); err == nil {
		p := filepath.Join(home, ".cache", "payvand", "versitygw-"+Version, "versitygw")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p
	}
	return ""
}

// Start runs versitygw on a free loopback port over a temporary folder
// holding the bucket Bucket, and stops it when the test ends. Without the
// binary the test is skipped, except under CI=true, where it fails.
func Start(t testing.TB) *Server {
	t.Helper()
	bin := Binary()
	if bin == "" {
		msg := "versitygw is not installed; build it with: GOBIN=$HOME/.cache/payvand/versitygw-" + Version +
			" go install github.com/versity/versitygw/cmd/versitygw@" + Version + " (or set " + BinaryEnv + ")"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, Bucket), 0o755); err != nil {
		t.Fatal(err)
	}
	s := &Server{Dir: dir, Credentials: s3store.Credentials{AccessKey: "payvand-" + randomHex(4), SecretKey: randomHex(16)}}
	// The port is picked by listening and closing; another process could
	// take it in between, which the start-up wait below would report.
	addr := freeAddr(t)
	s.Endpoint = "http://" + addr
	cmd := exec.Command(bin, "--access", s.Credentials.AccessKey, "--secret", s.Credentials.SecretKey,
		"--port", addr, "posix", dir)
	logFile, err := os.Create(filepath.Join(t.TempDir(), "versitygw.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	s.stop = sync.OnceFunc(func() {
		_ = cmd.Process.Kill()
		<-exited
		logFile.Close()
	})
	t.Cleanup(s.stop)
	if err := waitReady(t.Context(), s.Endpoint, exited); err != nil {
		log, _ := os.ReadFile(logFile.Name())
		t.Fatalf("versitygw did not start: %v\n%s", err, log)
	}
	return s
}

// waitReady polls the server until it answers HTTP at all (an unsigned
// request gets 403, which is an answer), the process exits or a minute
// passes.
func waitReady(ctx context.Context, endpoint string, exited <-chan struct{}) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, endpoint+"/", nil)
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
			return nil
		}
		select {
		case <-exited:
			return errors.New("it exited")
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func freeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
