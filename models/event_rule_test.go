package models

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/viewcount"
)

// eventLog reads the events committed since the last call.
type eventLog struct {
	s   *Store
	pos int64
}

func (l *eventLog) next(t *testing.T) []Event {
	t.Helper()
	evs, err := l.s.EventsAfter(context.Background(), l.pos, 10000)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) > 0 {
		l.pos = evs[len(evs)-1].Position
	}
	return evs
}

// names writes events as "type article locale" (article events) or "type"
// (others), in commit order.
func (l *eventLog) names(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, ev := range l.next(t) {
		if ev.ArticleID != nil {
			out = append(out, fmt.Sprintf("%s %d %s", ev.Type, *ev.ArticleID, ev.Locale))
		} else {
			out = append(out, ev.Type)
		}
	}
	return out
}

// Every kind of article write, in sequence on one article: exactly the
// events the rule names, and none for drafts, autosaves, saves nobody can
// see and rolled-back writes.
func TestArticleEventsFollowThePublicAnswer(t *testing.T) {
	s, c := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "culture", nil)
	log := &eventLog{s: s}
	log.next(t)
	var a, draft *Article
	steps := []struct {
		name  string
		write func() error
		want  []string
	}{
		{"publish two translations", func() error {
			a = mustArticle(t, s, sec.ID, published("fa", "کتاب\u200cخانه", 1), published("tg", "Китобхона", 1))
			return nil
		}, []string{"article.published 1 tg", "article.published 1 fa"}},
		{"a new draft", func() error {
			draft = mustArticle(t, s, sec.ID, TranslationInput{Locale: "tg", Status: StatusDraft, Title: "Сиёҳнавис"})
			return nil
		}, nil},
		{"an autosave of the draft", func() error {
			editTranslation(t, s, draft.ID, "tg", func(in *TranslationInput) { in.BodyHTML = "<p>Матн</p>"; in.Autosave = true })
			return nil
		}, nil},
		{"a Persian title change updates the Tajik answer too", func() error {
			editTranslation(t, s, a.ID, "fa", func(in *TranslationInput) { in.Title = "کتاب\u200cخانهٔ ملی" })
			return nil
		}, []string{"article.updated 1 tg", "article.updated 1 fa"}},
		{"a minor save that changes nothing public", func() error {
			c.t = c.t.Add(time.Minute)
			editTranslation(t, s, a.ID, "tg", func(in *TranslationInput) { in.Minor = true })
			return nil
		}, nil},
		{"a rolled-back save (stale version)", func() error {
			stale := published("tg", "Нав", 1)
			_, err := s.SaveArticle(ctx, ArticleInput{ID: a.ID, Translations: []TranslationInput{stale}})
			if _, ok := errors.AsType[*ConflictError](err); !ok {
				return fmt.Errorf("stale save = %v, want a conflict", err)
			}
			return nil
		}, nil},
		{"a save that brings the outdated Tajik translation up to date", func() error {
			editTranslation(t, s, a.ID, "tg", func(in *TranslationInput) {})
			return nil
		}, []string{"article.updated 1 tg", "article.updated 1 fa"}},
		{"the Persian translation back to draft", func() error {
			editTranslation(t, s, a.ID, "fa", func(in *TranslationInput) { in.Status = StatusDraft })
			return nil
		}, []string{"article.updated 1 tg", "article.unpublished 1 fa"}},
		{"trash", func() error { return s.TrashArticle(ctx, a.ID) }, []string{"article.unpublished 1 tg"}},
		{"restore", func() error { return s.RestoreArticle(ctx, a.ID) }, []string{"article.published 1 tg"}},
		{"rescheduled into the future", func() error {
			editTranslation(t, s, a.ID, "tg", func(in *TranslationInput) { at := c.t.Add(time.Hour); in.PublishedAt = &at })
			return nil
		}, []string{"article.unpublished 1 tg"}},
		{"its new time comes", func() error {
			c.t = c.t.Add(2 * time.Hour)
			_, err := s.AnnounceDue(ctx)
			return err
		}, []string{"article.published 1 tg"}},
		{"trash and purge", func() error {
			if err := s.TrashArticle(ctx, a.ID); err != nil {
				return err
			}
			_, err := s.PurgeTrash(ctx, c.t.Add(time.Hour))
			return err
		}, []string{"article.unpublished 1 tg", "article.deleted 1 tg"}},
		{"views", func() error {
			return s.AddViews(ctx, map[viewcount.Key]int64{{Article: draft.ID, Locale: "tg"}: 5}, c.t)
		}, nil},
	}
	for _, step := range steps {
		if err := step.write(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if got := log.names(t); !slices.Equal(got, step.want) {
			t.Errorf("%s: events %q, want %q", step.name, got, step.want)
		}
	}
}

func TestArticleEventData(t *testing.T) {
	s, _ := newTestStore(t)
	sec := mustSection(t, s, "culture", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "Китобхона", 1))
	log := &eventLog{s: s}
	log.next(t)
	editTranslation(t, s, a.ID, "tg", func(in *TranslationInput) { in.Slug = "kitobkhonai-milli" })
	evs := log.next(t)
	if len(evs) != 1 {
		t.Fatalf("events = %d, want 1", len(evs))
	}
	want := fmt.Sprintf(`{"article_id":%d,"locale":"tg","slug":"kitobkhonai-milli","previous_slug":"kitobkhona","section":"culture","url":null,"previous_url":null}`, a.ID)
	if string(evs[0].Data) != want || evs[0].Type != EventArticleUpdated || !evs[0].OccurredAt.Equal(testNow) {
		t.Fatalf("event = %s %s %s\nwant data %s", evs[0].Type, evs[0].OccurredAt, evs[0].Data, want)
	}
}

// Renaming an article changes the answers of the articles that list it as
// related; they get article.updated too.
func TestRelatedRenameUpdatesTheArticlesListingIt(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	target := mustArticle(t, s, sec.ID, published("tg", "Ҳадаф", 2))
	other := mustArticle(t, s, sec.ID, published("tg", "Дигар", 3))
	log := &eventLog{s: s}
	log.next(t)
	lister, err := s.SaveArticle(ctx, ArticleInput{Shared: &SharedInput{SectionID: sec.ID, Related: []uint{target.ID}},
		Translations: []TranslationInput{published("tg", "Рӯйхат", 1)}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{fmt.Sprintf("article.updated %d tg", target.ID), fmt.Sprintf("article.published %d tg", lister.ID)}
	if got := log.names(t); !slices.Equal(got, want) {
		t.Fatalf("linking: events %q, want %q", got, want)
	}
	editTranslation(t, s, target.ID, "tg", func(in *TranslationInput) { in.Title = "Ҳадафи нав" })
	want = []string{fmt.Sprintf("article.updated %d tg", target.ID), fmt.Sprintf("article.updated %d tg", lister.ID)}
	if got := log.names(t); !slices.Equal(got, want) {
		t.Fatalf("rename: events %q, want %q", got, want)
	}
	editTranslation(t, s, other.ID, "tg", func(in *TranslationInput) { in.Title = "Дигари нав" })
	want = []string{fmt.Sprintf("article.updated %d tg", other.ID)}
	if got := log.names(t); !slices.Equal(got, want) {
		t.Fatalf("unrelated rename: events %q, want %q", got, want)
	}
}

// A scheduled translation is announced once its time has come, by
// AnnounceDue, and never twice.
func TestAnnounceDuePublishesScheduledTranslations(t *testing.T) {
	s, c := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	log := &eventLog{s: s}
	log.next(t)
	later := published("tg", "Баъдтар", 0)
	at := testNow.Add(time.Hour)
	later.PublishedAt = &at
	a := mustArticle(t, s, sec.ID, later)
	if got := log.names(t); len(got) != 0 {
		t.Fatalf("scheduling: events %q, want none", got)
	}
	if n, err := s.AnnounceDue(ctx); n != 0 || err != nil {
		t.Fatalf("AnnounceDue before the time = %d, %v", n, err)
	}
	c.t = at.Add(time.Second)
	if n, err := s.AnnounceDue(ctx); n != 1 || err != nil {
		t.Fatalf("AnnounceDue at the time = %d, %v", n, err)
	}
	want := []string{fmt.Sprintf("article.published %d tg", a.ID)}
	if got := log.names(t); !slices.Equal(got, want) {
		t.Fatalf("events %q, want %q", got, want)
	}
	if n, err := s.AnnounceDue(ctx); n != 0 || err != nil {
		t.Fatalf("AnnounceDue again = %d, %v", n, err)
	}
	if got := log.names(t); len(got) != 0 {
		t.Fatalf("second AnnounceDue: events %q, want none", got)
	}
}

func TestSectionAndMediaEvents(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	log := &eventLog{s: s}
	sec := mustSection(t, s, "culture", nil)
	if got := log.names(t); !slices.Equal(got, []string{"section.updated"}) {
		t.Fatalf("create section: events %q", got)
	}
	pic := mustMedia(t, s, "pamir.jpg", map[string]MediaText{"tg": {Alt: "Помир"}})
	a, err := s.SaveArticle(ctx, ArticleInput{Shared: &SharedInput{SectionID: sec.ID, FeaturedMediaID: &pic.ID},
		Translations: []TranslationInput{published("tg", "Кӯҳҳо", 1), published("fa", "کوه\u200cها", 1)}})
	if err != nil {
		t.Fatal(err)
	}
	log.next(t)

	if err := s.UpdateMediaTexts(ctx, pic.ID, map[string]MediaText{"tg": {Alt: "Кӯҳҳои Помир"}}); err != nil {
		t.Fatal(err)
	}
	evs := log.next(t)
	if len(evs) != 2 || evs[0].Type != EventArticleUpdated || evs[0].Locale != "tg" || evs[1].Type != EventMediaUpdated {
		t.Fatalf("alt change: events %+v", evs)
	}
	var data MediaEventData
	if err := json.Unmarshal(evs[1].Data, &data); err != nil || data.MediaID != pic.ID || len(data.Articles) != 1 ||
		data.Articles[0] != (MediaEventTarget{ArticleID: a.ID, Locale: "tg", Slug: "kuhho"}) {
		t.Fatalf("media.updated data = %s", evs[1].Data)
	}
	if err := s.UpdateMediaTexts(ctx, pic.ID, map[string]MediaText{"tg": {Alt: "Кӯҳҳои Помир"}}); err != nil {
		t.Fatal(err)
	}
	if got := log.names(t); len(got) != 0 {
		t.Fatalf("unchanged alt: events %q", got)
	}

	// The same picture uploaded again with a new Persian alt text changes
	// what the Persian answer shows.
	if _, err := s.SaveMedia(ctx, MediaInput{Hash: pic.Hash, Path: pic.Path, MimeType: pic.MimeType, Width: pic.Width, Height: pic.Height,
		Texts: map[string]MediaText{"fa": {Alt: "کوه\u200cهای پامیر"}}}); err != nil {
		t.Fatal(err)
	}
	want := []string{fmt.Sprintf("article.updated %d fa", a.ID), "media.updated"}
	if got := log.names(t); !slices.Equal(got, want) {
		t.Fatalf("upload again with a new alt: events %q, want %q", got, want)
	}

	_, err = s.SaveSection(ctx, SectionInput{ID: sec.ID, Version: 1, Slug: "culture", Names: map[string]string{"tg": "Фарҳанг", "fa": sec.Name("fa")}})
	if err != nil {
		t.Fatal(err)
	}
	want = []string{fmt.Sprintf("article.updated %d tg", a.ID), "section.updated"}
	if got := log.names(t); !slices.Equal(got, want) {
		t.Fatalf("rename section: events %q, want %q", got, want)
	}
	other := mustSection(t, s, "news", nil)
	log.next(t)
	if err := s.MoveSection(ctx, other.ID, true); err != nil {
		t.Fatal(err)
	}
	if got := log.names(t); !slices.Equal(got, []string{"section.updated", "section.updated"}) {
		t.Fatalf("move section: events %q, want both swapped sections updated", got)
	}
	if err := s.DeleteSection(ctx, sec.ID, &other.ID); err != nil {
		t.Fatal(err)
	}
	want = []string{fmt.Sprintf("article.updated %d tg", a.ID), fmt.Sprintf("article.updated %d fa", a.ID), "section.deleted"}
	if got := log.names(t); !slices.Equal(got, want) {
		t.Fatalf("delete section: events %q, want %q", got, want)
	}
}
