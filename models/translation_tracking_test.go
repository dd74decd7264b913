package models

import (
	"context"
	"errors"
	"maps"
	"strings"
	"testing"
)

// editTranslation saves loc of the article with its current version and
// text, changed by change.
func editTranslation(t *testing.T, s *Store, id uint, loc string, change func(*TranslationInput)) {
	t.Helper()
	a, err := s.FindArticle(context.Background(), id)
	must(t, err)
	tr, ok := a.Translation(loc)
	if !ok {
		t.Fatalf("article %d has no %s translation", id, loc)
	}
	in := TranslationInput{Locale: loc, Version: tr.Version, Status: tr.Status, PublishedAt: tr.PublishedAt,
		Title: tr.Title, Slug: tr.Slug, Summary: tr.Summary, BodyHTML: tr.BodyHTML, Byline: tr.Byline}
	change(&in)
	_, err = s.SaveArticle(context.Background(), ArticleInput{ID: id, Translations: []TranslationInput{in}})
	must(t, err)
}

// outdatedLocales maps each translation of the article to its outdated flag.
func outdatedLocales(t *testing.T, s *Store, id uint) map[string]bool {
	t.Helper()
	a, err := s.FindArticle(context.Background(), id)
	must(t, err)
	out := map[string]bool{}
	for _, tr := range a.Translations {
		out[tr.Locale] = tr.Outdated
	}
	return out
}

func retitle(title string) func(*TranslationInput) {
	return func(in *TranslationInput) { in.Title = title }
}

func TestTranslationTracking(t *testing.T) {
	type step struct {
		name   string
		do     func(t *testing.T, s *Store, id uint)
		expect map[string]bool
	}
	edit := func(loc string, change func(*TranslationInput)) func(*testing.T, *Store, uint) {
		return func(t *testing.T, s *Store, id uint) { editTranslation(t, s, id, loc, change) }
	}
	markCurrent := func(loc string) func(*testing.T, *Store, uint) {
		return func(t *testing.T, s *Store, id uint) {
			must(t, s.MarkTranslationCurrent(context.Background(), id, loc))
		}
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"a real edit leaves the other behind until it is saved", []step{
			{"edit tg", edit("tg", retitle("Вазорат лоиҳаи навро оғоз кард")), map[string]bool{"tg": false, "fa": true}},
			{"edit tg again", edit("tg", func(in *TranslationInput) { in.Summary = "Хулосаи нав" }), map[string]bool{"tg": false, "fa": true}},
			{"save fa", edit("fa", retitle("وزارت طرح تازه\u200cای را آغاز کرد")), map[string]bool{"tg": false, "fa": false}},
		}},
		{"a minor edit marks nothing", []step{
			{"minor tg", edit("tg", func(in *TranslationInput) { in.Title += "."; in.Minor = true }), map[string]bool{"tg": false, "fa": false}},
		}},
		{"a save that changes no text marks nothing", []step{
			{"unpublish tg", edit("tg", func(in *TranslationInput) { in.Status = StatusDraft }), map[string]bool{"tg": false, "fa": false}},
			{"change the slug", edit("tg", func(in *TranslationInput) { in.Slug = "nav" }), map[string]bool{"tg": false, "fa": false}},
			{"markup only", edit("tg", func(in *TranslationInput) { in.BodyHTML = strings.ReplaceAll(in.BodyHTML, "<p>", `<p dir="auto">`) }), map[string]bool{"tg": false, "fa": false}},
		}},
		{"a body edit counts", []step{
			{"edit body", edit("fa", func(in *TranslationInput) { in.BodyHTML = "<p>متن تازه می\u200cشود</p>" }), map[string]bool{"tg": true, "fa": false}},
		}},
		{"an autosave marks the others but never brings itself up to date", []step{
			{"edit tg", edit("tg", retitle("Сарлавҳаи нав")), map[string]bool{"tg": false, "fa": true}},
			{"autosave fa", edit("fa", func(in *TranslationInput) { in.Title = "نیمه\u200cکاره"; in.Autosave = true }), map[string]bool{"tg": false, "fa": true}},
			{"minor save of fa", edit("fa", func(in *TranslationInput) { in.Title = "نیمه\u200cکاره."; in.Minor = true }), map[string]bool{"tg": false, "fa": true}},
			{"save fa", edit("fa", func(*TranslationInput) {}), map[string]bool{"tg": false, "fa": false}},
			{"autosave tg, now up to date, is an edit", edit("tg", func(in *TranslationInput) { in.Title = "Боз нав"; in.Autosave = true }), map[string]bool{"tg": false, "fa": true}},
		}},
		{"mark current", []step{
			{"edit fa", edit("fa", retitle("عنوان تازه")), map[string]bool{"tg": true, "fa": false}},
			{"mark tg current", markCurrent("tg"), map[string]bool{"tg": false, "fa": false}},
		}},
		{"a new translation catches up and marks nothing", []step{
			{"add ru", func(t *testing.T, s *Store, id uint) {
				_, err := s.SaveArticle(context.Background(), ArticleInput{ID: id, Translations: []TranslationInput{published("ru", "Министерство начало проект", 1)}})
				must(t, err)
			}, map[string]bool{"tg": false, "fa": false, "ru": false}},
			{"edit ru", edit("ru", retitle("Министерство запустило проект")), map[string]bool{"tg": true, "fa": true, "ru": false}},
			{"save fa", edit("fa", func(*TranslationInput) {}), map[string]bool{"tg": true, "fa": false, "ru": false}},
		}},
		{"translations saved together are in step", []step{
			{"edit both", func(t *testing.T, s *Store, id uint) {
				a, err := s.FindArticle(context.Background(), id)
				must(t, err)
				tg, _ := a.Translation("tg")
				fa, _ := a.Translation("fa")
				_, err = s.SaveArticle(context.Background(), ArticleInput{ID: id, Translations: []TranslationInput{
					{Locale: "tg", Version: tg.Version, Status: tg.Status, Title: "Ҳарду", BodyHTML: tg.BodyHTML},
					{Locale: "fa", Version: fa.Version, Status: fa.Status, Title: "هر دو", BodyHTML: fa.BodyHTML},
				}})
				must(t, err)
			}, map[string]bool{"tg": false, "fa": false}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newTestStore(t)
			sec := mustSection(t, s, "news", nil)
			a := mustArticle(t, s, sec.ID, published("tg", "Вазорат лоиҳаро оғоз кард", 2), published("fa", "وزارت طرح را آغاز کرد", 2))
			if got := outdatedLocales(t, s, a.ID); got["tg"] || got["fa"] {
				t.Fatalf("a new article has outdated translations: %v", got)
			}
			for _, st := range tt.steps {
				st.do(t, s, a.ID)
				if got := outdatedLocales(t, s, a.ID); !maps.Equal(got, st.expect) {
					t.Fatalf("after %q: outdated = %v, want %v", st.name, got, st.expect)
				}
			}
		})
	}
}

func TestSourceChangesShowWhatTheTranslationMissed(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "Сарлавҳаи аввал", 2), published("fa", "عنوان نخست", 2))

	none, err := s.FindSourceChanges(ctx, a.ID, "fa")
	must(t, err)
	if none != nil {
		t.Fatalf("an up-to-date translation has source changes: %+v", none)
	}

	editTranslation(t, s, a.ID, "tg", retitle("Сарлавҳаи дуюм"))
	editTranslation(t, s, a.ID, "tg", retitle("Сарлавҳаи сеюм"))
	before, _ := s.FindArticle(ctx, a.ID)
	faBefore, _ := before.Translation("fa")

	changes, err := s.FindSourceChanges(ctx, a.ID, "fa")
	must(t, err)
	if changes == nil || changes.Locale != "tg" || changes.Base == nil {
		t.Fatalf("changes = %+v, want the tg source with its base revision", changes)
	}
	// The base is what fa last matched: the first title, not the second.
	if changes.Base.Title != "Сарлавҳаи аввал" || changes.Current.Title != "Сарлавҳаи сеюм" || changes.Since.IsZero() {
		t.Errorf("base %q, current %q, since %v", changes.Base.Title, changes.Current.Title, changes.Since)
	}

	must(t, s.MarkTranslationCurrent(ctx, a.ID, "fa"))
	after, _ := s.FindArticle(ctx, a.ID)
	faAfter, _ := after.Translation("fa")
	if faAfter.Outdated || faAfter.OutdatedSource != "" || faAfter.OutdatedBaseRevisionID != nil || faAfter.OutdatedAt != nil {
		t.Errorf("marked current, still carries %+v", faAfter)
	}
	if faAfter.Version != faBefore.Version || faAfter.Title != faBefore.Title {
		t.Errorf("marking current changed the translation: version %d→%d", faBefore.Version, faAfter.Version)
	}
}

func TestMarkTranslationCurrentRefusesWhatIsNotThere(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "Танҳо тоҷикӣ", 1))
	if err := s.MarkTranslationCurrent(ctx, a.ID, "fa"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing translation: %v, want ErrNotFound", err)
	}
	if err := s.MarkTranslationCurrent(ctx, 999, "tg"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing article: %v, want ErrNotFound", err)
	}
	must(t, s.TrashArticle(ctx, a.ID))
	if err := s.MarkTranslationCurrent(ctx, a.ID, "tg"); !errors.Is(err, ErrNotFound) {
		t.Errorf("trashed article: %v, want ErrNotFound", err)
	}
}

func TestMinorEditIsRecordedInTheHistory(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "Хато", 1))
	editTranslation(t, s, a.ID, "tg", func(in *TranslationInput) { in.Title = "Хатo"; in.Minor = true })
	revs, err := s.ListRevisions(ctx, a.ID, "tg")
	must(t, err)
	if len(revs) != 2 || !revs[0].Minor || revs[1].Minor {
		t.Fatalf("revisions minor flags: %+v", revs)
	}
}
