package password

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// zxcvbn v1.0.1 compares bytes, so it misses what is built on a Tajik or
// Persian name and repeats or runs of Cyrillic or Arabic letters. These
// checks look at characters instead; CheckStrength runs them after zxcvbn.

// withoutInputs removes every input of three characters or more from the
// lower-cased password; found says whether any was there.
func withoutInputs(plain string, inputs []string) (rest string, found bool) {
	rest = strings.ToLower(plain)
	for _, in := range inputs {
		if utf8.RuneCountInString(in) >= 3 && strings.Contains(rest, in) {
			rest, found = strings.ReplaceAll(rest, in, ""), true
		}
	}
	return rest, found
}

// repeatedChunk returns the part that the password's letters and digits
// repeat, in any script ("пароль пароль" → "пароль").
func repeatedChunk(plain string) (string, bool) {
	r := []rune(strings.ToLower(strings.Map(keepLetterOrDigit, plain)))
	for size := 1; size <= len(r)/2; size++ {
		if len(r)%size == 0 && strings.Repeat(string(r[:size]), len(r)/size) == string(r) {
			return string(r[:size]), true
		}
	}
	return "", false
}

// isRunSequence reports whether the letters and digits step through an
// alphabet by an equal small step all the way ("абвгдеёжз", "یکدوسه" does
// not).
func isRunSequence(plain string) bool {
	r := []rune(strings.ToLower(strings.Map(keepLetterOrDigit, plain)))
	if len(r) < 3 {
		return false
	}
	step := r[1] - r[0]
	for i := 2; i < len(r); i++ {
		if r[i]-r[i-1] != step {
			return false
		}
	}
	return step != 0 && step >= -5 && step <= 5
}

func keepLetterOrDigit(r rune) rune {
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return r
	}
	return -1
}

func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
