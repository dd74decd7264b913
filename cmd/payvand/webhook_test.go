package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/models"
)

func runPayvand(t *testing.T, args ...string) cliResult {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, func(string) string { return "" }, &stdout, &stderr)
	return cliResult{code, stdout.String(), stderr.String()}
}

func TestWebhookAddPrintsIDAndSecretAndListShowsIt(t *testing.T) {
	dir := t.TempDir()
	// Flags before and after the subcommand, as every command takes them.
	res := runPayvand(t, "webhook", "--data", dir, "add", "--url", "https://example.com/hook", "--events", "article.published,article.updated", "--locales", "fa", "--description", "Astro site")
	if res.code != 0 {
		t.Fatalf("exit %d, stderr %s", res.code, res.stderr)
	}
	re := regexp.MustCompile(`\Aid: (wh_[0-9a-z]+)\nsecret: (whsec_[A-Za-z0-9+/=]+)\n\z`)
	m := re.FindStringSubmatch(res.stdout)
	if m == nil {
		t.Fatalf("stdout %q, want exactly the two lines id: wh_… and secret: whsec_…", res.stdout)
	}
	store, err := models.Open(context.Background(), models.Options{Path: filepath.Join(dir, "payvand.db"), Locales: locale.MustParse(locale.DefaultCodes)})
	if err != nil {
		t.Fatal(err)
	}
	ep, err := store.FindWebhook(context.Background(), m[1])
	store.Close()
	if err != nil || ep.Secret != m[2] || ep.EventTypes != "article.published,article.updated" || ep.Locales != "fa" || !ep.Active {
		t.Fatalf("stored endpoint %+v (%v)", ep, err)
	}

	list := runPayvand(t, "webhook", "list", "--data", dir)
	if list.code != 0 || !strings.Contains(list.stdout, m[1]) || !strings.Contains(list.stdout, "https://example.com/hook") || strings.Contains(list.stdout, m[2]) {
		t.Errorf("list: exit %d, stdout %q: want the endpoint, without its secret", list.code, list.stdout)
	}
}

func TestWebhookAddRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"webhook", "add", "--data", dir}, 2},
		{[]string{"webhook", "add", "--data", dir, "--url", "gopher://x"}, 1},
		{[]string{"webhook", "add", "--data", dir, "--url", "https://x.example", "--events", "article.nope"}, 1},
		{[]string{"webhook", "remove", "--data", dir}, 2},
	} {
		if res := runPayvand(t, c.args...); res.code != c.code || res.stdout != "" {
			t.Errorf("%v: exit %d, stdout %q; want %d and nothing printed", c.args, res.code, res.stdout, c.code)
		}
	}
}
