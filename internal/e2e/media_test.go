package e2e

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/models"
)

// TestUploadPictureWithAltTextsAndFeatureIt uploads a picture with alt text
// in both locales, picks it as an article's featured picture in the editor
// and finds it, with each locale's alt text, in the public API.
func TestUploadPictureWithAltTextsAndFeatureIt(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	const tgAlt, faAlt = "Кӯҳҳои Помир дар субҳ", "کوه\u200cهای پامیر در بامداد"
	s.signIn("editor@example.com")
	mediaID := s.uploadPicture("kuhho.jpg", tgAlt, faAlt)

	sec, err := s.store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо", "fa": "اخبار"}})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID}, Translations: []models.TranslationInput{
		{Locale: "tg", Status: models.StatusPublished, Title: "Мавсими кӯҳнавардӣ", BodyHTML: "<p>Матн</p>"},
		{Locale: "fa", Status: models.StatusPublished, Title: "فصل کوه\u200cنوردی", BodyHTML: "<p>متن</p>"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	pick := fmt.Sprintf(`#media-dialog .media-pick[data-media-id="%d"]`, mediaID)
	s.run(
		chromedp.Navigate(fmt.Sprintf("%s/admin/articles/%d", s.url, a.ID)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="choose-featured"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="choose-featured"]`)),
		chromedp.WaitVisible(chromedp.CSS(pick)),
		chromedp.Click(chromedp.CSS(pick)),
	)
	if got := get(s, chromedp.Value(chromedp.CSS(`[data-testid="featured-input"]`))); got != fmt.Sprint(mediaID) {
		t.Fatalf("featured picture field = %q after picking %d", got, mediaID)
	}
	// The thumbnail shows as soon as the picture is picked; the save's
	// notice says the choice is stored.
	s.run(
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="featured-thumb"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="save-shared"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="shared-notice"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="featured-thumb"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="featured-focal"]`)),
	)
	if href := get(s, chromedp.Evaluate[string](`document.querySelector('[data-testid="featured-focal"]').getAttribute('href')`)); href != fmt.Sprintf("/admin/media/%d#focal-title", mediaID) {
		t.Errorf("the saved page's focal point link is %q", href)
	}

	for loc, alt := range map[string]string{"tg": tgAlt, "fa": faAlt} {
		var body struct {
			Data struct {
				Image *struct {
					Alt          string         `json:"alt"`
					ThumbnailURL string         `json:"thumbnail_url"`
					Variants     []imageVariant `json:"variants"`
				} `json:"image"`
			} `json:"data"`
		}
		s.apiJSON(fmt.Sprintf("/api/v1/%s/articles/%d", loc, a.ID), &body)
		if body.Data.Image == nil || body.Data.Image.Alt != alt {
			t.Fatalf("%s image from the API = %+v, want alt %q", loc, body.Data.Image, alt)
		}
		resp, err := http.Get(body.Data.Image.ThumbnailURL)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Fatalf("thumbnail %s: %d %v", body.Data.Image.ThumbnailURL, resp.StatusCode, resp.Header)
		}
		checkVariants(s, loc, body.Data.Image.Variants)
	}
}

// imageVariant is one item of an image's variants in an API answer.
type imageVariant struct {
	Name  string `json:"name"`
	Type  string `json:"type"`
	URL   string `json:"url"`
	Width int    `json:"width"`
}

// checkVariants fetches every variant of an uploaded picture: each is
// served with its own type, and Chromium shows the WebP copies at the
// width the answer gives.
func checkVariants(s *site, loc string, variants []imageVariant) {
	s.t.Helper()
	webps := 0
	for _, v := range variants {
		resp, err := http.Get(v.URL)
		if err != nil {
			s.t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != v.Type {
			s.t.Fatalf("%s %s %s: %d %q", loc, v.Name, v.URL, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if v.Type != "image/webp" {
			continue
		}
		webps++
		s.run(chromedp.Navigate(v.URL))
		get(s, chromedp.Poll[bool](`(() => { const img = document.images[0]; return !!img && img.complete && img.naturalWidth > 0; })()`))
		if got := get(s, chromedp.Evaluate[int](`document.images[0].naturalWidth`)); got != v.Width {
			s.t.Errorf("%s %s WebP shows %d pixels wide in Chromium, the answer says %d", loc, v.Name, got, v.Width)
		}
	}
	if webps != 3 {
		s.t.Errorf("%s: %d WebP variants, want 3 (thumbnail, medium, original)", loc, webps)
	}
}

// uploadPicture uploads a demo JPEG named name through the media page with
// its alt texts and returns the new picture's id.
func (s *site) uploadPicture(name, tgAlt, faAlt string) uint {
	s.t.Helper()
	return s.uploadDemoPicture(name, 3, tgAlt, faAlt)
}

// uploadDemoPicture is uploadPicture of demo picture seed.
func (s *site) uploadDemoPicture(name string, seed int, tgAlt, faAlt string) uint {
	s.t.Helper()
	file := filepath.Join(s.t.TempDir(), name)
	if err := os.WriteFile(file, media.DemoJPEG(seed), 0o644); err != nil {
		s.t.Fatal(err)
	}
	s.run(
		chromedp.Navigate(s.url+"/admin/media"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="media-upload"]`)),
		chromedp.SetUploadFiles(chromedp.CSS(`input[name="file"]`), []string{file}),
	)
	s.typeText(`[name="alt.tg"]`, tgAlt)
	s.typeText(`[name="alt.fa"]`, faAlt)
	s.run(
		chromedp.Click(chromedp.CSS(`[data-testid="media-upload-submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="media-title"]`)),
	)
	var mediaID uint
	fmt.Sscanf(get(s, chromedp.Evaluate[string](`location.pathname`)), "/admin/media/%d", &mediaID)
	if mediaID == 0 {
		s.t.Fatal("no picture id after the upload")
	}
	return mediaID
}
