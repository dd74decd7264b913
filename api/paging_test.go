package api

import (
	"net/http"
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/payvand/payvand/models"
)

// TestKeysetPagingBefore1970 walks a list that reaches back before the Unix
// epoch, as a ministry's archive does: every cursor the API hands out must
// be one it accepts, so no older article becomes unreachable.
func TestKeysetPagingBefore1970(t *testing.T) {
	env := newTestEnv(t)
	sec := env.ids["section:news"]
	for key, at := range map[string]time.Time{
		"1961":      time.Date(1961, 4, 12, 9, 7, 0, 0, time.UTC),
		"1969":      time.Date(1969, 12, 31, 23, 59, 0, 0, time.UTC),
		"epoch":     time.Unix(0, 0).UTC(),
		"1924":      time.Date(1924, 10, 14, 0, 0, 0, 0, time.UTC),
		"year-0001": time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
		"1924-bis":  time.Date(1924, 10, 14, 0, 0, 0, 0, time.UTC),
	} {
		tr := pub("tg", "Бойгонии "+key, 0)
		tr.PublishedAt = &at
		env.article(key, models.SharedInput{SectionID: sec}, tr)
	}

	var all listBody
	env.getJSON("/api/v1/tg/articles?limit=100", http.StatusOK, &all)
	if len(all.Data) < 10 {
		t.Fatalf("the full list has %d articles, want the fixture's and the six old ones", len(all.Data))
	}
	var walked []uint
	target := "/api/v1/tg/articles?limit=1"
	for range len(all.Data) + 1 {
		var page listBody
		env.getJSON(target, http.StatusOK, &page)
		for _, a := range page.Data {
			walked = append(walked, a.ID)
		}
		if page.NextCursor == nil {
			break
		}
		target = "/api/v1/tg/articles?limit=1&cursor=" + url.QueryEscape(*page.NextCursor)
	}
	if !reflect.DeepEqual(walked, ids(all.Data)) {
		t.Fatalf("paging one by one gave %v, want %v", walked, ids(all.Data))
	}
	if last := walked[len(walked)-1]; last != env.ids["year-0001"] {
		t.Fatalf("the list ends with %d, want the article of year 1 (%d)", last, env.ids["year-0001"])
	}
}

// TestCursorRoundTrip checks that every position the list can stop at
// survives encoding, the years before 1970 included.
func TestCursorRoundTrip(t *testing.T) {
	for _, c := range []models.Cursor{
		{PublishedAt: 1720792800, ID: 7},
		{PublishedAt: 0, ID: 1},
		{PublishedAt: -1, ID: 2},
		{PublishedAt: -315640800, ID: 19},
		{PublishedAt: time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix(), ID: 9007199254740991},
		{PublishedAt: time.Date(9999, 12, 31, 23, 59, 0, 0, time.UTC).Unix(), ID: 3},
	} {
		enc := encodeCursor(&c)
		got, err := decodeCursor(*enc, true)
		if err != nil || *got != c {
			t.Errorf("cursor %+v → %q → %+v, %v", c, *enc, got, err)
		}
	}
}
