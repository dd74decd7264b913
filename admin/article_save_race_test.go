package admin

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/models"
)

// saveRounds is how many times the simultaneous-save tests race two saves.
const saveRounds = 20

// saveAtOnce posts each editor's form to path at the same moment, through
// htmx in even rounds and as a plain form in odd ones, and returns both
// answers in editor order with the index of the one refused as a conflict
// (409). It fails the test unless exactly one save landed (200 through
// htmx, 303 otherwise) and the other was that conflict, and when an answer
// shows the database's own words.
func saveAtOnce(t *testing.T, round int, editors [2]*client, path string, forms [2]url.Values) (answers [2]response, lost int) {
	t.Helper()
	htmx := round%2 == 0
	var errs [2]error
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, c := range editors {
		header := http.Header{"Origin": {c.env.server.URL}}
		if htmx {
			header.Set("Hx-Request", "true")
		}
		forms[i].Set("csrf_token", c.csrf)
		req := c.formRequest(path, forms[i], header)
		wg.Go(func() {
			<-start
			answers[i], errs[i] = c.try(req)
		})
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("round %d, editor %d: %v", round, i, err)
		}
		if body := answers[i].Body; strings.Contains(body, "SQLSTATE") || strings.Contains(body, "serializ") || strings.Contains(body, "deadlock") {
			t.Fatalf("round %d: editor %d sees the database's own words:\n%.800s", round, i, body)
		}
	}
	landed := http.StatusSeeOther
	if htmx {
		landed = http.StatusOK
	}
	won, lost := 0, 1
	if answers[0].StatusCode == http.StatusConflict {
		won, lost = 1, 0
	}
	if answers[won].StatusCode != landed || answers[lost].StatusCode != http.StatusConflict {
		t.Fatalf("round %d (htmx %v): answers %d and %d, want one %d and one %d\n%.800s",
			round, htmx, answers[0].StatusCode, answers[1].StatusCode, landed, http.StatusConflict, answers[lost].Body)
	}
	return answers, lost
}

// raceEditors signs in the admin and the editor and opens the article's
// editor in both, as two people about to save it.
func (env *testEnv) raceEditors(id uint) [2]*client {
	env.t.Helper()
	editors := [2]*client{env.signedIn("admin@example.com"), env.signedIn("editor@example.com")}
	for _, c := range editors {
		c.get(fmt.Sprintf("/admin/articles/%d", id))
	}
	return editors
}

// TestSimultaneousPaneSavesLetOneWin: two editors who loaded the same
// version of the Persian pane press Save at the same moment, round after
// round, through htmx and through the plain form. Each round exactly one
// save lands and the other gets the conflict view, with the winner's words
// beside the loser's typed ones: never a server error, never a database's
// message. SQLite's one writer queues the two saves; on PostgreSQL
// (PAYVAND_TEST_POSTGRES) their transactions run side by side, and the
// write path must turn what PostgreSQL aborts into the version conflict.
func TestSimultaneousPaneSavesLetOneWin(t *testing.T) {
	env := newTestEnv(t)
	sec := env.section("news")
	a := env.article(sec.ID, models.TranslationInput{Locale: "fa", Status: models.StatusPublished, Title: "نسخهٔ نخست", BodyHTML: "<p>متن</p>"})
	path := fmt.Sprintf("/admin/articles/%d/translations/fa", a.ID)
	editors := env.raceEditors(a.ID)
	notice := i18n.MustLoad().Localizer("tg").T("conflict.notice")
	for round := range saveRounds {
		version := env.translationOf(a.ID, "fa").Version
		titles := [2]string{fmt.Sprintf("آلیس می\u200cنویسد %d", round), fmt.Sprintf("باب می\u200cنویسد %d", round)}
		var forms [2]url.Values
		for i := range forms {
			forms[i] = url.Values{"fa.version": {fmt.Sprint(version)}, "fa.status": {"published"}, "fa.title": {titles[i]}, "fa.body_html": {"<p>متن</p>"}}
		}
		answers, lost := saveAtOnce(t, round, editors, path, forms)
		won := 1 - lost
		view := answers[lost].Body
		if !strings.Contains(view, `data-testid="conflict-fa"`) || !strings.Contains(view, notice) ||
			!strings.Contains(view, titles[won]) || !strings.Contains(view, `value="`+titles[lost]+`"`) {
			t.Fatalf("round %d: the refused save's answer is not the conflict view with both titles:\n%.1500s", round, view)
		}
		if got := env.translationOf(a.ID, "fa"); got.Title != titles[won] || got.Version != version+1 {
			t.Fatalf("round %d: stored %q at version %d, want the winner's %q at %d", round, got.Title, got.Version, titles[won], version+1)
		}
	}
}

// TestSimultaneousSharedSavesLetOneWin is the same race on the shared
// fields: each editor links a different related article and tag at once.
// One list lands whole, the other editor is told of the conflict with
// their choice kept in the form, and nothing of the two is mixed.
func TestSimultaneousSharedSavesLetOneWin(t *testing.T) {
	env := newTestEnv(t)
	sec := env.section("news")
	a, b, c := env.mustArticle(sec.ID, models.StatusPublished), env.mustArticle(sec.ID, models.StatusPublished), env.mustArticle(sec.ID, models.StatusPublished)
	tags := [2]*models.Tag{env.mustTag("kitob", "Китоб", "کتاب"), env.mustTag("musiqi", "Мусиқӣ", "موسیقی")}
	related := [2]uint{b.ID, c.ID}
	path := fmt.Sprintf("/admin/articles/%d/shared", a.ID)
	editors := env.raceEditors(a.ID)
	ctx := context.Background()
	for round := range saveRounds {
		current, err := env.store.FindArticle(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		var forms [2]url.Values
		for i := range forms {
			forms[i] = url.Values{"shared_version": {fmt.Sprint(current.Version)}, "section_id": {fmt.Sprint(sec.ID)}, "op": {"save"},
				"related": {fmt.Sprint(related[i])}, "tags": {fmt.Sprint(tags[i].ID)}}
		}
		answers, lost := saveAtOnce(t, round, editors, path, forms)
		won := 1 - lost
		if view := answers[lost].Body; !strings.Contains(view, fmt.Sprintf(`name="related" value="%d"`, related[lost])) {
			t.Fatalf("round %d: the refused save's answer lost the editor's related choice:\n%.1500s", round, view)
		}
		saved, err := env.store.FindArticle(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		ids, err := env.store.RelatedIDs(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		linked, err := env.store.ArticleTags(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		tagIDs := make([]uint, 0, len(linked))
		for _, tag := range linked {
			tagIDs = append(tagIDs, tag.ID)
		}
		if saved.Version != current.Version+1 || !slices.Equal(ids, []uint{related[won]}) || !slices.Equal(tagIDs, []uint{tags[won].ID}) {
			t.Fatalf("round %d: version %d, related %v, tags %v; want the winner's at %d: [%d], [%d]",
				round, saved.Version, ids, tagIDs, current.Version+1, related[won], tags[won].ID)
		}
	}
}
