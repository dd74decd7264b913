package admin

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/payvand/payvand/models"
)

// The editor loads a body whose picture is stored by media id with the
// picture's src, and saving that HTML back stores the same body: load →
// save is a round trip, and the revision page shows the picture too.
func TestEditorRoundTripsBodyPictures(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	hash := strings.Repeat("cd", 32)
	medium := "cd/" + hash + "-medium.jpg"
	pic, err := env.store.SaveMedia(ctx, models.MediaInput{
		Hash: hash, Path: "cd/" + hash + ".jpg", MimeType: "image/jpeg", Width: 2000, Height: 1000, ByteSize: 9000,
		Variants: []models.MediaVariant{{Name: "medium", Path: medium, Width: 960, Height: 480, ByteSize: 900, MimeType: "image/jpeg"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	editorHTML := `<p dir="auto">متن</p><img src="/media/` + medium + `" alt="کوه` + "\u200c" + `های پامیر">`
	a := env.article(env.section("news").ID, models.TranslationInput{Locale: "fa", Status: models.StatusDraft, Title: "خبر", BodyHTML: editorHTML})
	stored := env.translationOf(a.ID, "fa")
	if want := fmt.Sprintf(`<p dir="auto">متن</p><img data-media-id="%d" alt="کوه`+"\u200c"+`های پامیر">`, pic.ID); stored.BodyHTML != want {
		t.Fatalf("stored body %s, want %s", stored.BodyHTML, want)
	}

	c := env.signedIn("editor@example.com")
	resp := c.get(fmt.Sprintf("/admin/articles/%d", a.ID))
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(resp.Body))
	if err != nil {
		t.Fatal(err)
	}
	loaded := doc.Find(`textarea[name="fa.body_html"]`).Text()
	if loaded != editorHTML {
		t.Fatalf("the editor loads\n%s\nwant\n%s", loaded, editorHTML)
	}
	path := fmt.Sprintf("/admin/articles/%d/translations/fa", a.ID)
	form := url.Values{"fa.version": {fmt.Sprint(stored.Version)}, "fa.status": {"draft"}, "fa.title": {"خبر"}, "fa.body_html": {loaded}}
	if resp := htmxPost(c, path, form, nil); resp.StatusCode != http.StatusOK || !strings.Contains(resp.Body, `src="/media/`+medium) && !strings.Contains(resp.Body, `src=&#34;/media/`+medium) {
		t.Fatalf("save: %d, the saved pane shows the picture: %v", resp.StatusCode, strings.Contains(resp.Body, medium))
	}
	if again := env.translationOf(a.ID, "fa"); again.BodyHTML != stored.BodyHTML {
		t.Fatalf("load → save changed the body:\n%s\n%s", stored.BodyHTML, again.BodyHTML)
	}

	revs, err := env.store.ListRevisions(ctx, a.ID, "fa")
	if err != nil {
		t.Fatal(err)
	}
	resp = c.get(fmt.Sprintf("/admin/articles/%d/revisions/%d", a.ID, revs[len(revs)-1].ID))
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Body, `<img src="/media/`+medium+`"`) {
		t.Fatalf("revision page: %d, no picture", resp.StatusCode)
	}
}
