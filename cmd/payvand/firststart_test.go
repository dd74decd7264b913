package main

import (
	"context"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/models"
)

// TestFirstStartRefusesWeakAdminPassword: a weak PAYVAND_ADMIN_PASSWORD
// stops the first start with exit code 2 and the reason, before any
// account exists, so fixing it and starting again works.
func TestFirstStartRefusesWeakAdminPassword(t *testing.T) {
	tests := []struct {
		name, password, reason string
	}{
		{"common", "password", "it is a common password or word"},
		{"digits", "12345678", "it is a common password or word"},
		{"repeat", "aaaaaaaa", "it is a repeat"},
		{"the admin email", "admin@example.com1", "built on the email, the name or the site's name"},
		{"the site's name", "akhbor2024", "built on the email, the name or the site's name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dataDir := filepath.Join(t.TempDir(), "data")
			env := map[string]string{"PAYVAND_ADMIN_PASSWORD": tt.password, "PAYVAND_NO_DEMO": "true"}
			args := []string{"serve", "--data", dataDir, "--addr", freeAddr(t), "--public-url", "https://akhbor.example.tj", "--log-level", "warn"}
			code, stderr := runUntilServing(t, args, env)
			if code != 2 || !strings.Contains(stderr.String(), "PAYVAND_ADMIN_PASSWORD: the password is too easy to guess") || !strings.Contains(stderr.String(), tt.reason) {
				t.Fatalf("exit %d, stderr %q; want 2 and the reason %q", code, stderr.String(), tt.reason)
			}
			store, err := models.Open(context.Background(), models.Options{Path: filepath.Join(dataDir, "payvand.db"), Locales: locale.MustParse(locale.DefaultCodes)})
			if err != nil {
				t.Fatal(err)
			}
			defer store.Close()
			if n, err := store.CountUsers(context.Background()); err != nil || n != 0 {
				t.Fatalf("%d accounts (%v) after a refused first start, want none", n, err)
			}
		})
	}
}

// runUntilServing runs the command and returns its exit code and standard
// error. A server that starts serving instead of exiting is stopped and
// reported as exit code -1, so the test fails rather than waits.
func runUntilServing(t *testing.T, args []string, env map[string]string) (int, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stderr := &syncBuffer{}
	exit := make(chan int, 1)
	go func() { exit <- run(ctx, args, func(k string) string { return env[k] }, &syncBuffer{}, stderr) }()
	addr := args[slices.Index(args, "--addr")+1]
	for {
		select {
		case code := <-exit:
			return code, stderr
		case <-time.After(50 * time.Millisecond):
		}
		if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			cancel()
			<-exit
			return -1, stderr
		}
	}
}
