package textdiff

import (
	"slices"
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct {
		name     string
		from, to string
		want     []Op
	}{
		{name: "same", from: "Салом дунё", to: "Салом дунё", want: []Op{{Equal, "Салом дунё"}}},
		{name: "both empty", from: "", to: "", want: []Op{}},
		{name: "word replaced", from: "Хабари нав имрӯз", to: "Хабари кӯҳна имрӯз",
			want: []Op{{Equal, "Хабари "}, {Delete, "нав"}, {Insert, "кӯҳна"}, {Equal, " имрӯз"}}},
		{name: "word added", from: "a c", to: "a b c", want: []Op{{Equal, "a "}, {Insert, "b "}, {Equal, "c"}}},
		{name: "all new", from: "", to: "متن تازه", want: []Op{{Insert, "متن تازه"}}},
		{name: "all gone", from: "old text", to: "", want: []Op{{Delete, "old text"}}},
		// A ZWNJ inside a Persian word keeps it one word: the change is the
		// whole word, not the letters after the joiner.
		{name: "persian word with ZWNJ", from: "این کار انجام می\u200cشود", to: "این کار انجام نمی\u200cشود",
			want: []Op{{Equal, "این کار انجام "}, {Delete, "می\u200cشود"}, {Insert, "نمی\u200cشود"}}},
		{name: "punctuation apart", from: "Салом, дунё.", to: "Салом! дунё.",
			want: []Op{{Equal, "Салом"}, {Delete, ","}, {Insert, "!"}, {Equal, " дунё."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Words(tt.from, tt.to)
			if !slices.Equal(got, tt.want) {
				t.Fatalf("Words(%q, %q)\n got %q\nwant %q", tt.from, tt.to, got, tt.want)
			}
			if from, to := rebuild(got); from != tt.from || to != tt.to {
				t.Fatalf("the ops rebuild %q → %q", from, to)
			}
		})
	}
}

func TestHTMLSeparatesParagraphs(t *testing.T) {
	got := HTML("<p>Якум</p><p>Дуюм &amp; сеюм</p>", "<p>Якум</p><p>Дуюм &amp; чорум</p>")
	from, to := rebuild(got)
	if from != "Якум\nДуюм & сеюм" || to != "Якум\nДуюм & чорум" {
		t.Fatalf("texts %q → %q", from, to)
	}
	if last := got[len(got)-1]; last != (Op{Insert, "чорум"}) {
		t.Fatalf("last op %q", last)
	}
}

// Many distinct words still diff: past 55,295 words the codes skip the
// UTF-16 surrogate range.
func TestManyDistinctWords(t *testing.T) {
	var a, b strings.Builder
	for i := range 60000 {
		w := letters(i)
		a.WriteString(w + " ")
		if i != 59000 {
			b.WriteString(w + " ")
		}
	}
	from, to := rebuild(Words(a.String(), b.String()))
	if from != a.String() || to != b.String() {
		t.Fatal("a long diff does not rebuild its texts")
	}
}

func rebuild(ops []Op) (from, to string) {
	var f, t strings.Builder
	for _, op := range ops {
		if op.Kind != Insert {
			f.WriteString(op.Text)
		}
		if op.Kind != Delete {
			t.WriteString(op.Text)
		}
	}
	return f.String(), t.String()
}

// letters spells i in the letters a to z, a distinct word for every i.
func letters(i int) string {
	var b []byte
	for {
		b = append(b, byte('a'+i%26))
		if i /= 26; i == 0 {
			return string(b)
		}
	}
}
