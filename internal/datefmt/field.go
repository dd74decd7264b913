package datefmt

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	ptime "github.com/yaa110/go-persian-calendar"
)

// ErrFieldValue is returned by ParseField for text that is not a date and
// time it understands, or names a day the calendar does not have.
var ErrFieldValue = errors.New("not a date and time")

// FieldValue writes t, seen in loc, as the admin's date and time field
// shows it to an editor of the interface language lang: the Solar Hijri
// calendar with Persian digits, year first, in Persian
// ("۱۴۰۵/۰۹/۱۲ ۰۹:۰۰"); day, month, year everywhere else
// ("03.12.2026 09:00"). A zero t gives "". ParseField reads it back.
func FieldValue(lang string, t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(loc)
	if lang == "fa" {
		p := ptime.New(t)
		return PersianDigits(fmt.Sprintf("%04d/%02d/%02d %02d:%02d", p.Year(), int(p.Month()), p.Day(), t.Hour(), t.Minute()))
	}
	return t.Format("02.01.2006 15:04")
}

// FieldExample is a sample of what the field takes in lang, for its
// placeholder.
func FieldExample(lang string, loc *time.Location) string {
	return FieldValue(lang, time.Date(2026, 12, 31, 18, 30, 0, 0, loc), loc)
}

var (
	// fieldDigits reads Persian and Arabic-Indic digits as ASCII, and drops
	// the direction marks and joiners a right-to-left input method adds.
	fieldDigits = strings.NewReplacer(
		"۰", "0", "۱", "1", "۲", "2", "۳", "3", "۴", "4", "۵", "5", "۶", "6", "۷", "7", "۸", "8", "۹", "9",
		"٠", "0", "١", "1", "٢", "2", "٣", "3", "٤", "4", "٥", "5", "٦", "6", "٧", "7", "٨", "8", "٩", "9",
		"\u200e", "", "\u200f", "", "\u200c", "", "\u061c", "", "٫", ":", "،", " ", "T", " ", "t", " ")
	fieldPattern = regexp.MustCompile(`^(\d{1,4})\s*[./\-]\s*(\d{1,2})\s*[./\-]\s*(\d{1,4})(?:[\s,]+(\d{1,2})\s*:\s*(\d{2})(?:\s*:\s*(\d{2}))?)?$`)
)

// ParseField reads a date and time typed in the admin's field, in loc,
// whatever the interface language: Persian, Arabic-Indic or ASCII digits;
// ".", "/" or "-" between the parts; the year first (four digits) or last;
// the time after a space (00:00 when left out). A year before 1700 is a
// Solar Hijri one (they run in the 1400s now), a later one Gregorian, so
// "1405/09/12 09:00", "۱۴۰۵/۰۹/۱۲ ۰۹:۰۰", "03.12.2026 09:00" and the
// browser's own "2026-12-03T09:00" all read as the same moment in Tehran's
// autumn. A day the calendar does not have (31 Mehr, 30 February) is
// refused with ErrFieldValue, never moved into the next month.
func ParseField(s string, loc *time.Location) (time.Time, error) {
	m := fieldPattern.FindStringSubmatch(strings.Join(strings.Fields(fieldDigits.Replace(s)), " "))
	if m == nil {
		return time.Time{}, ErrFieldValue
	}
	n := func(i int) int { v, _ := strconv.Atoi(m[i]); return v }
	year, month, day := n(1), n(2), n(3)
	switch {
	case len(m[1]) == 4 && len(m[3]) <= 2:
	case len(m[3]) == 4 && len(m[1]) <= 2:
		year, day = day, year
	default:
		return time.Time{}, ErrFieldValue
	}
	hour, minute, second := n(4), n(5), n(6)
	if month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59 {
		return time.Time{}, ErrFieldValue
	}
	if year < 1700 {
		p := ptime.Date(year, ptime.Month(month), day, hour, minute, second, 0, loc)
		if p.Year() != year || int(p.Month()) != month || p.Day() != day {
			return time.Time{}, ErrFieldValue
		}
		return p.Time(), nil
	}
	t := time.Date(year, time.Month(month), day, hour, minute, second, 0, loc)
	if t.Year() != year || int(t.Month()) != month || t.Day() != day {
		return time.Time{}, ErrFieldValue
	}
	return t, nil
}
