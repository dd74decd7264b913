package datefmt

import (
	"testing"
	"time"
)

// TestFieldValueFollowsTheInterface writes one moment for each interface:
// Solar Hijri with Persian digits in Persian, day.month.year elsewhere,
// both in the site's time zone.
func TestFieldValueFollowsTheInterface(t *testing.T) {
	tehran, err := time.LoadLocation("Asia/Tehran")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 3, 5, 30, 0, 0, time.UTC) // 09:00 in Tehran (UTC+3:30)
	for lang, want := range map[string]string{"fa": "۱۴۰۵/۰۹/۱۲ ۰۹:۰۰", "tg": "03.12.2026 09:00", "en": "03.12.2026 09:00"} {
		if got := FieldValue(lang, at, tehran); got != want {
			t.Errorf("FieldValue(%s) = %q, want %q", lang, got, want)
		}
		back, err := ParseField(want, tehran)
		if err != nil || !back.Equal(at) {
			t.Errorf("ParseField(%q) = %v, %v; want %v", want, back, err, at)
		}
	}
	if FieldValue("fa", time.Time{}, tehran) != "" {
		t.Error("a zero time is not an empty field")
	}
}

// TestParseFieldReadsWhatEditorsType reads the spellings an editor types or
// pastes, each as the instant it names in the site's zone, and refuses days
// the calendar does not have.
func TestParseFieldReadsWhatEditorsType(t *testing.T) {
	tehran, err := time.LoadLocation("Asia/Tehran")
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 12, 3, 5, 30, 0, 0, time.UTC)
	for _, in := range []string{
		"۱۴۰۵/۰۹/۱۲ ۰۹:۰۰",         // Persian digits, as the field shows them
		"1405/09/12 09:00",         // ASCII digits in the Persian interface
		"1405/9/12 9:00",           // no leading zeros
		"١٤٠٥/٠٩/١٢ ٠٩:٠٠",         // Arabic-Indic digits
		"\u200f۱۴۰۵/۰۹/۱۲  ۰۹:۰۰ ", // a right-to-left mark and extra spaces
		"12/09/1405 09:00",         // Solar Hijri, day first
		"1405-09-12T09:00",
		"03.12.2026 09:00", // the Tajik and English field
		"3/12/2026 9:00",
		"2026-12-03T09:00", // a browser's datetime-local value
		"2026-12-03 09:00:00",
	} {
		got, err := ParseField(in, tehran)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseField(%q) = %v, %v; want %v", in, got.UTC(), err, want)
		}
	}
	if got, err := ParseField("1405/09/12", tehran); err != nil || !got.Equal(time.Date(2026, 12, 2, 20, 30, 0, 0, time.UTC)) {
		t.Errorf("a date without a time: %v, %v; want midnight in Tehran", got.UTC(), err)
	}
	// 1403 is a leap year (30 Esfand exists), 1404 is not.
	if got, err := ParseField("1403/12/30 12:00", time.UTC); err != nil || !got.Equal(time.Date(2025, 3, 20, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("30 Esfand 1403: %v, %v", got, err)
	}
	for _, in := range []string{"", "tomorrow", "1404/12/30 12:00", "1405/07/31 10:00", "31.02.2026 10:00", "1405/13/01 10:00",
		"12.12.26 10:00", "1405/09/12 24:00", "1405/09/12 10:60", "03.12.2026 09:00 extra", "1405/09/12 9"} {
		if got, err := ParseField(in, tehran); err == nil {
			t.Errorf("ParseField(%q) = %v, want it refused", in, got)
		}
	}
}
