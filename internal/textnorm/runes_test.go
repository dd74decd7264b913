package textnorm

import "testing"

func TestStripBidiControls(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"removes override disguising a file name", "invoice\u202Efdp.exe", "invoicefdp.exe"},
		{"removes embeddings and pop", "\u202Aabc\u202B\u202C", "abc"},
		{"removes isolates", "\u2066Ali\u2069 \u2067علی\u2069 \u2068x\u2069", "Ali علی x"},
		{"keeps LRM RLM and ALM marks", "a\u200Eb\u200Fc\u061Cd", "a\u200Eb\u200Fc\u061Cd"},
		{"keeps ZWNJ", "می\u200Cکنند", "می\u200Cکنند"},
		{"keeps plain text", "Тоҷикистон", "Тоҷикистон"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := StripBidiControls(tt.in); got != tt.want {
				t.Errorf("StripBidiControls(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestASCIIDigits(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"persian digits", "۰۱۲۳۴۵۶۷۸۹", "0123456789"},
		{"arabic-indic digits", "٠١٢٣٤٥٦٧٨٩", "0123456789"},
		{"solar hijri date", "۱۴۰۳/۰۵/۱۲", "1403/05/12"},
		{"mixed with text", "سال ۱۴۰۳ و ٢٠٢٤ and 2024", "سال 1403 و 2024 and 2024"},
		{"leaves other scripts", "Соли ۲۰۲۴", "Соли 2024"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ASCIIDigits(tt.in); got != tt.want {
				t.Errorf("ASCIIDigits(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
