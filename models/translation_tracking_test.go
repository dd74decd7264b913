package models

import (
	"context"
	"errors"
	"maps"
	"strings"
	"testing"
	"time"
)

// editTranslation saves loc of the article with its current version and
// text, changed by change, as an editor who has seen every revision so far.
func editTranslation(t *testing.T, s *Store, id uint, loc string, change func(*TranslationInput)) {
	t.Helper()
	ctx := context.Background()
	a, err := s.FindArticle(ctx, id)
	must(t, err)
	tr, ok := a.Translation(loc)
	if !ok {
		t.Fatalf("article %d has no %s translation", id, loc)
	}
	seen := a.SeenMark()
	in := TranslationInput{Locale: loc, Version: tr.Version, Status: tr.Status, PublishedAt: tr.PublishedAt,
		Title: tr.Title, Slug: tr.Slug, Summary: tr.Summary, BodyHTML: tr.BodyHTML, Byline: tr.Byline, SEO: tr.SEO, SeenRevisionID: seen}
	change(&in)
	_, err = s.SaveArticle(ctx, ArticleInput{ID: id, Translations: []TranslationInput{in}})
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
	type step = trackingStep
	edit := func(loc string, change func(*TranslationInput)) func(*testing.T, *Store, uint) {
		return func(t *testing.T, s *Store, id uint) { editTranslation(t, s, id, loc, change) }
	}
	autosave := func(loc, title string) func(*testing.T, *Store, uint) {
		return edit(loc, func(in *TranslationInput) { in.Title, in.Autosave, in.SeenRevisionID = title, true, 0 })
	}
	markCurrent := func(loc string) func(*testing.T, *Store, uint) {
		return func(t *testing.T, s *Store, id uint) {
			a, err := s.FindArticle(context.Background(), id)
			must(t, err)
			_, err = s.MarkTranslationCurrent(context.Background(), id, loc, a.SeenMark())
			must(t, err)
		}
	}
	addRU := func(status Status) func(*testing.T, *Store, uint) {
		return func(t *testing.T, s *Store, id uint) {
			in := published("ru", "Министерство начало проект", 1)
			in.Status = status
			_, err := s.SaveArticle(context.Background(), ArticleInput{ID: id, Translations: []TranslationInput{in}})
			must(t, err)
		}
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"a real edit leaves the others behind until they are saved", []step{
			{"edit tg", edit("tg", retitle("Вазорат лоиҳаи навро оғоз кард")), map[string]bool{"tg": false, "fa": true}},
			{"edit tg again", edit("tg", func(in *TranslationInput) { in.Summary = "Хулосаи нав" }), map[string]bool{"tg": false, "fa": true}},
			{"save fa", edit("fa", retitle("وزارت طرح تازه\u200cای را آغاز کرد")), map[string]bool{"tg": false, "fa": false}},
		}},
		{"a minor edit marks nothing", []step{
			{"minor tg", edit("tg", func(in *TranslationInput) { in.Title += "."; in.Minor = true }), map[string]bool{"tg": false, "fa": false}},
			{"a later save without changes", edit("tg", func(*TranslationInput) {}), map[string]bool{"tg": false, "fa": false}},
		}},
		{"a save that changes no text marks nothing", []step{
			{"unpublish tg", edit("tg", func(in *TranslationInput) { in.Status = StatusDraft }), map[string]bool{"tg": false, "fa": false}},
			{"change the slug", edit("tg", func(in *TranslationInput) { in.Slug = "nav" }), map[string]bool{"tg": false, "fa": false}},
			{"markup only", edit("tg", func(in *TranslationInput) { in.BodyHTML = strings.ReplaceAll(in.BodyHTML, "<p>", `<p dir="auto">`) }), map[string]bool{"tg": false, "fa": false}},
		}},
		{"a body edit counts", []step{
			{"edit body", edit("fa", func(in *TranslationInput) { in.BodyHTML = "<p>متن تازه می\u200cشود</p>" }), map[string]bool{"tg": true, "fa": false}},
		}},
		{"autosaves neither mark nor clear", []step{
			{"autosave tg", autosave("tg", "Нимкора"), map[string]bool{"tg": false, "fa": false}},
			{"then a minor save of the autosaved typo", edit("tg", func(in *TranslationInput) { in.Minor = true }), map[string]bool{"tg": false, "fa": false}},
			{"edit tg", edit("tg", retitle("Сарлавҳаи нав")), map[string]bool{"tg": false, "fa": true}},
			{"autosave fa", autosave("fa", "نیمه\u200cکاره"), map[string]bool{"tg": false, "fa": true}},
			{"minor save of fa", edit("fa", func(in *TranslationInput) { in.Minor = true }), map[string]bool{"tg": false, "fa": true}},
			{"save fa", edit("fa", func(*TranslationInput) {}), map[string]bool{"tg": false, "fa": false}},
		}},
		{"an edit autosaved, then saved, still counts", []step{
			{"autosave tg", autosave("tg", "Тағйири калон"), map[string]bool{"tg": false, "fa": false}},
			{"save tg as is", edit("tg", func(*TranslationInput) {}), map[string]bool{"tg": false, "fa": true}},
		}},
		{"mark current", []step{
			{"edit fa", edit("fa", retitle("عنوان تازه")), map[string]bool{"tg": true, "fa": false}},
			{"mark tg current", markCurrent("tg"), map[string]bool{"tg": false, "fa": false}},
		}},
		{"a new translation catches up and marks nobody", []step{
			{"add ru", addRU(StatusPublished), map[string]bool{"tg": false, "fa": false, "ru": false}},
			{"edit ru", edit("ru", retitle("Министерство запустило проект")), map[string]bool{"tg": true, "fa": true, "ru": false}},
			{"save fa", edit("fa", func(*TranslationInput) {}), map[string]bool{"tg": true, "fa": false, "ru": false}},
		}},
		{"a draft never published is work in progress", []step{
			{"add ru as a draft", addRU(StatusDraft), map[string]bool{"tg": false, "fa": false, "ru": false}},
			{"edit the ru draft", edit("ru", retitle("Черновик перевода")), map[string]bool{"tg": false, "fa": false, "ru": false}},
			{"publish ru with more text", edit("ru", func(in *TranslationInput) { in.Status = StatusPublished; in.Summary = "Готово" }), map[string]bool{"tg": false, "fa": false, "ru": false}},
			{"now its edits count", edit("ru", retitle("Исправленный заголовок")), map[string]bool{"tg": true, "fa": true, "ru": false}},
		}},
		{"three languages: no edit is lost", []step{
			{"add ru", addRU(StatusPublished), map[string]bool{"tg": false, "fa": false, "ru": false}},
			{"edit fa", edit("fa", retitle("عنوان دوم")), map[string]bool{"tg": true, "fa": false, "ru": true}},
			{"tg catches up", edit("tg", retitle("Сарлавҳаи дуюм")), map[string]bool{"tg": false, "fa": false, "ru": true}},
			{"tg adds more", edit("tg", func(in *TranslationInput) { in.Summary = "Иловаи нав" }), map[string]bool{"tg": false, "fa": true, "ru": true}},
			{"ru catches up with both", edit("ru", retitle("Второй заголовок")), map[string]bool{"tg": false, "fa": true, "ru": false}},
			{"fa catches up", edit("fa", func(in *TranslationInput) { in.Summary = "افزوده" }), map[string]bool{"tg": false, "fa": false, "ru": false}},
		}},
		{"translations saved together are in step, minor or not", []step{
			{"edit tg, minor fa, together", func(t *testing.T, s *Store, id uint) {
				a, err := s.FindArticle(context.Background(), id)
				must(t, err)
				tg, _ := a.Translation("tg")
				fa, _ := a.Translation("fa")
				_, err = s.SaveArticle(context.Background(), ArticleInput{ID: id, Translations: []TranslationInput{
					{Locale: "tg", Version: tg.Version, Status: tg.Status, Title: "Ҳарду", BodyHTML: tg.BodyHTML},
					{Locale: "fa", Version: fa.Version, Status: fa.Status, Title: "هر دو", BodyHTML: fa.BodyHTML, Minor: true},
				}})
				must(t, err)
			}, map[string]bool{"tg": false, "fa": false}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { runTrackingSteps(t, tt.steps) })
	}
}

// trackingStep is one step of a translation-tracking scenario and the
// outdated flags expected after it.
type trackingStep struct {
	name   string
	do     func(t *testing.T, s *Store, id uint)
	expect map[string]bool
}

// runTrackingSteps creates a published tg/fa article, then runs the steps
// a minute apart, checking the outdated flags after each.
func runTrackingSteps(t *testing.T, steps []trackingStep) {
	t.Helper()
	s, c := newTestStore(t)
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "Вазорат лоиҳаро оғоз кард", 2), published("fa", "وزارت طرح را آغاز کرد", 2))
	if got := outdatedLocales(t, s, a.ID); got["tg"] || got["fa"] {
		t.Fatalf("a new article has outdated translations: %v", got)
	}
	for _, st := range steps {
		c.t = c.t.Add(time.Minute)
		st.do(t, s, a.ID)
		if got := outdatedLocales(t, s, a.ID); !maps.Equal(got, st.expect) {
			t.Fatalf("after %q: outdated = %v, want %v", st.name, got, st.expect)
		}
	}
}

// TestOnlyWhatTheEditorSawIsCleared: a save, or "mark current", brings a
// translation up to date with the edits its editor had seen, not with one
// made in another browser since; a restore brings it up to date with none.
func TestOnlyWhatTheEditorSawIsCleared(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "Аввал", 2), published("fa", "نخست", 2))
	seenBefore := a.SeenMark()
	editTranslation(t, s, a.ID, "tg", retitle("Дуюм")) // meanwhile, in another browser

	fa, _ := a.Translation("fa")
	_, err := s.SaveArticle(ctx, ArticleInput{ID: a.ID, Translations: []TranslationInput{{
		Locale: "fa", Version: fa.Version, Status: fa.Status, Title: "نخست.", BodyHTML: fa.BodyHTML, SeenRevisionID: seenBefore,
	}}})
	must(t, err)
	if !outdatedLocales(t, s, a.ID)["fa"] {
		t.Fatal("a save by an editor who had not seen the tg edit cleared fa")
	}
	if still, err := s.MarkTranslationCurrent(ctx, a.ID, "fa", seenBefore); err != nil || !still {
		t.Fatalf("mark current with an old view: still outdated %v, %v; want true", still, err)
	}

	// A restore (no view of the others at all) keeps fa outdated.
	revs, err := s.ListRevisions(ctx, a.ID, "fa")
	must(t, err)
	now, _ := s.FindArticle(ctx, a.ID)
	cur, _ := now.Translation("fa")
	_, err = s.RestoreRevision(ctx, revs[len(revs)-1].ID, cur.Version, nil)
	must(t, err)
	if !outdatedLocales(t, s, a.ID)["fa"] {
		t.Fatal("restoring an old revision brought fa up to date")
	}

	before, _ := s.FindArticle(ctx, a.ID)
	faBefore, _ := before.Translation("fa")
	if still, err := s.MarkTranslationCurrent(ctx, a.ID, "fa", before.SeenMark()); err != nil || still {
		t.Fatalf("mark current having seen everything: still outdated %v, %v", still, err)
	}
	after, _ := s.FindArticle(ctx, a.ID)
	faAfter, _ := after.Translation("fa")
	if faAfter.Outdated || faAfter.Version != faBefore.Version || !faAfter.UpdatedAt.Equal(faBefore.UpdatedAt) {
		t.Errorf("mark current changed the translation: outdated %v, version %d→%d, updated %v→%v",
			faAfter.Outdated, faBefore.Version, faAfter.Version, faBefore.UpdatedAt, faAfter.UpdatedAt)
	}
}

func TestSourceChangesShowWhatTheTranslationMissed(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "Сарлавҳаи аввал", 2), published("fa", "عنوان نخست", 2))

	none, err := s.SourceChanges(ctx, a, "fa")
	must(t, err)
	if none != nil {
		t.Fatalf("an up-to-date translation has source changes: %+v", none)
	}

	editTranslation(t, s, a.ID, "tg", retitle("Сарлавҳаи дуюм"))
	editTranslation(t, s, a.ID, "tg", retitle("Сарлавҳаи сеюм"))
	now, err := s.FindArticle(ctx, a.ID)
	must(t, err)
	changes, err := s.SourceChanges(ctx, now, "fa")
	must(t, err)
	if len(changes) != 1 || changes[0].Locale != "tg" || changes[0].Base == nil {
		t.Fatalf("changes = %+v, want the tg source with its base revision", changes)
	}
	// The base is what fa last matched: the first title, not the second.
	if c := changes[0]; c.Base.Title != "Сарлавҳаи аввал" || c.Current.Title != "Сарлавҳаи сеюм" || c.At.IsZero() {
		t.Errorf("base %q, current %q, at %v", c.Base.Title, c.Current.Title, c.At)
	}
}

func TestMarkTranslationCurrentRefusesWhatIsNotThere(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "Танҳо тоҷикӣ", 1))
	if _, err := s.MarkTranslationCurrent(ctx, a.ID, "fa", 1); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing translation: %v, want ErrNotFound", err)
	}
	if _, err := s.MarkTranslationCurrent(ctx, 999, "tg", 1); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing article: %v, want ErrNotFound", err)
	}
	must(t, s.TrashArticle(ctx, a.ID))
	if _, err := s.MarkTranslationCurrent(ctx, a.ID, "tg", 1); !errors.Is(err, ErrNotFound) {
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
