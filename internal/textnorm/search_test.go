package textnorm

import (
	"reflect"
	"strings"
	"testing"
)

func TestSearchKey(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"zwnj word gives parts then joined", "می‌کنند", "می کنند میکنند"},
		{"zwnj in title with digits", "همکاری‌های بین‌المللی ۱۴۰۳", "همکاری های همکاریهای بین المللی بینالمللی 1403"},
		{"two zwnj in one word", "بین‌المللی‌ها", "بین المللی ها بینالمللیها"},
		{"zwnj at edges and doubled", "\u200Cکتاب\u200C می\u200C\u200Cشود", "کتاب می شود میشود"},
		{"arabic keyboard yeh and kaf", "علي كتاب", "علی کتاب"},
		{"alef maksura", "مصطفى", "مصطفی"},
		{"teh marbuta", "مدرسة", "مدرسه"},
		{"heh with yeh precomposed", "خانۀ ما", "خانه ما"},
		{"heh with hamza above", "خانهٔ ما", "خانه ما"},
		{"alef forms", "أحمد إيران ٱلله آب", "احمد ایران الله اب"},
		{"harakat and tatweel", "مُحَمَّـــد", "محمد"},
		{"arabic-indic digits", "سال ١٤٠٣", "سال 1403"},
		{"date splits at slashes", "۱۴۰۳/۰۵/۱۲", "1403 05 12"},
		{"presentation forms", "ﮐﺘﺎب", "کتاب"},
		{"bidi controls", "\u202Bسلام\u202C \u200Fدنیا\u200E \u2067x\u2069", "سلام دنیا x"},
		{"tajik lower-cased and folded", "Ҳукумати Ҷумҳурии Тоҷикистон", "хукумати чумхурии точикистон"},
		{"tajik capitals stay one word", "ҒӢҚӮҲҶ ғӣқӯҳҷ", "гикухч гикухч"},
		{"tajik decomposed macron", "ТОҶИКИ\u0304", "точики"},
		{"russian", "Министерство Иностранных Дел, 2024г.", "министерство иностранных дел 2024г"},
		{"english", "Hello,   World! It's", "hello world it s"},
		{"whitespace collapsed", "  a\t\nb  ", "a b"},
		{"punctuation only", "«»،؛؟!...", ""},
		{"digits only", "۱۲۳", "123"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SearchKey(tt.in); got != tt.want {
				t.Errorf("SearchKey(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSearchKeyLongText(t *testing.T) {
	in := strings.Repeat("وزیر امور خارجهٔ تاجیکستان می‌گوید ", 2000)
	got := SearchKey(in)
	want := strings.TrimSpace(strings.Repeat("وزیر امور خارجه تاجیکستان می گوید میگوید ", 2000))
	if got != want {
		t.Errorf("SearchKey of long text differs: got %d bytes, want %d", len(got), len(want))
	}
}

func TestSearchTerms(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want [][]string
	}{
		{"zwnj word has joined and phrase spellings", "کتاب‌های ايران", [][]string{{"کتابهای", "کتاب های"}, {"ایران"}}},
		{"space before a suffix joins", "کتاب های", [][]string{{"کتابهای", "کتاب های"}}},
		{"space after a prefix joins", "نمی دانند چرا", [][]string{{"نمیدانند", "نمی دانند"}, {"چرا"}}},
		{"prefix and suffix around one word", "می کنند تر", [][]string{{"میکنندتر", "می کنند تر"}}},
		{"a lone prefix stays", "می", [][]string{{"می"}}},
		{"two prefixes: the second takes the word", "می نمی دانند", [][]string{{"می"}, {"نمیدانند", "نمی دانند"}}},
		{"joined prefix splits", "میکنند", [][]string{{"میکنند", "می کنند"}}},
		{"joined suffix splits, longest first", "کتابهایی", [][]string{{"کتابهایی", "کتاب هایی"}}},
		{"prefix and suffix split", "میکنندها", [][]string{{"میکنندها", "می کنند ها"}}},
		{"too short a stem stays whole", "میز", [][]string{{"میز"}}},
		{"a two-letter stem stays whole", "تنها", [][]string{{"تنها"}}},
		{"تر is not split from a joined word", "دفتر", [][]string{{"دفتر"}}},
		{"arabic keyboard before the split", "ميكنند", [][]string{{"میکنند", "می کنند"}}},
		{"tajik folded", "Ҷумҳурии Тоҷикистон", [][]string{{"чумхурии"}, {"точикистон"}}},
		{"russian keyboard spelling", "Ҷумхурии Точикистон", [][]string{{"чумхурии"}, {"точикистон"}}},
		{"empty", " ؟ ", [][]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SearchTerms(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("SearchTerms(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestSearchSpellingsMeet checks the promise behind SearchKey and
// SearchTerms together: a query finds the document in every spelling that
// should find it: with ZWNJ, joined, or with a space, each way round.
func TestSearchSpellingsMeet(t *testing.T) {
	tests := []struct{ query, doc string }{
		{"می‌کنند", "آنها می‌کنند"},
		{"می‌کنند", "آنها میکنند"},
		{"می‌کنند", "آنها می کنند"},
		{"می‌کنند", "آنها مي‌كنند"},
		{"ميكنند", "آنها می‌کنند"},
		{"میکنند", "آنها میکنند"},
		{"می کنند", "آنها می‌کنند"},
		{"میکنند", "آنها می کنند"},
		{"می کنند", "آنها میکنند"},
		{"می کنند", "آنها می کنند"},
		{"کتابهای", "کتاب های تازه"},
		{"کتاب های", "کتابهای تازه"},
		{"کتاب‌های", "کتاب های تازه"},
		{"بین‌المللی", "نمایشگاه بینالمللی"},
		{"بینالمللی", "نمایشگاه بین‌المللی"},
		{"نمی‌دانند", "نمی دانند"},
	}
	for _, tt := range tests {
		tokens := " " + SearchKey(tt.doc) + " "
		for _, word := range SearchTerms(tt.query) {
			found := false
			for _, spelling := range word {
				found = found || strings.Contains(tokens, " "+spelling+" ")
			}
			if !found {
				t.Errorf("query %q does not find %q in %q", tt.query, word, tokens)
			}
		}
	}
}
