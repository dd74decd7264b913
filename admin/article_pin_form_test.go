package admin

import (
	"testing"
	"time"

	"github.com/payvand/payvand/internal/datefmt"
	"github.com/payvand/payvand/models"
)

// TestPinEndInTheInterfaceCalendarReadsUnchanged loads a pin with an end,
// shows the end as the Persian and Tajik fields do, and posts it back
// untouched: the pin reads as unchanged, so the save leaves it alone; a new
// end typed in the Solar Hijri calendar is a change to that instant.
func TestPinEndInTheInterfaceCalendarReadsUnchanged(t *testing.T) {
	tehran, err := time.LoadLocation("Asia/Tehran")
	if err != nil {
		t.Fatal(err)
	}
	ends := time.Date(2026, 12, 31, 15, 0, 0, 0, time.UTC).Unix()
	loaded := pinFormOf(&models.ArticlePin{Position: 2, EndsAt: &ends}, tehran)
	wall, err := time.Parse(datetimeLocal, loaded.Until)
	if err != nil {
		t.Fatalf("stored end %q: %v", loaded.Until, err)
	}
	for _, lang := range []string{"fa", "tg"} {
		shown := datefmt.FieldValue(lang, wall, time.UTC)
		posted := pinForm{Pinned: true, Position: "2", Until: shown, Loaded: loaded.Loaded}
		if posted.changed() {
			t.Errorf("%s: the end shown as %q and posted back reads as a change", lang, shown)
		}
	}
	typed := pinForm{Pinned: true, Position: "2", Until: "۱۴۰۵/۱۰/۱۱ ۱۸:۳۰", Loaded: loaded.Loaded}
	change := typed.change(tehran)
	if change == nil || change.Until == nil || !change.Until.Equal(time.Date(2027, 1, 1, 15, 0, 0, 0, time.UTC)) {
		t.Fatalf("a Solar Hijri end typed in Persian digits: %+v, want 11 Dey 1405 18:30 in Tehran", change)
	}
}
