package api

import (
	"fmt"
	"io/fs"
	"net/http"
	"syscall"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/viewcount"
)

type healthResp struct {
	Status string            `json:"status"`
	Checks map[string]string `json:"checks"`
}

// diskFull makes the store remember a write refused for want of space, as a
// real full disk does (see the tmpfs test in internal/server).
func diskFull(env *testEnv) {
	env.store.ReportWrite(&fs.PathError{Op: "write", Path: "payvand.db-wal", Err: syscall.ENOSPC})
}

func TestHealthSaysDegradedWhileWritesFail(t *testing.T) {
	env := newTestEnv(t)
	var body healthResp
	env.getJSON("/healthz", http.StatusOK, &body)
	if body.Status != "ok" || body.Checks["database"] != "ok" || body.Checks["writes"] != "ok" {
		t.Fatalf("healthy: %+v", body)
	}

	diskFull(env)
	body = healthResp{}
	env.getJSON("/healthz", http.StatusOK, &body)
	if body.Status != "degraded" || body.Checks["database"] != "ok" || body.Checks["writes"] != "failing: database or disk is full" {
		t.Fatalf("with a full disk: %+v, want 200 degraded with the reason", body)
	}

	// 31 s without another attempt: the failure is no longer current.
	env.clock.t = env.clock.t.Add(31 * time.Second)
	body = healthResp{}
	env.getJSON("/healthz", http.StatusOK, &body)
	if body.Status != "ok" || body.Checks["writes"] != "ok" {
		t.Fatalf("31 s after the last failure: %+v, want ok", body)
	}

	env.store.Close()
	rec := env.do(http.MethodGet, "/healthz", nil)
	body = healthResp{}
	decode(t, rec.Body.Bytes(), &body)
	if rec.Code != http.StatusServiceUnavailable || body.Status != "degraded" || body.Checks["database"] == "ok" {
		t.Fatalf("closed database: %d %+v, want 503 with the database failing", rec.Code, body)
	}
}

func TestViewsAnswerUnavailableWhileWritesFail(t *testing.T) {
	env := newTestEnv(t)
	diskFull(env)
	target := fmt.Sprintf("/api/v1/articles/%d/views", env.ids["both"])
	rec := env.do(http.MethodPost, target, nil)
	var body apiError
	decode(t, rec.Body.Bytes(), &body)
	if rec.Code != http.StatusServiceUnavailable || body.Error.Code != "unavailable" || rec.Header().Get("Retry-After") != "30" {
		t.Fatalf("view while writes fail: %d %+v Retry-After %q, want 503 unavailable with Retry-After 30",
			rec.Code, body, rec.Header().Get("Retry-After"))
	}
	if n := env.views.Pending(env.ids["both"]); n != 0 {
		t.Fatalf("a refused view was counted: %d pending", n)
	}
	// A write that succeeds clears the state at once.
	if err := env.store.AddViews(t.Context(), map[viewcount.Key]int64{{Article: env.ids["both"]}: 1}, env.clock.t); err != nil {
		t.Fatal(err)
	}
	if rec := env.do(http.MethodPost, target, nil); rec.Code != http.StatusOK {
		t.Fatalf("view after writes recovered: %d %s", rec.Code, rec.Body)
	}
}
