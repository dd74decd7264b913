package api

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/payvand/payvand/models"
)

type changesBody struct {
	Data []struct {
		ID         string         `json:"id"`
		Type       string         `json:"type"`
		OccurredAt string         `json:"occurred_at"`
		Data       map[string]any `json:"data"`
	} `json:"data"`
	NextCursor *string `json:"next_cursor"`
}

// A poller paging with a small limit while an editor keeps publishing
// reads every event exactly once, in commit order.
func TestChangeFeedPagesWithoutGapsOrRepeats(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	const articles = 520 // two translations each: 1,040 events beside the fixture's
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range articles {
			_, err := env.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: env.ids["section:news"]},
				Translations: []models.TranslationInput{pub("tg", fmt.Sprintf("Хабари %d", i), -1), pub("fa", fmt.Sprintf("خبر %d", i), -1)}})
			if err != nil {
				t.Error(err)
				return
			}
		}
	}()
	seen := map[string]bool{}
	var ids []string
	cursor := ""
	poll := func() int {
		target := "/api/v1/changes?limit=7"
		if cursor != "" {
			target += "&since=" + cursor
		}
		var page changesBody
		rec := env.with(t).getJSON(target, http.StatusOK, &page)
		if cc := rec.Header().Get("Cache-Control"); cc != "no-store" {
			t.Fatalf("Cache-Control = %q, want no-store", cc)
		}
		if page.NextCursor == nil || *page.NextCursor == "" {
			t.Fatalf("GET %s: next_cursor is empty", target)
		}
		for _, ev := range page.Data {
			if seen[ev.ID] {
				t.Fatalf("event %s returned twice", ev.ID)
			}
			seen[ev.ID] = true
			ids = append(ids, ev.ID)
		}
		cursor = *page.NextCursor
		return len(page.Data)
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	for writing := true; writing; {
		select {
		case <-done:
			writing = false
		default:
			poll()
		}
	}
	for poll() > 0 {
	}
	all, err := env.store.EventsAfter(ctx, 0, 100000)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 2*articles || len(ids) != len(all) {
		t.Fatalf("read %d events, the database holds %d (want at least %d)", len(ids), len(all), 2*articles)
	}
	for i, ev := range all {
		if ids[i] != ev.ID {
			t.Fatalf("event %d read as %s, committed as %s", i, ids[i], ev.ID)
		}
	}
}

func TestChangeFeedCursors(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	var start changesBody
	env.getJSON("/api/v1/changes", http.StatusOK, &start)
	if len(start.Data) == 0 || start.Data[0].Type != "section.updated" {
		t.Fatalf("without since: %+v, want the fixture's events from the oldest", start.Data)
	}
	var now changesBody
	env.getJSON("/api/v1/changes?since=now", http.StatusOK, &now)
	last, _ := env.store.LastEventPosition(ctx)
	if len(now.Data) != 0 || now.NextCursor == nil || *now.NextCursor != fmt.Sprintf("c1.%d", last) {
		t.Fatalf("since=now: %d events, next_cursor %v; want none and c1.%d", len(now.Data), now.NextCursor, last)
	}
	var idle changesBody
	env.getJSON("/api/v1/changes?since="+*now.NextCursor, http.StatusOK, &idle)
	if len(idle.Data) != 0 || *idle.NextCursor != *now.NextCursor {
		t.Fatalf("nothing newer: %d events, next_cursor %s; want since unchanged", len(idle.Data), *idle.NextCursor)
	}

	// A publication after since=now is the next poll's one event.
	env.article("later", models.SharedInput{SectionID: env.ids["section:news"]}, pub("tg", "Навтарин", -1))
	var next changesBody
	env.getJSON("/api/v1/changes?since="+*now.NextCursor, http.StatusOK, &next)
	if len(next.Data) != 1 || next.Data[0].Type != "article.published" || next.Data[0].OccurredAt != "2024-07-12T14:00:00Z" ||
		next.Data[0].Data["article_id"] != float64(env.ids["later"]) || next.Data[0].Data["url"] != nil {
		t.Fatalf("after a publication: %+v", next.Data)
	}

	// Events older than 30 days are pruned; a cursor before them expired.
	env.clock.t = testNow.Add(31 * 24 * time.Hour)
	env.article("recent", models.SharedInput{SectionID: env.ids["section:news"]}, pub("tg", "Нав", 0))
	if n, err := env.store.PruneEvents(ctx, env.clock.t.Add(-models.EventRetention)); err != nil || n == 0 {
		t.Fatalf("PruneEvents = %d, %v", n, err)
	}
	for _, tc := range []struct {
		since  string
		status int
		code   string
	}{
		{"c1.0", http.StatusGone, "cursor_expired"},
		{*now.NextCursor, http.StatusGone, "cursor_expired"},
		{*next.NextCursor, http.StatusOK, ""}, // just before the oldest kept event
		{"c1.999999", http.StatusGone, "cursor_expired"},
		{"c2.5", http.StatusBadRequest, "invalid_parameter"},
		{"c1.", http.StatusBadRequest, "invalid_parameter"},
		{"c1.-3", http.StatusBadRequest, "invalid_parameter"},
		{"c1.99999999999999999999", http.StatusBadRequest, "invalid_parameter"},
	} {
		var e apiError
		if tc.status == http.StatusOK {
			env.getJSON("/api/v1/changes?since="+tc.since, tc.status, nil)
			continue
		}
		env.getJSON("/api/v1/changes?since="+tc.since, tc.status, &e)
		if e.Error.Code != tc.code || e.Error.Details["parameter"] != "since" {
			t.Errorf("since=%s: %+v, want %s naming since", tc.since, e.Error, tc.code)
		}
	}
	var fresh changesBody
	env.getJSON("/api/v1/changes", http.StatusOK, &fresh)
	if len(fresh.Data) != 1 || fresh.Data[0].Data["article_id"] != float64(env.ids["recent"]) {
		t.Fatalf("after pruning, without since: %+v, want only the recent event", fresh.Data)
	}
}
