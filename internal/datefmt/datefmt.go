// Package datefmt writes dates the way each content language prints a
// dateline: Persian in the Solar Hijri calendar with Persian digits, Tajik
// and Russian with their own month names, anything else English-style. The
// admin and the public API both use it, so an editor sees the same dateline
// a reader does.
package datefmt

import (
	"fmt"
	"strings"
	"time"

	ptime "github.com/yaa110/go-persian-calendar"
)

var persianMonths = [12]string{"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"}

var tajikMonths = [12]string{"январ", "феврал", "март", "апрел", "май", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"}

// russianMonths are in the genitive case, as Russian writes a day of a month.
var russianMonths = [12]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"}

var englishMonths = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// Format writes t, seen in loc, as a dateline for locale: "۲۲ تیر ۱۴۰۳، ۱۹:۰۰"
// in fa, "12 июл 2024, 19:00" in tg, "12 июля 2024, 19:00" in ru and
// "12 Jul 2024, 19:00" otherwise. A zero t gives "".
func Format(locale string, t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(loc)
	clock := fmt.Sprintf("%02d:%02d", t.Hour(), t.Minute())
	switch locale {
	case "fa":
		p := ptime.New(t)
		return PersianDigits(fmt.Sprintf("%d %s %d، %s", p.Day(), persianMonths[p.Month()-1], p.Year(), clock))
	case "tg":
		return fmt.Sprintf("%d %s %d, %s", t.Day(), tajikMonths[t.Month()-1], t.Year(), clock)
	case "ru":
		return fmt.Sprintf("%d %s %d, %s", t.Day(), russianMonths[t.Month()-1], t.Year(), clock)
	default:
		return fmt.Sprintf("%d %s %d, %s", t.Day(), englishMonths[t.Month()-1], t.Year(), clock)
	}
}

var toPersianDigits = strings.NewReplacer("0", "۰", "1", "۱", "2", "۲", "3", "۳", "4", "۴", "5", "۵", "6", "۶", "7", "۷", "8", "۸", "9", "۹")

// PersianDigits replaces the ASCII digits in s with Persian ones.
func PersianDigits(s string) string { return toPersianDigits.Replace(s) }

// DayMonth writes the day of t, seen in loc, without year or time, for
// short labels such as a chart's axis: "۲۲ تیر" in fa (Solar Hijri),
// "12 июл" in tg, "12 июля" in ru and "12 Jul" otherwise.
func DayMonth(locale string, t time.Time, loc *time.Location) string {
	t = t.In(loc)
	switch locale {
	case "fa":
		p := ptime.New(t)
		return PersianDigits(fmt.Sprintf("%d %s", p.Day(), persianMonths[p.Month()-1]))
	case "tg":
		return fmt.Sprintf("%d %s", t.Day(), tajikMonths[t.Month()-1])
	case "ru":
		return fmt.Sprintf("%d %s", t.Day(), russianMonths[t.Month()-1])
	default:
		return fmt.Sprintf("%d %s", t.Day(), englishMonths[t.Month()-1])
	}
}
