package i18n

import (
	"fmt"
	"strings"
	"time"

	ptime "github.com/yaa110/go-persian-calendar"
)

var tajikMonths = [12]string{"январ", "феврал", "март", "апрел", "май", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"}

var englishMonths = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

var persianMonths = [12]string{"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"}

// DateTime formats t in loc the way the interface language writes dates:
// Persian in the Solar Hijri calendar with Persian digits
// ("۲۲ تیر ۱۴۰۳، ۱۹:۰۰"), Tajik with Tajik month names ("12 июл 2024, 19:00").
func (l Localizer) DateTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(loc)
	clock := fmt.Sprintf("%02d:%02d", t.Hour(), t.Minute())
	switch l.Code {
	case "fa":
		p := ptime.New(t)
		return persianDigits(fmt.Sprintf("%d %s %d، %s", p.Day(), persianMonths[p.Month()-1], p.Year(), clock))
	case "tg":
		return fmt.Sprintf("%d %s %d, %s", t.Day(), tajikMonths[t.Month()-1], t.Year(), clock)
	default:
		return fmt.Sprintf("%d %s %d, %s", t.Day(), englishMonths[t.Month()-1], t.Year(), clock)
	}
}

var toPersianDigits = strings.NewReplacer("0", "۰", "1", "۱", "2", "۲", "3", "۳", "4", "۴", "5", "۵", "6", "۶", "7", "۷", "8", "۸", "9", "۹")

func persianDigits(s string) string { return toPersianDigits.Replace(s) }
