package wpimport

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/media"
)

func TestConvertContentGallery(t *testing.T) {
	var seen []string
	gallery := func(attrs string) (string, bool) {
		seen = append(seen, attrs)
		if strings.Contains(attrs, "99") {
			return "", false // none of its pictures in the library
		}
		return `<figure><img src="/media/a.jpg" alt=""></figure>` + "\n" + `<figure><img src="/media/b.jpg" alt=""></figure>`, true
	}
	in := "پیش از گالری\n[gallery ids=\"3,1\"]\nپس از آن\n\n[gallery ids=\"99\"]"
	got, codes := convertContent(in, gallery)
	want := "<p>پیش از گالری</p>\n<figure><img src=\"/media/a.jpg\" alt=\"\"></figure>\n<figure><img src=\"/media/b.jpg\" alt=\"\"></figure>\n<p>پس از آن</p>\n[gallery ids=\"99\"]"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if !slices.Equal(codes, []string{"gallery"}) || !slices.Equal(seen, []string{` ids="3,1"`, ` ids="99"`}) {
		t.Errorf("shortcodes left %v, galleries seen %q", codes, seen)
	}
	// Gutenberg's shortcode block: the figures in its place, no paragraph.
	got, _ = convertContent("<!-- wp:shortcode -->\n[gallery]\n<!-- /wp:shortcode -->", gallery)
	if got != "<figure><img src=\"/media/a.jpg\" alt=\"\"></figure>\n<figure><img src=\"/media/b.jpg\" alt=\"\"></figure>" {
		t.Errorf("gutenberg: %q", got)
	}
}

func TestGalleryAttachments(t *testing.T) {
	im := &importer{ex: &export{attachments: []*attachment{
		{id: 7, parent: 10, order: 2, url: "https://x/wp-content/uploads/a.jpg"},
		{id: 5, parent: 10, order: 1, url: "https://x/wp-content/uploads/b.PNG"},
		{id: 6, parent: 10, order: 1, url: "https://x/wp-content/uploads/c.gif"},
		{id: 8, parent: 10, order: 0, url: "https://x/wp-content/uploads/d.pdf"},
		{id: 9, parent: 11, order: 0, url: "https://x/wp-content/uploads/e.webp"},
	}}}
	tests := []struct {
		attrs string
		want  []int
	}{
		{` ids="3, 1,2"`, []int{3, 1, 2}},
		{` include='9,7'`, []int{9, 7}},
		{``, []int{5, 6, 7}}, // menu order, then id; the PDF is no picture
		{` order="DESC"`, []int{7, 6, 5}},
		{` exclude="6"`, []int{5, 7}},
		{` id=11`, []int{9}},
		{` orderby="rand"`, []int{5, 6, 7}},
	}
	for _, tt := range tests {
		if got := im.galleryAttachments(10, shortcodeAttrs(tt.attrs)); !slices.Equal(got, tt.want) {
			t.Errorf("[gallery%s] = %v, want %v", tt.attrs, got, tt.want)
		}
	}
}

// withParent places an attachment in a post's gallery.
func withParent(item string, parent, order int) string {
	return strings.Replace(item, "<wp:attachment_url>",
		fmt.Sprintf("<wp:post_parent>%d</wp:post_parent><wp:menu_order>%d</wp:menu_order><wp:attachment_url>", parent, order), 1)
}

// withBody gives a mediaPost its content.
func withBody(item string, id int, body string) string {
	return strings.Replace(item, fmt.Sprintf("<p>text %d</p>", id), body, 1)
}

func TestImportGalleriesAndLinks(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	uploads := t.TempDir()
	files, err := media.NewFSStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	writePicture(t, uploads, "2024/01/kuh.jpg", true, 10)
	writePicture(t, uploads, "2024/01/rud.png", false, 200)
	const base = "https://khabar.example/wp-content/uploads/"
	data := mediaExport(
		withParent(mediaAttachment(100, base+"2024/01/kuh.jpg", "fa", "کوه\u200cها", "عکس: مریم"), 10, 2),
		withParent(mediaAttachment(101, base+"2024/01/kuh.jpg", "tj", "Кӯҳҳо", "Акс: Марям"), 11, 2),
		withParent(mediaAttachment(102, base+"2024/01/rud.png", "fa", "", ""), 10, 1),
		withParent(mediaAttachment(103, base+"2024/01/later.jpg", "fa", "بعد", ""), 10, 0),
		// The post's gallery: its attached pictures in menu order; a
		// picture linked to its file, at a size WordPress made; a PDF.
		withBody(mediaPost(10, "fa", 0), 10, "متن\n\n[gallery columns=\"2\"]\n\n"+
			`<a href="`+base+`2024/01/kuh-1024x768.jpg"><img src="`+base+`2024/01/kuh-300x225.jpg" alt="k"></a>`+
			"\n"+`<a href="`+base+`docs/report.pdf">گزارش</a>`+
			"\n"+`<a href="https://khabar.example/?attachment_id=102" rel="attachment wp-att-102"><img src="`+base+`2024/01/rud-150x150.png" alt="r"></a>`),
		withBody(mediaPost(11, "tj", 0), 11, `Матн [gallery ids="100,102"] охир`),
		withBody(mediaPost(12, "fa", 0), 12, "گالری\n\n[gallery ids=\"103\"]"),
		// Another post's pictures, less two: the one still missing.
		withBody(mediaPost(13, "fa", 0), 13, "دیگر\n\n[gallery id=\"10\" exclude=\"100,102\"]"),
	)
	opts := Options{Uploads: uploads, Media: files}
	rep := run(t, s, data, opts)
	if rep.Media != (MediaCounts{Imported: 2, Unchanged: 1, Missing: 1}) && rep.Media != (MediaCounts{Imported: 3, Missing: 1}) {
		t.Errorf("media = %+v", rep.Media)
	}
	mediaOf := func(id int) uint {
		t.Helper()
		k, err := s.FindImported(ctx, "https://khabar.example", "attachment", []int64{int64(id)})
		if err != nil || len(k) != 1 {
			t.Fatalf("attachment %d: %v %v", id, k, err)
		}
		return k[int64(id)].TargetID
	}
	kuh, rud := mediaOf(100), mediaOf(102)
	kuhMedia, err := s.FindMedia(ctx, kuh)
	if err != nil {
		t.Fatal(err)
	}

	fa := translation(t, articleOf(t, s, 10), "fa").BodyHTML
	rudFig := fmt.Sprintf(`<figure><img data-media-id="%d" alt=""></figure>`, rud)
	kuhFig := fmt.Sprintf(`<figure><img data-media-id="%d" alt="کوه‌ها"><figcaption dir="auto">عکس: مریم</figcaption></figure>`, kuh)
	if i, j := strings.Index(fa, rudFig), strings.Index(fa, kuhFig); i < 0 || j < i {
		t.Errorf("post 10's gallery: want %s then %s in\n%s", rudFig, kuhFig, fa)
	}
	if strings.Contains(fa, "[gallery") || strings.Contains(fa, "<p><figure") {
		t.Errorf("post 10's gallery left as text or inside a paragraph:\n%s", fa)
	}
	rudMedia, err := s.FindMedia(ctx, rud)
	if err != nil {
		t.Fatal(err)
	}
	link := fmt.Sprintf(`<a href="%s" rel="nofollow noreferrer"><img data-media-id="%d" alt="k"></a>`, media.PublicPath(kuhMedia.Path), kuh)
	pageLink := fmt.Sprintf(`<a href="%s" rel="nofollow noreferrer"><img data-media-id="%d" alt="r"></a>`, media.PublicPath(rudMedia.Path), rud)
	if !strings.Contains(fa, link) || !strings.Contains(fa, pageLink) || !strings.Contains(fa, base+"docs/report.pdf") {
		t.Errorf("post 10's links: want %s, %s and the PDF's old address in\n%s", link, pageLink, fa)
	}
	// The Tajik post shows the Tajik texts of the same picture.
	tg := translation(t, articleOf(t, s, 11), "tg").BodyHTML
	want := fmt.Sprintf(`<p>Матн </p>`+"\n"+`<figure><img data-media-id="%d" alt="Кӯҳҳо"><figcaption dir="auto">Акс: Марям</figcaption></figure>`+"\n"+
		`<figure><img data-media-id="%d" alt=""></figure>`+"\n"+`<p> охир</p>`, kuh, rud)
	if tg != want {
		t.Errorf("post 11:\n got  %s\nwant %s", tg, want)
	}
	// A gallery whose pictures are all missing stays as text.
	if body := translation(t, articleOf(t, s, 12), "fa").BodyHTML; body != "<p>گالری</p>\n"+`[gallery ids=&#34;103&#34;]` {
		t.Errorf("post 12 = %q", body)
	}
	if rep.Shortcodes["gallery"] != 2 || !slices.Equal(rep.ShortcodePosts["gallery"], []int{12, 13}) {
		t.Errorf("shortcodes left %v %v", rep.Shortcodes, rep.ShortcodePosts)
	}
	var warned []string
	for _, w := range rep.Warnings {
		warned = append(warned, fmt.Sprintf("%d: %s", w.PostID, w.Message))
	}
	for _, w := range []string{
		"10: gallery pictures not in the media library: attachments 103",
		"10: links to " + base + "docs/report.pdf, a file the media library does not take: the link still points at the old site",
		"12: gallery pictures not in the media library: attachments 103",
		"13: gallery pictures not in the media library: attachments 103",
	} {
		if !slices.Contains(warned, w) {
			t.Errorf("no warning %q in %q", w, warned)
		}
	}

	// The missing picture arrives: the next run saves the posts whose
	// galleries show it, and only those, once it is in (relinked).
	writePicture(t, uploads, "2024/01/later.jpg", true, 90)
	rep = run(t, s, data, opts)
	if rep.Articles.Relinked != 3 || rep.Articles.Updated != 0 || rep.Articles.Unchanged != 4 {
		t.Errorf("after the picture came: articles %+v, skipped %+v", rep.Articles, rep.SkippedPosts)
	}
	later := mediaOf(103)
	laterFig := fmt.Sprintf(`<figure><img data-media-id="%d" alt="بعد"></figure>`, later)
	fa = translation(t, articleOf(t, s, 10), "fa").BodyHTML
	if i, j := strings.Index(fa, laterFig), strings.Index(fa, rudFig); i < 0 || j < i {
		t.Errorf("post 10 after: want %s first in\n%s", laterFig, fa)
	}
	if body := translation(t, articleOf(t, s, 12), "fa").BodyHTML; body != "<p>گالری</p>\n"+laterFig {
		t.Errorf("post 12 after = %q, want %q", body, laterFig)
	}
	if body := translation(t, articleOf(t, s, 13), "fa").BodyHTML; body != "<p>دیگر</p>\n"+laterFig {
		t.Errorf("post 13 after = %q, want %q", body, laterFig)
	}
	if rep.Shortcodes["gallery"] != 0 {
		t.Errorf("shortcodes left after: %v", rep.Shortcodes)
	}
}

func TestFlattenGalleryBlocks(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{
			name: "WordPress 5.9 and later: a figure of image blocks",
			in: `<p>پیش</p>` + "\n" + `<figure class="wp-block-gallery has-nested-images columns-default is-cropped">` + "\n" +
				`<figure class="wp-block-image size-large"><img src="/u/a.jpg" alt="الف" class="wp-image-12"/><figcaption>نوشته‌ی <strong>یک</strong> &amp; دو</figcaption></figure>` + "\n" +
				`<figure class="wp-block-image size-large"><img src="/u/b.jpg" alt="" class="wp-image-13"/></figure>` + "\n" +
				`<figcaption class="blocks-gallery-caption">Сафар ба Хуҷанд</figcaption></figure>` + "\n<p>پس</p>",
			want: `<p>پیش</p>` + "\n" + `<figure><img src="/u/a.jpg" alt="الف"><figcaption dir="auto">نوشته‌ی یک &amp; دو</figcaption></figure>` + "\n" +
				`<figure><img src="/u/b.jpg" alt=""></figure>` + "\n" + `<p>Сафар ба Хуҷанд</p>` + "\n<p>پس</p>",
		},
		{
			name: "before 5.9: a list of figures",
			in: `<figure class="wp-block-gallery columns-2"><ul class="blocks-gallery-grid">` +
				`<li class="blocks-gallery-item"><figure><img src="/u/a.jpg" alt="a" data-id="12"/><figcaption class="blocks-gallery-item__caption">cap</figcaption></figure></li>` +
				`<li class="blocks-gallery-item"><figure><img src="/u/b.jpg" alt="b" data-id="13"/></figure></li></ul></figure>`,
			want: `<figure><img src="/u/a.jpg" alt="a"><figcaption dir="auto">cap</figcaption></figure>` + "\n" + `<figure><img src="/u/b.jpg" alt="b"></figure>`,
		},
		{
			name: "other markup stays byte for byte",
			in:   `<figure class="wp-block-image"><img src="/u/a.jpg" alt=""/></figure><p>x &amp; y‌z</p><figure class="wp-block-gallery"><img src="/u/c.jpg"></figure>`,
			want: `<figure class="wp-block-image"><img src="/u/a.jpg" alt=""/></figure><p>x &amp; y‌z</p><figure><img src="/u/c.jpg" alt=""></figure>`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := flattenGalleryBlocks(tt.in); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
