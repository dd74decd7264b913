package admin

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/payvand/payvand/models"
)

// TestRelatedPickerFindsRussianKeyboardSpellingsExactFirst: typed on a
// Russian keyboard, «фарханг» finds the articles written «фарҳанг» too, and
// the one spelled as typed is offered first although the others were
// edited after it; typed «фарҳанг», the order turns round.
func TestRelatedPickerFindsRussianKeyboardSpellingsExactFirst(t *testing.T) {
	env := newTestEnv(t)
	sec := env.section("news")
	pub := func(title string) *models.Article {
		return env.article(sec.ID, models.TranslationInput{Locale: "tg", Status: models.StatusPublished, Title: title, BodyHTML: "<p>x</p>"})
	}
	a := pub("Асосӣ")
	russian := pub("Рӯзи фарханг")
	tajik1, tajik2 := pub("Ҷашни фарҳанг"), pub("Хонаи фарҳанг")
	cl := env.signedIn("editor@example.com")
	page := cl.get(fmt.Sprintf("/admin/articles/%d", a.ID))
	version := between(page.Body, `name="shared_version" value="`, `"`)
	offered := func(q string) []uint {
		t.Helper()
		form := url.Values{"shared_version": {version}, "section_id": {fmt.Sprint(sec.ID)}, "op": {"search"}, "related_q": {q}}
		resp := htmxPost(cl, fmt.Sprintf("/admin/articles/%d/shared", a.ID), form, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("search %q: %d", q, resp.StatusCode)
		}
		var ids []uint
		for _, part := range strings.Split(resp.Body, `data-testid="add-related-`)[1:] {
			var id uint
			fmt.Sscanf(part, "%d", &id)
			ids = append(ids, id)
		}
		return ids
	}
	if got, want := offered("фарханг"), []uint{russian.ID, tajik2.ID, tajik1.ID}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("«фарханг» offers %v, want %v: the spelling as typed first, then the most recently edited", got, want)
	}
	if got, want := offered("фарҳанг"), []uint{tajik2.ID, tajik1.ID, russian.ID}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("«фарҳанг» offers %v, want %v", got, want)
	}
}

// TestLinkPickerFindsRussianKeyboardSpellingsExactFirst: the link dialog's
// picker searches as the related picker does, spelling as typed first.
func TestLinkPickerFindsRussianKeyboardSpellingsExactFirst(t *testing.T) {
	env := newTestEnv(t)
	sec := env.section("news")
	pub := func(title string) *models.Article {
		return env.article(sec.ID, models.TranslationInput{Locale: "tg", Status: models.StatusPublished, Title: title, BodyHTML: "<p>x</p>"})
	}
	russian := pub("Рӯзи фарханг")
	tajik1, tajik2 := pub("Ҷашни фарҳанг"), pub("Хонаи фарҳанг")
	c := env.signedIn("editor@example.com")
	for q, want := range map[string][]uint{
		"фарханг": {russian.ID, tajik2.ID, tajik1.ID},
		"фарҳанг": {tajik2.ID, tajik1.ID, russian.ID},
	} {
		resp := c.get("/admin/articles/link-search?locale=tg&q=" + url.QueryEscape(q))
		var body struct {
			Items []linkCandidate `json:"items"`
		}
		if err := json.Unmarshal([]byte(resp.Body), &body); err != nil {
			t.Fatalf("link search %q: %d %v", q, resp.StatusCode, err)
		}
		var got []uint
		for _, it := range body.Items {
			got = append(got, it.ID)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("link search %q offers %v, want %v", q, got, want)
		}
	}
}
