package e2e

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/models"
)

// TestBodyPictureRoundTripsThroughTheEditor inserts a library picture into
// a Persian body with the picker, saves, and finds the picture stored by
// media id and answered by the API with src, srcset, width and height;
// the editor loads it again showing the picture, and saving that stores
// the same body.
func TestBodyPictureRoundTripsThroughTheEditor(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	const faAlt = "کوه\u200cهای پامیر در بامداد"
	s.signIn("editor@example.com")
	mediaID := s.uploadPicture("pamir.jpg", "Кӯҳҳои Помир", faAlt)

	sec, err := s.store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо", "fa": "اخبار"}})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID}, Translations: []models.TranslationInput{
		{Locale: "fa", Status: models.StatusPublished, Title: "فصل کوه\u200cنوردی", BodyHTML: "<p>متن</p>"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	editor := fmt.Sprintf("%s/admin/articles/%d", s.url, a.ID)
	pick := fmt.Sprintf(`#media-dialog .media-pick[data-media-id="%d"]`, mediaID)
	s.run(
		chromedp.Navigate(editor),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="pane-fa"] [data-editor-mounted]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="pane-fa"] .ProseMirror p`)),
		chromedp.Click(chromedp.CSS(`[data-media-picker="fa-body"]`)),
		chromedp.WaitVisible(chromedp.CSS(pick)),
		chromedp.Click(chromedp.CSS(pick)),
	)
	s.waitPictureShown()
	s.run(
		chromedp.Click(chromedp.CSS(`[data-testid="save-fa"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice-fa"]`)),
	)

	stored := s.faBody(a.ID)
	if want := fmt.Sprintf(`<img data-media-id="%d" alt="%s">`, mediaID, faAlt); !strings.Contains(stored, want) || strings.Contains(stored, "src=") {
		t.Fatalf("stored body %s, want it to hold %s", stored, want)
	}
	status, answer := s.apiArticle("fa", a.ID)
	if status != http.StatusOK {
		t.Fatalf("API answers %d", status)
	}
	img := regexp.MustCompile(`<img [^>]*>`).FindString(answer.Data.BodyHTML)
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`src="` + regexp.QuoteMeta(s.url) + `/media/[0-9a-f/]+-medium\.jpg"`),
		regexp.MustCompile(`srcset="` + regexp.QuoteMeta(s.url) + `/media/[^"]+ \d+w, [^"]+ \d+w`),
		regexp.MustCompile(`width="\d+" height="\d+"`),
		regexp.MustCompile(`alt="` + faAlt + `"`),
	} {
		if !want.MatchString(img) {
			t.Errorf("the API's picture %s does not match %s", img, want)
		}
	}

	// Loaded again, the editor shows the picture; saved again, the body is
	// the same.
	s.run(
		chromedp.Navigate(editor),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="pane-fa"] [data-editor-mounted]`)),
	)
	s.waitPictureShown()
	s.run(
		chromedp.Click(chromedp.CSS(`[data-testid="save-fa"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice-fa"]`)),
	)
	if again := s.faBody(a.ID); again != stored {
		t.Fatalf("load and save changed the body:\n%s\n%s", stored, again)
	}
}

// waitPictureShown waits until the Persian pane's editor shows a picture
// whose file loaded.
func (s *site) waitPictureShown() {
	s.t.Helper()
	get(s, chromedp.Poll[bool](`(() => { const img = document.querySelector('[data-testid="pane-fa"] .ProseMirror img'); return !!img && img.complete && img.naturalWidth > 0; })()`))
}

// faBody is the stored body of the article's Persian translation.
func (s *site) faBody(id uint) string {
	s.t.Helper()
	a, err := s.store.FindArticle(context.Background(), id)
	if err != nil {
		s.t.Fatal(err)
	}
	fa, _ := a.Translation("fa")
	return fa.BodyHTML
}
