package wpimport

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/models"
)

const uploadsBase = "https://khabar.example/wp-content/uploads/"

// withMeta adds WXR lines (postmeta, categories) to an item.
func withMeta(item string, extra ...string) string {
	return strings.Replace(item, "</item>", strings.Join(extra, "")+"</item>", 1)
}

func meta(key, value string) string {
	return fmt.Sprintf(`<wp:postmeta><wp:meta_key><![CDATA[%s]]></wp:meta_key><wp:meta_value><![CDATA[%s]]></wp:meta_value></wp:postmeta>`, key, value)
}

func term(domain, slug string) string {
	return fmt.Sprintf(`<category domain="%s" nicename="%s"><![CDATA[%s]]></category>`, domain, slug, slug)
}

// wpml marks an item with WPML's export metadata.
func wpml(lang, group, source string) string {
	return meta(metaWPMLLanguage, lang) + meta(metaWPMLGroup, group) + meta(metaWPMLSourceLng, source)
}

// mediaOfAttachment is the media id attachment id became.
func mediaOfAttachment(t *testing.T, s *models.Store, id int) uint {
	t.Helper()
	k, err := s.FindImported(context.Background(), "https://khabar.example", models.ImportAttachment, []int64{int64(id)})
	if err != nil {
		t.Fatal(err)
	}
	rec, ok := k[int64(id)]
	if !ok {
		t.Fatalf("attachment %d not imported", id)
	}
	return rec.TargetID
}

func mediaCount(t *testing.T, s *models.Store) int64 {
	t.Helper()
	list, err := s.ListMedia(context.Background(), models.MediaQuery{})
	if err != nil {
		t.Fatal(err)
	}
	return list.Total
}

func mediaOptions(t *testing.T) (Options, string) {
	t.Helper()
	files, err := media.NewFSStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	uploads := t.TempDir()
	return Options{Uploads: uploads, Media: files}, uploads
}

// Translated attachments, Polylang's and WPML's, become one media item
// with alt text and caption per locale, even where each translation has
// a file of its own; the translations' featured pictures are that item.
func TestTranslatedAttachmentsBecomeOnePicture(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	opts, uploads := mediaOptions(t)
	writePicture(t, uploads, "2024/01/bazaar.jpg", true, 10)
	writePicture(t, uploads, "2024/01/bazaar-tg.jpg", true, 60)
	writePicture(t, uploads, "2024/01/dam.png", false, 120)
	items := []string{
		// Polylang: language and post_translations on the attachments.
		withMeta(mediaAttachment(200, uploadsBase+"2024/01/bazaar.jpg", "fa", "بازار\u200cهای شهر", "عکس: نرگس"), term("post_translations", "pll_pic")),
		withMeta(mediaAttachment(201, uploadsBase+"2024/01/bazaar-tg.jpg", "tj", "Бозори шаҳр", "Акс: Наргис"), term("post_translations", "pll_pic")),
		withMeta(mediaPost(10, "fa", 200), term("post_translations", "pll_post")),
		withMeta(mediaPost(11, "tj", 201), term("post_translations", "pll_post")),
		// WPML: its export metadata, the translation listed first.
		withMeta(mediaAttachment(301, uploadsBase+"2024/01/dam.png", "", "Сарбанд", ""), wpml("tg", "wpml_pic", "fa")),
		withMeta(mediaAttachment(300, uploadsBase+"2024/01/dam.png", "", "سد", "سد در بهار"), wpml("fa", "wpml_pic", "")),
		withMeta(strings.Replace(mediaPost(20, "", 300), `<category domain="language" nicename=""><![CDATA[]]></category>`, "", 1), wpml("fa", "wpml_post", "")),
		withMeta(strings.Replace(mediaPost(21, "", 301), `<category domain="language" nicename=""><![CDATA[]]></category>`, "", 1), wpml("tg", "wpml_post", "fa")),
	}
	rep := run(t, s, mediaExport(items...), opts)
	if rep.Media != (MediaCounts{Imported: 4}) || rep.Articles.Created != 2 || rep.Joined != 2 {
		t.Fatalf("media %+v articles %+v joined %d; warnings %+v", rep.Media, rep.Articles, rep.Joined, rep.Warnings)
	}
	if n := mediaCount(t, s); n != 2 {
		t.Errorf("%d media items, want 2", n)
	}
	for _, c := range []struct {
		attachments  [2]int
		post         int
		faAlt, faCap string
		tgAlt, tgCap string
	}{
		{[2]int{200, 201}, 10, "بازار\u200cهای شهر", "عکس: نرگس", "Бозори шаҳр", "Акс: Наргис"},
		{[2]int{300, 301}, 20, "سد", "سد در بهار", "Сарбанд", ""},
	} {
		id := mediaOfAttachment(t, s, c.attachments[0])
		if other := mediaOfAttachment(t, s, c.attachments[1]); other != id {
			t.Errorf("attachments %v became media %d and %d", c.attachments, id, other)
		}
		m, err := s.FindMedia(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if fa, tg := m.Text("fa"), m.Text("tg"); fa.Alt != c.faAlt || fa.Caption != c.faCap || tg.Alt != c.tgAlt || tg.Caption != c.tgCap {
			t.Errorf("media %d texts fa %+v tg %+v", id, fa, tg)
		}
		if a := articleOf(t, s, c.post); a.FeaturedMediaID == nil || *a.FeaturedMediaID != id {
			t.Errorf("post %d featured = %v, want %d", c.post, a.FeaturedMediaID, id)
		}
	}

	// Again: nothing processed, nothing saved.
	rep = run(t, s, mediaExport(items...), opts)
	if rep.Media != (MediaCounts{Unchanged: 4}) || rep.Articles.Unchanged != 2 || rep.Articles.Relinked != 0 {
		t.Errorf("re-run media %+v articles %+v", rep.Media, rep.Articles)
	}

	// A Russian translation of the bazaar picture added in WordPress since
	// joins its media item; an editor's Tajik alt text is kept.
	bazaar := mediaOfAttachment(t, s, 200)
	if err := s.UpdateMediaTexts(ctx, bazaar, map[string]models.MediaText{"tg": {Alt: "Бозор (таҳрир)"}}); err != nil {
		t.Fatal(err)
	}
	items = append(items, withMeta(mediaAttachment(202, uploadsBase+"2024/01/bazaar.jpg", "ru", "Базар", ""), term("post_translations", "pll_pic")))
	rep = run(t, s, mediaExport(items...), opts)
	if rep.Media != (MediaCounts{Imported: 1, Unchanged: 4}) {
		t.Errorf("run with a new translation: media %+v; warnings %+v", rep.Media, rep.Warnings)
	}
	if got := mediaOfAttachment(t, s, 202); got != bazaar {
		t.Errorf("attachment 202 became media %d, want %d", got, bazaar)
	}
	m, err := s.FindMedia(ctx, bazaar)
	if err != nil {
		t.Fatal(err)
	}
	if m.Text("ru").Alt != "Базар" || m.Text("tg").Alt != "Бозор (таҳрир)" || mediaCount(t, s) != 2 {
		t.Errorf("texts ru %+v tg %+v, %d media", m.Text("ru"), m.Text("tg"), mediaCount(t, s))
	}
}

// numbered is an export of n posts, each with its own featured picture,
// and the files in uploads.
func numbered(t *testing.T, uploads string, n int) []byte {
	t.Helper()
	var items []string
	for i := 1; i <= n; i++ {
		rel := fmt.Sprintf("2024/05/p%d.jpg", i)
		writePicture(t, uploads, rel, true, uint8(i*20))
		items = append(items, mediaAttachment(500+i, uploadsBase+rel, "fa", fmt.Sprintf("عکس %d", i), ""), mediaPost(i, "fa", 500+i))
	}
	return mediaExport(items...)
}

// The text is saved before the pictures, and a run cut off in the
// picture phase goes on, when started again, with the pictures not yet
// done; every post ends with its picture.
func TestPicturePhaseResumes(t *testing.T) {
	s := newStore(t)
	opts, uploads := mediaOptions(t)
	data := numbered(t, uploads, 5)
	opts.PictureWorkers = 1
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var calls [][2]int
	opts.MediaProgress = func(done, total int) {
		if len(calls) == 0 {
			// The picture phase starts after every post was saved.
			for id := 1; id <= 5; id++ {
				if a := articleOf(t, s, id); a.FeaturedMediaID != nil {
					t.Errorf("post %d has a picture before the picture phase", id)
				}
			}
		}
		calls = append(calls, [2]int{done, total})
		if done == 2 {
			cancel()
		}
	}
	rep, err := Run(ctx, s, opener(data), opts)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cut-off run: %v", err)
	}
	if rep.Media.Imported != 2 || rep.Articles.Created != 5 {
		t.Errorf("cut-off run: media %+v articles %+v", rep.Media, rep.Articles)
	}
	if n := mediaCount(t, s); n != 2 {
		t.Errorf("%d media after the cut-off run, want 2", n)
	}

	calls = nil
	opts.MediaProgress = func(done, total int) { calls = append(calls, [2]int{done, total}) }
	rep = run(t, s, data, opts)
	if len(calls) == 0 || calls[0] != [2]int{2, 5} || calls[len(calls)-1] != [2]int{5, 5} {
		t.Errorf("progress of the second run = %v", calls)
	}
	// The two pictures done before are saved with the text; the three
	// that arrive now, after it.
	if rep.Media != (MediaCounts{Imported: 3, Unchanged: 2}) || rep.Articles.Updated != 2 || rep.Articles.Relinked != 3 {
		t.Errorf("second run: media %+v articles %+v", rep.Media, rep.Articles)
	}
	if rep.Posts["fa"]["publish"] != 2 {
		t.Errorf("posts counted %v: relinked posts are not counted again", rep.Posts)
	}
	for id := 1; id <= 5; id++ {
		if a := articleOf(t, s, id); a.FeaturedMediaID == nil || *a.FeaturedMediaID != mediaOfAttachment(t, s, 500+id) {
			t.Errorf("post %d featured = %v", id, a.FeaturedMediaID)
		}
	}
	if n := mediaCount(t, s); n != 5 {
		t.Errorf("%d media, want 5", n)
	}
	rep = run(t, s, data, opts)
	if rep.Media != (MediaCounts{Unchanged: 5}) || rep.Articles.Unchanged != 5 || rep.Articles.Relinked != 0 {
		t.Errorf("third run: media %+v articles %+v", rep.Media, rep.Articles)
	}
}

// A picture that arrives for a post edited in Payvand since the import
// goes through the update path: left alone without --overwrite (noted
// once), put in with it.
func TestRelinkRespectsEdits(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	opts, uploads := mediaOptions(t)
	body := `<p>a <img src="` + uploadsBase + `2024/06/late-1024x768.jpg"></p>`
	data := mediaExport(
		mediaAttachment(600, uploadsBase+"2024/06/late.jpg", "fa", "دیر", ""),
		strings.Replace(mediaPost(1, "fa", 600), "<p>text 1</p>", body, 1),
	)
	run(t, s, data, opts) // the file is missing
	a := articleOf(t, s, 1)
	fa := translation(t, a, "fa")
	if _, err := s.SaveArticle(ctx, models.ArticleInput{ID: a.ID, Translations: []models.TranslationInput{{
		Locale: "fa", Version: fa.Version, Status: fa.Status, PublishedAt: fa.PublishedAt, Title: "ویرایش", Slug: fa.Slug, BodyHTML: fa.BodyHTML,
	}}}); err != nil {
		t.Fatal(err)
	}
	writePicture(t, uploads, "2024/06/late.jpg", true, 40)
	rep := run(t, s, data, opts)
	if rep.Media.Imported != 1 || rep.Articles.Relinked != 0 || !slices.Equal(notedPosts(rep.NotOverwritten), []int{1}) {
		t.Fatalf("run without --overwrite: media %+v articles %+v not overwritten %+v", rep.Media, rep.Articles, rep.NotOverwritten)
	}
	if got := translation(t, articleOf(t, s, 1), "fa"); got.Title != "ویرایش" || strings.Contains(got.BodyHTML, "data-media-id") {
		t.Errorf("edited post changed: %q %s", got.Title, got.BodyHTML)
	}

	// With --overwrite the picture is put in (by the text pass now, as
	// the picture is known).
	opts.Overwrite = true
	rep = run(t, s, data, opts)
	id := mediaOfAttachment(t, s, 600)
	a = articleOf(t, s, 1)
	if rep.Articles.Updated != 1 || a.FeaturedMediaID == nil || *a.FeaturedMediaID != id || !strings.Contains(translation(t, a, "fa").BodyHTML, fmt.Sprintf(`data-media-id="%d"`, id)) {
		t.Errorf("overwrite run: articles %+v, featured %v, body %s", rep.Articles, a.FeaturedMediaID, translation(t, a, "fa").BodyHTML)
	}
}

func notedPosts(notes []PostNote) []int {
	var ids []int
	for _, n := range notes {
		ids = append(ids, n.PostID)
	}
	return ids
}

// The body's picture that arrives in the picture phase is pointed at the
// media library by relink, and a dry run writes nothing.
func TestRelinkBodyPictures(t *testing.T) {
	s := newStore(t)
	opts, uploads := mediaOptions(t)
	writePicture(t, uploads, "2024/07/sea.jpg", true, 70)
	data := mediaExport(
		mediaAttachment(700, uploadsBase+"2024/07/sea.jpg", "fa", "دریا", ""),
		strings.Replace(mediaPost(1, "fa", 0), "<p>text 1</p>", `<p>a <img src="`+uploadsBase+`2024/07/sea-300x200.jpg"></p>`, 1),
		mediaPost(2, "fa", 0),
	)
	dry := opts
	dry.DryRun = true
	if rep := run(t, s, data, dry); rep.Media.Imported != 1 || rep.Articles.Relinked != 0 || mediaCount(t, s) != 0 {
		t.Errorf("dry run: media %+v articles %+v, %d media", rep.Media, rep.Articles, mediaCount(t, s))
	}
	rep := run(t, s, data, opts)
	if rep.Articles.Created != 2 || rep.Articles.Relinked != 1 {
		t.Errorf("articles %+v", rep.Articles)
	}
	id := mediaOfAttachment(t, s, 700)
	if body := translation(t, articleOf(t, s, 1), "fa").BodyHTML; !strings.Contains(body, fmt.Sprintf(`data-media-id="%d"`, id)) || strings.Contains(body, "wp-content") {
		t.Errorf("body = %s", body)
	}
}
