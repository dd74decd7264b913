package wpimport

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/testdb"
	"github.com/payvand/payvand/internal/wxr"
	"github.com/payvand/payvand/models"
)

func TestMain(m *testing.M) {
	testdb.Main(m, func(url string) error {
		s, err := models.Open(context.Background(), models.Options{Database: url, Locales: locale.MustParse("fa,tg,ru")})
		if err != nil {
			return err
		}
		return s.Close()
	})
}

var testNow = time.Date(2024, 7, 12, 14, 0, 0, 0, time.UTC)

func newStore(t *testing.T) *models.Store {
	t.Helper()
	s, err := models.Open(context.Background(), models.Options{Database: testdb.URL(t), Locales: locale.MustParse("fa,tg,ru"), Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func fixture(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/site.xml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func run(t *testing.T, s *models.Store, data []byte, opts Options) *Report {
	t.Helper()
	rep, err := Run(context.Background(), s, opener(data), opts)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func opener(data []byte) func() (io.ReadCloser, error) {
	return func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
}

// articleOf returns the article WordPress post id became.
func articleOf(t *testing.T, s *models.Store, id int) *models.Article {
	t.Helper()
	return importedArticle(t, s, "https://khabar.example", id)
}

func translation(t *testing.T, a *models.Article, loc string) models.ArticleTranslation {
	t.Helper()
	tr, ok := a.Translation(loc)
	if !ok {
		t.Fatalf("article %d has no %s translation", a.ID, loc)
	}
	return tr
}

func TestImportJoinsTranslations(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	rep := run(t, s, fixture(t), Options{})
	if rep.Articles.Created != 4 || rep.Joined != 3 || rep.Articles.Failed != 0 || rep.SectionsMade != 3 || rep.TagsMade != 2 {
		t.Errorf("articles = %+v, joined %d; warnings %+v skipped %+v", rep.Articles, rep.Joined, rep.Warnings, rep.SkippedPosts)
	}
	wantSkipped := map[string]int{"language en is not configured in Payvand": 1, "status private": 1, "post type revision": 1, "attachments (give --uploads DIR or --fetch-media to import them)": 1}
	for reason, n := range wantSkipped {
		if rep.Skipped[reason] != n {
			t.Errorf("skipped[%q] = %d, want %d (all: %v)", reason, rep.Skipped[reason], n, rep.Skipped)
		}
	}
	if rep.Posts["fa"]["publish"] != 2 || rep.Posts["fa"]["future"] != 1 || rep.Posts["fa"]["draft"] != 1 || rep.Posts["tg"]["publish"] != 1 || rep.Posts["tg"]["draft"] != 1 || rep.Posts["ru"]["publish"] != 1 {
		t.Errorf("posts = %v", rep.Posts)
	}
	if rep.Shortcodes["gallery"] != 1 || len(rep.Shortcodes) != 1 || rep.ShortcodePosts["gallery"][0] != 40 {
		t.Errorf("shortcodes = %v %v", rep.Shortcodes, rep.ShortcodePosts)
	}

	// Polylang pair: one article, text byte-exact, Persian slug decoded.
	a := articleOf(t, s, 12)
	if b := articleOf(t, s, 13); b.ID != a.ID {
		t.Fatalf("posts 12 and 13 in articles %d and %d", a.ID, b.ID)
	}
	fa, tg := translation(t, a, "fa"), translation(t, a, "tg")
	if fa.Title != "گزارش تازه\u200cترین خبرها" || fa.Slug != "خبر-تازه" || fa.Summary != "چکیده\u200cی خبر" || fa.Byline != "مریم رحیمی" {
		t.Errorf("fa = %q %q %q %q", fa.Title, fa.Slug, fa.Summary, fa.Byline)
	}
	if strings.Contains(fa.BodyHTML, "wp:") || !strings.Contains(fa.BodyHTML, "<p>متن <strong>نخست</strong> می\u200cآید.</p>") {
		t.Errorf("fa body = %q", fa.BodyHTML)
	}
	if fa.Status != models.StatusPublished || !fa.PublishedAt.Equal(time.Date(2024, 7, 1, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("fa status %s at %v", fa.Status, fa.PublishedAt)
	}
	if tg.Title != "Хабари нав" || tg.Slug != "khabari-nav" || tg.Byline != "Карим Раҳимов" || !strings.Contains(tg.BodyHTML, "<p>Сатри дуюм ғ ӣ қ ӯ ҳ ҷ.</p>") {
		t.Errorf("tg = %q %q %q %q", tg.Title, tg.Slug, tg.Byline, tg.BodyHTML)
	}
	// Primary category (Yoast) over the first; the category's
	// translations are one section, under its parent's.
	sec, err := s.FindSection(ctx, a.SectionID)
	if err != nil {
		t.Fatal(err)
	}
	if sec.Name("fa") != "اخبار" || sec.Name("tg") != "Ахбор" || sec.Slug != "akhbor" || sec.ParentID == nil {
		t.Errorf("section = %+v", sec)
	} else if parent, _ := s.FindSection(ctx, *sec.ParentID); parent.Name("fa") != "جهان" || parent.Name("tg") != "Ҷаҳон" || parent.Slug != "world" {
		t.Errorf("parent = %+v", parent)
	}
	tags, err := s.ArticleTags(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(tags) != 2 || tags[0].Slug != "economy" || tags[1].Name("fa") != "اقتصاد" {
		t.Errorf("tags = %+v", tags)
	}

	// Three languages, one not configured, one a draft.
	b := articleOf(t, s, 20)
	if len(b.Translations) != 2 || translation(t, b, "tg").Status != models.StatusDraft || translation(t, b, "fa").Status != models.StatusPublished {
		t.Errorf("three-language article = %+v", b.Translations)
	}
	// WPML pair, the translation scheduled; the original's zero GMT date
	// read in the site's offset (+03:30, from its other posts).
	c := articleOf(t, s, 30)
	ru, cfa := translation(t, c, "ru"), translation(t, c, "fa")
	if !ru.PublishedAt.Equal(time.Date(2024, 3, 10, 8, 30, 0, 0, time.UTC)) {
		t.Errorf("ru published at %v", ru.PublishedAt)
	}
	if cfa.Status != models.StatusPublished || !cfa.PublishedAt.Equal(time.Date(2030, 1, 1, 8, 30, 0, 0, time.UTC)) {
		t.Errorf("scheduled fa = %s %v", cfa.Status, cfa.PublishedAt)
	}
	if articleOf(t, s, 31).ID != c.ID {
		t.Error("WPML pair not joined")
	}
	// No language: the first configured locale; caption → figure.
	d := articleOf(t, s, 40)
	dfa := translation(t, d, "fa")
	if len(d.Translations) != 1 || dfa.Status != models.StatusDraft || !strings.Contains(dfa.BodyHTML, "<figcaption") || !strings.Contains(dfa.BodyHTML, "زیرنویس عکس") || !strings.Contains(dfa.BodyHTML, "[gallery ids=") ||
		// [embed] → the editor's placeholder, through the sanitiser.
		!strings.Contains(dfa.BodyHTML, `<figure data-embed="vimeo" data-id="76979871" data-url="https://vimeo.com/76979871"><a href="https://vimeo.com/76979871"`) {
		t.Errorf("no-language article = %+v", d.Translations)
	}
}

func TestImportAgainChangesNothing(t *testing.T) {
	s := newStore(t)
	data := fixture(t)
	run(t, s, data, Options{})
	before := articleOf(t, s, 12)
	rep := run(t, s, data, Options{})
	if rep.Articles.Created != 0 || rep.Articles.Updated != 0 || rep.Articles.Unchanged != 4 || rep.SectionsMade != 0 || rep.TagsMade != 0 {
		t.Errorf("second run = %+v, sections %d tags %d", rep.Articles, rep.SectionsMade, rep.TagsMade)
	}
	after := articleOf(t, s, 12)
	if after.Version != before.Version || translation(t, after, "fa").Version != translation(t, before, "fa").Version {
		t.Error("an unchanged post was saved again")
	}
}

func TestImportAgainAfterEditsOnBothSides(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	data := fixture(t)
	run(t, s, data, Options{})
	a := articleOf(t, s, 12)
	fa := translation(t, a, "fa")
	if _, err := s.SaveArticle(ctx, models.ArticleInput{ID: a.ID, Translations: []models.TranslationInput{{
		Locale: "fa", Version: fa.Version, Status: fa.Status, PublishedAt: fa.PublishedAt, Title: "ویرایش در پیوند", Slug: fa.Slug, BodyHTML: fa.BodyHTML,
	}}}); err != nil {
		t.Fatal(err)
	}
	changed := bytes.Replace(data, []byte("گزارش تازه\u200cترین خبرها"), []byte("گزارش ویرایش‌شده"), 1)
	changed = bytes.Replace(changed, []byte("Хабари нав"), []byte("Хабари навтарин"), 1)
	rep := run(t, s, changed, Options{})
	if rep.Articles.Updated != 1 || len(rep.NotOverwritten) != 1 || rep.NotOverwritten[0].PostID != 12 {
		t.Fatalf("run after edits = %+v, not overwritten %+v", rep.Articles, rep.NotOverwritten)
	}
	a = articleOf(t, s, 12)
	if translation(t, a, "fa").Title != "ویرایش در پیوند" || translation(t, a, "tg").Title != "Хабари навтарин" {
		t.Errorf("after the run: fa %q tg %q", translation(t, a, "fa").Title, translation(t, a, "tg").Title)
	}
	rep = run(t, s, changed, Options{Overwrite: true})
	if len(rep.Overwritten) != 1 || rep.Articles.Updated != 1 {
		t.Fatalf("overwrite run = %+v %+v", rep.Articles, rep.Overwritten)
	}
	if got := translation(t, articleOf(t, s, 12), "fa").Title; got != "گزارش ویرایش‌شده" {
		t.Errorf("overwritten title = %q", got)
	}
	if rep := run(t, s, changed, Options{}); rep.Articles.Unchanged != 4 || len(rep.NotOverwritten) != 0 {
		t.Errorf("run after the overwrite = %+v %+v", rep.Articles, rep.NotOverwritten)
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	rep := run(t, s, fixture(t), Options{DryRun: true})
	if rep.Articles.Created != 4 || rep.Joined != 3 || rep.SectionsMade != 3 || rep.TagsMade != 2 {
		t.Errorf("dry run = %+v joined %d sections %d tags %d", rep.Articles, rep.Joined, rep.SectionsMade, rep.TagsMade)
	}
	assertNothingWritten(t, s)
	_ = ctx
}

func TestMalformedExportWritesNothing(t *testing.T) {
	s := newStore(t)
	data := fixture(t)
	// Break the last item, after everything the first items need.
	i := bytes.LastIndex(data, []byte("</item>"))
	broken := append(append([]byte{}, data[:i]...), []byte("</wp:item>\n</channel>\n</rss>\n")...)
	line := bytes.Count(data[:i], []byte("\n")) + 1
	_, err := Run(context.Background(), s, opener(broken), Options{})
	var se *wxr.SyntaxError
	if !errors.As(err, &se) || se.Line != line {
		t.Fatalf("err = %v, want a syntax error at line %d", err, line)
	}
	assertNothingWritten(t, s)
}

func TestSectionMapSendsCategoriesIntoExistingSections(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	home, err := s.SaveSection(ctx, models.SectionInput{Slug: "farhang", Names: map[string]string{"fa": "فرهنگ و هنر"}})
	if err != nil {
		t.Fatal(err)
	}
	m, err := ParseSectionMap(strings.NewReader("# wordpress,payvand\nculture,farhang\n"))
	if err != nil {
		t.Fatal(err)
	}
	rep := run(t, s, fixture(t), Options{SectionMap: m})
	if rep.SectionsMade != 2 {
		t.Errorf("sections made = %d, want 2 (culture mapped)", rep.SectionsMade)
	}
	if a := articleOf(t, s, 20); a.SectionID != home.ID {
		t.Errorf("post 20 in section %d, want %d", a.SectionID, home.ID)
	}
	if _, err := Run(ctx, s, opener(fixture(t)), Options{SectionMap: map[string]string{"culture": "nowhere"}}); err == nil || !strings.Contains(err.Error(), "nowhere") {
		t.Errorf("unknown section: err = %v", err)
	}
	if _, err := ParseSectionMap(strings.NewReader("culture\n")); err == nil {
		t.Error("a line without its section was accepted")
	}
}

func TestLocaleMap(t *testing.T) {
	s := newStore(t)
	m, err := ParseLocaleMap("en=ru, tj=tg")
	if err != nil {
		t.Fatal(err)
	}
	// en mapped to ru: the three-language group gains a Russian translation.
	rep := run(t, s, fixture(t), Options{LocaleMap: m, Locale: "tg"})
	if rep.Skipped["language en is not configured in Payvand"] != 0 {
		t.Errorf("skipped = %v", rep.Skipped)
	}
	if a := articleOf(t, s, 20); len(a.Translations) != 3 || translation(t, a, "ru").Title != "Three languages" {
		t.Errorf("article of 20 = %+v", a.Translations)
	}
	// --locale: the post without a language is Tajik.
	if a := articleOf(t, s, 40); a.Translations[0].Locale != "tg" {
		t.Errorf("no-language post in %s", a.Translations[0].Locale)
	}
	for _, bad := range []string{"fa", "=tg", "fa="} {
		if _, err := ParseLocaleMap(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if _, err := Run(context.Background(), s, opener(fixture(t)), Options{Locale: "de"}); err == nil {
		t.Error("--locale de accepted on a fa,tg,ru site")
	}
}

// Every imported post's old addresses lead to its article in its own
// language while it is public there, on the first run and after a run
// that changes nothing; a dry run records none.
func TestImportRecordsOldAddresses(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	data := fixture(t)
	run(t, s, data, Options{DryRun: true})
	if _, err := s.FindRedirect(ctx, "/?p=12"); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("a dry run recorded an old address: %v", err)
	}
	for range 2 {
		run(t, s, data, Options{})
		article := articleOf(t, s, 12)
		for path, loc := range map[string]string{"/?p=12": "fa", "https://khabar.example/?p=13": "tg"} {
			got, err := s.FindRedirect(ctx, path)
			if err != nil || got.Kind != models.RedirectArticle || got.ID != article.ID || got.Locale != loc {
				t.Errorf("FindRedirect(%q) = %+v, %v; want article %d in %s", path, got, err, article.ID, loc)
			}
		}
		if _, err := s.FindRedirect(ctx, "/?p=21"); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("a draft's old address answers: %v", err)
		}
	}
}

// Every category's and tag's old addresses lead to the section or tag it
// became, in the term's language: the hierarchical permalink made of the
// parents' (decoded) nicenames, /?cat=, /tag/ and /?tag=; a second run
// changes nothing, a dry run records none.
func TestImportRecordsTermAddresses(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	data := fixture(t)
	run(t, s, data, Options{DryRun: true})
	if _, err := s.FindRedirect(ctx, "/category/world/"); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("a dry run recorded a category's address: %v", err)
	}
	var first []models.RedirectTarget
	for i := range 2 {
		rep := run(t, s, data, Options{})
		if len(rep.Warnings) != 0 {
			t.Errorf("run %d warnings: %+v", i+1, rep.Warnings)
		}
		sec := articleOf(t, s, 12).SectionID
		tags, err := s.ArticleTags(ctx, articleOf(t, s, 12).ID)
		if err != nil || len(tags) != 2 {
			t.Fatalf("tags = %+v, %v", tags, err)
		}
		for _, w := range []struct {
			path, loc string
			kind      models.RedirectKind
			id        uint
		}{
			{"/category/world/%d8%a7%d8%ae%d8%a8%d8%a7%d8%b1/", "fa", models.RedirectSection, sec},
			{"https://khabar.example/category/jahon/akhbor", "tg", models.RedirectSection, sec},
			{"/?cat=5", "tg", models.RedirectSection, sec},
			// The fixture's tags have no language: answered in the
			// first locale they are public in.
			{"/tag/economy/", "fa", models.RedirectTag, tags[0].ID},
			{"/tag/اقتصاد", "fa", models.RedirectTag, tags[1].ID},
			{"/?tag=%d8%a7%d9%82%d8%aa%d8%b5%d8%a7%d8%af", "fa", models.RedirectTag, tags[1].ID},
		} {
			got, err := s.FindRedirect(ctx, w.path)
			if err != nil || got.Kind != w.kind || got.ID != w.id || got.Locale != w.loc {
				t.Errorf("run %d: FindRedirect(%q) = %+v, %v; want %s %d in %q", i+1, w.path, got, err, w.kind, w.id, w.loc)
			}
		}
		if _, err := s.FindRedirect(ctx, "/category/akhbor/"); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("a child category answers without its parent: %v", err)
		}
		var all []models.RedirectTarget
		if err := s.EachRedirect(ctx, func(r models.RedirectTarget) error { all = append(all, r); return nil }); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = all
		} else if !slices.Equal(all, first) {
			t.Errorf("the second run changed the redirects:\n%+v\n%+v", first, all)
		}
	}
}

// A run that saves only translations must not adopt the editor's shared
// fields as the import's own: the run after it would then move the article
// back into WordPress's section.
func TestImportKeepsSectionMovedInPayvandOverRuns(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	data := fixture(t)
	run(t, s, data, Options{})
	moved, err := s.SaveSection(ctx, models.SectionInput{Slug: "moved-here", Names: map[string]string{"fa": "جابجا"}})
	if err != nil {
		t.Fatal(err)
	}
	a := articleOf(t, s, 12)
	if _, err := s.SaveArticle(ctx, models.ArticleInput{ID: a.ID, Shared: &models.SharedInput{
		Version: a.Version, SectionID: moved.ID, FeaturedMediaID: a.FeaturedMediaID, Archived: a.Archived, AuthorID: a.AuthorID,
	}}); err != nil {
		t.Fatal(err)
	}
	second := bytes.Replace(data, []byte("Хабари нав"), []byte("Хабари навтарин"), 1)
	run(t, s, second, Options{})
	if got := articleOf(t, s, 12).SectionID; got != moved.ID {
		t.Fatalf("after the second run the section is %d, want %d", got, moved.ID)
	}
	third := bytes.Replace(second, []byte("Хабари навтарин"), []byte("Хабари навтарини дигар"), 1)
	run(t, s, third, Options{})
	a = articleOf(t, s, 12)
	if translation(t, a, "tg").Title != "Хабари навтарини дигар" {
		t.Fatalf("third run did not update tg: %q", translation(t, a, "tg").Title)
	}
	if a.SectionID != moved.ID {
		t.Errorf("after the third run the section is %d, want %d (moved in Payvand)", a.SectionID, moved.ID)
	}
}
