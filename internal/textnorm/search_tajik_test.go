package textnorm

import (
	"reflect"
	"strings"
	"testing"
)

// TestSearchKeyFoldsTajikLetters checks each of the six letters a Russian
// keyboard lacks, in both cases, written precomposed and (for ӣ and ӯ)
// decomposed: the Tajik and the Russian spelling give one key.
func TestSearchKeyFoldsTajikLetters(t *testing.T) {
	tests := []struct {
		name, tajik, russian, want string
	}{
		{"ҳ typed х", "намоишгоҳи", "намоишгохи", "намоишгохи"},
		{"Ҳ typed Х", "Ҳукумат", "Хукумат", "хукумат"},
		{"қ typed к", "қонун", "конун", "конун"},
		{"Қ typed К", "ҚОНУН", "КОНУН", "конун"},
		{"ӯ typed у", "рӯз", "руз", "руз"},
		{"Ӯ typed У", "ӮРОҚ", "УРОК", "урок"},
		{"ӯ decomposed", "ру\u0304з", "руз", "руз"},
		{"ӣ typed и", "тоҷикӣ", "точики", "точики"},
		{"Ӣ typed И", "ӢСО", "ИСО", "исо"},
		{"Ӣ decomposed", "И\u0304СО", "ИСО", "исо"},
		{"ҷ typed ч", "ҷавонон", "чавонон", "чавонон"},
		{"Ҷ typed Ч", "Ҷумҳурӣ", "Чумхури", "чумхури"},
		{"ғ typed г", "ғалла", "галла", "галла"},
		{"Ғ typed Г", "ҒАЛЛА", "ГАЛЛА", "галла"},
		{"every letter at once", "ҒӢҚӮҲҶ", "гикухч", "гикухч"},
		{"a stress mark stays", "зи\u0301ндагӣ", "зи\u0301ндаги", "зи\u0301ндаги"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, gotRu := SearchKey(tt.tajik), SearchKey(tt.russian)
			if got != tt.want {
				t.Errorf("SearchKey(%q) = %q, want %q", tt.tajik, got, tt.want)
			}
			if gotRu != got {
				t.Errorf("SearchKey(%q) = %q, but SearchKey(%q) = %q: the spellings do not meet", tt.russian, gotRu, tt.tajik, got)
			}
			terms := SearchTerms(tt.russian)
			if len(terms) != 1 || !reflect.DeepEqual(terms[0], []string{got}) {
				t.Errorf("SearchTerms(%q) = %q, want [[%q]]", tt.russian, terms, got)
			}
		})
	}
}

// TestSearchKeyDropsAMacronAmongMarks: a macron that NFKC cannot compose
// into ӣ (another mark sits between) is still the macron of и, so the key
// drops it and stays stable when normalised again.
func TestSearchKeyDropsAMacronAmongMarks(t *testing.T) {
	in := "и\u0316\u0304\u0304б"
	if got := SearchKey(in); got != "и\u0316б" || SearchKey(got) != got {
		t.Errorf("SearchKey(%q) = %q, again %q; want %q", in, got, SearchKey(got), "и\u0316б")
	}
}

// TestSearchKeyLeavesOtherScriptsAlone: Persian, Arabic-keyboard Persian,
// Latin and digits give the keys they gave before the fold.
func TestSearchKeyLeavesOtherScriptsAlone(t *testing.T) {
	tests := []struct{ in, want string }{
		{"نمایشگاه کتاب", "نمایشگاه کتاب"},
		{"می‌کنند", "می کنند میکنند"},
		{"علي كتاب", "علی کتاب"},
		{"همکاری‌های بین‌المللی ۱۴۰۳", "همکاری های همکاریهای بین المللی بینالمللی 1403"},
		{"Hello Xavier", "hello xavier"},
		{"ā ū ī", "ā ū ī"},
	}
	for _, tt := range tests {
		if got := SearchKey(tt.in); got != tt.want {
			t.Errorf("SearchKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if ExactWords(tt.in) != nil {
			t.Errorf("ExactWords(%q) = %q, want none", tt.in, ExactWords(tt.in))
		}
	}
}

// TestSlugsKeepTajikLetters: the fold is the search key's alone; a slug
// keeps ҳ in Unicode slugs and transliterates it as before in Latin ones.
func TestSlugsKeepTajikLetters(t *testing.T) {
	if got := Slug("Намоишгоҳи Ҷумҳурӣ", SlugUnicode); got != "намоишгоҳи-ҷумҳурӣ" {
		t.Errorf("Unicode slug %q", got)
	}
	if got, ru := Slug("Намоишгоҳи", SlugLatin), Slug("Намоишгохи", SlugLatin); got == ru {
		t.Errorf("Latin slugs of both spellings are %q: the slug must follow the letters written", got)
	}
}

func TestExactWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Намоишгоҳи 2024", []string{"намоишгоҳи"}},
		{"намоишгохи", []string{"намоишгохи"}},
		{"Фарҳанг ва санъат", []string{"фарҳанг"}},
		{"ТОҶИКИ\u0304", []string{"тоҷикӣ"}},
		{"бо", nil},
		{"کتاب 1403 book", nil},
	}
	for _, tt := range tests {
		if got := ExactWords(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ExactWords(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestExactCounter(t *testing.T) {
	tajik := ExactWords("фарҳанг")
	russian := ExactWords("фарханг")
	tests := []struct {
		name  string
		text  string
		words []string
		want  int
	}{
		{"tajik query, tajik text", "Рӯзи Фарҳанг", tajik, 1},
		{"tajik query, russian-keyboard text", "Рӯзи Фарханг", tajik, 0},
		{"russian-keyboard query, russian-keyboard text", "рӯзи ФАРХАНГ", russian, 1},
		{"russian-keyboard query, tajik text", "рӯзи фарҳанг", russian, 0},
		{"a prefix counts", "фарҳангӣ", tajik, 1},
		{"inside a word does not", "нофарҳанг", tajik, 0},
		{"after markup", "<p>фарҳанг</p>", tajik, 1},
		{"two words, one exact", "намоишгоҳи китоб", ExactWords("намоишгохи китоб"), 1},
		{"a later occurrence at a word start", "нофарҳанг фарҳанг", tajik, 1},
		{"capitals", "ФАРҲАНГ", tajik, 1},
		{"capitals of the other spelling", "ФАРХАНГ", tajik, 0},
		{"a capitalised ӣ", "Ӣ", ExactWords("ӣ"), 1},
		{"no words", "фарҳанг", nil, 0},
	}
	for _, tt := range tests {
		if got := NewExactCounter(tt.words).Count(tt.text); got != tt.want {
			t.Errorf("%s: counting %q in %q = %d, want %d", tt.name, tt.words, tt.text, got, tt.want)
		}
	}
}

// TestSearchKeyTajikLongText keeps the fold's cost in view: a long text of
// Tajik letters folds the same as its Russian-keyboard spelling.
func TestSearchKeyTajikLongText(t *testing.T) {
	tajik := strings.Repeat("Ҳукумати Ҷумҳурии Тоҷикистон қарор қабул кард. ", 500)
	russian := strings.Repeat("Хукумати Чумхурии Точикистон карор кабул кард. ", 500)
	if SearchKey(tajik) != SearchKey(russian) {
		t.Errorf("long texts fold apart")
	}
}
