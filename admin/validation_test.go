package admin

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/models"
)

// TestWritePathMessagesAreTranslated checks that every message id the write
// path may refuse with is in the catalogues (TestCataloguesAreComplete then
// keeps every language in step with English).
func TestWritePathMessagesAreTranslated(t *testing.T) {
	en := i18n.MustLoad().Localizer("en")
	for _, id := range models.ValidationMessageIDs() {
		if en.T(id) == id {
			t.Errorf("%s is not in the catalogues", id)
		}
	}
}

// TestThreeMillionCharacterTitleIsRefusedBesideTheField is the save the
// issue found: such a title was stored and made one list answer 29 MB.
// Now the new-article form comes back with 422, the write path's limit in
// the user's language beside the title, and the typed title still there,
// in Latin letters and in Persian with ZWNJs alike (21 MB url-encoded).
func TestThreeMillionCharacterTitleIsRefusedBesideTheField(t *testing.T) {
	env := newTestEnv(t)
	sec := env.section("news")
	c := env.signedIn("editor@example.com")
	for _, title := range []string{strings.Repeat("x", 3_000_000), strings.Repeat("می\u200c", 1_000_000)} {
		resp := c.post("/admin/articles", url.Values{"section_id": {fmt.Sprint(sec.ID)},
			"tg.title": {title}, "tg.status": {"draft"}, "tg.summary": {"Хулоса"}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status %d, want 422", resp.StatusCode)
		}
		doc := parseHTML(t, resp.Body)
		if got, want := doc.Find(`[data-testid="error-tg-title"]`).Text(), tg.T("validation.too_long", "max", models.TitleMaxRunes); got != want {
			t.Fatalf("message beside the title %q, want %q", got, want)
		}
		if v := doc.Find(`[data-testid="tg-title"]`).AttrOr("value", ""); v != title {
			t.Fatalf("the title field kept %d characters, want the %d typed", utf8.RuneCountInString(v), utf8.RuneCountInString(title))
		}
		if v := doc.Find(`[data-testid="tg-summary"]`).Text(); v != "Хулоса" {
			t.Errorf("the summary field kept %q", v)
		}
	}
	if page, _ := env.store.ListAdminArticles(context.Background(), models.AdminArticleQuery{}); len(page.Rows) != 0 {
		t.Fatalf("%d articles saved by a refused form", len(page.Rows))
	}
}

// TestFormOverItsBoundIsRefusedAsAWhole: net/http used to stop reading at
// 10 MB and hand over an empty form; now a body over the bound is refused
// with 413 and a page saying why.
func TestFormOverItsBoundIsRefusedAsAWhole(t *testing.T) {
	env := newTestEnv(t)
	c := env.client()
	resp := c.post("/admin/login", url.Values{"email": {"a@example.com"}, "password": {strings.Repeat("x", visitorFormBytes)}})
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(resp.Body, tg.T("error.form_too_large.body")) {
		t.Fatalf("status %d, want 413 with the page\n%.300s", resp.StatusCode, resp.Body)
	}
}

// TestPaneRefusalsShowBesideTheirFields saves a pane over htmx with fields
// the write path refuses: each message sits in its field's error slot, in
// the user's language, and the pane keeps what was typed. Persian text with
// ZWNJs is counted in characters: the ZWNJ counts, bytes do not.
func TestPaneRefusalsShowBesideTheirFields(t *testing.T) {
	env := newTestEnv(t)
	sec := env.section("news")
	a := env.article(sec.ID, models.TranslationInput{Locale: "fa", Status: models.StatusDraft, Title: "نخست", BodyHTML: "<p>متن</p>"})
	tr, _ := a.Translation("fa")
	path := fmt.Sprintf("/admin/articles/%d/translations/fa", a.ID)
	c := env.signedIn("editor@example.com")
	c.get(fmt.Sprintf("/admin/articles/%d", a.ID))
	summary := strings.Repeat("می\u200c", models.SummaryMaxRunes/3) + "رو" // 1001 characters
	byline := strings.Repeat("ب\u200c", models.BylineMaxRunes/2)           // exactly the limit
	body := "<p>مقدمه</p><select><style><p>متن اصلی مقاله</p>"
	resp := htmxPost(c, path, url.Values{"fa.version": {fmt.Sprint(tr.Version)}, "fa.status": {"draft"}, "fa.title": {"نخست"},
		"fa.summary": {summary}, "fa.byline": {byline}, "fa.body_html": {body}}, nil)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422\n%.500s", resp.StatusCode, resp.Body)
	}
	if n := utf8.RuneCountInString(summary); n != models.SummaryMaxRunes+1 {
		t.Fatalf("test summary has %d characters", n)
	}
	doc := parseHTML(t, resp.Body)
	wants := map[string]string{
		"summary":   tg.T("validation.too_long", "max", models.SummaryMaxRunes),
		"body_html": tg.T("validation.body_text_lost", "text", "متن اصلی مقاله"),
		"byline":    "",
	}
	for field, want := range wants {
		if got := doc.Find(`[data-testid="error-fa-` + field + `"]`).Text(); got != want {
			t.Errorf("message beside %s %q, want %q", field, got, want)
		}
	}
	if got := doc.Find(`[data-testid="fa-summary"]`).Text(); got != summary {
		t.Errorf("summary kept as %d characters", utf8.RuneCountInString(got))
	}
	if got := doc.Find(`[data-testid="fa-body"]`).Text(); got != body {
		t.Errorf("body kept as %q, want %q", got, body)
	}
	now, _ := env.store.FindArticle(context.Background(), a.ID)
	if got, _ := now.Translation("fa"); got.Version != tr.Version || got.BodyHTML != "<p>متن</p>" {
		t.Fatalf("a refused save changed the translation: %+v", got)
	}
}

// TestSectionNameTooLongIsRefusedBesideTheField shows the write path's limit
// beside the section form's name.
func TestSectionNameTooLongIsRefusedBesideTheField(t *testing.T) {
	env := newTestEnv(t)
	c := env.sectionsAdmin()
	name := strings.Repeat("ک\u200c", models.SectionNameMaxRunes/2) + "ی"
	resp := c.post("/admin/sections", url.Values{"slug": {"long"}, "names.tg": {"Дароз"}, "names.fa": {name}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", resp.StatusCode)
	}
	doc := sectionsDoc(t, resp.Body)
	if got, want := doc.Find(`[data-testid="error-names.fa"]`).Text(), tg.T("validation.too_long", "max", models.SectionNameMaxRunes); got != want {
		t.Fatalf("message beside the name %q, want %q", got, want)
	}
	if v := doc.Find(`[name="names.fa"]`).AttrOr("value", ""); v != name {
		t.Errorf("name kept as %q", v)
	}
}
