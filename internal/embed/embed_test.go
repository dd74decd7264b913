package embed

import "testing"

func TestParse(t *testing.T) {
	tests := []struct {
		in             string
		provider, id   string
		url            string // "" means the input itself
		wantRecognised bool
	}{
		// YouTube
		{in: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", provider: YouTube, id: "dQw4w9WgXcQ", wantRecognised: true},
		{in: "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42s", provider: YouTube, id: "dQw4w9WgXcQ", wantRecognised: true},
		{in: "https://m.youtube.com/watch?v=dQw4w9WgXcQ", provider: YouTube, id: "dQw4w9WgXcQ", wantRecognised: true},
		{in: "https://youtu.be/dQw4w9WgXcQ?si=abcDEF123", provider: YouTube, id: "dQw4w9WgXcQ", wantRecognised: true},
		{in: "youtu.be/dQw4w9WgXcQ", provider: YouTube, id: "dQw4w9WgXcQ", url: "https://youtu.be/dQw4w9WgXcQ", wantRecognised: true},
		{in: "http://www.youtube.com/shorts/aBcD_-12345", provider: YouTube, id: "aBcD_-12345", url: "https://www.youtube.com/shorts/aBcD_-12345", wantRecognised: true},
		{in: "https://www.youtube.com/embed/dQw4w9WgXcQ?start=10", provider: YouTube, id: "dQw4w9WgXcQ", wantRecognised: true},
		{in: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", provider: YouTube, id: "dQw4w9WgXcQ", wantRecognised: true},
		{in: "https://www.youtube.com/live/dQw4w9WgXcQ", provider: YouTube, id: "dQw4w9WgXcQ", wantRecognised: true},
		{in: "  https://www.youtube.com/watch?v=dQw4w9WgXcQ\n", provider: YouTube, id: "dQw4w9WgXcQ", url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", wantRecognised: true},
		{in: "https://www.youtube.com/watch?v=short"},
		{in: "https://www.youtube.com/@channel"},
		{in: "https://www.youtube.com/results?search_query=x"},
		{in: "https://notyoutube.com/watch?v=dQw4w9WgXcQ"},
		{in: "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ"},
		{in: "javascript://youtube.com/watch?v=dQw4w9WgXcQ"},
		{in: "https://user@www.youtube.com/watch?v=dQw4w9WgXcQ"},
		// Vimeo
		{in: "https://vimeo.com/76979871", provider: Vimeo, id: "76979871", wantRecognised: true},
		{in: "https://vimeo.com/76979871/abcdef1234", provider: Vimeo, id: "76979871", wantRecognised: true},
		{in: "https://player.vimeo.com/video/76979871?h=abc", provider: Vimeo, id: "76979871", wantRecognised: true},
		{in: "https://vimeo.com/channels/staffpicks/76979871", provider: Vimeo, id: "76979871", wantRecognised: true},
		{in: "https://vimeo.com/groups/shortfilms/videos/76979871", provider: Vimeo, id: "76979871", wantRecognised: true},
		{in: "https://vimeo.com/someuser"},
		// X / Twitter
		{in: "https://x.com/jack/status/20", provider: X, id: "20", wantRecognised: true},
		{in: "https://twitter.com/jack/status/20?s=20", provider: X, id: "20", wantRecognised: true},
		{in: "https://mobile.twitter.com/jack/statuses/20", provider: X, id: "20", wantRecognised: true},
		{in: "https://x.com/i/web/status/1234567890123456789", provider: X, id: "1234567890123456789", wantRecognised: true},
		{in: "https://x.com/jack/status/20/photo/1", provider: X, id: "20", wantRecognised: true},
		{in: "https://platform.twitter.com/embed/Tweet.html?id=20", provider: X, id: "20", wantRecognised: true},
		{in: "https://x.com/jack"},
		{in: "https://x.com/jack/status/abc"},
		// Instagram
		{in: "https://www.instagram.com/p/CxYz123AbC/", provider: Instagram, id: "CxYz123AbC", wantRecognised: true},
		{in: "https://instagram.com/reel/CxYz123AbC/?igsh=abc", provider: Instagram, id: "CxYz123AbC", wantRecognised: true},
		{in: "https://www.instagram.com/someone/p/CxYz123AbC/", provider: Instagram, id: "CxYz123AbC", wantRecognised: true},
		{in: "https://www.instagram.com/p/CxYz123AbC/embed", provider: Instagram, id: "CxYz123AbC", wantRecognised: true},
		{in: "https://www.instagram.com/someone/"},
		// Telegram
		{in: "https://t.me/durov/43", provider: Telegram, id: "durov/43", wantRecognised: true},
		{in: "https://t.me/s/durov/43", provider: Telegram, id: "durov/43", wantRecognised: true},
		{in: "https://telegram.me/durov/43?embed=1", provider: Telegram, id: "durov/43", wantRecognised: true},
		{in: "https://t.me/c/1234567/43"},
		{in: "https://t.me/durov"},
		// Facebook
		{in: "https://www.facebook.com/NASA/posts/10158503425576772", provider: Facebook, id: "10158503425576772", wantRecognised: true},
		{in: "https://www.facebook.com/NASA/posts/pfbid02abcdefghijKLMNOP123", provider: Facebook, id: "pfbid02abcdefghijKLMNOP123", wantRecognised: true},
		{in: "https://m.facebook.com/story.php?story_fbid=123456&id=789", provider: Facebook, id: "123456", wantRecognised: true},
		{in: "https://www.facebook.com/permalink.php?story_fbid=123456&id=789", provider: Facebook, id: "123456", wantRecognised: true},
		{in: "https://www.facebook.com/share/p/1AbCdEfGh2/", provider: Facebook, id: "1AbCdEfGh2", wantRecognised: true},
		{in: "https://www.facebook.com/NASA/videos/987654321", provider: Facebook, id: "987654321", wantRecognised: true},
		{in: "https://www.facebook.com/watch/?v=987654321", provider: Facebook, id: "987654321", wantRecognised: true},
		{in: "https://www.facebook.com/NASA"},
		// Other addresses stay links.
		{in: "https://example.org/watch?v=dQw4w9WgXcQ"},
		{in: "https://www.youtube.com/watch?v=dQw4w9WgXcQ\"><script>"},
		{in: ""},
		{in: "not a url"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := Parse(tt.in)
			if ok != tt.wantRecognised {
				t.Fatalf("Parse(%q) recognised = %v, want %v (%+v)", tt.in, ok, tt.wantRecognised, got)
			}
			if !ok {
				return
			}
			wantURL := tt.url
			if wantURL == "" {
				wantURL = tt.in
			}
			if got.Provider != tt.provider || got.ID != tt.id || got.URL != wantURL {
				t.Errorf("Parse(%q) = %+v, want {%s %s %s}", tt.in, got, tt.provider, tt.id, wantURL)
			}
		})
	}
}

func TestFromFrame(t *testing.T) {
	tests := []struct{ src, provider, id, url string }{
		{"https://www.youtube.com/embed/dQw4w9WgXcQ?si=x", YouTube, "dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"},
		{"//www.youtube-nocookie.com/embed/dQw4w9WgXcQ", YouTube, "dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"},
		{"https://player.vimeo.com/video/76979871?h=abc", Vimeo, "76979871", "https://vimeo.com/76979871"},
		{"https://platform.twitter.com/embed/Tweet.html?id=20", X, "20", "https://x.com/i/status/20"},
		{"https://www.instagram.com/p/CxYz123AbC/embed/", Instagram, "CxYz123AbC", "https://www.instagram.com/p/CxYz123AbC/"},
		{"https://t.me/durov/43?embed=1", Telegram, "durov/43", "https://t.me/durov/43"},
		{"https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2FNASA%2Fposts%2F10158503425576772&width=500", Facebook, "10158503425576772", "https://www.facebook.com/NASA/posts/10158503425576772"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			got, ok := FromFrame(tt.src)
			if !ok || got.Provider != tt.provider || got.ID != tt.id || got.URL != tt.url {
				t.Errorf("FromFrame(%q) = %+v, %v; want {%s %s %s}", tt.src, got, ok, tt.provider, tt.id, tt.url)
			}
		})
	}
	for _, src := range []string{"https://example.org/embed/x", "https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fexample.org%2F"} {
		if got, ok := FromFrame(src); ok {
			t.Errorf("FromFrame(%q) = %+v, want unrecognised", src, got)
		}
	}
}

func TestHTML(t *testing.T) {
	e, _ := Parse("https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s")
	want := `<figure data-embed="youtube" data-id="dQw4w9WgXcQ" data-url="https://youtube.com/watch?v=dQw4w9WgXcQ&amp;t=42s">` +
		`<a href="https://youtube.com/watch?v=dQw4w9WgXcQ&amp;t=42s">https://youtube.com/watch?v=dQw4w9WgXcQ&amp;t=42s</a></figure>`
	if got := e.HTML(); got != want {
		t.Errorf("HTML()\n got %s\nwant %s", got, want)
	}
}
