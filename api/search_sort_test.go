package api

import (
	"net/http"
	"net/url"
	"reflect"
	"testing"

	"github.com/payvand/payvand/models"
)

// searchTotalBody is a search answer with its total.
type searchTotalBody struct {
	searchBody
	Total int64 `json:"total"`
}

// TestSearchSortDate: sort=date orders matches newest first where
// relevance puts the oldest first; each page carries the total, equal to
// the matches paged through; a cursor serves only the sort that made it.
func TestSearchSortDate(t *testing.T) {
	onEachEngine(t, func(t *testing.T, env *testEnv) {
		news := models.SharedInput{SectionID: env.ids["section:news"]}
		best := pub("tg", "Барқ барқ: нерӯгоҳи барқ", -30)
		mid := pub("tg", "Барқ дар деҳа", -10)
		newest := pub("tg", "Хабари нав", -2)
		newest.BodyHTML = "<p>Дар охир дар бораи барқ.</p>"
		env.article("best", news, best)
		env.article("mid", news, mid)
		env.article("newest", news, newest)
		q := url.QueryEscape("барқ")

		var relevance, byDate searchTotalBody
		env.getJSON("/api/v1/tg/search?q="+q, http.StatusOK, &relevance)
		env.getJSON("/api/v1/tg/search?q="+q+"&sort=date", http.StatusOK, &byDate)
		if got := foundIDs(relevance.searchBody); len(got) != 3 || got[0] != env.ids["best"] {
			t.Fatalf("by relevance = %v, want best (%d) first of three", got, env.ids["best"])
		}
		want := []uint{env.ids["newest"], env.ids["mid"], env.ids["best"]}
		if got := foundIDs(byDate.searchBody); !reflect.DeepEqual(got, want) {
			t.Fatalf("sort=date = %v, want %v", got, want)
		}
		var explicit searchTotalBody
		env.getJSON("/api/v1/tg/search?q="+q+"&sort=relevance", http.StatusOK, &explicit)
		if !reflect.DeepEqual(foundIDs(explicit.searchBody), foundIDs(relevance.searchBody)) {
			t.Fatalf("sort=relevance = %v, default = %v", foundIDs(explicit.searchBody), foundIDs(relevance.searchBody))
		}

		for _, sort := range []string{"relevance", "date"} {
			base := "/api/v1/tg/search?limit=1&q=" + q + "&sort=" + sort
			target := base
			var walked []uint
			for range 5 {
				var page searchTotalBody
				env.getJSON(target, http.StatusOK, &page)
				if page.Total != 3 {
					t.Fatalf("%s page total = %d, want 3", sort, page.Total)
				}
				walked = append(walked, foundIDs(page.searchBody)...)
				if page.NextCursor == nil {
					break
				}
				target = base + "&cursor=" + url.QueryEscape(*page.NextCursor)
			}
			if len(walked) != 3 {
				t.Fatalf("%s paged through %v, want 3 matches", sort, walked)
			}
		}

		var first searchTotalBody
		env.getJSON("/api/v1/tg/search?limit=1&q="+q, http.StatusOK, &first)
		var body apiError
		env.getJSON("/api/v1/tg/search?limit=1&sort=date&q="+q+"&cursor="+url.QueryEscape(*first.NextCursor), http.StatusBadRequest, &body)
		if body.Error.Details["parameter"] != "cursor" {
			t.Fatalf("a relevance cursor with sort=date: %+v, want a 400 naming cursor", body.Error)
		}
		for _, bad := range []string{"newest", "", "DATE", "most_read"} {
			var body apiError
			env.getJSON("/api/v1/tg/search?q="+q+"&sort="+bad, http.StatusBadRequest, &body)
			if body.Error.Code != "invalid_parameter" || body.Error.Details["parameter"] != "sort" {
				t.Fatalf("sort=%q: %+v, want invalid_parameter naming sort", bad, body.Error)
			}
		}
	})
}

// TestSearchTotalCountsOnlyPublicMatches: drafts, scheduled, archived and
// trashed translations match the index but never count.
func TestSearchTotalCountsOnlyPublicMatches(t *testing.T) {
	onEachEngine(t, func(t *testing.T, env *testEnv) {
		// The fixture's tg titles: every public one and the hidden ones share no
		// word, so search a word in each hidden title and expect 0.
		for _, word := range []string{"оянда", "Бойгонӣ", "Партофташуда"} {
			var body searchTotalBody
			env.getJSON("/api/v1/tg/search?q="+url.QueryEscape(word), http.StatusOK, &body)
			if body.Total != 0 || len(body.Data) != 0 {
				t.Errorf("%s: total %d, %d hits; want none", word, body.Total, len(body.Data))
			}
		}
		var body searchTotalBody
		env.getJSON("/api/v1/fa/search?q="+url.QueryEscape("میراث"), http.StatusOK, &body)
		if body.Total != 1 || len(body.Data) != 1 {
			t.Errorf("fa میراث: total %d, %d hits; want 1", body.Total, len(body.Data))
		}
	})
}
