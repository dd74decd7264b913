package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/models"
)

// TestPaneWordCountFollowsTheEditor shows each pane's word count and
// reading time under its body, counted as the API counts (ZWNJ keeps a
// Persian word whole), and recounts the Persian pane as the editor types.
func TestPaneWordCountFollowsTheEditor(t *testing.T) {
	s := newSite(t)
	a := s.seedArticle([]models.TranslationInput{
		{Locale: "tg", Status: models.StatusDraft, Title: "Намоишгоҳ", BodyHTML: "<p>Намоишгоҳи китоб</p><p>кушода шуд</p>"},
		{Locale: "fa", Status: models.StatusDraft, Title: "نمایشگاه", BodyHTML: "<p>متن</p>"},
	}...)
	s.signIn("editor@example.com")
	s.openArticle(a.ID)
	if got, want := s.text(`[data-testid="words-tg"]`), "4 калима, 1 дақиқа хондан"; got != want {
		t.Fatalf("tg pane from the server: %q, want %q (a paragraph break separates words)", got, want)
	}
	if got, want := s.text(`[data-testid="words-fa"]`), "1 калима, 1 дақиқа хондан"; got != want {
		t.Fatalf("fa pane from the server: %q, want %q", got, want)
	}
	// Spaces on both sides: wherever the click leaves the caret, two words join the one there.
	s.typeInEditor("fa", " آن\u200cها می\u200cخواهند ")
	want := "3 калима, 1 дақиқа хондан"
	got := get(s, chromedp.Poll[string](`(() => { const t = document.querySelector('[data-testid="words-fa"]').textContent.trim(); return t === `+"`"+want+"`"+` ? t : null; })()`,
		chromedp.WithPollingTimeout(10*time.Second)))
	if got != want {
		t.Fatalf("fa pane after typing: %q, want %q", got, want)
	}
	if got := s.text(`[data-testid="words-tg"]`); got != "4 калима, 1 дақиқа хондан" {
		t.Errorf("tg pane changed with fa's typing: %q", got)
	}
}
