package e2e

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestRefusedUploadShowsWhyBesideTheFile sends a picture the server refuses
// (an SVG, 415) from the media library. The page sends the upload with the
// X-CSRF-Token header, so the server gets as far as the file, and the
// refusal shows in place: the reason beside the file input and the typed
// alt text kept, ZWNJ included.
func TestRefusedUploadShowsWhyBesideTheFile(t *testing.T) {
	s := newSite(t)
	file := filepath.Join(t.TempDir(), "logo.svg")
	if err := os.WriteFile(file, []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), 0o644); err != nil {
		t.Fatal(err)
	}
	const faAlt = "نشان\u200cواره"
	s.signIn("editor@example.com")
	s.run(
		chromedp.Navigate(s.url+"/admin/media"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="media-upload"]`)),
		chromedp.SetUploadFiles(chromedp.CSS(`input[name="file"]`), []string{file}),
	)
	s.typeText(`[name="alt.fa"]`, faAlt)
	s.run(
		chromedp.Click(chromedp.CSS(`[data-testid="media-upload-submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="error-file"]`)),
	)
	if msg := s.text(`[data-testid="error-file"]`); msg == "" {
		t.Fatal("no message beside the file input")
	}
	if got := get(s, chromedp.Value(chromedp.CSS(`[name="alt.fa"]`))); got != faAlt {
		t.Fatalf("alt.fa after the refusal = %q, want %q", got, faAlt)
	}
}
