package textnorm

import (
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func TestSlugLatin(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"tajik letters read naturally", "Вохӯрии вазири корҳои хориҷии Тоҷикистон", "vokhurii-vaziri-korhoi-khorijii-tojikiston"},
		{"tajik capitals", "Ҳукумати Ҷумҳурии Тоҷикистон", "hukumati-jumhurii-tojikiston"},
		{"tajik gh q u", "Ғафуров ва Қӯрғонтеппа", "ghafurov-va-qurghonteppa"},
		{"tajik decomposed macron", "Тоҷики\u0304", "tojiki"},
		{"russian", "Министерство иностранных дел", "ministerstvo-inostrannykh-del"},
		{"russian y yo yu and signs", "Юрий Гагарин: объём съезда", "yuriy-gagarin-obyom-sezda"},
		{"english", "Hello, World! It's 2024", "hello-world-its-2024"},
		{"ampersand is not english", "Тоҷикистон & Эрон", "tojikiston-eron"},
		{"persian forced to latin", "همکاری‌های بین‌المللی ۱۴۰۳", "hmkhry-hy-byn-lmlly-1403"},
		{"harakat ignored", "مُحَمَّد", "mhmd"},
		{"underscore becomes hyphen", "snake_case__name", "snake-case-name"},
		{"bidi override dropped", "\u202Eevil\u202C name", "evil-name"},
		{"already a slug", "vokhurii-vaziri", "vokhurii-vaziri"},
		{"digits only", "2024", ""},
		{"persian digits only", "۱۴۰۳", ""},
		{"date only", "2024-05-12", ""},
		{"punctuation only", "!!! ??? ...", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Slug(tt.in, SlugLatin); got != tt.want {
				t.Errorf("Slug(%q, SlugLatin) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSlugUnicode(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"zwnj and persian digits", "همکاری‌های بین‌المللی ۱۴۰۳", "همکاری-های-بین-المللی-1403"},
		{"zwnj splits", "می‌کنند", "می-کنند"},
		{"zwj splits", "ه\u200Dها", "ه-ها"},
		{"arabic-indic digits", "سال ١٤٠٣", "سال-1403"},
		{"harakat dropped", "مُحَمَّد", "محمد"},
		{"tatweel dropped", "ســـلام", "سلام"},
		{"soft hyphen dropped", "سلا\u00ADم", "سلام"},
		{"bidi marks dropped", "\u200Fسلام\u200E دنیا\u061C", "سلام-دنیا"},
		{"bidi isolates dropped", "\u2067فارسی\u2069 Text", "فارسی-text"},
		{"latin lower-cased", "ایران Iran", "ایران-iran"},
		{"persian punctuation", "«سلام»، دنیا!؟", "سلام-دنیا"},
		{"presentation forms", "ﮐﺘﺎب ﻻ", "کتاب-لا"},
		{"tajik kept", "Ҳукумати Тоҷикистон", "ҳукумати-тоҷикистон"},
		{"hebrew", "שלום עולם", "שלום-עולם"},
		{"already a slug", "همکاری-های", "همکاری-های"},
		{"digits only", "۱۴۰۳", ""},
		{"digits and punctuation", "۱۴۰۳/۰۵/۱۲", ""},
		{"only zwnj and spaces", "\u200C \u200C", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Slug(tt.in, SlugUnicode); got != tt.want {
				t.Errorf("Slug(%q, SlugUnicode) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSlugCapsLengthAtWordBoundary(t *testing.T) {
	persian := strings.Repeat("همکاری‌های بین‌المللی ", 20)
	tajik := strings.Repeat("Ҳукумати Ҷумҳурии Тоҷикистон ", 20)
	for _, tt := range []struct {
		name, in string
		style    SlugStyle
	}{
		{"persian unicode", persian, SlugUnicode},
		{"persian latin", persian, SlugLatin},
		{"tajik latin", tajik, SlugLatin},
		{"tajik unicode", tajik, SlugUnicode},
	} {
		t.Run(tt.name, func(t *testing.T) {
			full := tidyNoCap(tt.in, tt.style)
			got := Slug(tt.in, tt.style)
			if len(got) > MaxSlugBytes || !utf8.ValidString(got) {
				t.Fatalf("Slug is %d bytes or invalid UTF-8: %q", len(got), got)
			}
			if !strings.HasPrefix(full, got+"-") {
				t.Errorf("Slug %q is not cut after a whole word of %q", got, full)
			}
		})
	}
}

// tidyNoCap spells out the uncapped slug the capped one must be a prefix of.
func tidyNoCap(in string, style SlugStyle) string {
	words := strings.Fields(in)
	for i, w := range words {
		words[i] = Slug(w, style)
	}
	return strings.Join(words, "-")
}

func TestSlugCutsLongWordAtRuneBoundary(t *testing.T) {
	word := strings.Repeat("ب", 100) // 200 bytes, no hyphen to cut at
	got := Slug("2024 "+word, SlugUnicode)
	if len(got) > MaxSlugBytes || !utf8.ValidString(got) || !strings.HasPrefix(got, "2024-ب") {
		t.Errorf("Slug = %q (%d bytes), want a valid prefix of 2024-%s", got, len(got), word)
	}
}

func TestSlugStyleFor(t *testing.T) {
	tests := map[string]SlugStyle{
		"fa": SlugUnicode, "fa-AF": SlugUnicode, "FA_ir": SlugUnicode, "ar": SlugUnicode,
		"ps": SlugUnicode, "ur": SlugUnicode, "ckb": SlugUnicode, "he": SlugUnicode,
		"tg": SlugLatin, "ru": SlugLatin, "en": SlugLatin, "pt-br": SlugLatin, "": SlugLatin,
		"far": SlugLatin,
	}
	for locale, want := range tests {
		if got := SlugStyleFor(locale); got != want {
			t.Errorf("SlugStyleFor(%q) = %v, want %v", locale, got, want)
		}
	}
}

func TestParseSlugStyleRoundTrips(t *testing.T) {
	for _, style := range []SlugStyle{SlugLatin, SlugUnicode} {
		got, err := ParseSlugStyle(style.String())
		if err != nil || got != style {
			t.Errorf("ParseSlugStyle(%q) = %v, %v", style.String(), got, err)
		}
	}
	if _, err := ParseSlugStyle("persian"); err == nil {
		t.Error("ParseSlugStyle(\"persian\") accepted an unknown style")
	}
}

// TestSlugIsSafeForConcurrentUse guards the choice not to configure
// gosimple/slug through its package-level maps; run it with -race.
func TestSlugIsSafeForConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				if got := Slug("Ҳукумати Ҷумҳурии Тоҷикистон", SlugStyle(i%2)); got == "" {
					t.Error("Slug returned an empty slug under concurrency")
				}
			}
		}()
	}
	wg.Wait()
}
