package i18n

import (
	"time"

	"github.com/payvand/payvand/internal/datefmt"
)

// DateTime formats t in loc the way the interface language writes dates:
// Persian in the Solar Hijri calendar with Persian digits
// ("۲۲ تیر ۱۴۰۳، ۱۹:۰۰"), Tajik with Tajik month names ("12 июл 2024, 19:00").
// The public API prints datelines with the same package, so the admin and a
// site frontend agree.
func (l Localizer) DateTime(t time.Time, loc *time.Location) string {
	return datefmt.Format(l.Code, t, loc)
}

func persianDigits(s string) string { return datefmt.PersianDigits(s) }

// DayMonth writes the day of t in loc as the interface language names it,
// without year or time: "۲۲ تیر" in Persian (Solar Hijri), "12 июл" in Tajik.
func (l Localizer) DayMonth(t time.Time, loc *time.Location) string {
	return datefmt.DayMonth(l.Code, t, loc)
}
