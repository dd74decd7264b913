package wpimport

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/testdb"
	"github.com/payvand/payvand/models"
)

// clock is a test clock that can be moved on.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

func newStoreWithClock(t *testing.T, c *clock) *models.Store {
	t.Helper()
	s, err := models.Open(context.Background(), models.Options{Database: testdb.URL(t), Locales: locale.MustParse("fa,tg,ru"), Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// articleEvent is an article event as a test compares it.
type articleEvent struct {
	Type    string
	Article uint
	Locale  string
}

// eventsSince returns the events recorded after position from, the
// article events apart, and the newest position.
func eventsSince(t *testing.T, s *models.Store, from int64) (articles []articleEvent, others []string, last int64) {
	t.Helper()
	events, err := s.EventsAfter(context.Background(), from, 1000)
	if err != nil {
		t.Fatal(err)
	}
	last = from
	for _, ev := range events {
		last = ev.Position
		if ev.ArticleID == nil {
			others = append(others, ev.Type)
			continue
		}
		var d models.ArticleEventData
		if err := json.Unmarshal(ev.Data, &d); err != nil || d.ArticleID != *ev.ArticleID || d.Locale != ev.Locale || d.Slug == "" {
			t.Errorf("event %s data %s (%v)", ev.Type, ev.Data, err)
		}
		articles = append(articles, articleEvent{ev.Type, *ev.ArticleID, ev.Locale})
	}
	return sortedEvents(articles...), others, last
}

// sortedEvents orders article events by article, locale and type, as
// the rule records them in no order a test should depend on.
func sortedEvents(evs ...articleEvent) []articleEvent {
	slices.SortFunc(evs, func(a, b articleEvent) int {
		return cmp.Or(cmp.Compare(a.Article, b.Article), cmp.Compare(a.Locale, b.Locale), cmp.Compare(a.Type, b.Type))
	})
	return evs
}

// An import records the change events any save records (the event rule
// of models/event_rule.go): article.published for each translation public
// now, none for drafts, and the scheduled one's article.published when its
// time comes, like a scheduled save's; the sections and tags it makes are
// announced as their saves are. A dry run records nothing, a run that
// changes nothing records nothing, a run after a change in WordPress
// records article.updated for the translation that changed.
func TestImportRecordsChangeEvents(t *testing.T) {
	ctx := context.Background()
	c := &clock{now: testNow}
	s := newStoreWithClock(t, c)
	data := fixture(t)

	run(t, s, data, Options{DryRun: true})
	if last, err := s.LastEventPosition(ctx); err != nil || last != 0 {
		t.Fatalf("a dry run recorded events up to %d (%v)", last, err)
	}

	rep := run(t, s, data, Options{})
	a12, a20, a30 := articleOf(t, s, 12).ID, articleOf(t, s, 20).ID, articleOf(t, s, 30).ID
	got, others, last := eventsSince(t, s, 0)
	want := sortedEvents(
		articleEvent{models.EventArticlePublished, a12, "fa"}, articleEvent{models.EventArticlePublished, a12, "tg"},
		articleEvent{models.EventArticlePublished, a20, "fa"}, // its Tajik translation is a draft
		articleEvent{models.EventArticlePublished, a30, "ru"}, // its Persian one is scheduled for 2030
	)
	if !slices.Equal(got, want) {
		t.Errorf("first run's article events:\n got %v\nwant %v", got, want)
	}
	if n := count(others, models.EventSectionUpdated); n != rep.SectionsMade {
		t.Errorf("%d section events for %d sections made (%v)", n, rep.SectionsMade, others)
	}
	if n := count(others, models.EventTagUpdated); n != rep.TagsMade {
		t.Errorf("%d tag events for %d tags made (%v)", n, rep.TagsMade, others)
	}

	run(t, s, data, Options{})
	if got, others, _ := eventsSince(t, s, last); len(got) != 0 || len(others) != 0 {
		t.Errorf("a run that changed nothing recorded %v %v", got, others)
	}

	// The same change made by an editor's save, on a twin site imported
	// alike, records the events the import of the change must.
	twin := newStoreWithClock(t, &clock{now: testNow})
	run(t, twin, data, Options{})
	twinLast, err := twin.LastEventPosition(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ta := articleOf(t, twin, 13)
	tg := translation(t, ta, "tg")
	if _, err := twin.SaveArticle(ctx, models.ArticleInput{ID: ta.ID, Translations: []models.TranslationInput{{
		Locale: "tg", Version: tg.Version, Status: tg.Status, PublishedAt: tg.PublishedAt, Title: "Хабари навтарин", Slug: tg.Slug, BodyHTML: tg.BodyHTML, Byline: tg.Byline,
	}}}); err != nil {
		t.Fatal(err)
	}
	bySave, _, _ := eventsSince(t, twin, twinLast)

	changed := bytes.Replace(data, []byte("Хабари нав"), []byte("Хабари навтарин"), 1)
	run(t, s, changed, Options{})
	got, others, last = eventsSince(t, s, last)
	if !slices.Equal(got, bySave) || !slices.Contains(got, articleEvent{models.EventArticleUpdated, a12, "tg"}) || len(others) != 0 {
		t.Errorf("a run after a WordPress edit recorded %v %v; the same edit saved by an editor records %v", got, others, bySave)
	}

	// The scheduled translation is announced when its time comes, as any
	// scheduled save's is, and only then; the Russian answer, which lists
	// the article's public translations, changes with it.
	c.set(time.Date(2030, 1, 1, 8, 30, 1, 0, time.UTC))
	if _, err := s.AnnounceDue(ctx); err != nil {
		t.Fatal(err)
	}
	got, _, last = eventsSince(t, s, last)
	if want := []articleEvent{{models.EventArticlePublished, a30, "fa"}, {models.EventArticleUpdated, a30, "ru"}}; !slices.Equal(got, want) {
		t.Errorf("at the scheduled time: %v, want %v", got, want)
	}
	run(t, s, changed, Options{})
	if got, others, _ := eventsSince(t, s, last); len(got) != 0 || len(others) != 0 {
		t.Errorf("a run after the publication recorded %v %v", got, others)
	}
}

func count(list []string, s string) int {
	n := 0
	for _, v := range list {
		if v == s {
			n++
		}
	}
	return n
}
