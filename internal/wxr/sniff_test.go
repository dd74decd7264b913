package wxr

import (
	"bytes"
	"errors"
	"os"
	"testing"
)

func TestCheckHead(t *testing.T) {
	export, err := os.ReadFile("testdata/polylang.xml")
	if err != nil {
		t.Fatal(err)
	}
	padded := append(append([]byte{}, export[:len(export)-len("</channel></rss>")]...), make([]byte, 2*HeadSize)...)
	tests := []struct {
		name string
		head []byte
		ok   bool
	}{
		{"an export", export, true},
		{"an export cut in its first record", export[:bytes.Index(export, []byte("<wp:author>"))+20], true},
		{"an export longer than the head", padded, true},
		{"an RSS feed", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>News</title><link>https://example.com</link><item><title>A</title></item></channel></rss>`), false},
		{"other XML", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>`), false},
		{"a picture", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), false},
		{"text", []byte("wordpress-category-slug,payvand-section-slug\n"), false},
		{"nothing", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckHead(tt.head)
			if tt.ok && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if !tt.ok && !errors.Is(err, ErrNotWXR) {
				t.Fatalf("got %v, want ErrNotWXR", err)
			}
		})
	}
}
