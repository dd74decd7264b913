package api

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"github.com/payvand/payvand/internal/publicjson"
	"github.com/payvand/payvand/models"
)

// outdatedIn fetches article key in loc and returns its own outdated flag
// and that of each translation it links to.
func (env *testEnv) outdatedIn(key, loc string) (own bool, refs map[string]bool) {
	env.t.Helper()
	var body struct{ Data publicjson.Article }
	env.getJSON("/api/v1/"+loc+"/articles/"+strconv.FormatUint(uint64(env.ids[key]), 10), http.StatusOK, &body)
	refs = map[string]bool{}
	for _, r := range body.Data.Translations {
		refs[r.Locale] = r.Outdated
	}
	return body.Data.Outdated, refs
}

func TestTranslationsCarryOutdated(t *testing.T) {
	env := newTestEnv(t)
	check := func(step string, wantFA bool) {
		t.Helper()
		tgOwn, tgRefs := env.outdatedIn("both", "tg")
		faOwn, faRefs := env.outdatedIn("both", "fa")
		if tgOwn || faRefs["tg"] {
			t.Errorf("%s: tg reported outdated (own %v, from fa %v)", step, tgOwn, faRefs["tg"])
		}
		if faOwn != wantFA || tgRefs["fa"] != wantFA {
			t.Errorf("%s: fa outdated = %v on its page, %v in tg's translations[]; want %v", step, faOwn, tgRefs["fa"], wantFA)
		}
		// Lists carry the same flag in their summaries' translations[].
		var page struct{ Data []publicjson.Summary }
		env.getJSON("/api/v1/tg/articles?section=news", http.StatusOK, &page)
		for _, s := range page.Data {
			if s.ID != env.ids["both"] {
				continue
			}
			if len(s.Translations) != 1 || s.Translations[0].Outdated != wantFA {
				t.Errorf("%s: list translations[] = %+v, want fa outdated %v", step, s.Translations, wantFA)
			}
		}
	}
	check("fresh", false)

	env.saveTranslation("both", "tg", func(in *models.TranslationInput) {
		in.Title = "Ҳамкории ҷавонон васеъ мешавад"
		in.Minor = true
	})
	check("after a minor tg edit", false)

	env.saveTranslation("both", "tg", func(in *models.TranslationInput) {
		in.Title = "Ҳамкории ҷавонон боз васеъ мешавад"
	})
	check("after a tg edit", true)

	a, _ := env.translation("both", "fa")
	env.saveTranslation("both", "fa", func(in *models.TranslationInput) {
		in.Title, in.SeenRevisionID = "همکاری\u200cهای جوانان گسترش می\u200cیابد", a.SeenMark()
	})
	check("after fa was saved", false)

	env.saveTranslation("both", "tg", func(in *models.TranslationInput) { in.Summary = "Хулосаи нав" })
	check("after another tg edit", true)
	a, _ = env.translation("both", "fa")
	if _, err := env.store.MarkTranslationCurrent(context.Background(), env.ids["both"], "fa", a.SeenMark()); err != nil {
		t.Fatal(err)
	}
	check("after fa was marked current", false)
}
