package wpimport

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/models"
)

// writePicture encodes a small real picture at dir/rel.
func writePicture(t *testing.T, dir, rel string, asJPEG bool, shade uint8) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for y := range 48 {
		for x := range 64 {
			img.Set(x, y, color.RGBA{shade, uint8(x * 4), uint8(y * 5), 255})
		}
	}
	var buf bytes.Buffer
	var err error
	if asJPEG {
		err = jpeg.Encode(&buf, img, nil)
	} else {
		err = png.Encode(&buf, img)
	}
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

const mediaHead = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Khabar</title>
<link>https://khabar.example</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://khabar.example</wp:base_site_url>
`

func mediaAttachment(id int, url, lang, alt, caption string) string {
	meta := ""
	if alt != "" {
		meta = fmt.Sprintf(`<wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key><wp:meta_value><![CDATA[%s]]></wp:meta_value></wp:postmeta>`, alt)
	}
	if lang != "" {
		meta += fmt.Sprintf(`<category domain="language" nicename="%s"><![CDATA[%s]]></category>`, lang, lang)
	}
	return fmt.Sprintf(`<item><title>pic %d</title><content:encoded><![CDATA[]]></content:encoded><excerpt:encoded><![CDATA[%s]]></excerpt:encoded>
<wp:post_id>%d</wp:post_id><wp:post_date><![CDATA[2024-01-01 10:00:00]]></wp:post_date><wp:post_date_gmt><![CDATA[2024-01-01 06:30:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[pic-%d]]></wp:post_name><wp:status><![CDATA[inherit]]></wp:status><wp:post_type><![CDATA[attachment]]></wp:post_type>
<wp:attachment_url><![CDATA[%s]]></wp:attachment_url>%s</item>
`, id, caption, id, id, url, meta)
}

func mediaPost(id int, lang string, thumb int) string {
	meta := fmt.Sprintf(`<category domain="language" nicename="%s"><![CDATA[%s]]></category>`, lang, lang)
	if thumb != 0 {
		meta += fmt.Sprintf(`<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[%d]]></wp:meta_value></wp:postmeta>`, thumb)
	}
	return fmt.Sprintf(`<item><title>Post %d</title><content:encoded><![CDATA[<p>text %d</p>]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>%d</wp:post_id><wp:post_date><![CDATA[2024-02-01 10:00:00]]></wp:post_date><wp:post_date_gmt><![CDATA[2024-02-01 06:30:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[post-%d]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>%s</item>
`, id, id, id, id, meta)
}

func mediaExport(items ...string) []byte {
	return []byte(mediaHead + strings.Join(items, "") + "</channel>\n</rss>\n")
}

func TestImportAttachments(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	uploads := t.TempDir()
	files, err := media.NewFSStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	writePicture(t, uploads, "2024/01/کوه.jpg", true, 10)
	writePicture(t, uploads, "2024/02/river.png", false, 200)
	const base = "https://khabar.example/wp-content/uploads/"
	data := mediaExport(
		// The same file in two languages (Polylang's media translation):
		// one picture with texts in both.
		mediaAttachment(100, base+"2024/01/%DA%A9%D9%88%D9%87.jpg", "fa", "کوه در برف", "عکس: مریم"),
		mediaAttachment(101, base+"2024/01/%DA%A9%D9%88%D9%87.jpg", "tj", "Кӯҳ дар барф", ""),
		mediaAttachment(102, base+"2024/02/river.png", "", "River", "By Karim"),
		mediaAttachment(103, base+"2024/03/gone.jpg", "", "", ""),
		mediaAttachment(104, "https://cdn.example/other/../x.jpg", "", "", ""),
		mediaPost(1, "fa", 100),
		mediaPost(2, "fa", 102),
		mediaPost(3, "fa", 103),
		// A body showing a size WordPress made of river.png, and a
		// picture from elsewhere, left alone.
		strings.Replace(mediaPost(4, "fa", 0), "<p>text 4</p>",
			`<p>a <img src="`+base+`2024/02/river-300x200.png" alt="r"> b <img src="https://other.example/x.png"></p>`, 1),
	)
	opts := Options{Uploads: uploads, Media: files}

	// A dry run imports nothing, yet counts.
	dry := opts
	dry.DryRun = true
	rep := run(t, s, data, dry)
	if rep.Media.Imported != 3 || rep.Media.Missing != 2 {
		t.Errorf("dry media = %+v", rep.Media)
	}
	if list, err := s.ListMedia(ctx, models.MediaQuery{}); err != nil || len(list.Items) != 0 {
		t.Fatalf("dry run stored media: %v %v", list, err)
	}

	rep = run(t, s, data, opts)
	if rep.Media != (MediaCounts{Imported: 3, Missing: 2}) {
		t.Errorf("media = %+v; warnings %+v", rep.Media, rep.Warnings)
	}
	var missing []int
	for _, n := range rep.MissingMedia {
		missing = append(missing, n.PostID)
	}
	if !slices.Equal(missing, []int{103, 104}) {
		t.Errorf("missing = %+v", rep.MissingMedia)
	}
	// The text first, then the pictures: posts 1, 2 and 4 are saved again
	// with theirs, and counted once.
	if rep.Articles.Created != 4 || rep.Articles.Relinked != 3 || rep.Articles.Updated != 0 || rep.Posts["fa"]["publish"] != 4 {
		t.Errorf("articles = %+v, posts %v", rep.Articles, rep.Posts)
	}
	mountain := articleOf(t, s, 1)
	if mountain.FeaturedMediaID == nil {
		t.Fatal("post 1 has no featured picture")
	}
	m, err := s.FindMedia(ctx, *mountain.FeaturedMediaID)
	if err != nil {
		t.Fatal(err)
	}
	if m.MimeType != "image/jpeg" || m.Width != 64 || m.Height != 48 || len(m.Variants) == 0 {
		t.Errorf("media = %+v", m)
	}
	if fa, tg := m.Text("fa"), m.Text("tg"); fa.Alt != "کوه در برف" || fa.Caption != "عکس: مریم" || tg.Alt != "Кӯҳ дар барф" {
		t.Errorf("texts fa %+v tg %+v", fa, tg)
	}
	river := articleOf(t, s, 2)
	if river.FeaturedMediaID == nil {
		t.Fatal("post 2 has no featured picture")
	}
	r, err := s.FindMedia(ctx, *river.FeaturedMediaID)
	if err != nil {
		t.Fatal(err)
	}
	// A picture without a language has its texts in the default locale.
	if r.ID == m.ID || r.Text("fa").Alt != "River" || r.Text("fa").Caption != "By Karim" {
		t.Errorf("river = %+v", r)
	}
	if a := articleOf(t, s, 3); a.FeaturedMediaID != nil {
		t.Errorf("post 3 featured = %d, its file is missing", *a.FeaturedMediaID)
	}
	body := translation(t, articleOf(t, s, 4), "fa").BodyHTML
	if !strings.Contains(body, fmt.Sprintf(`data-media-id="%d"`, r.ID)) || strings.Contains(body, "wp-content") || !strings.Contains(body, "https://other.example/x.png") {
		t.Errorf("body = %s", body)
	}

	// Again: nothing new, nothing duplicated.
	rep = run(t, s, data, opts)
	if rep.Media != (MediaCounts{Unchanged: 3, Missing: 2}) || rep.Articles.Unchanged != 4 {
		t.Errorf("re-run media = %+v articles %+v", rep.Media, rep.Articles)
	}
	list, err := s.ListMedia(ctx, models.MediaQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Items) != 2 {
		t.Errorf("%d media after the re-run, want 2", len(list.Items))
	}

	// The missing file appears: a third run imports it and sets post 3's
	// featured picture.
	writePicture(t, uploads, "2024/03/gone.jpg", true, 90)
	rep = run(t, s, data, opts)
	if rep.Media != (MediaCounts{Imported: 1, Unchanged: 3, Missing: 1}) || rep.Articles.Relinked != 1 || rep.Articles.Updated != 0 || rep.Articles.Unchanged != 4 {
		t.Errorf("third run media = %+v articles %+v", rep.Media, rep.Articles)
	}
	if a := articleOf(t, s, 3); a.FeaturedMediaID == nil {
		t.Error("post 3 has no featured picture after its file came")
	}
}
