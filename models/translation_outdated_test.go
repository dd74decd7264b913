package models

import (
	"context"
	"strings"
	"testing"
)

// restoreRevision restores the revision of loc that is back steps from its
// newest one (0 is the newest), as the History page does.
func restoreRevision(t *testing.T, s *Store, id uint, loc string, back int) {
	t.Helper()
	ctx := context.Background()
	revs, err := s.ListRevisions(ctx, id, loc)
	must(t, err)
	a, err := s.FindArticle(ctx, id)
	must(t, err)
	tr, _ := a.Translation(loc)
	_, err = s.RestoreRevision(ctx, revs[back].ID, tr.Version, nil)
	must(t, err)
}

// TestOutdatedClearsWhenTheSourceIsBack: a translation stops being outdated
// by itself once its source's text is back to what it last matched, by a
// restore or by typing it back, and the other rules still hold.
func TestOutdatedClearsWhenTheSourceIsBack(t *testing.T) {
	const tgFirst = "Вазорат лоиҳаро оғоз кард" // as runTrackingSteps creates it
	type step = trackingStep
	edit := func(loc string, change func(*TranslationInput)) func(*testing.T, *Store, uint) {
		return func(t *testing.T, s *Store, id uint) { editTranslation(t, s, id, loc, change) }
	}
	restore := func(loc string, back int) func(*testing.T, *Store, uint) {
		return func(t *testing.T, s *Store, id uint) { restoreRevision(t, s, id, loc, back) }
	}
	addRU := func(t *testing.T, s *Store, id uint) {
		_, err := s.SaveArticle(context.Background(), ArticleInput{ID: id, Translations: []TranslationInput{published("ru", "Министерство начало проект", 1)}})
		must(t, err)
	}
	both := map[string]bool{"tg": false, "fa": false}
	faBehind := map[string]bool{"tg": false, "fa": true}
	tests := []struct {
		name  string
		steps []step
	}{
		{"restoring the revision fa was made from clears fa", []step{
			{"edit tg", edit("tg", retitle("Вазорат лоиҳаи навро оғоз кард")), faBehind},
			{"restore tg's first revision", restore("tg", 1), both},
			{"a real edit after it marks fa again", edit("tg", retitle("Сарлавҳаи сеюм")), faBehind},
		}},
		{"typing the old text back clears, markup aside", []step{
			{"edit tg's title and body", edit("tg", func(in *TranslationInput) { in.Title, in.BodyHTML = "Дигар", "<p>Матни дигар</p>" }), faBehind},
			{"edit tg again", edit("tg", func(in *TranslationInput) { in.Summary = "Хулоса" }), faBehind},
			{"type the first text back", edit("tg", func(in *TranslationInput) {
				in.Title, in.Summary, in.BodyHTML = tgFirst, "", `<p dir="auto"><strong>`+tgFirst+`</strong></p>`
			}), both},
		}},
		{"back to a text fa never matched keeps fa outdated", []step{
			{"edit tg", edit("tg", retitle("Дуюм")), faBehind},
			{"edit tg again", edit("tg", retitle("Сеюм")), faBehind},
			{"restore the second title", restore("tg", 1), faBehind},
		}},
		{"back to the text fa caught up with, not the first one", []step{
			{"edit tg", edit("tg", retitle("Дуюм")), faBehind},
			{"fa catches up", edit("fa", retitle("دوم")), both},
			{"edit tg again", edit("tg", retitle("Сеюм")), faBehind},
			{"restore the second title", restore("tg", 1), both},
		}},
		{"an autosave of the old text clears nothing, its save does", []step{
			{"edit tg", edit("tg", retitle("Дуюм")), faBehind},
			{"autosave the first title", edit("tg", func(in *TranslationInput) { in.Title, in.Autosave, in.SeenRevisionID = tgFirst, true, 0 }), faBehind},
			{"save it", edit("tg", func(*TranslationInput) {}), both},
			{"autosave another title", edit("tg", func(in *TranslationInput) { in.Title, in.Autosave, in.SeenRevisionID = "Нимкора", true, 0 }), both},
		}},
		{"a minor save typing the old text back clears too", []step{
			{"edit tg", edit("tg", retitle("Дуюм")), faBehind},
			{"minor save of the first title", edit("tg", func(in *TranslationInput) { in.Title, in.Minor = tgFirst, true }), both},
			{"save it as is", edit("tg", func(*TranslationInput) {}), both},
		}},
		{"a minor typo fix after a restore marks nobody", []step{
			{"edit tg", edit("tg", retitle("Дуюм")), faBehind},
			{"restore tg", restore("tg", 1), both},
			{"minor typo fix", edit("tg", func(in *TranslationInput) { in.Title, in.Minor = tgFirst+".", true }), both},
			{"autosave after it", edit("tg", func(in *TranslationInput) { in.Title, in.Autosave, in.SeenRevisionID = "Нимкора", true, 0 }), both},
		}},
		{"either side: a fa restore clears tg", []step{
			{"edit fa", edit("fa", retitle("عنوان تازه\u200cای")), map[string]bool{"tg": true, "fa": false}},
			{"restore fa", restore("fa", 1), both},
		}},
		{"three languages: a restore clears only those it brings back", []step{
			{"add ru", addRU, map[string]bool{"tg": false, "fa": false, "ru": false}},
			{"edit tg", edit("tg", retitle("Дуюм")), map[string]bool{"tg": false, "fa": true, "ru": true}},
			{"ru catches up", edit("ru", retitle("Второй")), map[string]bool{"tg": false, "fa": true, "ru": false}},
			// fa matched the first tg title, ru the second.
			{"restore tg's first title", restore("tg", 1), map[string]bool{"tg": false, "fa": false, "ru": true}},
			{"ru follows", edit("ru", retitle("Первый")), map[string]bool{"tg": false, "fa": false, "ru": false}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { runTrackingSteps(t, tt.steps) })
	}
}

// TestSourceChangesLeaveOutASourceThatIsBack: with three languages, a
// translation still behind one source does not list the other, whose text
// is back to what it matched (its diff would say "no change").
func TestSourceChangesLeaveOutASourceThatIsBack(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "Аввал", 2), published("fa", "نخست", 2), published("ru", "Первый", 2))
	editTranslation(t, s, a.ID, "tg", retitle("Дуюм"))
	editTranslation(t, s, a.ID, "ru", retitle("Второй")) // ru was behind: catching up marks nobody
	editTranslation(t, s, a.ID, "ru", func(in *TranslationInput) { in.Summary = "Итог" })
	restoreRevision(t, s, a.ID, "tg", 1)

	now, err := s.FindArticle(ctx, a.ID)
	must(t, err)
	changes, err := s.SourceChanges(ctx, now, "fa")
	must(t, err)
	var locs []string
	for _, c := range changes {
		locs = append(locs, c.Locale)
	}
	if got := strings.Join(locs, ","); got != "ru" {
		t.Fatalf("fa's source changes come from %q, want only ru", got)
	}
}
