package readingtime

import (
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct {
		name string
		text string
		want int
	}{
		{"Persian with ZWNJ keeps each word whole", "آن‌ها می‌خواهند کتاب‌ها را بخوانند", 5},
		{"ZWNJ is not a space", "می‌خواهم", 1},
		{"Tajik with its own letters", "Вазири фарҳанги Ҷумҳурии Тоҷикистон ба Ғарм рафт.", 7},
		{"punctuation separates, Persian comma too", "سلام،دنیا! خوب؟", 3},
		{"apostrophe and decimal stay inside", "don't pay 3.5 somoni", 4},
		{"harakat are part of the word", "كَتَبَ الوَلَدُ", 2},
		{"Persian digits are a word", "سال ۱۴۰۳ بود", 3},
		{"only spaces and symbols", " — … ", 0},
		{"trailing joiner ends the word", "کتاب‌ و", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Words(tt.text); got != tt.want {
				t.Errorf("Words(%q) = %d, want %d", tt.text, got, tt.want)
			}
		})
	}
}

func TestBodyWordsReadsVisibleTextOnly(t *testing.T) {
	body := `<p dir="rtl">آن‌ها <b>می‌آیند</b></p><p>Хабари<br>нав</p><script>var a = 1</script><img src="/media/a.jpg" alt="عکس">`
	if got := BodyWords(body); got != 4 {
		t.Errorf("BodyWords = %d, want 4 (two Persian, two Tajik; no markup, script or alt text)", got)
	}
}

func TestMinutes(t *testing.T) {
	tests := []struct{ words, want int }{
		{0, 1}, {1, 1}, {299, 1}, {300, 2}, {400, 2}, {1000, 5},
	}
	for _, tt := range tests {
		if got := Minutes(tt.words); got != tt.want {
			t.Errorf("Minutes(%d) = %d, want %d", tt.words, got, tt.want)
		}
	}
	// 1,000 Tajik words are 5 minutes, though their bytes would read as 10+.
	text := strings.Repeat("Тоҷикистон ", 1000)
	if got := Minutes(Words(text)); got != 5 {
		t.Errorf("1,000 Tajik words read in %d minutes, want 5", got)
	}
}
