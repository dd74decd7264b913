package api

import (
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/models"
)

// totalBody is a list answer with its total.
type totalBody struct {
	listBody
	Total int64 `json:"total"`
}

// at is a time relative to the fixture's clock, as a query value.
func at(d time.Duration) string { return url.QueryEscape(testNow.Add(d).Format(time.RFC3339Nano)) }

// TestListFilters checks each list filter on the fixture's tg list: tieB
// and tieA (3 h ago, same second), tgOnly (5 h ago), both (10 h ago).
// published_after includes its time, published_before leaves its time out.
func TestListFilters(t *testing.T) {
	env := newTestEnv(t)
	id := func(keys ...string) []uint {
		out := []uint{}
		for _, k := range keys {
			out = append(out, env.ids[k])
		}
		return out
	}
	tests := []struct {
		name, query string
		want        []uint
	}{
		{"no filter", "", id("tieB", "tieA", "tgOnly", "both")},
		{"after, at the boundary, includes it", "published_after=" + at(-5*time.Hour), id("tieB", "tieA", "tgOnly")},
		{"after, a second later, leaves it out", "published_after=" + at(-5*time.Hour+time.Second), id("tieB", "tieA")},
		{"after, half a second later, leaves it out", "published_after=" + at(-5*time.Hour+time.Second/2), id("tieB", "tieA")},
		{"after in another offset", "published_after=" + url.QueryEscape("2024-07-12T13:00:00+04:00"), id("tieB", "tieA", "tgOnly")},
		{"before, at the boundary, leaves it out", "published_before=" + at(-5*time.Hour), id("both")},
		{"before, a second later, includes it", "published_before=" + at(-5*time.Hour+time.Second), id("tgOnly", "both")},
		{"before, half a second later, includes it", "published_before=" + at(-5*time.Hour+time.Second/2), id("tgOnly", "both")},
		{"a range", "published_after=" + at(-5*time.Hour) + "&published_before=" + at(-3*time.Hour), id("tgOnly")},
		{"an empty range", "published_after=" + at(-3*time.Hour) + "&published_before=" + at(-3*time.Hour), id()},
		{"before in the future lists only what is public", "published_before=" + at(48*time.Hour), id("tieB", "tieA", "tgOnly", "both")},
		{"one exclude", fmt.Sprintf("exclude=%d", env.ids["tieA"]), id("tieB", "tgOnly", "both")},
		{"exclude repeated", fmt.Sprintf("exclude=%d&exclude=%d", env.ids["tieA"], env.ids["both"]), id("tieB", "tgOnly")},
		{"exclude the same twice", fmt.Sprintf("exclude=%d&exclude=%d", env.ids["both"], env.ids["both"]), id("tieB", "tieA", "tgOnly")},
		{"exclude 20", strings.Repeat(fmt.Sprintf("exclude=%d&", env.ids["tgOnly"]), 20), id("tieB", "tieA", "both")},
		{"section with subsections", "section=culture", id("tieB", "tieA")},
		{"section with subsections, said", "section=culture&subsections=true", id("tieB", "tieA")},
		{"section without subsections", "section=culture&subsections=false", id("tieB")},
		{"subsection on its own", "section=heritage&subsections=false", id("tieA")},
		{"subsections=false without section lists all", "subsections=false", id("tieB", "tieA", "tgOnly", "both")},
		{"all together", fmt.Sprintf("section=news&subsections=false&exclude=%d&published_before=%s", env.ids["tgOnly"], at(-time.Hour)), id("both")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body totalBody
			env.with(t).getJSON("/api/v1/tg/articles?limit=100&"+tt.query, http.StatusOK, &body)
			if got := ids(body.Data); !reflect.DeepEqual(got, tt.want) && (len(got) != 0 || len(tt.want) != 0) {
				t.Errorf("ids = %v, want %v", got, tt.want)
			}
			if body.Total != int64(len(tt.want)) {
				t.Errorf("total = %d, want %d", body.Total, len(tt.want))
			}
		})
	}
}

// TestListFilterErrors: each malformed filter is a 400 naming it.
func TestListFilterErrors(t *testing.T) {
	env := newTestEnv(t)
	tests := []struct{ query, parameter string }{
		{"published_after=yesterday", "published_after"},
		{"published_after=2024-07-12", "published_after"},
		{"published_after=2024-07-12T10:00:00", "published_after"},
		{"published_before=2024-13-01T00:00:00Z", "published_before"},
		{"published_before=", "published_before"},
		{"exclude=0", "exclude"},
		{"exclude=1&exclude=x", "exclude"},
		{strings.Repeat("exclude=1&", 21), "exclude"},
		{"subsections=no", "subsections"},
		{"subsections=", "subsections"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var body apiError
			env.with(t).getJSON("/api/v1/tg/articles?"+tt.query, http.StatusBadRequest, &body)
			if body.Error.Code != "invalid_parameter" || body.Error.Details["parameter"] != tt.parameter {
				t.Errorf("error = %+v, want invalid_parameter naming %s", body.Error, tt.parameter)
			}
		})
	}
}

// TestListTotalMatchesPagedItems walks filtered lists one item a page: each
// page carries the same total, and it equals the number of items walked.
func TestListTotalMatchesPagedItems(t *testing.T) {
	env := newTestEnv(t)
	for _, q := range []string{"", "section=culture", "section=culture&subsections=false", "published_after=" + at(-6*time.Hour),
		fmt.Sprintf("exclude=%d&exclude=%d", env.ids["both"], env.ids["tieB"])} {
		for _, loc := range []string{"tg", "fa"} {
			t.Run(loc+"?"+q, func(t *testing.T) {
				base := "/api/v1/" + loc + "/articles?limit=1&" + q
				target, walked := base, 0
				var first int64 = -1
				for range 10 {
					var page totalBody
					env.with(t).getJSON(target, http.StatusOK, &page)
					walked += len(page.Data)
					if first == -1 {
						first = page.Total
					} else if page.Total != first {
						t.Fatalf("total changed while paging: %d then %d", first, page.Total)
					}
					if page.NextCursor == nil {
						break
					}
					target = base + "&cursor=" + url.QueryEscape(*page.NextCursor)
				}
				if int64(walked) != first {
					t.Fatalf("walked %d items, total says %d", walked, first)
				}
			})
		}
	}
}

// A list cursor is a position in the one order all filters share, so a
// cursor from one filter set continues another correctly: the second
// filter's items after that position, none skipped, none repeated.
func TestListCursorCarriesAcrossFilters(t *testing.T) {
	env := newTestEnv(t)
	var all totalBody
	env.getJSON("/api/v1/tg/articles?limit=100", http.StatusOK, &all)
	for _, q := range []string{"section=culture&subsections=false", "published_before=" + at(-4*time.Hour), fmt.Sprintf("exclude=%d", env.ids["tieA"])} {
		var filtered totalBody
		env.getJSON("/api/v1/tg/articles?limit=100&"+q, http.StatusOK, &filtered)
		for k := 1; k < len(all.Data); k++ {
			var page totalBody
			env.getJSON(fmt.Sprintf("/api/v1/tg/articles?limit=%d", k), http.StatusOK, &page)
			var after totalBody
			env.getJSON("/api/v1/tg/articles?limit=100&"+q+"&cursor="+url.QueryEscape(*page.NextCursor), http.StatusOK, &after)
			seen := ids(all.Data[:k])
			want := slices.DeleteFunc(ids(filtered.Data), func(id uint) bool { return slices.Contains(seen, id) })
			if got := ids(after.Data); !reflect.DeepEqual(got, want) {
				t.Errorf("%s after %d unfiltered items = %v, want %v", q, k, got, want)
			}
		}
	}
}

// TestSummaryReadingTimeAndUpdatedAt: reading time counts words, a ZWNJ
// word once, and updated_at is the one the article answer has.
func TestSummaryReadingTimeAndUpdatedAt(t *testing.T) {
	env := newTestEnv(t)
	fa := pub("fa", "کتاب\u200cخوانی", -1)
	// 600 words, each with a ZWNJ: 3 minutes. Split at ZWNJ, 1,200 words
	// would be 6; counted by bytes, many more.
	fa.BodyHTML = "<p>" + strings.Repeat("می\u200cخوانند ", 600) + "</p>"
	tg := pub("tg", "Китобхонӣ", -1)
	tg.BodyHTML = "<p>" + strings.Repeat("Тоҷикистон ", 299) + "</p>"
	env.article("long", models.SharedInput{SectionID: env.ids["section:news"]}, fa, tg)
	for loc, want := range map[string]int{"fa": 3, "tg": 1} {
		var list totalBody
		env.getJSON("/api/v1/"+loc+"/articles?limit=1", http.StatusOK, &list)
		if len(list.Data) != 1 || list.Data[0].ID != env.ids["long"] {
			t.Fatalf("%s list starts with %v, want the new article", loc, ids(list.Data))
		}
		if got := list.Data[0].ReadingTimeMinutes; got != want {
			t.Errorf("%s reading_time_minutes = %d, want %d", loc, got, want)
		}
		var article articleResp
		env.getJSON(fmt.Sprintf("/api/v1/%s/articles/%d", loc, env.ids["long"]), http.StatusOK, &article)
		if list.Data[0].UpdatedAt == "" || list.Data[0].UpdatedAt != article.Data.UpdatedAt {
			t.Errorf("%s summary updated_at %q, article updated_at %q", loc, list.Data[0].UpdatedAt, article.Data.UpdatedAt)
		}
		if _, err := time.Parse(time.RFC3339, list.Data[0].UpdatedAt); err != nil || !strings.HasSuffix(list.Data[0].UpdatedAt, "Z") {
			t.Errorf("%s updated_at %q is not RFC 3339 UTC", loc, list.Data[0].UpdatedAt)
		}
	}
}

// A most-read list takes exclude repeated too, and its total is every
// public article it reaches.
func TestMostReadTotalAndRepeatedExclude(t *testing.T) {
	env := newTestEnv(t)
	var body totalBody
	env.getJSON(fmt.Sprintf("/api/v1/tg/articles?sort=most_read&exclude=%d&exclude=%d", env.ids["both"], env.ids["tieA"]), http.StatusOK, &body)
	got := ids(body.Data)
	if body.Total != 2 || len(got) != 2 || slices.Contains(got, env.ids["both"]) || slices.Contains(got, env.ids["tieA"]) {
		t.Fatalf("most read without both and tieA: %v, total %d", got, body.Total)
	}
}

// The newest-first filters are refused with sort=most_read, not ignored.
func TestMostReadRefusesNewestFirstFilters(t *testing.T) {
	env := newTestEnv(t)
	for _, name := range []string{"published_after", "published_before", "subsections"} {
		var body apiError
		env.getJSON("/api/v1/tg/articles?sort=most_read&"+name+"=false", http.StatusBadRequest, &body)
		if body.Error.Details["parameter"] != name {
			t.Errorf("%s with most_read: %+v", name, body.Error)
		}
	}
}
