package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/payvand/payvand/models"
)

// A pane saved by hand with an <iframe> of YouTube (no editor involved)
// stores the video's placeholder, and another site's iframe not at all;
// the editor then loads the placeholder, and saving it back changes
// nothing: no iframe reaches storage whatever is posted.
func TestPanePostedIframeIsStoredAsPlaceholder(t *testing.T) {
	env := newTestEnv(t)
	a := env.article(env.section("news").ID, models.TranslationInput{Locale: "fa", Status: models.StatusDraft, Title: "ویدیو", BodyHTML: "<p>متن</p>"})
	stored := env.translationOf(a.ID, "fa")
	c := env.signedIn("editor@example.com")
	path := fmt.Sprintf("/admin/articles/%d/translations/fa", a.ID)
	posted := `<p dir="auto">پیش` + "\u200c" + `نمایش</p><iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=x" allowfullscreen></iframe>` +
		`<iframe src="https://tracker.example/ad"></iframe><p dir="auto">پس</p>`
	form := url.Values{"fa.version": {fmt.Sprint(stored.Version)}, "fa.status": {"draft"}, "fa.title": {"ویدیو"}, "fa.body_html": {posted}}
	if resp := htmxPost(c, path, form, nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("save: %d %s", resp.StatusCode, resp.Body)
	}
	want := `<p dir="auto">پیش` + "\u200c" + `نمایش</p><figure data-embed="youtube" data-id="dQw4w9WgXcQ" data-url="https://www.youtube.com/watch?v=dQw4w9WgXcQ">` +
		`<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="nofollow noreferrer">https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></figure><p dir="auto">پس</p>`
	saved := env.translationOf(a.ID, "fa")
	if saved.BodyHTML != want {
		t.Fatalf("stored body\n got %s\nwant %s", saved.BodyHTML, want)
	}

	resp := c.get(fmt.Sprintf("/admin/articles/%d", a.ID))
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(resp.Body))
	if err != nil {
		t.Fatal(err)
	}
	loaded := doc.Find(`textarea[name="fa.body_html"]`).Text()
	form = url.Values{"fa.version": {fmt.Sprint(saved.Version)}, "fa.status": {"draft"}, "fa.title": {"ویدیو"}, "fa.body_html": {loaded}}
	if resp := htmxPost(c, path, form, nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("second save: %d", resp.StatusCode)
	}
	if again := env.translationOf(a.ID, "fa"); again.BodyHTML != want {
		t.Fatalf("load → save changed the body:\n%s\n%s", want, again.BodyHTML)
	}
}
