package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/payvand/payvand/models"
)

type searchBody struct {
	Data []struct {
		ID      uint   `json:"id"`
		Title   string `json:"title"`
		Snippet string `json:"snippet"`
	} `json:"data"`
	NextCursor *string `json:"next_cursor"`
}

func (env *testEnv) search(loc, q string) searchBody {
	env.t.Helper()
	var body searchBody
	env.getJSON("/api/v1/"+loc+"/search?q="+url.QueryEscape(q), http.StatusOK, &body)
	return body
}

func foundIDs(b searchBody) []uint {
	var out []uint
	for _, h := range b.Data {
		out = append(out, h.ID)
	}
	return out
}

func TestSearchMatchingRulesThroughTheAPI(t *testing.T) {
	onEachEngine(t, func(t *testing.T, env *testEnv) {
		both := env.ids["both"]
		// "both" in fa: «همکاری‌های فرهنگی گسترش می‌یابد»; in tg: «Ҳамкории ҷавонон ва қадимӣ».
		tests := []struct{ loc, q string }{
			{"fa", "همکاری\u200cهای"},  // as written, with ZWNJ
			{"fa", "همکاریهای"},        // joined without ZWNJ
			{"fa", "همکاری های"},       // with a space
			{"fa", "می\u200cیابد"},     // a ZWNJ word in the middle of the title
			{"fa", "همك\u0627ر\u064a"}, // Arabic keyboard ك (U+0643) and ي (U+064A) for ک and ی
			{"tg", "ҶАВОНОН"},          // Tajik, any case
			{"tg", "ҷаво"},             // prefix of the last word typed
			{"tg", "қадимӣ ҷавонон"},   // several words
		}
		for _, tt := range tests {
			t.Run(tt.loc+" "+tt.q, func(t *testing.T) {
				got := env.with(t).search(tt.loc, tt.q)
				if len(got.Data) == 0 || got.Data[0].ID != both {
					t.Fatalf("search %q in %s found %v, want article %d first", tt.q, tt.loc, foundIDs(got), both)
				}
				if !strings.Contains(got.Data[0].Snippet, "<mark>") {
					t.Errorf("snippet %q marks nothing", got.Data[0].Snippet)
				}
			})
		}
	})
}

// TestSearchZWNJSpellingsFindEachOther writes one verb three ways, with
// ZWNJ, joined and with a space, and searches it each way: every query
// finds all three, and the snippets keep the text as written.
func TestSearchZWNJSpellingsFindEachOther(t *testing.T) {
	onEachEngine(t, func(t *testing.T, env *testEnv) {
		spellings := map[string]string{"zwnj": "می\u200cکنند", "joined": "میکنند", "spaced": "می کنند"}
		for key, verb := range spellings {
			in := pub("fa", "گزارش "+key, -1)
			in.BodyHTML = "<p>گفته می\u200cشود کارگران سد را بازسازی " + verb + ".</p>"
			env.article("verb-"+key, models.SharedInput{SectionID: env.ids["section:news"]}, in)
		}
		for _, q := range spellings {
			t.Run(q, func(t *testing.T) {
				got := env.with(t).search("fa", q)
				found := map[uint]string{}
				for _, hit := range got.Data {
					found[hit.ID] = hit.Snippet
				}
				for key, verb := range spellings {
					snippet, ok := found[env.ids["verb-"+key]]
					if !ok {
						t.Errorf("%q does not find the article written %q (found %v)", q, verb, foundIDs(got))
						continue
					}
					if !strings.Contains(snippet, "<mark>") || !strings.Contains(strings.ReplaceAll(strings.ReplaceAll(snippet, "<mark>", ""), "</mark>", ""), verb) {
						t.Errorf("%q: snippet %q should mark the verb and keep it as written (%q)", q, snippet, verb)
					}
					// «می‌شود» shares only the prefix «می»: it is not a match.
					if strings.Contains(snippet, "<mark>می\u200cشود</mark>") {
						t.Errorf("%q: snippet %q marks «می‌شود»", q, snippet)
					}
				}
			})
		}
	})
}

func TestSearchFindsOnlyPublicArticlesAndFollowsChanges(t *testing.T) {
	onEachEngine(t, func(t *testing.T, env *testEnv) {
		// tgOnly's fa translation «پیش‌نویس» is a draft; "future" is scheduled; "archived" and "trashed" are hidden.
		for loc, q := range map[string]string{"fa": "پیش\u200cنویس", "tg": "оянда"} {
			if got := env.search(loc, q); len(got.Data) != 0 {
				t.Errorf("search %q in %s found %v: not public", q, loc, foundIDs(got))
			}
		}
		for _, q := range []string{"Бойгонӣ", "Партофташуда"} {
			if got := env.search("tg", q); len(got.Data) != 0 {
				t.Errorf("search %q found %v: archived or trashed", q, foundIDs(got))
			}
		}
		// Trash shows at once, and so does a restore.
		id := env.ids["tieA"]
		if got := env.search("tg", "Мероси"); len(got.Data) != 1 || got.Data[0].ID != id {
			t.Fatalf("before trash: %v", foundIDs(got))
		}
		if err := env.store.TrashArticle(t.Context(), id); err != nil {
			t.Fatal(err)
		}
		if got := env.search("tg", "Мероси"); len(got.Data) != 0 {
			t.Fatalf("after trash: %v", foundIDs(got))
		}
		if err := env.store.RestoreArticle(t.Context(), id); err != nil {
			t.Fatal(err)
		}
		if got := env.search("tg", "Мероси"); len(got.Data) != 1 {
			t.Fatalf("after restore: %v", foundIDs(got))
		}
	})
}

func TestSearchRefusesBadQueriesWithout5xx(t *testing.T) {
	onEachEngine(t, func(t *testing.T, env *testEnv) {
		for _, q := range []string{"", "   ", "!!!", strings.Repeat("ک", 5000)} {
			var body apiError
			env.getJSON("/api/v1/fa/search?q="+url.QueryEscape(q), http.StatusBadRequest, &body)
			if body.Error.Code != "invalid_parameter" || body.Error.Details["parameter"] != "q" {
				t.Errorf("q=%.20q: %+v", q, body.Error)
			}
		}
		for _, q := range []string{`"`, `*`, "NEAR", "OR", "-", ":", `ҷавонон" OR "x`, "title:ҷавонон", "NEAR(a b)"} {
			rec := env.do(http.MethodGet, "/api/v1/tg/search?q="+url.QueryEscape(q), nil)
			if rec.Code >= 500 {
				t.Errorf("q=%q answered %d", q, rec.Code)
			}
		}
		if rec := env.do(http.MethodGet, fmt.Sprintf("/api/v1/tg/search?q=%s&section=nope", url.QueryEscape("ҷавонон")), nil); rec.Code != http.StatusNotFound {
			t.Errorf("unknown section: %d", rec.Code)
		}
	})
}

// TestSearchRussianKeyboardTajik: six more articles write «фарҳанг» (the
// fixture has one with «Фарҳанги»), one types it on a Russian keyboard
// (х for ҳ). GET /api/v1/tg/search?q=фарханг finds them all, the
// Russian-keyboard one first; «фарҳанг» finds the same articles with its
// own spelling first. Each snippet marks the word as the article spells it.
func TestSearchRussianKeyboardTajik(t *testing.T) {
	onEachEngine(t, func(t *testing.T, env *testEnv) {
		news := models.SharedInput{SectionID: env.ids["section:news"]}
		before := foundIDs(env.search("tg", "фарҳанг"))
		for i := range 6 {
			in := pub("tg", fmt.Sprintf("Хабари фарҳанг %d", i), -10-i)
			in.BodyHTML = "<p>Рӯзҳои фарҳанг дар Душанбе.</p>"
			env.article(fmt.Sprintf("culture-%d", i), news, in)
		}
		if got := foundIDs(env.search("tg", "фарханг")); len(got) != len(before)+6 {
			t.Errorf("«фарханг» finds %v, want the %d articles «фарҳанг» finds", got, len(before)+6)
		}
		// The newest of all, so the index's order alone would put it first
		// for «фарҳанг» too.
		in := pub("tg", "Хабари фарханг", -1)
		in.BodyHTML = "<p>Рузхои фарханг дар Душанбе.</p>"
		env.article("culture-ru", news, in)
		russian := env.ids["culture-ru"]

		tajik := foundIDs(env.search("tg", "фарҳанг"))
		if len(tajik) != len(before)+7 || tajik[len(tajik)-1] != russian {
			t.Fatalf("«фарҳанг» found %v; want %d articles, the Russian-keyboard one (%d) last", tajik, len(before)+7, russian)
		}
		for _, q := range []string{"фарханг", "ФАРХАНГ"} {
			got := env.with(t).search("tg", q)
			want := append([]uint{russian}, tajik[:len(tajik)-1]...)
			if ids := foundIDs(got); fmt.Sprint(ids) != fmt.Sprint(want) {
				t.Errorf("search %q found %v, want %v: its own spelling first, then the others in the order «фарҳанг» gives", q, ids, want)
			}
			for _, hit := range got.Data {
				mark := "<mark>фарҳанг"
				if hit.ID == russian {
					mark = "<mark>фарханг"
				}
				if !strings.Contains(strings.ToLower(hit.Snippet), mark) {
					t.Errorf("search %q: snippet of %d is %q, want it to mark %q", q, hit.ID, hit.Snippet, mark)
				}
			}
		}
	})
}
