package feed

import "testing"

// Only what XML 1.0 cannot carry goes; letters, ZWNJ and the bidi marks
// stay, byte for byte.
func TestXMLTextDropsOnlyWhatXMLCannotCarry(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Persian with ZWNJ", "می\u200cکنند", "می\u200cکنند"},
		{"Tajik letters", "ғӣқӯҳҷ", "ғӣқӯҳҷ"},
		{"bidi marks and isolates", "\u200e\u200f\u2066x\u2069\u202b", "\u200e\u200f\u2066x\u2069\u202b"},
		{"tab, newline, carriage return", "a\tb\nc\rd", "a\tb\nc\rd"},
		{"C0 controls", "a\x00b\x01c\x1fd\x0be\x0cf", "abcdef"},
		{"noncharacters", "a\uFFFEb\uFFFFc", "abc"},
		{"a typed replacement character", "a\uFFFDb", "a\uFFFDb"},
		{"bytes that are not UTF-8", "a\xffb\xc3", "ab"},
		{"markup characters are left to the encoder", `<a href="x">&amp;</a>`, `<a href="x">&amp;</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := xmlText(tt.in); got != tt.want {
				t.Errorf("xmlText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
