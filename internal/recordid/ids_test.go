package recordid

import "testing"

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		want uint
		ok   bool
	}{
		{"1", 1, true},
		{"42", 42, true},
		{"9007199254740991", Max, true},
		{"9007199254740992", 0, false},
		{"18446744073709551615", 0, false},
		{"99999999999999999999999", 0, false},
		{"", 0, false},
		{"0", 0, false},
		{"01", 0, false},
		{"007", 0, false},
		{"+1", 0, false},
		{"-1", 0, false},
		{" 1", 0, false},
		{"1 ", 0, false},
		{"1.0", 0, false},
		{"1e3", 0, false},
		{"0x10", 0, false},
		{"1_000", 0, false},
		{"١", 0, false}, // Arabic-Indic one
		{"۱", 0, false}, // Persian one
		{"abc", 0, false},
	} {
		t.Run(tc.raw, func(t *testing.T) {
			got, ok := Parse(tc.raw)
			if got != tc.want || ok != tc.ok {
				t.Fatalf("Parse(%q) = %d, %v; want %d, %v", tc.raw, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestParseOptional(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		want uint
		ok   bool
	}{
		{"", 0, true},
		{"7", 7, true},
		{"07", 0, false},
		{"0", 0, false},
		{" ", 0, false},
	} {
		got, ok := ParseOptional(tc.raw)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseOptional(%q) = %d, %v; want %d, %v", tc.raw, got, ok, tc.want, tc.ok)
		}
	}
}
