package api

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/siteurl"
	"github.com/payvand/payvand/models"
)

// testMediaURL stands for a CDN in front of the media store (--media-url).
const testMediaURL = "https://cdn.example.tj/payvand-media"

// With --media-url every picture URL the API gives (image, sizes,
// variants, body src and srcset, feeds, sitemaps) is on that base, while
// the stored body keeps no address at all, so moving the media again
// rewrites nothing.
func TestMediaURLMovesEveryPictureURL(t *testing.T) {
	env := newTestEnv(t)
	env.saveTranslation("both", "fa", func(in *models.TranslationInput) {
		in.BodyHTML = `<p>متن</p><p><img src="/media/ab/pic-medium.jpg" alt="کوه"></p><p><img src="/media/zz/outside.jpg" alt=""></p>`
	})
	site, err := siteurl.New(testSiteURL, siteurl.Patterns{Article: siteurl.DefaultArticlePath, Section: siteurl.DefaultSectionPath, Tag: siteurl.DefaultTagPath})
	if err != nil {
		t.Fatal(err)
	}
	env.router = env.newRouter(Options{CacheTTL: time.Minute, SiteURLs: site, MediaURL: testMediaURL + "/",
		SiteNames: map[string]string{"tg": "Вазорати фарҳанг", "fa": "وزارت فرهنگ"}})

	var art articleResp
	env.getJSON(fmt.Sprintf("/api/v1/fa/articles/%d", env.ids["both"]), http.StatusOK, &art)
	img := art.Data.Image
	if img == nil || img.URL != testMediaURL+"/ab/pic.jpg" || img.ThumbnailURL != testMediaURL+"/ab/pic-thumb.jpg" || img.MediumURL != testMediaURL+"/ab/pic-medium.jpg" {
		t.Fatalf("image = %+v, want its files under %s", img, testMediaURL)
	}
	for _, v := range img.Variants {
		if !strings.HasPrefix(v.URL, testMediaURL+"/ab/") {
			t.Errorf("variant %s at %s", v.Name, v.URL)
		}
	}
	wantBody := `<p>متن</p><p><img src="` + testMediaURL + `/ab/pic-medium.jpg" srcset="` + testMediaURL + `/ab/pic-thumb.jpg 320w, ` +
		testMediaURL + `/ab/pic-medium.jpg 960w, ` + testMediaURL + `/ab/pic.jpg 1200w" width="960" height="640" data-media-id="1" alt="کوه"></p>` +
		`<p><img src="` + testMediaURL + `/zz/outside.jpg" alt=""></p>`
	if art.Data.BodyHTML != wantBody {
		t.Errorf("body_html\n got %s\nwant %s", art.Data.BodyHTML, wantBody)
	}
	if _, tr := env.translation("both", "fa"); strings.Contains(tr.BodyHTML, "cdn.example") || strings.Contains(tr.BodyHTML, "news.example") {
		t.Errorf("the stored body holds an address: %s", tr.BodyHTML)
	}

	// Every other answer that names a picture: lists, search, feeds, sitemaps.
	answers := map[string]string{}
	for _, target := range []string{"/api/v1/fa/articles", "/api/v1/tg/articles", "/feeds/fa/rss.xml", "/feeds/fa/atom.xml", "/sitemap.xml"} {
		answers[target] = env.do(http.MethodGet, target, nil).Body.String()
	}
	for _, m := range regexp.MustCompile(`<loc>[^<]*(/sitemaps/[^<]+)</loc>`).FindAllStringSubmatch(answers["/sitemap.xml"], -1) {
		answers[m[1]] = env.do(http.MethodGet, m[1], nil).Body.String()
	}
	for target, body := range answers {
		if strings.Contains(body, testBaseURL+"/media/") || strings.Contains(body, `"/media/`) {
			t.Errorf("%s still points at Payvand's own /media/:\n%s", target, body)
		}
	}
	for target, want := range map[string]string{
		"/api/v1/fa/articles": `"thumbnail_url":"` + testMediaURL + `/ab/pic-thumb.jpg"`,
		"/feeds/fa/rss.xml":   `url="` + testMediaURL + `/ab/pic-medium.jpg"`,
		"/feeds/fa/atom.xml":  testMediaURL + `/ab/pic-medium.jpg`,
	} {
		if !strings.Contains(answers[target], want) {
			t.Errorf("%s lacks %s:\n%s", target, want, answers[target])
		}
	}
	sitemapImages := 0
	for target, body := range answers {
		if strings.HasPrefix(target, "/sitemaps/") {
			sitemapImages += strings.Count(body, "<image:loc>"+testMediaURL+"/ab/pic.jpg</image:loc>")
		}
	}
	if sitemapImages == 0 {
		t.Errorf("no sitemap names the picture under %s: %v", testMediaURL, answers)
	}
}
