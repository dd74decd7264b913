package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/internal/datefmt"
	"github.com/payvand/payvand/models"
)

// TestScheduledPaneSaysWhenWithACountdown opens an article whose Persian
// translation is published for two days from now, in the Persian
// interface: its pane says it is scheduled, for when (Solar Hijri, Persian
// digits, as the list and save notice write dates), and counts down live.
func TestScheduledPaneSaysWhenWithACountdown(t *testing.T) {
	s := newSite(t)
	at := time.Now().UTC().Add(50 * time.Hour).Truncate(time.Minute)
	a := s.seedArticle([]models.TranslationInput{
		{Locale: "tg", Status: models.StatusPublished, Title: "Намоишгоҳи китоб", BodyHTML: "<p>Матн</p>"},
		{Locale: "fa", Status: models.StatusPublished, PublishedAt: &at, Title: "نمایشگاه کتاب", BodyHTML: "<p>متن</p>"},
	}...)
	s.signIn("editor@example.com")
	s.useInterface("fa")
	start := time.Now()
	s.openArticle(a.ID)
	s.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid="scheduled-fa"]`)))
	t.Logf("editor open with the scheduled notice: %v", time.Since(start).Round(time.Millisecond))
	notice := s.text(`[data-testid="scheduled-fa"]`)
	if want := "زمان\u200cبندی\u200cشده برای " + datefmt.Format("fa", at, time.UTC); !strings.HasPrefix(notice, want) {
		t.Errorf("the scheduled pane says %q, want it to start with %q", notice, want)
	}
	if get(s, chromedp.Evaluate[bool](`!!document.querySelector('[data-testid="scheduled-tg"]')`)) {
		t.Error("the published Tajik pane says it is scheduled")
	}
	first := s.text(`[data-testid="countdown-fa"]`)
	// Two days, and hours:minutes:seconds, in Persian digits.
	if !strings.Contains(first, "۲ روز و ۰۱:") || strings.ContainsAny(first, "0123456789") {
		t.Errorf("countdown %q, want 2 days and 01:mm:ss left in Persian digits", first)
	}
	get(s, chromedp.Poll[bool](fmt.Sprintf(`document.querySelector('[data-testid="countdown-fa"]').textContent !== %q`, first), chromedp.WithPollingTimeout(5*time.Second)))
	s.screenshotOf("scheduled", `[data-testid="pane-fa"]`)
	if field := s.value(`[data-testid="fa-published_at"]`); field != datefmt.FieldValue("fa", at, time.UTC) {
		t.Errorf("the time field holds %q, want the Solar Hijri %q", field, datefmt.FieldValue("fa", at, time.UTC))
	}
}

// TestDraftTimeFieldStartsEmpty takes a translation back to draft after it
// was public: its time field comes empty, not with the time that has
// passed, and publishing it again with the field left empty makes it
// public from that moment.
func TestDraftTimeFieldStartsEmpty(t *testing.T) {
	s := newSite(t)
	old := time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)
	a := s.seedArticle([]models.TranslationInput{
		{Locale: "tg", Status: models.StatusPublished, PublishedAt: &old, Title: "Намоишгоҳи китоб", BodyHTML: "<p>Матн</p>"},
		{Locale: "fa", Status: models.StatusPublished, PublishedAt: &old, Title: "نمایشگاه کتاب", BodyHTML: "<p>متن</p>"},
	}...)
	tr, _ := a.Translation("tg")
	if _, err := s.store.SaveArticle(context.Background(), models.ArticleInput{ID: a.ID, Translations: []models.TranslationInput{
		{Locale: "tg", Version: tr.Version, Status: models.StatusDraft, Title: tr.Title, BodyHTML: tr.BodyHTML},
	}}); err != nil {
		t.Fatal(err)
	}
	s.signIn("editor@example.com")
	s.openArticle(a.ID)
	if v := s.value(`[data-testid="tg-published_at"]`); v != "" {
		t.Fatalf("the draft's time field holds %q, want it empty", v)
	}
	if v := s.value(`[data-testid="fa-published_at"]`); v != "01.03.2024 08:00" {
		t.Errorf("the published Persian pane's time field in the Tajik interface holds %q, want 01.03.2024 08:00", v)
	}
	before := time.Now().UTC().Add(-time.Second)
	s.run(
		chromedp.SetValue(chromedp.CSS(`[data-testid="tg-status"]`), "published"),
		chromedp.Click(chromedp.CSS(`[data-testid="save-tg"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice-tg"]`)),
	)
	var got struct {
		Data struct {
			PublishedAt time.Time `json:"published_at"`
		} `json:"data"`
	}
	s.apiJSON(fmt.Sprintf("/api/v1/tg/articles/%d", a.ID), &got)
	if got.Data.PublishedAt.Before(before) {
		t.Errorf("published again with the field empty: published_at %v, want now (after %v), not the old time", got.Data.PublishedAt, before)
	}
}

// TestSolarHijriTimeIsSavedInUTC types a Solar Hijri date into the Persian
// interface's time field, in Persian and in ASCII digits: the API then
// sends the instant it names, in UTC, and the field shows it back in the
// Persian calendar. A day the calendar lacks is refused beside the field.
func TestSolarHijriTimeIsSavedInUTC(t *testing.T) {
	s := newSite(t)
	a := s.seedArticle([]models.TranslationInput{
		{Locale: "tg", Status: models.StatusDraft, Title: "Намоишгоҳи китоб", BodyHTML: "<p>Матн</p>"},
		{Locale: "fa", Status: models.StatusDraft, Title: "نمایشگاه کتاب", BodyHTML: "<p>متن</p>"},
	}...)
	s.signIn("editor@example.com")
	s.useInterface("fa")
	s.openArticle(a.ID)
	field := `[data-testid="fa-published_at"]`
	// 12 Azar 1405 is 3 December 2026; the tests' site time zone is UTC.
	for typed, want := range map[string]string{"۱۴۰۵/۰۹/۱۲ ۰۹:۰۰": "2026-12-03T09:00:00Z", "1405/9/1 18:45": "2026-11-22T18:45:00Z"} {
		s.run(chromedp.Clear(chromedp.CSS(field)))
		s.typeText(field, typed)
		s.run(chromedp.SetValue(chromedp.CSS(`[data-testid="fa-status"]`), "published"))
		start := time.Now()
		s.run(
			chromedp.Click(chromedp.CSS(`[data-testid="save-fa"]`)),
			chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice-fa"]`)),
		)
		s.htmxSettled()
		t.Logf("save with %q: notice after %v", typed, time.Since(start).Round(time.Millisecond))
		var got struct {
			Data struct {
				PublishedAt string `json:"published_at"`
			} `json:"data"`
		}
		s.apiJSON(fmt.Sprintf("/api/v1/fa/articles/%d", a.ID), &got)
		if got.Data.PublishedAt != want {
			t.Errorf("typed %q: the API says published_at %q, want %q", typed, got.Data.PublishedAt, want)
		}
		wantAt, _ := time.Parse(time.RFC3339, want)
		if v := s.value(field); v != datefmt.FieldValue("fa", wantAt, time.UTC) {
			t.Errorf("typed %q: the field shows %q after the save, want %q", typed, v, datefmt.FieldValue("fa", wantAt, time.UTC))
		}
	}
	s.run(chromedp.Clear(chromedp.CSS(field)))
	s.typeText(field, "۱۴۰۵/۰۷/۳۱ ۰۹:۰۰") // Mehr has 30 days
	s.run(
		chromedp.Click(chromedp.CSS(`[data-testid="save-fa"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="error-fa-published_at"]`)),
	)
	if msg := s.text(`[data-testid="error-fa-published_at"]`); !strings.Contains(msg, "سال/ماه/روز") {
		t.Errorf("the refusal beside the field says %q, want it to show the expected form", msg)
	}
	if v := s.value(field); v != "۱۴۰۵/۰۷/۳۱ ۰۹:۰۰" {
		t.Errorf("the refused field holds %q, want what was typed", v)
	}
}
