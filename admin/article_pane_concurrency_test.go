package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/models"
)

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
	editors := [2]*client{env.signedIn("admin@example.com"), env.signedIn("editor@example.com")}
	for _, c := range editors {
		c.get(fmt.Sprintf("/admin/articles/%d", a.ID))
	}
	notice := i18n.MustLoad().Localizer("tg").T("conflict.notice")
	const rounds = 20
	for round := range rounds {
		version := env.translationOf(a.ID, "fa").Version
		htmx, landed := round%2 == 0, http.StatusSeeOther
		if htmx {
			landed = http.StatusOK
		}
		titles := [2]string{fmt.Sprintf("آلیس می\u200cنویسد %d", round), fmt.Sprintf("باب می\u200cنویسد %d", round)}
		var answers [2]response
		var errs [2]error
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i, c := range editors {
			header := http.Header{"Origin": {env.server.URL}}
			if htmx {
				header.Set("Hx-Request", "true")
			}
			req := c.formRequest(path, url.Values{"csrf_token": {c.csrf}, "fa.version": {fmt.Sprint(version)},
				"fa.status": {"published"}, "fa.title": {titles[i]}, "fa.body_html": {"<p>متن</p>"}}, header)
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
				t.Fatalf("round %d, editor %d sees the database's own words:\n%.800s", round, i, body)
			}
		}
		won, lost := 0, 1
		if answers[0].StatusCode == http.StatusConflict {
			won, lost = 1, 0
		}
		if answers[won].StatusCode != landed || answers[lost].StatusCode != http.StatusConflict {
			t.Fatalf("round %d (htmx %v): answers %d and %d, want one %d and one %d\n%.800s",
				round, htmx, answers[0].StatusCode, answers[1].StatusCode, landed, http.StatusConflict, answers[lost].Body)
		}
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
