package richtext

import "testing"

// The sanitiser keeps exactly the figure markup the editor stores: the
// four placements and nothing else in data-align.
func TestSanitizeFigures(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"every placement is kept", `<figure data-align="start"></figure><figure data-align="end"></figure><figure data-align="wide"></figure><figure data-align="full"></figure>`,
			`<figure data-align="start"></figure><figure data-align="end"></figure><figure data-align="wide"></figure><figure data-align="full"></figure>`},
		{"the stored figure, byte for byte",
			"<figure data-align=\"wide\"><img data-media-id=\"12\" alt=\"کوه\u200cها\"><figcaption dir=\"auto\">عکس از «آرشیو» &amp; Ӯ</figcaption></figure>",
			"<figure data-align=\"wide\"><img data-media-id=\"12\" alt=\"کوه\u200cها\"><figcaption dir=\"auto\">عکس از «آرشیو» &amp; Ӯ</figcaption></figure>"},
		{"an unknown placement goes, the figure stays", `<figure data-align="center"><img data-media-id="12" alt="a"></figure>`, `<figure><img data-media-id="12" alt="a"></figure>`},
		{"a script in a placement goes", `<figure data-align="wide&quot; onload=&quot;x"><img data-media-id="12"></figure>`, `<figure><img data-media-id="12"></figure>`},
		{"data-align on another element goes", `<p data-align="wide">x</p>`, `<p>x</p>`},
		{"style and class on a figure go", `<figure style="width:50%" class="x"><img data-media-id="12"></figure>`, `<figure><img data-media-id="12"></figure>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

// A figure is stored by media id, answered with the picture's files and
// its caption and placement as stored, and loaded back into the editor
// with its src; load and save store the same bytes.
func TestFigureRoundTrip(t *testing.T) {
	idOf := map[string]uint{"ab/ab12-medium.jpg": 12}
	editor := "<p dir=\"auto\">متن</p><figure data-align=\"end\"><img src=\"/media/ab/ab12-medium.jpg\" alt=\"کوه\u200cها\"><figcaption dir=\"auto\">پامیر</figcaption></figure>"
	stored := ReferencePictures(Sanitize(editor), idOf)
	want := "<p dir=\"auto\">متن</p><figure data-align=\"end\"><img data-media-id=\"12\" alt=\"کوه\u200cها\"><figcaption dir=\"auto\">پامیر</figcaption></figure>"
	if stored != want {
		t.Fatalf("stored\n got %s\nwant %s", stored, want)
	}
	if again := ReferencePictures(Sanitize(EditablePictures(stored, testPictures)), idOf); again != stored {
		t.Fatalf("load and save changed the body\n got %s\nwant %s", again, stored)
	}
	answered := RenderPictures(stored, testPictures, "")
	wantAnswer := "<p dir=\"auto\">متن</p><figure data-align=\"end\"><img src=\"/media/ab/ab12-medium.jpg\" srcset=\"/media/ab/ab12-thumb.jpg 320w, /media/ab/ab12-medium.jpg 960w, /media/ab/ab12.jpg 2000w\" width=\"960\" height=\"480\" data-media-id=\"12\" alt=\"کوه\u200cها\"><figcaption dir=\"auto\">پامیر</figcaption></figure>"
	if answered != wantAnswer {
		t.Fatalf("answered\n got %s\nwant %s", answered, wantAnswer)
	}
}

// A figure whose picture is gone is answered without it, caption and
// all; an embed's figure, which holds no picture, stays.
func TestRenderPicturesDropsFiguresOfMissingPictures(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"the figure of a missing picture goes",
			`<p>a</p><figure data-align="wide"><img data-media-id="99" alt="gone"><figcaption dir="auto">caption</figcaption></figure><p>b</p>`, `<p>a</p><p>b</p>`},
		{"an embed stays beside it",
			`<figure data-embed="youtube" data-id="x"><a href="https://youtu.be/x">x</a></figure><figure><img data-media-id="99"></figure>`,
			`<figure data-embed="youtube" data-id="x"><a href="https://youtu.be/x">x</a></figure>`},
		{"a figure with a picture that exists stays",
			`<figure><img data-media-id="99"></figure><figure><img data-media-id="7" alt="a"></figure>`,
			`<figure><img src="/media/cd/cd7.png" srcset="/media/cd/cd7-thumb.png 320w, /media/cd/cd7.png 500w" width="500" height="400" data-media-id="7" alt="a"></figure>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RenderPictures(tt.in, testPictures, ""); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
