package wpimport

import (
	"slices"
	"testing"

	"github.com/payvand/payvand/internal/wxr"
)

func TestConvertContent(t *testing.T) {
	tests := []struct {
		name, in, want string
		shortcodes     []string
	}{
		{
			name: "gutenberg comments removed, markup kept",
			in:   "<!-- wp:paragraph -->\n<p>متن نخست می\u200cآید.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:heading {\"level\":3} -->\n<h3>عنوان</h3>\n<!-- /wp:heading -->\n<!-- wp:separator /-->",
			want: "<p>متن نخست می\u200cآید.</p>\n\n\n\n<h3>عنوان</h3>",
		},
		{
			name: "classic text gets paragraphs and line breaks",
			in:   "Сатри якум.\nдавом\n\n\nСатри дуюм ғ ӣ қ ӯ ҳ ҷ.",
			want: "<p>Сатри якум.<br>\nдавом</p>\n<p>Сатри дуюм ғ ӣ қ ӯ ҳ ҷ.</p>",
		},
		{
			name: "classic blocks are not wrapped",
			in:   "Intro\n\n<ul>\n<li>a</li>\n</ul>\n\n<h2>Head</h2>",
			want: "<p>Intro</p>\n<ul>\n<li>a</li>\n</ul>\n<h2>Head</h2>",
		},
		{
			name: "caption becomes a figure",
			in:   `[caption id="attachment_40" align="alignnone" width="300"]<a href="/x.jpg"><img src="/x.jpg" alt="عکس" /></a> زیرنویس[/caption]` + "\n\nبعد",
			want: "<figure><a href=\"/x.jpg\"><img src=\"/x.jpg\" alt=\"عکس\" /></a><figcaption>زیرنویس</figcaption></figure>\n<p>بعد</p>",
		},
		{
			name:       "other shortcodes stay and are listed",
			in:         `[contact-form-7 id="5"] and [Gallery ids="1,2"] but not [1]`,
			want:       `<p>[contact-form-7 id="5"] and [Gallery ids="1,2"] but not [1]</p>`,
			shortcodes: []string{"contact-form-7", "gallery"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, codes := convertContent(tt.in)
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			if !slices.Equal(codes, tt.shortcodes) {
				t.Errorf("shortcodes = %v, want %v", codes, tt.shortcodes)
			}
		})
	}
}

func TestOldPaths(t *testing.T) {
	it := &wxr.Item{ID: 12, Link: "https://khabar.example/2024/07/%d8%ae%d8%a8%d8%b1/", GUID: "https://khabar.example/?p=12"}
	got := oldPaths("https://khabar.example", it)
	want := []string{"/?p=12", "/2024/07/خبر/"}
	if !slices.Equal(got, want) {
		t.Errorf("oldPaths = %q, want %q", got, want)
	}
	it = &wxr.Item{ID: 5, Link: "https://other.example/x/", GUID: "http://KHABAR.example/?page_id=5"}
	if got := oldPaths("https://khabar.example", it); !slices.Equal(got, []string{"/?p=5", "/?page_id=5"}) {
		t.Errorf("oldPaths = %q", got)
	}
}
