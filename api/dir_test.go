package api

import (
	"strconv"
	"testing"
)

// Every answer that carries text in a locale carries that locale's dir,
// so a frontend never has to know which languages are right-to-left:
// section names and links to other translations included.
func TestEveryLocalisedTextCarriesItsDir(t *testing.T) {
	env := newTestEnv(t)
	want := map[string]string{"tg": "ltr", "fa": "rtl"}
	for loc, dir := range want {
		var sections struct {
			Data []struct {
				Slug string `json:"slug"`
				Dir  string `json:"dir"`
			} `json:"data"`
		}
		env.getJSON("/api/v1/"+loc+"/sections", 200, &sections)
		if len(sections.Data) == 0 {
			t.Fatalf("%s: no sections", loc)
		}
		for _, s := range sections.Data {
			if s.Dir != dir {
				t.Errorf("%s section %s: dir %q, want %q", loc, s.Slug, s.Dir, dir)
			}
		}
	}
	var article struct {
		Data struct {
			Dir          string `json:"dir"`
			Translations []struct {
				Locale string `json:"locale"`
				Dir    string `json:"dir"`
			} `json:"translations"`
		} `json:"data"`
	}
	env.getJSON("/api/v1/tg/articles/"+strconv.FormatUint(uint64(env.ids["both"]), 10), 200, &article)
	if article.Data.Dir != "ltr" || len(article.Data.Translations) != 1 {
		t.Fatalf("article: dir %q, translations %+v", article.Data.Dir, article.Data.Translations)
	}
	for _, tr := range article.Data.Translations {
		if tr.Dir != want[tr.Locale] {
			t.Errorf("translation %s: dir %q, want %q", tr.Locale, tr.Dir, want[tr.Locale])
		}
	}
}
