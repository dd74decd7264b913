package api

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"testing"

	"github.com/payvand/payvand/internal/publicjson"
)

// mostReadResp is a decoded most-read list.
type mostReadResp struct {
	Data       []publicjson.MostReadItem `json:"data"`
	NextCursor *string                   `json:"next_cursor"`
}

// postView posts a view from client to path and returns the status and
// the answered view_count.
func (env *testEnv) postView(t *testing.T, path, client string) (int, int64, http.Header) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, path, nil)
	req.RemoteAddr = client + ":1234"
	rec := newRecorder()
	env.router.ServeHTTP(rec, req)
	var body struct {
		Data struct {
			ViewCount int64 `json:"view_count"`
		}
	}
	decode(t, rec.Body.Bytes(), &body)
	return rec.Code, body.Data.ViewCount, rec.Header()
}

func mostReadIDs(items []publicjson.MostReadItem) (ids []uint, views []int64) {
	for _, it := range items {
		ids = append(ids, it.ID)
		views = append(views, it.PeriodViews)
	}
	return ids, views
}

// TestViewsCountPerLocaleForMostRead: the per-locale endpoint counts for
// its locale, the old one for every locale, and the most-read lists order
// by them while view_count stays the total.
func TestViewsCountPerLocaleForMostRead(t *testing.T) {
	env := newTestEnv(t)
	both, tgOnly := env.ids["both"], env.ids["tgOnly"]
	views := func(loc string, id uint) string {
		if loc == "" {
			return fmt.Sprintf("/api/v1/articles/%d/views", id)
		}
		return fmt.Sprintf("/api/v1/%s/articles/%d/views", loc, id)
	}
	if code, n, h := env.postView(t, views("fa", both), "10.0.0.1"); code != 200 || n != 1 || h.Get("Cache-Control") != "no-store" {
		t.Fatalf("fa view: %d count %d cache-control %q", code, n, h.Get("Cache-Control"))
	}
	if code, n, _ := env.postView(t, views("", both), "10.0.0.1"); code != 200 || n != 2 {
		t.Fatalf("view without a locale (old endpoint): %d count %d, want 200 and 2", code, n)
	}
	for _, client := range []string{"10.0.0.1", "10.0.0.2"} {
		if code, _, _ := env.postView(t, views("tg", tgOnly), client); code != 200 {
			t.Fatalf("tg view of tgOnly: %d", code)
		}
	}
	for name, path := range map[string]string{
		"not public in fa": views("fa", tgOnly),
		"unknown locale":   views("xx", both),
		"scheduled":        views("tg", env.ids["future"]),
	} {
		if code, _, h := env.postView(t, path, "10.0.0.3"); code != 404 || h.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: %d, want 404 no-store", name, code)
		}
	}
	if err := env.views.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	// A week's views: flushed under the test clock, which is today.
	tests := []struct {
		target    string
		want      []uint
		wantViews []int64
	}{
		{"/api/v1/tg/articles?sort=most_read", []uint{tgOnly, both, env.ids["tieB"], env.ids["tieA"]}, []int64{2, 1, 0, 0}},
		{"/api/v1/fa/articles?sort=most_read&period=day", []uint{both, env.ids["tieA"]}, []int64{2, 0}},
		{"/api/v1/tg/articles?sort=most_read&period=month&section=culture", []uint{env.ids["tieB"], env.ids["tieA"]}, []int64{0, 0}},
		{"/api/v1/tg/articles?sort=most_read&exclude=" + fmt.Sprint(tgOnly) + "&limit=1", []uint{both}, []int64{1}},
	}
	for _, tt := range tests {
		var page mostReadResp
		env.getJSON(tt.target, 200, &page)
		got, gotViews := mostReadIDs(page.Data)
		if !slices.Equal(got, tt.want) || !slices.Equal(gotViews, tt.wantViews) {
			t.Errorf("%s: %v views %v, want %v views %v", tt.target, got, gotViews, tt.want, tt.wantViews)
		}
	}
	var fa mostReadResp
	env.getJSON("/api/v1/fa/articles?sort=most_read", 200, &fa)
	if len(fa.Data) == 0 || fa.Data[0].ViewCount != 2 {
		t.Fatalf("view_count of the top fa item: %+v, want the total 2", fa.Data)
	}
}

func TestMostReadCursorPagesWithoutGapsOrRepeats(t *testing.T) {
	env := newTestEnv(t)
	env.postView(t, fmt.Sprintf("/api/v1/tg/articles/%d/views", env.ids["tieA"]), "10.0.0.1")
	if err := env.views.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	var all mostReadResp
	env.getJSON("/api/v1/tg/articles?sort=most_read", 200, &all)
	want, _ := mostReadIDs(all.Data)
	var got []uint
	target := "/api/v1/tg/articles?sort=most_read&limit=1"
	for range 10 {
		var page mostReadResp
		env.getJSON(target, 200, &page)
		ids, _ := mostReadIDs(page.Data)
		got = append(got, ids...)
		if page.NextCursor == nil {
			break
		}
		target = "/api/v1/tg/articles?sort=most_read&limit=1&cursor=" + url.QueryEscape(*page.NextCursor)
	}
	if len(want) < 3 || want[0] != env.ids["tieA"] || !slices.Equal(got, want) {
		t.Fatalf("paged %v, want %v (tieA first)", got, want)
	}
}

func TestListSortAndPeriodAreChecked(t *testing.T) {
	env := newTestEnv(t)
	var newest, explicit struct {
		Data []publicjson.Summary `json:"data"`
	}
	env.getJSON("/api/v1/tg/articles", 200, &newest)
	env.getJSON("/api/v1/tg/articles?sort=newest", 200, &explicit)
	if !slices.Equal(ids(newest.Data), ids(explicit.Data)) {
		t.Fatalf("sort=newest %v differs from the default %v", ids(explicit.Data), ids(newest.Data))
	}
	var first struct {
		NextCursor *string `json:"next_cursor"`
	}
	env.getJSON("/api/v1/tg/articles?limit=1", 200, &first)
	for target, param := range map[string]string{
		"/api/v1/tg/articles?sort=popular":                               "sort",
		"/api/v1/tg/articles?sort=":                                      "sort",
		"/api/v1/tg/articles?sort=most_read&period=year":                 "period",
		"/api/v1/tg/articles?period=day":                                 "period",
		"/api/v1/tg/articles?sort=most_read&cursor=" + *first.NextCursor: "cursor",
		"/api/v1/tg/articles?sort=most_read&limit=0":                     "limit",
	} {
		var body apiError
		env.getJSON(target, 400, &body)
		if body.Error.Code != "invalid_parameter" || body.Error.Details["parameter"] != param {
			t.Errorf("%s: %+v, want invalid_parameter naming %s", target, body.Error, param)
		}
	}
}

// TestMostReadIsCachedAcrossViewFlushes: a most-read list is a cached
// locale answer, and flushed views do not invalidate it: its order may be
// up to --cache-ttl old, as documented.
func TestMostReadIsCachedAcrossViewFlushes(t *testing.T) {
	env := newTestEnv(t)
	target := "/api/v1/tg/articles?sort=most_read&period=day"
	before := env.do(http.MethodGet, target, nil)
	env.postView(t, fmt.Sprintf("/api/v1/tg/articles/%d/views", env.ids["tieA"]), "10.0.0.1")
	if err := env.views.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	again := env.do(http.MethodGet, target, nil)
	if again.Header().Get("ETag") != before.Header().Get("ETag") || again.Body.String() != before.Body.String() {
		t.Fatal("a view flush changed the cached most-read answer; views must not invalidate")
	}
	fresh := env.newRouter(Options{}) // no cache: the new order shows at once
	rec := httptest.NewRecorder()
	fresh.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	var page mostReadResp
	decode(t, rec.Body.Bytes(), &page)
	if len(page.Data) == 0 || page.Data[0].ID != env.ids["tieA"] || page.Data[0].PeriodViews != 1 {
		t.Fatalf("uncached most-read answer %s: want tieA first with 1 view", rec.Body.String())
	}
}
