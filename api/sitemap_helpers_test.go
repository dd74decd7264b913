package api

import (
	"context"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/sitemap"
	"github.com/payvand/payvand/internal/siteurl"
	"github.com/payvand/payvand/internal/testdb"
	"github.com/payvand/payvand/models"
)

// testSitemapFileSize is the file size the sitemap tests use: two ids a
// file, so the split by id range shows on a handful of articles.
const testSitemapFileSize = 2

// newSitemapEnv builds a site in tg, fa and en with --site-url set and
// files of two ids:
//
//	id 1 all      tg+fa+en public 10 h ago, with a picture
//	id 2 tgFa     tg+fa public 8 h ago
//	id 3 faEn     fa+en public 6 h ago (no tg: no x-default)
//	id 4 tgDraft  tg public 5 h ago, fa a draft
//	id 5 enOnly   en public 4 h ago
//	id 6 later    fa public 1 h ago, tg scheduled 2 h from now
//	id 7 archived tg+fa public, archived
//
// and tags: culture (named in tg and fa) on all and faEn, books (named in
// en only) on faEn.
func newSitemapEnv(t *testing.T) *testEnv {
	t.Helper()
	env := &testEnv{t: t, clock: &testClock{t: testNow}, ids: map[string]uint{}}
	store, err := models.Open(context.Background(), models.Options{
		Database: testdb.URL(t), Locales: locale.MustParse("tg,fa,en"), Now: env.clock.now,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	env.store = store
	site, err := siteurl.New(testSiteURL, siteurl.Patterns{Article: siteurl.DefaultArticlePath, Section: siteurl.DefaultSectionPath, Tag: siteurl.DefaultTagPath})
	if err != nil {
		t.Fatal(err)
	}
	env.router = env.newRouter(Options{CacheControl: "public, max-age=60", CacheTTL: time.Minute, SiteURLs: site,
		SiteNames: map[string]string{"tg": "Вазорати фарҳанг", "fa": "وزارت فرهنگ", "en": "Ministry of Culture"}, SitemapFileSize: testSitemapFileSize})
	env.seedSitemapSite()
	return env
}

func (env *testEnv) seedSitemapSite() {
	ctx, s := context.Background(), env.store
	sec, err := s.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо", "fa": "اخبار", "en": "News"}})
	if err != nil {
		env.t.Fatal(err)
	}
	env.ids["section:news"] = sec.ID
	pic, err := s.SaveMedia(ctx, models.MediaInput{Hash: strings.Repeat("cd", 32), Path: "cd/pic.jpg", MimeType: "image/jpeg", Width: 1200, Height: 800, ByteSize: 1000})
	if err != nil {
		env.t.Fatal(err)
	}
	tag := func(key string, names map[string]string) uint {
		t, err := s.SaveTag(ctx, models.TagInput{Names: names})
		if err != nil {
			env.t.Fatal(err)
		}
		env.ids["tag:"+key] = t.ID
		return t.ID
	}
	culture := tag("culture", map[string]string{"tg": "Фарҳанг", "fa": "فرهنگ"})
	books := tag("books", map[string]string{"en": "Books"})
	news := models.SharedInput{SectionID: sec.ID}
	withPicture := news
	withPicture.FeaturedMediaID = &pic.ID
	withPicture.Tags = []uint{culture}
	tagged := news
	tagged.Tags = []uint{culture, books}
	env.article("all", withPicture, pub("tg", "Ҳамкории фарҳангӣ", -10), pub("fa", "همکاری\u200cهای فرهنگی", -10), pub("en", "Cultural cooperation", -10))
	env.article("tgFa", news, pub("tg", "Ҷаласаи ҳукумат", -8), pub("fa", "نشست دولت", -8))
	env.article("faEn", tagged, pub("fa", "نمایشگاه کتاب", -6), pub("en", "Book fair", -6))
	draft := pub("fa", "پیش\u200cنویس", -5)
	draft.Status = models.StatusDraft
	env.article("tgDraft", news, pub("tg", "Танҳо тоҷикӣ", -5), draft)
	env.article("enOnly", news, pub("en", "English only", -4))
	env.article("later", news, pub("fa", "خبر تازه", -1), pub("tg", "Хабари оянда", 2))
	archived := news
	archived.Archived = true
	env.article("archived", archived, pub("tg", "Бойгонӣ", -20), pub("fa", "بایگانی", -20))
}

// sitemapURLEntry is one <url> as a crawler reads it.
type sitemapURLEntry struct {
	Loc, LastMod string
	// Children are the child elements' names in document order, with
	// their namespace prefix as the schema names them (loc, xhtml:link…).
	Children   []string
	Alternates []sitemap.Alternate
	Images     []string
	News       map[string]string // news:* element text by local name
}

// sitemapDoc is a parsed sitemap file, index or news sitemap.
type sitemapDoc struct {
	Root       xml.Name
	Namespaces map[string]string // prefix ("" for the default) → URI
	URLs       []sitemapURLEntry
	// Files are an index's <sitemap> entries: loc and lastmod.
	Files []sitemapURLEntry
}

var namespacePrefixes = map[string]string{sitemap.NamespaceSitemap: "", sitemap.NamespaceXHTML: "xhtml:", sitemap.NamespaceImage: "image:", sitemap.NamespaceNews: "news:"}

// parseSitemap reads body token by token, so the order of elements and the
// namespaces they are in are checked as a validator would. An element in
// an unknown namespace fails the parse.
func parseSitemap(t *testing.T, body string) sitemapDoc {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(body))
	var doc sitemapDoc
	var stack []string
	var cur *sitemapURLEntry
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, body)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			prefix, known := namespacePrefixes[el.Name.Space]
			if !known {
				t.Fatalf("element %s in unknown namespace %q", el.Name.Local, el.Name.Space)
			}
			name := prefix + el.Name.Local
			if len(stack) == 0 {
				doc.Root = el.Name
				doc.Namespaces = map[string]string{}
				for _, a := range el.Attr {
					if a.Name.Space == "xmlns" {
						doc.Namespaces[a.Name.Local] = a.Value
					} else if a.Name.Local == "xmlns" {
						doc.Namespaces[""] = a.Value
					}
				}
			}
			if len(stack) == 1 {
				cur = &sitemapURLEntry{News: map[string]string{}}
			}
			if len(stack) == 2 {
				cur.Children = append(cur.Children, name)
			}
			if name == "xhtml:link" {
				alt := sitemap.Alternate{}
				for _, a := range el.Attr {
					switch a.Name.Local {
					case "rel":
						if a.Value != "alternate" {
							t.Fatalf("xhtml:link rel=%q", a.Value)
						}
					case "hreflang":
						alt.Hreflang = a.Value
					case "href":
						alt.Href = a.Value
					}
				}
				cur.Alternates = append(cur.Alternates, alt)
			}
			stack = append(stack, name)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			if len(stack) == 1 {
				if doc.Root.Local == "sitemapindex" {
					doc.Files = append(doc.Files, *cur)
				} else {
					doc.URLs = append(doc.URLs, *cur)
				}
			}
		case xml.CharData:
			if len(stack) < 3 {
				continue
			}
			text := string(el)
			switch name := stack[len(stack)-1]; {
			case name == "loc" && len(stack) == 3:
				cur.Loc = text
			case name == "lastmod":
				cur.LastMod = text
			case name == "image:loc":
				cur.Images = append(cur.Images, text)
			case strings.HasPrefix(name, "news:"):
				cur.News[strings.TrimPrefix(name, "news:")] = text
			}
		}
	}
	return doc
}

// getSitemap fetches target, checks the status and content type and
// parses the body.
func (env *testEnv) getSitemap(target string) (sitemapDoc, http.Header) {
	env.t.Helper()
	rec := env.do(http.MethodGet, target, nil)
	if rec.Code != http.StatusOK {
		env.t.Fatalf("GET %s = %d; body %s", target, rec.Code, rec.Body.String())
	}
	if ct := rec.Header().Get("Content-Type"); ct != sitemap.ContentType {
		env.t.Fatalf("GET %s: Content-Type %q", target, ct)
	}
	return parseSitemap(env.t.(*testing.T), rec.Body.String()), rec.Header()
}

// sitemapPath turns a loc of the index into the path asked of Payvand,
// as the site's proxy passes it through.
func sitemapPath(t *testing.T, loc string) string {
	t.Helper()
	path, ok := strings.CutPrefix(loc, testSiteURL)
	if !ok {
		t.Fatalf("loc %q is not under the site URL %s", loc, testSiteURL)
	}
	return path
}
