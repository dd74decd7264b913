package i18n

import (
	"regexp"
	"slices"
	"testing"
	"time"
)

var placeholder = regexp.MustCompile(`\{[a-z_]+\}`)

// TestCataloguesAreComplete fails when a message exists in one language and
// not another, or when translations disagree on placeholders.
func TestCataloguesAreComplete(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	ref := b.messages[Fallback]
	if len(ref) == 0 {
		t.Fatal("the English catalogue is empty")
	}
	for _, lang := range b.Languages() {
		msgs := b.messages[lang.Code]
		for key, en := range ref {
			msg, ok := msgs[key]
			if !ok {
				t.Errorf("%s lacks %q", lang.Code, key)
				continue
			}
			want, got := placeholder.FindAllString(en, -1), placeholder.FindAllString(msg, -1)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(want, got) {
				t.Errorf("%s %q has placeholders %v, English has %v", lang.Code, key, got, want)
			}
		}
		for key := range msgs {
			if _, ok := ref[key]; !ok {
				t.Errorf("%s has %q, which English lacks", lang.Code, key)
			}
		}
	}
}

func TestTranslate(t *testing.T) {
	b := MustLoad()
	fa := b.Localizer("fa")
	if fa.Dir != "rtl" || b.Localizer("tg").Dir != "ltr" {
		t.Fatal("wrong directions")
	}
	if got := b.Localizer("xx").Code; got != "tg" {
		t.Fatalf("unknown language falls back to %q, want the first (tg)", got)
	}
	if got := fa.T("no.such.key"); got != "no.such.key" {
		t.Fatalf("missing key = %q", got)
	}
	if got := fa.Number(1403); got != "۱۴۰۳" {
		t.Fatalf("Persian number = %q", got)
	}
}

func TestDateTime(t *testing.T) {
	b := MustLoad()
	dushanbe := time.FixedZone("Asia/Dushanbe", 5*3600)
	at := time.Date(2024, 7, 12, 14, 0, 0, 0, time.UTC)
	tests := []struct{ lang, want string }{
		{"fa", "۲۲ تیر ۱۴۰۳، ۱۹:۰۰"},
		{"tg", "12 июл 2024, 19:00"},
		{"en", "12 Jul 2024, 19:00"},
	}
	for _, tt := range tests {
		if got := b.Localizer(tt.lang).DateTime(at, dushanbe); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.lang, got, tt.want)
		}
	}
	// 2025-03-21 is the first day of 1404 (Nowruz).
	if got := b.Localizer("fa").DateTime(time.Date(2025, 3, 21, 12, 0, 0, 0, time.UTC), time.UTC); got != "۱ فروردین ۱۴۰۴، ۱۲:۰۰" {
		t.Errorf("Nowruz 1404 = %q", got)
	}
}
