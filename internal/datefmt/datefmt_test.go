package datefmt

import (
	"testing"
	"time"
	_ "time/tzdata" // the tests must not depend on the host's zone database
)

// TestPersianCalendar checks Gregorian days against their Solar Hijri dates.
// Each pair is a well-known date, checked by counting days from Nowruz
// (months 1–6 have 31 days, 7–11 have 30, Esfand 29 or 30 in a leap year).
func TestPersianCalendar(t *testing.T) {
	tests := []struct {
		name    string
		y, m, d int
		want    string
	}{
		{"Nowruz 1396", 2017, 3, 21, "۱ فروردین ۱۳۹۶، ۱۲:۰۰"},
		{"Nowruz 1399", 2020, 3, 20, "۱ فروردین ۱۳۹۹، ۱۲:۰۰"},
		{"last day of leap 1399", 2021, 3, 20, "۳۰ اسفند ۱۳۹۹، ۱۲:۰۰"},
		{"Nowruz 1400", 2021, 3, 21, "۱ فروردین ۱۴۰۰، ۱۲:۰۰"},
		{"1 Dey 1402", 2023, 12, 22, "۱ دی ۱۴۰۲، ۱۲:۰۰"},
		{"last day of common 1402 across Feb 29", 2024, 3, 19, "۲۹ اسفند ۱۴۰۲، ۱۲:۰۰"},
		{"Nowruz 1403", 2024, 3, 20, "۱ فروردین ۱۴۰۳، ۱۲:۰۰"},
		{"22 Tir 1403", 2024, 7, 12, "۲۲ تیر ۱۴۰۳، ۱۲:۰۰"},
		{"1 Mehr 1403, first 30-day month", 2024, 9, 22, "۱ مهر ۱۴۰۳، ۱۲:۰۰"},
		{"last day of leap 1403", 2025, 3, 20, "۳۰ اسفند ۱۴۰۳، ۱۲:۰۰"},
		{"Nowruz 1404", 2025, 3, 21, "۱ فروردین ۱۴۰۴، ۱۲:۰۰"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at := time.Date(tt.y, time.Month(tt.m), tt.d, 12, 0, 0, 0, time.UTC)
			if got := Format("fa", at, time.UTC); got != tt.want {
				t.Errorf("Format(fa, %s) = %q, want %q", at.Format(time.DateOnly), got, tt.want)
			}
		})
	}
}

func TestFormatPerLocale(t *testing.T) {
	at := time.Date(2024, 7, 12, 14, 0, 0, 0, time.UTC)
	tests := []struct{ locale, want string }{
		{"fa", "۲۲ تیر ۱۴۰۳، ۱۴:۰۰"},
		{"tg", "12 июл 2024, 14:00"},
		{"ru", "12 июля 2024, 14:00"},
		{"en", "12 Jul 2024, 14:00"},
		{"uz", "12 Jul 2024, 14:00"},
	}
	for _, tt := range tests {
		t.Run(tt.locale, func(t *testing.T) {
			if got := Format(tt.locale, at, time.UTC); got != tt.want {
				t.Errorf("Format(%s) = %q, want %q", tt.locale, got, tt.want)
			}
		})
	}
}

func TestMonthNames(t *testing.T) {
	tests := []struct {
		locale string
		month  time.Month
		want   string
	}{
		{"tg", time.January, "1 январ 2025, 09:05"},
		{"tg", time.September, "1 сентябр 2025, 09:05"},
		{"tg", time.December, "1 декабр 2025, 09:05"},
		{"ru", time.March, "1 марта 2025, 09:05"},
		{"ru", time.May, "1 мая 2025, 09:05"},
		{"ru", time.December, "1 декабря 2025, 09:05"},
	}
	for _, tt := range tests {
		t.Run(tt.locale+" "+tt.month.String(), func(t *testing.T) {
			at := time.Date(2025, tt.month, 1, 9, 5, 0, 0, time.UTC)
			if got := Format(tt.locale, at, time.UTC); got != tt.want {
				t.Errorf("Format = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFormatInTimeZone(t *testing.T) {
	dushanbe, err := time.LoadLocation("Asia/Dushanbe")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, locale string
		at           time.Time
		loc          *time.Location
		want         string
	}{
		{"UTC afternoon is evening in Dushanbe", "tg", time.Date(2024, 7, 12, 14, 0, 0, 0, time.UTC), dushanbe, "12 июл 2024, 19:00"},
		{"Persian in Dushanbe", "fa", time.Date(2024, 7, 12, 14, 0, 0, 0, time.UTC), dushanbe, "۲۲ تیر ۱۴۰۳، ۱۹:۰۰"},
		{"late UTC evening is the next day in Dushanbe", "tg", time.Date(2024, 3, 19, 20, 0, 0, 0, time.UTC), dushanbe, "20 март 2024, 01:00"},
		{"the same moment is still 1402 in UTC", "fa", time.Date(2024, 3, 19, 20, 0, 0, 0, time.UTC), time.UTC, "۲۹ اسفند ۱۴۰۲، ۲۰:۰۰"},
		{"and already Nowruz 1403 in Dushanbe", "fa", time.Date(2024, 3, 19, 20, 0, 0, 0, time.UTC), dushanbe, "۱ فروردین ۱۴۰۳، ۰۱:۰۰"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Format(tt.locale, tt.at, tt.loc); got != tt.want {
				t.Errorf("Format = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFormatZeroTime(t *testing.T) {
	if got := Format("fa", time.Time{}, time.UTC); got != "" {
		t.Errorf("Format(zero) = %q, want empty", got)
	}
}

func TestPersianDigits(t *testing.T) {
	if got := PersianDigits("1403-07/22 ab"); got != "۱۴۰۳-۰۷/۲۲ ab" {
		t.Errorf("PersianDigits = %q", got)
	}
}

// TestDayMonth: a chart's day labels follow the calendar and digits of the
// interface, and the day is the one of the site's time zone.
func TestDayMonth(t *testing.T) {
	dushanbe := time.FixedZone("Asia/Dushanbe", 5*3600)
	late := time.Date(2024, 3, 19, 20, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		locale string
		loc    *time.Location
		want   string
	}{
		{"fa", time.UTC, "۲۹ اسفند"},
		{"fa", dushanbe, "۱ فروردین"},
		{"tg", dushanbe, "20 март"},
		{"ru", time.UTC, "19 марта"},
		{"en", time.UTC, "19 Mar"},
	} {
		if got := DayMonth(tt.locale, late, tt.loc); got != tt.want {
			t.Errorf("DayMonth(%s, %s) = %q, want %q", tt.locale, tt.loc, got, tt.want)
		}
	}
}
