package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/models"
)

// webhook pause and resume set an endpoint's state as its admin page's
// buttons do; resume --skip-held also moves it past the events recorded
// while it was paused, and a plain resume keeps them to send.
func TestWebhookPauseAndResume(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	add := runPayvand(t, "webhook", "add", "--data", dir, "--url", "https://example.com/hook")
	m := regexp.MustCompile(`id: (wh_[0-9a-z]+)`).FindStringSubmatch(add.stdout)
	if add.code != 0 || m == nil {
		t.Fatalf("add: exit %d %q %q", add.code, add.stdout, add.stderr)
	}
	id := m[1]
	// endpoint reads the endpoint and the newest event position, after
	// recording an event when record is set.
	endpoint := func(record bool) (*models.WebhookEndpoint, int64) {
		t.Helper()
		store, err := models.Open(ctx, models.Options{Path: filepath.Join(dir, "payvand.db"), Locales: locale.MustParse(locale.DefaultCodes)})
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()
		if record {
			if _, err := store.RecordTestEvent(ctx, models.EventArticlePublished, nil, "", map[string]any{}); err != nil {
				t.Fatal(err)
			}
		}
		ep, err := store.FindWebhook(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		last, err := store.LastEventPosition(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return ep, last
	}
	for _, c := range []struct {
		args   []string
		out    string
		active bool
		// skipped says the step moves the cursor to the newest event.
		skipped bool
	}{
		{[]string{"pause", id}, id + ": paused\n", false, false},
		{[]string{"resume", id}, id + ": resumed\n", true, false},
		{[]string{"pause", id}, id + ": paused\n", false, false},
		{[]string{"resume", id, "--skip-held"}, id + ": resumed, without the events held while paused\n", true, true},
	} {
		// Before each resume an event happens while the endpoint is paused.
		before, _ := endpoint(c.active)
		res := runPayvand(t, append([]string{"webhook", "--data", dir}, c.args...)...)
		if res.code != 0 || res.stdout != c.out {
			t.Fatalf("%v: exit %d %q %q", c.args, res.code, res.stdout, res.stderr)
		}
		ep, last := endpoint(false)
		wantCursor := before.Cursor // no server runs: only the command moves it
		if c.skipped {
			wantCursor = last
		}
		if ep.Active != c.active || ep.Cursor != wantCursor || (c.active && last <= before.Cursor) {
			t.Errorf("%v: active %v, cursor %d, want %d (newest event %d, cursor before %d)", c.args, ep.Active, ep.Cursor, wantCursor, last, before.Cursor)
		}
		list := runPayvand(t, "webhook", "list", "--data", dir)
		if state := map[bool]string{true: "active", false: "paused"}[c.active]; !strings.Contains(list.stdout, id+"  "+state) {
			t.Errorf("%v: list %q, want %s", c.args, list.stdout, state)
		}
	}
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"pause", "wh_none"}, 1},
		{[]string{"resume", "wh_none", "--skip-held"}, 1},
		{[]string{"pause"}, 2},
		{[]string{"resume", id, id}, 2},
		{[]string{"pause", id, "--skip-held"}, 2}, // a flag that would do nothing is refused
		{[]string{"list", "--skip-held"}, 2},
	} {
		if res := runPayvand(t, append([]string{"webhook", "--data", dir}, c.args...)...); res.code != c.code {
			t.Errorf("%v: exit %d, want %d (%s)", c.args, res.code, c.code, res.stderr)
		}
	}
}

// The README's advice for a first import, end to end: endpoints paused
// during the import get none of its events; resumed with --skip-held they
// get none of them either, resumed plainly they get every one.
func TestWebhookPausedDuringImport(t *testing.T) {
	ctx := context.Background()
	for _, skip := range []bool{true, false} {
		dir := t.TempDir()
		add := runPayvand(t, "webhook", "add", "--data", dir, "--url", "https://example.com/hook")
		m := regexp.MustCompile(`id: (wh_[0-9a-z]+)`).FindStringSubmatch(add.stdout)
		if m == nil {
			t.Fatalf("add: %q %q", add.stdout, add.stderr)
		}
		steps := [][]string{
			{"webhook", "pause", m[1]},
			{"import", "wordpress", siteExport, "--locales", "fa,tg,ru"},
			{"webhook", "resume", m[1]},
		}
		if skip {
			steps[2] = append(steps[2], "--skip-held")
		}
		for _, args := range steps {
			if res := runPayvand(t, append(args, "--data", dir)...); res.code != 0 {
				t.Fatalf("%v: exit %d %s", args, res.code, res.stderr)
			}
		}
		store, err := models.Open(ctx, models.Options{Path: filepath.Join(dir, "payvand.db"), Locales: locale.MustParse("fa,tg,ru")})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.FanOutWebhookEvents(ctx, 1000); err != nil {
			t.Fatal(err)
		}
		ds, err := store.ListWebhookDeliveries(ctx, m[1], 1000)
		last, _ := store.LastEventPosition(ctx)
		store.Close()
		if err != nil {
			t.Fatal(err)
		}
		// The import recorded events: four translations published, the
		// sections and tags it made.
		if want := map[bool]int{true: 0, false: int(last)}[skip]; len(ds) != want || last < 4 {
			t.Errorf("skip held %v: %d deliveries of %d events, want %d", skip, len(ds), last, want)
		}
	}
}
