package main

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/models"
)

// The export writes every recorded address that leads to public content,
// as a CSV or as nginx maps (decoded paths with and without the trailing
// slash; addresses with a query apart), refuses without a site URL or a
// format, and writes a file whole.
func TestRedirectsExport(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	store, err := models.Open(ctx, models.Options{Path: filepath.Join(dir, "payvand.db"), Locales: locale.MustParse(locale.DefaultCodes)})
	if err != nil {
		t.Fatal(err)
	}
	sec, err := store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо"}})
	if err != nil {
		t.Fatal(err)
	}
	public, err := store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID}, Translations: []models.TranslationInput{
		{Locale: "fa", Status: models.StatusPublished, Title: "نمایشگاه کتاب", BodyHTML: "<p>متن</p>"}}})
	if err != nil {
		t.Fatal(err)
	}
	draft, err := store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID}, Translations: []models.TranslationInput{
		{Locale: "fa", Status: models.StatusDraft, Title: "پیش‌نویس"}}})
	if err != nil {
		t.Fatal(err)
	}
	err = store.SaveRedirects(ctx, "https://old.example.org", []models.RedirectInput{
		{Path: "/2024/07/%d9%86%d9%85%d8%a7%db%8c%d8%b4%da%af%d8%a7%d9%87/", Locale: "fa", ArticleID: public.ID},
		{Path: "/?p=12", Locale: "fa", ArticleID: public.ID},
		{Path: "/?p=13", Locale: "fa", ArticleID: draft.ID},
		{Path: "/category/news/", SectionID: sec.ID},
	})
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	fa, _ := public.Translation("fa")

	site := []string{"--data", dir, "--site-url", "https://news.example.tj"}
	res := runPayvand(t, append([]string{"redirects", "export", "--format", "csv"}, site...)...)
	if res.code != 0 {
		t.Fatalf("csv: exit %d, %s", res.code, res.stderr)
	}
	articleURL := "https://news.example.tj/fa/news/" + escapePath(fa.Slug)
	wantCSV := "path,type,locale,id,url\n" +
		"/2024/07/نمایشگاه,article,fa,1," + articleURL + "\n" +
		"/?p=12,article,fa,1," + articleURL + "\n" +
		"/category/news,section,tg,1,https://news.example.tj/tg/section/news\n"
	if res.stdout != wantCSV {
		t.Errorf("csv:\n%s\nwant:\n%s", res.stdout, wantCSV)
	}

	out := filepath.Join(dir, "redirects.conf")
	res = runPayvand(t, append([]string{"redirects", "export", "--format", "nginx", "--output", out}, site...)...)
	if res.code != 0 || !strings.Contains(res.stderr, "3 old addresses") {
		t.Fatalf("nginx: exit %d, %s", res.code, res.stderr)
	}
	conf, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`    "/2024/07/نمایشگاه" "` + articleURL + `";`,
		`    "/2024/07/نمایشگاه/" "` + articleURL + `";`,
		"map $request_uri $payvand_redirect_query {\n    default \"\";\n    \"/?p=12\" \"" + articleURL + "\";\n}",
	} {
		if !strings.Contains(string(conf), want) {
			t.Errorf("nginx map lacks %q:\n%s", want, conf)
		}
	}
	if strings.Contains(string(conf), "p=13") {
		t.Error("the draft's address is in the map")
	}

	for _, args := range [][]string{
		{"redirects", "export", "--data", dir, "--format", "csv"},              // no site URL
		append([]string{"redirects", "export"}, site...),                       // no format
		append([]string{"redirects", "export", "--format", "apache"}, site...), // unknown format
		append([]string{"redirects", "import", "--format", "csv"}, site...),    // unknown action
	} {
		if res := runPayvand(t, args...); res.code != 2 {
			t.Errorf("%q: exit %d, want 2", args, res.code)
		}
	}
}

func escapePath(s string) string {
	return (&url.URL{Path: s}).EscapedPath()
}

// nginx compares map keys literally: a "$" in an old path is written as it
// is, quotes and backslashes escaped.
func TestNginxQuote(t *testing.T) {
	for in, want := range map[string]string{`/price$/`: `"/price$/"`, `/a"b\c`: `"/a\"b\\c"`, "/خبر": `"/خبر"`} {
		if got := nginxQuote(in); got != want {
			t.Errorf("nginxQuote(%q) = %s, want %s", in, got, want)
		}
	}
}
