package admin

import (
	"context"
	"fmt"
	"net/url"
	"testing"

	"github.com/payvand/payvand/models"
)

// TestPaneSaveNoticeSaysWhatHappened saves a pane as a draft, scheduled
// and published, in each interface language: the notice names the outcome,
// and a scheduled one its time in the interface's date format.
func TestPaneSaveNoticeSaysWhatHappened(t *testing.T) {
	env := newTestEnv(t)
	sec := env.section("news")
	a := env.article(sec.ID, models.TranslationInput{Locale: "tg", Status: models.StatusDraft, Title: "Пешнавис"})
	c := env.signedIn("editor@example.com")
	c.get(fmt.Sprintf("/admin/articles/%d", a.ID))
	version := 1
	cases := []struct {
		name, lang, status, at, want string
	}{
		{"draft", "tg", "draft", "", "Ҳамчун пешнавис нигоҳ дошта шуд."},
		{"draft", "en", "draft", "", "Saved as draft."},
		{"scheduled", "en", "published", "2099-03-01T09:30", "Scheduled for 1 Mar 2099, 09:30."},
		{"scheduled", "fa", "published", "2099-03-01T09:30", "برای انتشار در ۱۱ اسفند ۱۴۷۷، ۰۹:۳۰ زمان\u200cبندی شد."},
		{"scheduled", "tg", "published", "2099-03-01T09:30", "Барои нашр дар 1 март 2099, 09:30 ба нақша гирифта шуд."},
		{"published", "fa", "published", "2020-01-01T08:00", "منتشر شد."},
		{"published", "tg", "published", "2020-01-01T08:00", "Нашр шуд."},
		{"published", "en", "published", "", "Published."},
	}
	for _, tc := range cases {
		path := fmt.Sprintf("/admin/articles/%d/translations/tg?lang=%s", a.ID, tc.lang)
		resp := htmxPost(c, path, url.Values{
			"tg.version": {fmt.Sprint(version)}, "tg.status": {tc.status}, "tg.published_at": {tc.at},
			"tg.title": {"Сарлавҳа"}, "tg.body_html": {"<p>Матн</p>"},
		}, nil)
		notice := between(resp.Body, `data-testid="notice-tg">`, `<`)
		if resp.StatusCode != 200 || notice != tc.want {
			t.Fatalf("%s in %s: %d, notice %q, want %q\n%.600s", tc.name, tc.lang, resp.StatusCode, notice, tc.want, resp.Body)
		}
		version++
		if v := between(resp.Body, `name="tg.version" value="`, `"`); v != fmt.Sprint(version) {
			t.Fatalf("%s in %s: version after save %q, want %d", tc.name, tc.lang, v, version)
		}
	}
	saved, err := env.store.FindArticle(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if tr, _ := saved.Translation("tg"); tr.Status != models.StatusPublished || tr.Title != "Сарлавҳа" {
		t.Fatalf("the last save did not reach the store: %s %q", tr.Status, tr.Title)
	}
}
