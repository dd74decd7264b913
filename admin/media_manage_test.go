package admin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/models"
)

// hasFileWith reports whether a stored file's path holds part.
func (env *mediaEnv) hasFileWith(part string) bool {
	return slices.ContainsFunc(env.storedFiles(), func(p string) bool { return strings.Contains(p, part) })
}

func TestMediaFocalPointIsSavedAndTheCropsCutAgain(t *testing.T) {
	env := newMediaEnv(t, 0)
	c := env.signedIn("editor@example.com")
	m := env.uploadedMedia(c.upload(upload{name: "a.jpg", data: jpegOf(t, 400, 300)}))
	if !env.hasFileWith("-square-f5000x5000.jpg") || !env.hasFileWith("-wide-f5000x5000.webp") {
		t.Fatalf("an upload stored no crops around the centre: %v", env.storedFiles())
	}
	resp := c.post(mediaEditURL(m.ID)+"/focal", url.Values{"focal_x": {"0.1"}, "focal_y": {"0,2"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("focal save: %d\n%s", resp.StatusCode, fieldError(t, resp.Body, "focal_point"))
	}
	got, _ := env.store.FindMedia(context.Background(), m.ID)
	if got.FocalPoint() != (media.FocalPoint{X: 1000, Y: 2000}) || len(got.Crops()) != 4 {
		t.Errorf("after saving: focal %+v, crops %+v", got.FocalPoint(), got.Crops())
	}
	if env.hasFileWith("-f5000x5000") || !env.hasFileWith("-square-f1000x2000.jpg") {
		t.Errorf("stored files after moving the point: %v", env.storedFiles())
	}
	page := parseHTML(t, c.get(mediaEditURL(m.ID)).Body)
	if x, _ := page.Find(`[data-testid="focal-x"]`).Attr("value"); x != "0.1" {
		t.Errorf("the form shows x = %q", x)
	}
	if n := page.Find(`[data-testid="media-crops"] img`).Length(); n != 2 {
		t.Errorf("the page shows %d crops, want the square and the wide one", n)
	}
	for _, bad := range []url.Values{{"focal_x": {"1.5"}, "focal_y": {"0.5"}}, {"focal_x": {"abc"}, "focal_y": {"0.5"}},
		{"focal_x": {"0.5"}}, {"focal_x": {"NaN"}, "focal_y": {"0.5"}}, {"focal_x": {"-0.1"}, "focal_y": {"0.5"}}} {
		resp := c.post(mediaEditURL(m.ID)+"/focal", bad)
		if resp.StatusCode != http.StatusUnprocessableEntity || fieldError(t, resp.Body, "focal_point") != tg.T("validation.focal_point") {
			t.Errorf("%v: %d %q, want 422 with the message beside the point", bad, resp.StatusCode, fieldError(t, resp.Body, "focal_point"))
		}
	}
	if again, _ := env.store.FindMedia(context.Background(), m.ID); again.FocalPoint() != got.FocalPoint() {
		t.Errorf("a refused point changed the picture to %+v", again.FocalPoint())
	}
}

func TestMediaDeleteAndReplaceAreForTheUploaderAndAdmins(t *testing.T) {
	env := newMediaEnv(t, 0)
	env.mustUser("other@example.com", models.RoleEditor)
	owner := env.signedIn("editor@example.com")
	other := env.signedIn("other@example.com")
	m := env.uploadedMedia(owner.upload(upload{name: "a.jpg", data: jpegOf(t, 60, 40)}))
	page := parseHTML(t, other.get(mediaEditURL(m.ID)).Body)
	if page.Find(`[data-testid="media-delete-link"], [data-testid="media-replace-form"]`).Length() != 0 {
		t.Error("another editor is offered delete and replace")
	}
	if resp := other.get(mediaEditURL(m.ID) + "/delete"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("another editor's delete page: %d, want 403", resp.StatusCode)
	}
	if resp := other.post(mediaEditURL(m.ID)+"/delete", nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("another editor's delete: %d, want 403", resp.StatusCode)
	}
	if resp := other.upload(upload{name: "b.png", data: pngOf(t, 50, 50), path: mediaEditURL(m.ID) + "/file"}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("another editor's replace: %d, want 403", resp.StatusCode)
	}
	if resp := other.post(mediaEditURL(m.ID)+"/focal", url.Values{"focal_x": {"0.3"}, "focal_y": {"0.3"}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("another editor's focal point: %d, want 303: every editor may set it", resp.StatusCode)
	}
	if got, _ := env.store.FindMedia(context.Background(), m.ID); got.Path != m.Path {
		t.Errorf("a refused replace changed the file")
	}
	if page := parseHTML(t, owner.get(mediaEditURL(m.ID)).Body); page.Find(`[data-testid="media-delete-link"]`).Length() != 1 {
		t.Error("the uploader is not offered delete")
	}
	admin := env.signedIn("admin@example.com")
	if resp := admin.get(mediaEditURL(m.ID) + "/delete"); resp.StatusCode != http.StatusOK {
		t.Errorf("admin's delete page: %d", resp.StatusCode)
	}
	if resp := admin.post(mediaEditURL(m.ID)+"/delete", nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("admin's delete: %d", resp.StatusCode)
	}
	if _, err := env.store.FindMedia(context.Background(), m.ID); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("after delete: %v", err)
	}
	if files := env.storedFiles(); len(files) != 0 {
		t.Errorf("files left after delete: %v", files)
	}
}

func TestMediaDeleteIsRefusedWithTheArticlesThatShowIt(t *testing.T) {
	env := newMediaEnv(t, 0)
	c := env.signedIn("editor@example.com")
	m := env.uploadedMedia(c.upload(upload{name: "a.jpg", data: jpegOf(t, 60, 40)}))
	sec, err := env.store.SaveSection(context.Background(), models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабар"}})
	if err != nil {
		t.Fatal(err)
	}
	art, err := env.store.SaveArticle(context.Background(), models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID, FeaturedMediaID: &m.ID},
		Translations: []models.TranslationInput{{Locale: "fa", Status: models.StatusDraft, Title: "سد راغون"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, resp := range []response{c.get(mediaEditURL(m.ID) + "/delete"), c.post(mediaEditURL(m.ID)+"/delete", nil)} {
		if resp.StatusCode != http.StatusConflict {
			t.Errorf("delete of a featured picture: %d, want 409", resp.StatusCode)
		}
		doc := parseHTML(t, resp.Body)
		link := doc.Find(fmt.Sprintf(`[data-testid="media-use-%d"] a`, art.ID))
		if href, _ := link.Attr("href"); href != fmt.Sprintf("/admin/articles/%d", art.ID) || link.Text() != "سد راغون" {
			t.Errorf("the refusal lists %q → %q", link.Text(), href)
		}
		if doc.Find(`[data-testid="media-delete-confirm"]`).Length() != 0 {
			t.Error("a refused delete still offers the button")
		}
	}
	if _, err := env.store.FindMedia(context.Background(), m.ID); err != nil {
		t.Errorf("a refused delete removed the picture: %v", err)
	}
}

func TestMediaReplaceKeepsTheIDAndRemovesTheOldFiles(t *testing.T) {
	env := newMediaEnv(t, 0)
	c := env.signedIn("editor@example.com")
	m := env.uploadedMedia(c.upload(upload{name: "old.jpg", data: jpegOf(t, 400, 300), fields: url.Values{"alt.tg": {"Расм"}}}))
	if resp := c.post(mediaEditURL(m.ID)+"/focal", url.Values{"focal_x": {"0.2"}, "focal_y": {"0.2"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("focal save: %d", resp.StatusCode)
	}
	target := mediaEditURL(m.ID) + "/file"
	resp := c.upload(upload{name: "notes.txt", data: []byte("not a picture at all"), path: target})
	if resp.StatusCode != http.StatusUnsupportedMediaType || fieldError(t, resp.Body, "replace_file") != tg.T("media.error.unsupported") {
		t.Errorf("replace with text: %d %q", resp.StatusCode, fieldError(t, resp.Body, "replace_file"))
	}
	resp = c.upload(upload{name: "new.png", data: pngOf(t, 300, 300), path: target})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != mediaEditURL(m.ID) {
		t.Fatalf("replace: %d → %s\n%s", resp.StatusCode, resp.Header.Get("Location"), fieldError(t, resp.Body, "replace_file"))
	}
	got, err := env.store.FindMedia(context.Background(), m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Hash == m.Hash || got.Width != 300 || got.OriginalName != "new.png" || got.Text("tg").Alt != "Расм" ||
		got.FocalPoint() != (media.FocalPoint{X: 2000, Y: 2000}) {
		t.Errorf("after replace: %+v", got)
	}
	if env.hasFileWith(m.Hash) {
		t.Errorf("old files left: %v", env.storedFiles())
	}
	if !env.hasFileWith(got.Hash+"-square-f2000x2000") || env.mediaCount() != 1 {
		t.Errorf("new files %v, %d pictures", env.storedFiles(), env.mediaCount())
	}
	other := env.uploadedMedia(c.upload(upload{name: "other.jpg", data: jpegOf(t, 70, 70)}))
	resp = c.upload(upload{name: "same.jpg", data: jpegOf(t, 70, 70), path: target})
	if resp.StatusCode != http.StatusConflict || fieldError(t, resp.Body, "replace_file") != tg.T("media.error.replace_duplicate", "id", int(other.ID)) {
		t.Errorf("replace with another picture's file: %d %q", resp.StatusCode, fieldError(t, resp.Body, "replace_file"))
	}
}
