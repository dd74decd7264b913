package webhook

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/payvand/payvand/models"
)

// helperDBEnv makes this test binary a worker process over the database it
// names (see TestHelperWorkerProcess).
const helperDBEnv = "PAYVAND_WEBHOOK_HELPER_DB"

// TestHelperWorkerProcess is not a test: run by TestDeliveryResumesAfterKill9
// in a child process, it runs a worker until it is killed.
func TestHelperWorkerProcess(t *testing.T) {
	path := os.Getenv(helperDBEnv)
	if path == "" {
		t.Skip("runs only as the child of TestDeliveryResumesAfterKill9")
	}
	store := openStore(t, path)
	opts := fastOptions(store)
	opts.RetryBase = 5 * time.Second
	New(opts).Run(context.Background())
}

func TestDeliveryResumesAfterKill9(t *testing.T) {
	path := filepath.Join(t.TempDir(), "payvand.db")
	store := openStore(t, path)
	rc := newReceiver(t, func(n int, _ received) int {
		if n == 0 {
			return http.StatusInternalServerError
		}
		return http.StatusOK
	})
	ep := addEndpoint(t, store, rc, models.WebhookInput{})
	ev := articleEvent(t, store, 3, "tg")

	child := exec.Command(os.Args[0], "-test.run=^TestHelperWorkerProcess$")
	child.Env = append(os.Environ(), helperDBEnv+"="+path)
	child.Stderr = os.Stderr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { child.Process.Kill(); child.Wait() })

	// The child posts once, fails, and records a retry some 4–6 s ahead.
	waitFor(t, 10*time.Second, "the child's failed attempt recorded", func() bool {
		ds := deliveries(t, store, ep.ID)
		return len(ds) == 1 && ds[0].Attempts == 1 && ds[0].LastStatus == http.StatusInternalServerError
	})
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	child.Wait()
	if d := deliveries(t, store, ep.ID)[0]; d.State != models.DeliveryPending || !d.NextAttemptAt.After(time.Now()) {
		t.Fatalf("after the kill the delivery is %q due %s: want pending, mid back-off", d.State, d.NextAttemptAt)
	}

	startWorker(t, fastOptions(store))
	waitFor(t, 15*time.Second, "the retry after the restart", func() bool { return len(rc.requests()) == 2 })
	for i, r := range rc.requests() {
		if r.VerifyErr != nil || r.Header.Get("webhook-id") != ev.ID {
			t.Errorf("request %d: webhook-id %q, verify error %v", i, r.Header.Get("webhook-id"), r.VerifyErr)
		}
	}
	waitFor(t, 5*time.Second, "the delivery recorded as delivered", func() bool {
		return deliveries(t, store, ep.ID)[0].State == models.DeliveryDelivered
	})
}
