package api

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/siteurl"
	"github.com/payvand/payvand/internal/viewcount"
	"github.com/payvand/payvand/models"
)

// engineZone is the comparison site's time zone: view days and displayed
// times begin at its midnight, not UTC's.
var engineZone = time.FixedZone("Asia/Dushanbe", 5*3600)

// newEngineSite opens a store on database with the site URL set (events
// and answers carry urls), serves it with feeds, sitemaps of three ids a
// file and the site's names, and loads the comparison dataset into it
// through the write path: newTestEnv's fixture and loadEngineDataset.
func newEngineSite(t *testing.T, database string) *testEnv {
	t.Helper()
	paths := siteurl.Patterns{Article: siteurl.DefaultArticlePath, Section: siteurl.DefaultSectionPath, Tag: siteurl.DefaultTagPath, Preview: "/{locale}/preview/{id}?token={token}"}
	site, err := siteurl.New(testSiteURL, paths)
	if err != nil {
		t.Fatal(err)
	}
	env := newTestEnvWith(t, models.Options{Database: database, SiteURLs: site, TimeZone: engineZone})
	env.router = env.newRouter(Options{CacheControl: "public, max-age=60", CacheTTL: time.Minute, TimeZone: engineZone,
		SiteURLs: site, SitePaths: paths, SiteNames: map[string]string{"tg": "Вазорати фарҳанг", "fa": "وزارت فرهنگ"}, SitemapFileSize: 3})
	env.loadEngineDataset()
	return env
}

// loadEngineDataset adds to newTestEnv's fixture what else an answer can
// show, in one fixed order so both engines hand out the same ids:
//
//   - tags: musiqi and energy (tagFixture; energy was quvva), kitob
//     merged into musiqi afterwards, and one named in Persian only;
//   - bidi: Persian with RLM, LRM, ZWNJ and a Latin run, Tajik with
//     every Tajik letter, SEO fields with a social picture and a
//     canonical URL, four tags, related links, pinned until an hour on;
//   - noindex: left out of feeds and sitemaps;
//   - renamed: both slugs renamed, the old ones redirecting;
//   - twelve fillers two to a second, for paging and ties, one trashed;
//   - culture renamed farhang, so ?section=culture redirects;
//   - pins, and views over forty days in both locales and none.
func (env *testEnv) loadEngineDataset() {
	t, s, ctx := env.t, env.store, context.Background()
	t.Helper()
	// Stamps with nanoseconds, as a real clock gives: both engines must
	// keep and show them alike.
	env.clock.t = testNow.Add(123456789 * time.Nanosecond)
	defer func() { env.clock.t = testNow }()
	music, energy := env.tagFixture()
	books, err := s.SaveTag(ctx, models.TagInput{Slug: "kitob", Names: map[string]string{"tg": "Китоб", "fa": "کتاب\u200cها"}})
	if err != nil {
		t.Fatal(err)
	}
	library, err := s.SaveTag(ctx, models.TagInput{Names: map[string]string{"fa": "کتاب\u200cخانه\u200cهای \u200eIran\u200e"}})
	if err != nil {
		t.Fatal(err)
	}
	card, err := s.SaveMedia(ctx, models.MediaInput{Hash: strings.Repeat("cd", 32), Path: "cd/card.jpg", MimeType: "image/jpeg", Width: 1200, Height: 630, ByteSize: 900,
		Variants: []models.MediaVariant{{Name: "thumbnail", Path: "cd/card-thumb.jpg", Width: 320, Height: 168, MimeType: "image/jpeg"}},
		Texts:    map[string]models.MediaText{"fa": {Alt: "کارت\u200cپستال", Caption: "\u200fعکس از \u200eReuters\u200e"}, "tg": {Alt: "Корт"}}})
	if err != nil {
		t.Fatal(err)
	}
	pic := env.fixturePicture()
	for key, id := range map[string]uint{"tag:musiqi": music.ID, "tag:energy": energy.ID, "tag:kitob": books.ID, "tag:library": library.ID, "media:pic": pic, "media:card": card.ID} {
		env.ids[key] = id
	}

	fa := pub("fa", "\u200fنسخهٔ \u200eiPhone 15\u200e درباره\u200cی نمایشگاه کتاب\u200cهای کهن", -4)
	fa.BodyHTML = "<p>\u200fنمایشگاه\u200cها در \u200eDushanbe\u200e برگزار می\u200cشوند.</p><blockquote><p>کتاب\u200cخانه</p></blockquote>"
	fa.SEO = models.TranslationSEO{Title: "عنوانِ جست\u200cوجو", Description: "توضیح کوتاه", ImageID: &card.ID, CanonicalURL: "https://source.example.com/story/7"}
	tg := pub("tg", "Ғазал, ҷӯй ва кӯҳ: Ӯ Ӣ Ҳ Ҷ Қ Ғ", -4)
	tg.BodyHTML = "<p>Ҳофиз ғазал мегуфт; иқтисод ҷӯй.</p><ul><li>якум</li><li>дуюм</li></ul>"
	env.article("bidi", models.SharedInput{SectionID: env.ids["section:heritage"], FeaturedMediaID: &pic, Tags: []uint{library.ID, books.ID, music.ID, energy.ID}}, fa, tg)

	hidden := pub("tg", "Пинҳон аз ҷустуҷӯгар", -6)
	hidden.SEO.Noindex = true
	env.article("noindex", models.SharedInput{SectionID: env.ids["section:news"], Tags: []uint{energy.ID}}, hidden, pub("fa", "پنهان نیست", -6))

	old := pub("tg", "Номи кӯҳна", -7)
	old.Slug = "kuhna"
	oldFa := pub("fa", "نام قدیمی", -7)
	oldFa.Slug = "نام-قدیمی"
	env.article("renamed", models.SharedInput{SectionID: env.ids["section:news"]}, old, oldFa)
	env.renameSlug("renamed", "tg", "nav")
	env.renameSlug("renamed", "fa", "نام-تازه")
	// Old addresses of an imported site, Persian percent-encoded as
	// WordPress writes them.
	if err := s.SaveRedirects(ctx, "https://old.example.tj", []models.RedirectInput{
		{Path: "/2019/03/%d9%86%d8%a7%d9%85-%d9%82%d8%af%db%8c%d9%85%db%8c/", Locale: "fa", ArticleID: env.ids["renamed"]},
		{Path: "/?p=7", ArticleID: env.ids["renamed"]},
		{Path: "/category/heritage/", Locale: "fa", SectionID: env.ids["section:heritage"]},
		{Path: "/tag/kitob/", TagID: books.ID},
	}); err != nil {
		t.Fatal(err)
	}

	// Slugs that sort apart by code point and by a language's collation
	// (which ignores hyphens at first), used equally often.
	var alike []uint
	for _, slug := range []string{"a-c", "ab", "a-b-d", "aa"} {
		tag, err := s.SaveTag(ctx, models.TagInput{Slug: slug, Names: map[string]string{"tg": "Тег " + slug, "fa": "برچسب " + slug}})
		if err != nil {
			t.Fatal(err)
		}
		alike = append(alike, tag.ID)
	}
	// Sections in one position: their order is their ids'.
	for _, slug := range []string{"zeta", "alpha"} {
		sec, err := s.SaveSection(ctx, models.SectionInput{Slug: slug, Position: 0, Names: map[string]string{"tg": "Бахши " + slug, "fa": "بخش‌ِ " + slug}})
		if err != nil {
			t.Fatal(err)
		}
		env.ids["section:"+slug] = sec.ID
	}
	arabic := pub("fa", "كتاب عربي و يك كي", -9)
	arabic.Summary = ""
	arabic.BodyHTML = "<p>Café وَ كِتاب</p>"
	at := testNow.Add(-9*time.Hour + 987654321*time.Nanosecond)
	arabic.PublishedAt = &at
	env.article("arabic", models.SharedInput{SectionID: env.ids["section:alpha"], Tags: alike}, arabic, pub("tg", "Кафе́ ва китоб", -9))
	reversed := slices.Clone(alike)
	slices.Reverse(reversed)
	env.article("alike", models.SharedInput{SectionID: env.ids["section:zeta"], Tags: reversed}, pub("fa", "همان", -9), pub("tg", "Ҳамон", -9))

	sections := []string{"section:news", "section:culture", "section:heritage"}
	for i := range 12 {
		title := fmt.Sprintf("Иқтисод ва фарҳанг %02d", i)
		in := pub("tg", title, -(30 + i/2))
		in.BodyHTML = "<p>" + strings.Repeat("Иқтисод ", 1+i%3) + "дар шаҳр.</p>"
		shared := models.SharedInput{SectionID: env.ids[sections[i%3]], Tags: []uint{[]uint{music.ID, energy.ID, books.ID}[i%3]}}
		if i%4 == 0 {
			env.article(fmt.Sprintf("filler%02d", i), shared, in, pub("fa", fmt.Sprintf("اقتصاد و فرهنگ %02d", i), -(30+i/2)))
		} else {
			env.article(fmt.Sprintf("filler%02d", i), shared, in)
		}
	}
	if err := s.TrashArticle(ctx, env.ids["filler05"]); err != nil {
		t.Fatal(err)
	}
	env.relate("bidi", "filler03", "both", "future")

	culture, err := s.FindSection(ctx, env.ids["section:culture"])
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.SaveSection(ctx, models.SectionInput{ID: culture.ID, Version: culture.Version, Slug: "farhang", Position: culture.Position,
		Names: map[string]string{"tg": culture.Name("tg"), "fa": culture.Name("fa")}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.MergeTags(ctx, books.ID, music.ID); err != nil {
		t.Fatal(err)
	}

	end := testNow.Add(time.Hour)
	env.pin("both", 1, nil)
	env.pin("bidi", 2, &end)
	env.pin("tieB", 2, nil)
	env.pin("future", 0, nil)

	for _, v := range []struct {
		key, loc string
		n        int64
		daysAgo  int
	}{
		{"both", "tg", 40, 0}, {"both", "fa", 7, 0}, {"tieA", "", 47, 0}, {"tieB", "tg", 47, 1},
		{"bidi", "fa", 12, 3}, {"bidi", "tg", 3, 8}, {"filler01", "tg", 100, 20}, {"filler02", "", 5, 40},
		{"tgOnly", "tg", 47, 2}, {"archived", "tg", 9, 0},
	} {
		counts := map[viewcount.Key]int64{{Article: env.ids[v.key], Locale: v.loc}: v.n}
		if err := s.AddViews(ctx, counts, testNow.Add(-time.Duration(v.daysAgo)*24*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
}

// fixturePicture is the id of the picture newTestEnv's fixture saved.
func (env *testEnv) fixturePicture() uint {
	env.t.Helper()
	a, err := env.store.FindArticle(context.Background(), env.ids["both"])
	if err != nil || a.FeaturedMediaID == nil {
		env.t.Fatalf("the fixture's picture: %v", err)
	}
	return *a.FeaturedMediaID
}

// editEngineSite makes a round of edits an editor might: a trashed article
// restored, a pin removed, a tag renamed and another deleted, a section
// deleted with its article moved, a draft published, an article archived.
func (env *testEnv) editEngineSite() {
	t, s, ctx := env.t, env.store, context.Background()
	t.Helper()
	if err := s.RestoreArticle(ctx, env.ids["filler05"]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveArticle(ctx, models.ArticleInput{ID: env.ids["both"], Pin: &models.PinChange{}}); err != nil {
		t.Fatal(err)
	}
	music, err := s.FindTag(ctx, env.ids["tag:musiqi"])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveTag(ctx, models.TagInput{ID: music.ID, Version: music.Version, Slug: "musiqi-nav"}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteTag(ctx, env.ids["tag:energy"]); err != nil {
		t.Fatal(err)
	}
	news := env.ids["section:news"]
	if err := s.DeleteSection(ctx, env.ids["section:zeta"], &news); err != nil {
		t.Fatal(err)
	}
	env.saveTranslation("tgOnly", "fa", func(in *models.TranslationInput) { in.Status, in.PublishedAt = models.StatusPublished, nil })
	a, err := s.FindArticle(ctx, env.ids["tieA"])
	if err != nil {
		t.Fatal(err)
	}
	shared := models.SharedInput{Version: a.Version, SectionID: a.SectionID, FeaturedMediaID: a.FeaturedMediaID, Archived: true}
	if _, err := s.SaveArticle(ctx, models.ArticleInput{ID: a.ID, Shared: &shared}); err != nil {
		t.Fatal(err)
	}
}
