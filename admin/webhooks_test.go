package admin

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/models"
)

var webhookLocation = regexp.MustCompile(`^/admin/webhooks/(wh_[0-9a-z]+)$`)

// addWebhook posts the new-endpoint form and returns the new endpoint's id.
func addWebhook(t *testing.T, c *client, form url.Values) string {
	t.Helper()
	resp := c.post("/admin/webhooks", form)
	m := webhookLocation.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("add webhook: %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	return m[1]
}

func TestWebhookAddShowsTheSecretOnce(t *testing.T) {
	env := newTestEnv(t)
	c := env.signedIn("admin@example.com")
	if resp := c.get("/admin/webhooks"); resp.StatusCode != http.StatusOK || !strings.Contains(resp.Body, `href="/admin/webhooks"`) {
		t.Fatalf("webhooks page: %d, or no nav link", resp.StatusCode)
	}
	id := addWebhook(t, c, url.Values{
		"url": {"https://site.example/api/revalidate"}, "description": {"Astro"}, "events": {"article.published", "article.updated"},
		"locales": {"fa"}, "active": {"1"},
	})
	ep, err := env.store.FindWebhook(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if ep.EventTypes != "article.published,article.updated" || ep.Locales != "fa" || !ep.Active || ep.Description != "Astro" {
		t.Errorf("stored %+v", ep)
	}
	first := c.get("/admin/webhooks/" + id)
	if !strings.Contains(first.Body, ep.Secret) || !strings.Contains(first.Body, `data-testid="webhook-secret"`) {
		t.Errorf("the endpoint's page does not show its new secret")
	}
	if again := c.get("/admin/webhooks/" + id); strings.Contains(again.Body, ep.Secret) {
		t.Errorf("the secret is shown a second time")
	}
	if list := c.get("/admin/webhooks"); !strings.Contains(list.Body, "https://site.example/api/revalidate") || strings.Contains(list.Body, ep.Secret) {
		t.Errorf("the list should show the URL and never the secret")
	}
}

func TestWebhookRotatePauseResume(t *testing.T) {
	env := newTestEnv(t)
	c := env.signedIn("admin@example.com")
	id := addWebhook(t, c, url.Values{"url": {"https://site.example/hook"}, "active": {"1"}})
	c.get("/admin/webhooks/" + id) // the creation's secret is taken
	old, _ := env.store.FindWebhook(context.Background(), id)

	if resp := c.post("/admin/webhooks/"+id+"/rotate", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("rotate: %d", resp.StatusCode)
	}
	rotated, _ := env.store.FindWebhook(context.Background(), id)
	if rotated.Secret == old.Secret {
		t.Fatal("rotate kept the secret")
	}
	if page := c.get("/admin/webhooks/" + id); !strings.Contains(page.Body, rotated.Secret) {
		t.Error("the rotated secret is not shown")
	}

	c.post("/admin/webhooks/"+id+"/pause", nil)
	if ep, _ := env.store.FindWebhook(context.Background(), id); ep.Active {
		t.Error("pause left the endpoint active")
	}
	c.post("/admin/webhooks/"+id+"/resume", nil)
	if ep, _ := env.store.FindWebhook(context.Background(), id); !ep.Active {
		t.Error("resume left the endpoint paused")
	}
}

func TestWebhookFormsNeedAnAdminAndTheCSRFToken(t *testing.T) {
	env := newTestEnv(t)
	ep, err := env.store.CreateWebhook(context.Background(), models.WebhookInput{URL: "https://site.example/hook", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	editor := env.signedIn("editor@example.com")
	for _, path := range []string{"/admin/webhooks", "/admin/webhooks/" + ep.ID} {
		if resp := editor.get(path); resp.StatusCode != http.StatusForbidden {
			t.Errorf("editor GET %s: %d, want 403", path, resp.StatusCode)
		}
	}
	for _, path := range []string{"/admin/webhooks", "/admin/webhooks/" + ep.ID + "/rotate", "/admin/webhooks/" + ep.ID + "/pause"} {
		if resp := editor.post(path, url.Values{"url": {"https://evil.example/"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("editor POST %s: %d, want 403", path, resp.StatusCode)
		}
	}
	admin := env.signedIn("admin@example.com")
	for _, path := range []string{"/admin/webhooks", "/admin/webhooks/" + ep.ID + "/rotate", "/admin/webhooks/" + ep.ID + "/pause"} {
		form := url.Values{"url": {"https://evil.example/"}, "csrf_token": {"wrong"}}
		if resp := admin.post(path, form); resp.StatusCode != http.StatusForbidden {
			t.Errorf("admin POST %s with a wrong CSRF token: %d, want 403", path, resp.StatusCode)
		}
	}
	after, _ := env.store.FindWebhook(context.Background(), ep.ID)
	eps, _ := env.store.ListWebhooks(context.Background())
	if after.Secret != ep.Secret || !after.Active || len(eps) != 1 {
		t.Errorf("a refused request changed something: %+v, %d endpoints", after, len(eps))
	}
}

func TestWebhookFormRefusesABadURL(t *testing.T) {
	env := newTestEnv(t)
	env.store.SetUILanguage(context.Background(), env.admin.ID, "en")
	c := env.signedIn("admin@example.com")
	resp := c.post("/admin/webhooks", url.Values{"url": {"javascript:alert(1)"}, "description": {"تست"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(resp.Body, "Enter an http or https URL") || !strings.Contains(resp.Body, "تست") {
		t.Errorf("bad URL: %d; want 422 with the message and the form kept", resp.StatusCode)
	}
}

func TestWebhookTestEventRedeliverAndFailingFlag(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	env.store.SetUILanguage(ctx, env.admin.ID, "en")
	c := env.signedIn("admin@example.com")
	id := addWebhook(t, c, url.Values{"url": {"https://site.example/hook"}, "active": {"1"}})
	if resp := c.post("/admin/webhooks/"+id+"/test", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("send test: %d", resp.StatusCode)
	}
	ds, _ := env.store.ListWebhookDeliveries(ctx, id, 10)
	if len(ds) != 1 || ds[0].EventType != models.EventWebhookTest {
		t.Fatalf("deliveries after the test event: %+v", ds)
	}
	page := c.get("/admin/webhooks/" + id)
	if !strings.Contains(page.Body, "webhook.test") || !strings.Contains(page.Body, `data-testid="redeliver-`) {
		t.Error("the page does not list the test delivery with a Redeliver button")
	}
	c.post("/admin/webhooks/"+id+"/deliveries/"+itoa(ds[0].ID)+"/redeliver", nil)
	if again, _ := env.store.ListWebhookDeliveries(ctx, id, 10); len(again) != 2 || again[0].EventID != ds[0].EventID {
		t.Errorf("after redeliver: %+v", again)
	}

	// Two failures with a pause threshold already passed pause it for failing.
	for range 2 {
		d, _, err := env.store.ClaimWebhookDelivery(ctx, id, 0)
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Millisecond)
		_, err = env.store.RecordWebhookAttempt(ctx, d.ID, models.WebhookAttempt{Status: 500, Error: "HTTP 500", RetryAt: time.Now(), PauseAfter: time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
	}
	if list := c.get("/admin/webhooks"); !strings.Contains(list.Body, "Paused: failed for days") {
		t.Error("the list does not flag the endpoint paused for failing")
	}
	if other := c.get("/admin/account"); !strings.Contains(other.Body, `data-testid="webhooks-failing"`) {
		t.Error("other admin pages do not flag the failing endpoint in the menu")
	}
}

func itoa(n uint64) string { return strconv.FormatUint(n, 10) }
