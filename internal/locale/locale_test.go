package locale

import (
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in        string
		wantCodes []string
		wantErr   bool
	}{
		{"tg,fa", []string{"tg", "fa"}, false},
		{" RU , en ", []string{"ru", "en"}, false},
		{"fa,tg,ckb", []string{"fa", "tg", "ckb"}, false},
		{"pt-br", []string{"pt-br"}, false},
		{"", nil, true},
		{"tg,tg", nil, true},
		{"tg,../x", nil, true},
		{"toolong", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			set, err := Parse(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Parse(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			}
			if err == nil && !reflect.DeepEqual(set.Codes(), tt.wantCodes) {
				t.Errorf("codes = %v, want %v", set.Codes(), tt.wantCodes)
			}
		})
	}
}

func TestDirectionAndNames(t *testing.T) {
	tests := []struct{ code, name, dir string }{
		{"tg", "Тоҷикӣ", "ltr"},
		{"fa", "فارسی", "rtl"},
		{"ar", "العربية", "rtl"},
		{"ckb", "کوردی", "rtl"},
		{"ru", "Русский", "ltr"},
		{"xx", "xx", "ltr"},
	}
	for _, tt := range tests {
		got := New(tt.code)
		if got.Name != tt.name || got.Dir != tt.dir {
			t.Errorf("New(%q) = %+v, want name %q dir %q", tt.code, got, tt.name, tt.dir)
		}
	}
}

func TestDefaultIsFirst(t *testing.T) {
	set := MustParse("fa,tg")
	if set.Default().Code != "fa" {
		t.Fatalf("default = %q, want fa", set.Default().Code)
	}
	if !set.Has("tg") || set.Has("ru") {
		t.Fatalf("Has gives wrong answers for %v", set.Codes())
	}
}
