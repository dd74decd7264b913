package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/payvand/payvand/models"
)

// TestOutdatedPaneClearsWhenTheSourceIsBack: through the real router,
// restoring the Tajik revision the Persian pane was made from, or saving the
// old Tajik title again, leaves the Persian pane without its outdated notice.
func TestOutdatedPaneClearsWhenTheSourceIsBack(t *testing.T) {
	env := newTestEnv(t)
	sec := env.section("news")
	const tgTitle = "Сарлавҳаи аввал"
	a := env.article(sec.ID,
		models.TranslationInput{Locale: "tg", Status: models.StatusPublished, Title: tgTitle, BodyHTML: "<p>Матни аввал</p>"},
		models.TranslationInput{Locale: "fa", Status: models.StatusPublished, Title: "عنوان نخست", BodyHTML: "<p>متن نخست می\u200cشود</p>"})
	c := env.signedIn("editor@example.com")
	editor := fmt.Sprintf("/admin/articles/%d", a.ID)
	faMarked := func(body string) bool {
		return parseHTML(t, body).Find(`[data-testid="mark-current-fa"]`).Length() > 0
	}
	retitleTG := func(title string) response {
		t.Helper()
		page := c.get(editor)
		resp := htmxPost(c, editor+"/translations/tg", paneValues(env.translationOf(a.ID, "tg"), title, seenOn(page, "tg")), nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("tg save %q: %d\n%.600s", title, resp.StatusCode, resp.Body)
		}
		return resp
	}

	retitleTG("Сарлавҳаи дуюм")
	if !faMarked(c.get(editor).Body) {
		t.Fatal("after a real tg edit the fa pane is not marked outdated")
	}

	tests := []struct {
		name    string
		goBack  func() response
		inReply bool // the save's own answer refreshes fa's notice out of band
	}{
		{"restore the revision fa was made from", func() response {
			list := parseHTML(t, c.get(editor+"/revisions?locale=tg").Body)
			href := list.Find(`[data-testid="revision-link-1"]`).AttrOr("href", "")
			cur := env.translationOf(a.ID, "tg")
			resp := c.post(href+"/restore", url.Values{"current_version": {strconv.Itoa(cur.Version)}})
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("restore %q: %d\n%.600s", href, resp.StatusCode, resp.Body)
			}
			return resp
		}, false},
		{"save the old title again", func() response { return retitleTG(tgTitle) }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			retitleTG("Сарлавҳаи сеюм")
			if !env.translationOf(a.ID, "fa").Outdated {
				t.Fatal("the edit before going back did not mark fa")
			}
			reply := tt.goBack()
			if tt.inReply && (faMarked(reply.Body) || parseHTML(t, reply.Body).Find(`#outdated-fa`).Length() != 1) {
				t.Errorf("the save's answer does not clear fa's notice:\n%.600s", reply.Body)
			}
			if faMarked(c.get(editor).Body) || env.translationOf(a.ID, "fa").Outdated {
				t.Error("with tg back to the text fa was made from, the fa pane is still outdated")
			}
			if got := env.translationOf(a.ID, "tg").Title; got != tgTitle {
				t.Errorf("tg title = %q, want %q", got, tgTitle)
			}
		})
	}
}
