package wpimport

import (
	"slices"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/embed"
	"github.com/payvand/payvand/internal/wxr"
)

func TestConvertContent(t *testing.T) {
	placeholder := func(raw string) string {
		e, ok := embed.Parse(raw)
		if !ok {
			t.Fatalf("embed.Parse(%q) failed", raw)
		}
		return e.HTML()
	}
	yt := placeholder("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=5")
	youtu := placeholder("https://youtu.be/dQw4w9WgXcQ")
	vimeo := placeholder("https://vimeo.com/76979871")
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
			want: "<p>Сатри якум.<br />\nдавом</p>\n<p>Сатри дуюм ғ ӣ қ ӯ ҳ ҷ.</p>",
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
		{
			name: "classic: <!--more--> and other comments leave no empty paragraph",
			in:   "Teaser\n<!--more-->\nRest\n\n<!-- editor note -->\n\nEnd\n<!--nextpage-->\nPage 2",
			want: "<p>Teaser</p>\n<p>Rest</p>\n<p>End</p>\n<p>Page 2</p>",
		},
		{
			name: "gutenberg more block",
			in:   "<!-- wp:paragraph -->\n<p>a</p>\n<!-- /wp:paragraph -->\n<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->\n<!-- wp:paragraph -->\n<p>b</p>\n<!-- /wp:paragraph -->",
			want: "<p>a</p>\n\n\n\n\n\n<p>b</p>",
		},
		{
			name:       "classic: a shortcode alone on its line is not wrapped",
			in:         "Text\n\n[contact-form-7 id=\"5\" title=\"تماس\"]\n\n[box]inside[/box]\nAfter",
			want:       "<p>Text</p>\n[contact-form-7 id=\"5\" title=\"تماس\"]\n<p>[box]inside[/box]<br />\nAfter</p>",
			shortcodes: []string{"contact-form-7", "box"},
		},
		{
			name: "classic: an address alone on a line becomes an embed of its own",
			in:   "پیش از ویدیو\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=5\nپس از آن",
			want: "<p>پیش از ویدیو</p>\n" + yt + "\n<p>پس از آن</p>",
		},
		{
			name: "classic: an address alone in its paragraph",
			in:   "Intro\n\n  https://vimeo.com/76979871  \n\nEnd",
			want: "<p>Intro</p>\n" + vimeo + "\n<p>End</p>",
		},
		{
			name: "[embed] with a size, inside a line",
			in:   `Watch: [embed width="560" height="315"]https://youtu.be/dQw4w9WgXcQ[/embed] now`,
			want: "<p>Watch: </p>\n" + youtu + "\n<p> now</p>",
		},
		{
			name: "gutenberg embed block and [embed] in a paragraph",
			in: "<!-- wp:embed {\"url\":\"https://vimeo.com/76979871\",\"type\":\"video\",\"providerNameSlug\":\"vimeo\"} -->\n" +
				"<figure class=\"wp-block-embed is-type-video is-provider-vimeo wp-block-embed-vimeo\"><div class=\"wp-block-embed__wrapper\">\nhttps://vimeo.com/76979871\n</div><figcaption>زیرنویس</figcaption></figure>\n<!-- /wp:embed -->\n" +
				"<!-- wp:paragraph -->\n<p>[embed]https://youtu.be/dQw4w9WgXcQ[/embed]</p>\n<!-- /wp:paragraph -->",
			want: vimeo + "\n\n\n" + youtu,
		},
		{
			name:       "addresses in text, of other sites or unknown pages stay",
			in:         "See https://vimeo.com/76979871 here\nhttps://example.com/watch?v=1\n[embed]https://www.youtube.com/@channel[/embed]",
			want:       "<p>See https://vimeo.com/76979871 here<br />\nhttps://example.com/watch?v=1<br />\n[embed]https://www.youtube.com/@channel[/embed]</p>",
			shortcodes: []string{"embed"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, codes := convertContent(tt.in, nil)
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

func TestTeaser(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"classic", "نخست می\u200cآید &amp; دوم\nادامه\n\n<strong>Ҷумла</strong>\n<!--more-->\nRest", "نخست می\u200cآید & دوم ادامه Ҷумла"},
		{"custom link text", "Teaser<!--more Read on-->Rest", "Teaser"},
		{"gutenberg", "<!-- wp:paragraph -->\n<p>a</p>\n<!-- /wp:paragraph -->\n<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->\n<p>b</p>", "a"},
		{"no mark", "<p>a</p>", ""},
		{"longer than a summary", strings.Repeat("x ", 600) + "<!--more-->", ""},
	}
	for _, tt := range tests {
		if got := teaser(tt.in); got != tt.want {
			t.Errorf("%s: teaser = %q, want %q", tt.name, got, tt.want)
		}
	}
}
