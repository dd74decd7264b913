package richtext

import (
	"slices"
	"testing"
)

// testPictures is a JPEG with its thumbnail, medium size and a WebP copy
// of the medium size (id 12), and a picture smaller than the medium size
// (id 7), which has only a thumbnail.
var testPictures = Pictures{
	12: {
		Original: PictureFile{Path: "ab/ab12.jpg", MIME: "image/jpeg", Width: 2000, Height: 1000},
		Variants: []PictureFile{
			{Name: "medium", Path: "ab/ab12-medium.jpg", MIME: "image/jpeg", Width: 960, Height: 480},
			{Name: "thumbnail", Path: "ab/ab12-thumb.jpg", MIME: "image/jpeg", Width: 320, Height: 160},
			{Name: "medium-webp", Path: "ab/ab12-medium.webp", MIME: "image/webp", Width: 960, Height: 480},
		},
	},
	7: {
		Original: PictureFile{Path: "cd/cd7.png", MIME: "image/png", Width: 500, Height: 400},
		Variants: []PictureFile{{Name: "thumbnail", Path: "cd/cd7-thumb.png", MIME: "image/png", Width: 320, Height: 256}},
	},
	// An opaque PNG: the processor writes its sizes as JPEG.
	30: {
		Original: PictureFile{Path: "ef/ef30.png", MIME: "image/png", Width: 1500, Height: 1000},
		Variants: []PictureFile{
			{Name: "thumbnail", Path: "ef/ef30-thumb.jpg", MIME: "image/jpeg", Width: 320, Height: 213},
			{Name: "thumbnail.webp", Path: "ef/ef30-thumb.webp", MIME: "image/webp", Width: 320, Height: 213},
			{Name: "medium", Path: "ef/ef30-medium.jpg", MIME: "image/jpeg", Width: 960, Height: 640},
			{Name: "medium.webp", Path: "ef/ef30-medium.webp", MIME: "image/webp", Width: 960, Height: 640},
		},
	},
}

func TestSanitizeKeepsMediaIDDigitsOnly(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<img data-media-id="12" alt="کوه‌ها">`, `<img data-media-id="12" alt="کوه‌ها">`},
		{`<img data-media-id="12x" alt="a">`, `<img alt="a">`},
		{`<img data-media-id="javascript:alert(1)" alt="a">`, `<img alt="a">`},
		{`<p data-media-id="12">x</p>`, `<p>x</p>`},
	}
	for _, tt := range tests {
		if got := Sanitize(tt.in); got != tt.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A picture without src carries no text, so saving one loses nothing.
func TestLostTextIgnoresPicturesByID(t *testing.T) {
	in := `<p>Ҷ</p><img data-media-id="12" alt="Кӯҳҳо"><p>می‌آید</p>`
	if lost := LostText(in, Sanitize(in)); lost != "" {
		t.Fatalf("LostText = %q", lost)
	}
	if VisibleText(in) != "Ҷ می‌آید" {
		t.Fatalf("VisibleText = %q", VisibleText(in))
	}
}

func TestReferencePictures(t *testing.T) {
	idOf := map[string]uint{"ab/ab12-medium.jpg": 12, "ab/ab12.jpg": 12, "cd/cd7.png": 7}
	tests := []struct{ name, in, want string }{
		{"a medium path becomes the id in its place",
			`<p>a</p><img src="/media/ab/ab12-medium.jpg" alt="کوه‌ها &amp; رود" title="t"><p>b</p>`,
			`<p>a</p><img data-media-id="12" alt="کوه‌ها &amp; رود" title="t"><p>b</p>`},
		{"the original's path too, and attributes keep their order",
			`<img alt="Кӯҳ" src="/media/cd/cd7.png" width="100">`, `<img alt="Кӯҳ" data-media-id="7" width="100">`},
		{"an unknown media file stays", `<img src="/media/ff/gone.jpg" alt="x">`, `<img src="/media/ff/gone.jpg" alt="x">`},
		{"a picture elsewhere stays", `<img src="https://example.org/a.jpg" alt="x">`, `<img src="https://example.org/a.jpg" alt="x">`},
		{"a stale id beside another src goes", `<img src="/media/ff/gone.jpg" data-media-id="12">`, `<img src="/media/ff/gone.jpg">`},
		{"an id without src stays", `<img data-media-id="12" alt="x">`, `<img data-media-id="12" alt="x">`},
		{"no pictures, untouched", "<p>می\u200cکنند</p>", "<p>می\u200cکنند</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ReferencePictures(Sanitize(tt.in), idOf); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestRenderPictures(t *testing.T) {
	tests := []struct{ name, in, base, want string }{
		{"src, srcset of one format, width and height; alt as stored",
			`<figure><img data-media-id="12" alt="کوه‌ها"><figcaption>x</figcaption></figure>`, "https://cms.example.tj/media/",
			`<figure><img src="https://cms.example.tj/media/ab/ab12-medium.jpg" srcset="https://cms.example.tj/media/ab/ab12-thumb.jpg 320w, https://cms.example.tj/media/ab/ab12-medium.jpg 960w, https://cms.example.tj/media/ab/ab12.jpg 2000w" width="960" height="480" data-media-id="12" alt="کوه‌ها"><figcaption>x</figcaption></figure>`},
		{"a CDN's base",
			`<img data-media-id="7" alt="a">`, "https://cdn.example.tj/payvand/",
			`<img src="https://cdn.example.tj/payvand/cd/cd7.png" srcset="https://cdn.example.tj/payvand/cd/cd7-thumb.png 320w, https://cdn.example.tj/payvand/cd/cd7.png 500w" width="500" height="400" data-media-id="7" alt="a">`},
		{"relative without a base; a small picture shows its original",
			`<img data-media-id="7" alt="a">`, "",
			`<img src="/media/cd/cd7.png" srcset="/media/cd/cd7-thumb.png 320w, /media/cd/cd7.png 500w" width="500" height="400" data-media-id="7" alt="a">`},
		{"an opaque PNG shows its medium JPEG, with every JPEG and PNG size and no WebP",
			`<img data-media-id="30" alt="b">`, "",
			`<img src="/media/ef/ef30-medium.jpg" srcset="/media/ef/ef30-thumb.jpg 320w, /media/ef/ef30-medium.jpg 960w, /media/ef/ef30.png 1500w" width="960" height="640" data-media-id="30" alt="b">`},
		{"width typed by the editor wins",
			`<img data-media-id="7" width="100">`, "",
			`<img src="/media/cd/cd7.png" srcset="/media/cd/cd7-thumb.png 320w, /media/cd/cd7.png 500w" data-media-id="7" width="100">`},
		{"a missing picture is left out, the text around it stays",
			`<p>a</p><img data-media-id="99" alt="gone"><p>b</p>`, "", `<p>a</p><p>b</p>`},
		{"a picture by path is untouched", `<img src="/media/x.jpg" alt="y">`, "https://cms/media/", `<img src="/media/x.jpg" alt="y">`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RenderPictures(tt.in, testPictures, tt.base); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// The editor loads the stored body with src back and saves it unchanged:
// load → save stores the same bytes.
func TestEditablePicturesRoundTrip(t *testing.T) {
	idOf := map[string]uint{"ab/ab12-medium.jpg": 12, "ab/ab12.jpg": 12, "ab/ab12-thumb.jpg": 12}
	stored := "<p dir=\"auto\">می\u200cآید</p><img data-media-id=\"12\" alt=\"Кӯҳҳо &quot;Помир&quot;\"><img data-media-id=\"99\" alt=\"gone\">"
	editable := EditablePictures(stored, testPictures)
	want := "<p dir=\"auto\">می\u200cآید</p><img src=\"/media/ab/ab12-medium.jpg\" alt=\"Кӯҳҳо &#34;Помир&#34;\"><img data-media-id=\"99\" alt=\"gone\">"
	if editable != want {
		t.Fatalf("editable\n got %s\nwant %s", editable, want)
	}
	again := ReferencePictures(Sanitize(editable), idOf)
	if again != Sanitize(stored) {
		t.Fatalf("saved again\n got %s\nwant %s", again, Sanitize(stored))
	}
}

func TestPictureIDsAndPaths(t *testing.T) {
	body := `<img data-media-id="12"><p>x</p><img data-media-id="7"><img data-media-id="12"><img src="/media/ab/a.jpg"><img src="/x.jpg"><img data-media-id="0">`
	if got := PictureIDs(body); !slices.Equal(got, []uint{12, 7}) {
		t.Errorf("PictureIDs = %v", got)
	}
	if got := PicturePaths(body); !slices.Equal(got, []string{"ab/a.jpg"}) {
		t.Errorf("PicturePaths = %v", got)
	}
}

// A body is blank when a reader would see nothing: a photo story of
// pictures alone is not, nor an embed, while empty paragraphs, spaces and
// an empty figure are.
func TestBlank(t *testing.T) {
	for _, c := range []struct {
		body  string
		blank bool
	}{
		{"", true},
		{"<p> </p><p>&nbsp;</p>", true},
		{"<p>\u200c</p>", false}, // a ZWNJ is text; the editor typed it
		{"<figure><figcaption></figcaption></figure>", true},
		{"<p>متن</p>", false},
		{`<figure data-align="center"><img data-media-id="3" alt=""></figure>`, false},
		{`<img src="/media/ab/x.jpg" alt="">`, false},
		{`<figure data-embed="youtube" data-id="abc" data-url="https://youtu.be/abc"><a href="https://youtu.be/abc">https://youtu.be/abc</a></figure>`, false},
	} {
		if got := Blank(Sanitize(c.body)); got != c.blank {
			t.Errorf("Blank(%q) = %v, want %v", c.body, got, c.blank)
		}
	}
}
