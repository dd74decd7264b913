package api

import (
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/publicjson"
)

type listBody struct {
	Data       []publicjson.Summary `json:"data"`
	NextCursor *string              `json:"next_cursor"`
}

type articleResp struct {
	Data publicjson.Article `json:"data"`
}

func ids(items []publicjson.Summary) []uint {
	out := make([]uint, len(items))
	for i, s := range items {
		out[i] = s.ID
	}
	return out
}

func TestLocales(t *testing.T) {
	env := newTestEnv(t)
	var body struct{ Data []publicjson.Locale }
	env.getJSON("/api/v1/locales", http.StatusOK, &body)
	want := []publicjson.Locale{{Code: "tg", Name: "Тоҷикӣ", Dir: "ltr", Default: true}, {Code: "fa", Name: "فارسی", Dir: "rtl"}}
	if !reflect.DeepEqual(body.Data, want) {
		t.Fatalf("locales = %+v, want %+v", body.Data, want)
	}
}

func TestSections(t *testing.T) {
	env := newTestEnv(t)
	var body struct{ Data []publicjson.Section }
	env.getJSON("/api/v1/tg/sections", http.StatusOK, &body)
	got := map[string]publicjson.Section{}
	var order []string
	for _, s := range body.Data {
		got[s.Slug] = s
		order = append(order, s.Slug)
	}
	if !reflect.DeepEqual(order, []string{"news", "culture", "heritage"}) {
		t.Fatalf("order = %v", order)
	}
	// tg public: news has both+tgOnly; culture has tieB and, through heritage, tieA.
	wantCounts := map[string]int64{"news": 2, "culture": 2, "heritage": 1}
	for slug, n := range wantCounts {
		if got[slug].ArticleCount != n {
			t.Errorf("tg %s article_count = %d, want %d", slug, got[slug].ArticleCount, n)
		}
	}
	if got["heritage"].ParentID == nil || *got["heritage"].ParentID != got["culture"].ID || got["news"].ParentID != nil {
		t.Errorf("parent ids wrong: %+v", body.Data)
	}
	env.getJSON("/api/v1/fa/sections", http.StatusOK, &body)
	for _, s := range body.Data {
		if s.Slug == "news" && (s.ArticleCount != 1 || s.Name != "بخش news") {
			t.Errorf("fa news = %+v, want 1 article and the Persian name", s)
		}
	}
}

func TestListArticlesOrderAndFilters(t *testing.T) {
	env := newTestEnv(t)
	var body listBody
	env.getJSON("/api/v1/tg/articles", http.StatusOK, &body)
	tieFirst, tieSecond := env.ids["tieB"], env.ids["tieA"]
	if tieFirst < tieSecond {
		tieFirst, tieSecond = tieSecond, tieFirst
	}
	want := []uint{tieFirst, tieSecond, env.ids["tgOnly"], env.ids["both"]}
	if !reflect.DeepEqual(ids(body.Data), want) || body.NextCursor != nil {
		t.Fatalf("tg list = %v next %v, want %v and no next page", ids(body.Data), body.NextCursor, want)
	}
	env.getJSON("/api/v1/fa/articles", http.StatusOK, &body)
	if !reflect.DeepEqual(ids(body.Data), []uint{env.ids["tieA"], env.ids["both"]}) {
		t.Fatalf("fa list = %v", ids(body.Data))
	}
	env.getJSON("/api/v1/tg/articles?section=culture", http.StatusOK, &body)
	if !reflect.DeepEqual(ids(body.Data), []uint{tieFirst, tieSecond}) {
		t.Fatalf("culture (with heritage) = %v", ids(body.Data))
	}
	env.getJSON(fmt.Sprintf("/api/v1/tg/articles?section=news&exclude=%d", env.ids["both"]), http.StatusOK, &body)
	if !reflect.DeepEqual(ids(body.Data), []uint{env.ids["tgOnly"]}) {
		t.Fatalf("news excluding both = %v", ids(body.Data))
	}
}

func TestKeysetPagingAcrossEqualTimes(t *testing.T) {
	env := newTestEnv(t)
	var all, page listBody
	env.getJSON("/api/v1/tg/articles", http.StatusOK, &all)
	var walked []uint
	target := "/api/v1/tg/articles?limit=1"
	for range 10 {
		env.getJSON(target, http.StatusOK, &page)
		if len(page.Data) != 1 {
			t.Fatalf("page %s has %d items", target, len(page.Data))
		}
		walked = append(walked, page.Data[0].ID)
		if page.NextCursor == nil {
			break
		}
		target = "/api/v1/tg/articles?limit=1&cursor=" + url.QueryEscape(*page.NextCursor)
	}
	if !reflect.DeepEqual(walked, ids(all.Data)) {
		t.Fatalf("paging one by one gave %v, want %v", walked, ids(all.Data))
	}
}

func TestArticleByIDAndSlug(t *testing.T) {
	env := newTestEnv(t)
	var body articleResp
	env.getJSON(fmt.Sprintf("/api/v1/fa/articles/%d", env.ids["both"]), http.StatusOK, &body)
	a := body.Data
	if a.Title != "همکاری\u200cهای فرهنگی گسترش می\u200cیابد" || a.Dir != "rtl" || a.Locale != "fa" {
		t.Fatalf("fa article = %q dir %q", a.Title, a.Dir)
	}
	if a.PublishedAt != "2024-07-12T04:00:00Z" {
		t.Errorf("published_at = %q", a.PublishedAt)
	}
	if len(a.Translations) != 1 || a.Translations[0].Locale != "tg" || a.Translations[0].Title != "Ҳамкории ҷавонон ва қадимӣ" {
		t.Errorf("translations = %+v", a.Translations)
	}
	if a.Image == nil || a.Image.URL != testBaseURL+"/media/ab/pic.jpg" || a.Image.ThumbnailURL != testBaseURL+"/media/ab/pic-thumb.jpg" ||
		a.Image.MediumURL != testBaseURL+"/media/ab/pic-medium.jpg" || a.Image.Alt != "چشم\u200cانداز" {
		t.Errorf("image = %+v", a.Image)
	}
	if !strings.Contains(a.BodyHTML, `src="`+testBaseURL+`/media/ab/pic-medium.jpg"`) {
		t.Errorf("body media not absolute: %s", a.BodyHTML)
	}
	if a.Section.Slug != "news" || a.Section.Name != "بخش news" {
		t.Errorf("section = %+v", a.Section)
	}

	// The same article by its Persian slug, percent-encoded as browsers send it.
	var bySlug articleResp
	env.getJSON("/api/v1/fa/articles/slug/"+url.PathEscape(a.Slug), http.StatusOK, &bySlug)
	if bySlug.Data.ID != a.ID || bySlug.Data.Title != a.Title {
		t.Fatalf("by slug %q = %+v", a.Slug, bySlug.Data.Summary)
	}
}

func TestRelatedFromBothSides(t *testing.T) {
	env := newTestEnv(t)
	var body articleResp
	env.getJSON(fmt.Sprintf("/api/v1/tg/articles/%d", env.ids["both"]), http.StatusOK, &body)
	// Links made on "both" in order (the archived one hidden), then the one made on tgOnly.
	if got, want := ids(body.Data.Related), []uint{env.ids["tieA"], env.ids["tgOnly"]}; !reflect.DeepEqual(got, want) {
		t.Fatalf("tg related of both = %v, want %v", got, want)
	}
	env.getJSON(fmt.Sprintf("/api/v1/tg/articles/%d", env.ids["tieA"]), http.StatusOK, &body)
	if got := ids(body.Data.Related); !reflect.DeepEqual(got, []uint{env.ids["both"]}) {
		t.Fatalf("tieA related = %v, want the link made on both", got)
	}
	env.getJSON(fmt.Sprintf("/api/v1/fa/articles/%d", env.ids["both"]), http.StatusOK, &body)
	if got := ids(body.Data.Related); !reflect.DeepEqual(got, []uint{env.ids["tieA"]}) {
		t.Fatalf("fa related of both = %v (tgOnly's fa is a draft)", got)
	}
}

func TestErrors(t *testing.T) {
	env := newTestEnv(t)
	tests := []struct {
		target  string
		status  int
		code    string
		details map[string]any
	}{
		{"/api/v1/de/articles", 404, "unknown_locale", map[string]any{"locales": []any{"tg", "fa"}}},
		{"/api/v1/de/sections", 404, "unknown_locale", nil},
		{fmt.Sprintf("/api/v1/fa/articles/%d", env.ids["tgOnly"]), 404, "not_translated", map[string]any{"locales": []any{"tg"}}},
		{fmt.Sprintf("/api/v1/tg/articles/%d", env.ids["future"]), 404, "not_found", nil},
		{fmt.Sprintf("/api/v1/tg/articles/%d", env.ids["archived"]), 404, "not_found", nil},
		{fmt.Sprintf("/api/v1/tg/articles/%d", env.ids["trashed"]), 404, "not_found", nil},
		{"/api/v1/tg/articles/999999", 404, "not_found", nil},
		{"/api/v1/tg/articles/abc", 404, "not_found", nil},
		{"/api/v1/tg/articles/-1", 404, "not_found", nil},
		{"/api/v1/tg/articles/0", 404, "not_found", nil},
		{"/api/v1/tg/articles/99999999999999999999999", 404, "not_found", nil},
		{"/api/v1/tg/articles/slug/no-such-slug", 404, "not_found", nil},
		{"/api/v1/fa/articles/slug/" + url.PathEscape("پیش-نویس"), 404, "not_found", nil},
		{"/api/v1/tg/articles?limit=0", 400, "invalid_parameter", map[string]any{"parameter": "limit"}},
		{"/api/v1/tg/articles?limit=101", 400, "invalid_parameter", map[string]any{"parameter": "limit"}},
		{"/api/v1/tg/articles?limit=abc", 400, "invalid_parameter", map[string]any{"parameter": "limit"}},
		{"/api/v1/tg/articles?cursor=bm9wZQ", 400, "invalid_parameter", map[string]any{"parameter": "cursor"}},
		{"/api/v1/tg/articles?cursor=%%%", 400, "invalid_parameter", nil},
		{"/api/v1/tg/articles?exclude=x", 400, "invalid_parameter", map[string]any{"parameter": "exclude"}},
		{"/api/v1/tg/articles?exclude=-3", 400, "invalid_parameter", map[string]any{"parameter": "exclude"}},
		{"/api/v1/tg/articles?section=nope", 404, "not_found", nil},
		{"/api/v1/nothing/here/at/all", 404, "not_found", nil},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			var body apiError
			env.with(t).getJSON(tt.target, tt.status, &body)
			if body.Error.Code != tt.code || body.Error.Message == "" || body.Error.Details == nil {
				t.Fatalf("error = %+v, want code %s with a message and details", body.Error, tt.code)
			}
			for k, v := range tt.details {
				if !reflect.DeepEqual(body.Error.Details[k], v) {
					t.Errorf("details[%s] = %v, want %v", k, body.Error.Details[k], v)
				}
			}
		})
	}
}

func TestScheduledTranslationAppearsWhenDue(t *testing.T) {
	env := newTestEnv(t)
	target := fmt.Sprintf("/api/v1/tg/articles/%d", env.ids["future"])
	env.getJSON(target, http.StatusNotFound, nil)
	var list listBody
	env.getJSON("/api/v1/tg/articles", http.StatusOK, &list) // cached now, until the scheduled time
	env.clock.t = testNow.Add(2*time.Hour + time.Second)
	env.getJSON(target, http.StatusOK, nil)
	env.getJSON("/api/v1/tg/articles", http.StatusOK, &list)
	if list.Data[0].ID != env.ids["future"] {
		t.Fatalf("list after the scheduled time starts with %d, want %d", list.Data[0].ID, env.ids["future"])
	}
}

func TestWritesShowAtOnceDespiteCache(t *testing.T) {
	env := newTestEnv(t)
	target := fmt.Sprintf("/api/v1/tg/articles/%d", env.ids["both"])
	env.getJSON(target, http.StatusOK, nil)
	if err := env.store.TrashArticle(t.Context(), env.ids["both"]); err != nil {
		t.Fatal(err)
	}
	env.getJSON(target, http.StatusNotFound, nil)
	var list listBody
	env.getJSON("/api/v1/tg/articles?section=news", http.StatusOK, &list)
	if reflect.DeepEqual(ids(list.Data), []uint{env.ids["tgOnly"], env.ids["both"]}) {
		t.Fatal("trashed article still listed")
	}
}
