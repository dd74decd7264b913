package api

import (
	"context"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/publicjson"
	"github.com/payvand/payvand/models"
)

func (env *testEnv) pin(key string, position int, until *time.Time) {
	env.t.Helper()
	_, err := env.store.SaveArticle(context.Background(), models.ArticleInput{ID: env.ids[key], Pin: &models.PinChange{Pinned: true, Position: position, Until: until}})
	if err != nil {
		env.t.Fatal(err)
	}
}

type summaryPage struct {
	Data       []publicjson.Summary `json:"data"`
	NextCursor *string              `json:"next_cursor"`
	Total      int64                `json:"total"`
}

func pageIDs(p summaryPage) []uint {
	ids := []uint{}
	for _, s := range p.Data {
		ids = append(ids, s.ID)
	}
	return ids
}

// featured=true lists the pinned public articles of the locale by
// position, on one page; every summary says whether it is featured. A pin
// that ends drops out of the cached list at its end, with nobody saving.
func TestFeaturedList(t *testing.T) {
	env := newTestEnv(t)
	end := testNow.Add(time.Hour)
	env.pin("tieA", 2, nil)
	env.pin("both", 1, nil)
	env.pin("tgOnly", 3, &end)
	env.pin("future", 0, nil) // not public yet

	var tg summaryPage
	env.getJSON("/api/v1/tg/articles?featured=true", http.StatusOK, &tg)
	if want := []uint{env.ids["both"], env.ids["tieA"], env.ids["tgOnly"]}; !slices.Equal(pageIDs(tg), want) || tg.Total != 3 || tg.NextCursor != nil {
		t.Fatalf("tg featured %v total %d cursor %v, want %v", pageIDs(tg), tg.Total, tg.NextCursor, want)
	}
	last := tg.Data[2].Featured
	if last == nil || last.Position != 3 || last.Until == nil || *last.Until != "2024-07-12T15:00:00Z" {
		t.Fatalf("tgOnly featured = %+v, want position 3 until 15:00", last)
	}
	if first := tg.Data[0].Featured; first == nil || first.Position != 1 || first.Until != nil {
		t.Fatalf("both featured = %+v, want position 1 without an end", first)
	}
	var fa summaryPage
	env.getJSON("/api/v1/fa/articles?featured=true&limit=1", http.StatusOK, &fa)
	if want := []uint{env.ids["both"]}; !slices.Equal(pageIDs(fa), want) || fa.Total != 2 {
		t.Fatalf("fa featured %v total %d, want %v of 2", pageIDs(fa), fa.Total, want)
	}
	var list summaryPage
	env.getJSON("/api/v1/tg/articles?section=culture", http.StatusOK, &list)
	for _, s := range list.Data {
		if (s.ID == env.ids["tieA"]) != (s.Featured != nil) {
			t.Errorf("article %d in the newest list: featured %+v", s.ID, s.Featured)
		}
	}

	env.clock.t = end // nobody saves; the cached list ends with the pin
	env.getJSON("/api/v1/tg/articles?featured=true", http.StatusOK, &tg)
	if want := []uint{env.ids["both"], env.ids["tieA"]}; !slices.Equal(pageIDs(tg), want) || tg.Total != 2 {
		t.Fatalf("after the end: %v total %d, want %v", pageIDs(tg), tg.Total, want)
	}
}

func TestFeaturedParameterErrors(t *testing.T) {
	env := newTestEnv(t)
	for _, target := range []string{
		"/api/v1/tg/articles?featured=1",
		"/api/v1/tg/articles?featured=",
		"/api/v1/tg/articles?featured=true&sort=newest",
		"/api/v1/tg/articles?featured=true&published_after=2024-07-01T00:00:00Z",
		"/api/v1/tg/articles?featured=true&tag=x",
	} {
		t.Run(target, func(t *testing.T) {
			var body apiError
			env.with(t).getJSON(target, http.StatusBadRequest, &body)
			if body.Error.Code != "invalid_parameter" {
				t.Fatalf("error %+v", body.Error)
			}
		})
	}
}
