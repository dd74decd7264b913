package models

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"
)

func pin(t *testing.T, s *Store, id uint, change PinChange) {
	t.Helper()
	_, err := s.SaveArticle(context.Background(), ArticleInput{ID: id, Pin: &change})
	must(t, err)
}

func featuredIDs(t *testing.T, s *Store, q ListQuery) ([]uint, int64) {
	t.Helper()
	items, total, err := s.ListFeaturedArticles(context.Background(), q)
	must(t, err)
	ids := []uint{}
	for _, it := range items {
		if it.Pin == nil {
			t.Fatalf("featured article %d answers without its pin", it.Article.ID)
		}
		ids = append(ids, it.Article.ID)
	}
	return ids, total
}

// The featured list holds the pinned articles public in its locale, by
// position, within a section when asked, without the excluded ones; an
// unpinned one leaves it.
func TestFeaturedListFollowsPinsAndPositions(t *testing.T) {
	s, _ := newTestStore(t)
	news := mustSection(t, s, "news", nil)
	sport := mustSection(t, s, "sport", nil)
	a := mustArticle(t, s, news.ID, published("tg", "Якум", 3), published("fa", "یکم", 3))
	b := mustArticle(t, s, sport.ID, published("tg", "Дуюм", 2))
	c := mustArticle(t, s, news.ID, published("tg", "Сеюм", 1))
	draft := mustArticle(t, s, news.ID, TranslationInput{Locale: "tg", Status: StatusDraft, Title: "Сиёҳнавис"})
	mustArticle(t, s, news.ID, published("tg", "Бе пин", 1))
	pin(t, s, a.ID, PinChange{Pinned: true, Position: 2})
	pin(t, s, b.ID, PinChange{Pinned: true, Position: 1})
	pin(t, s, c.ID, PinChange{Pinned: true, Position: 2})
	pin(t, s, draft.ID, PinChange{Pinned: true, Position: 0})
	tests := []struct {
		name  string
		q     ListQuery
		want  []uint
		total int64
	}{
		{"tg", ListQuery{Locale: "tg", Limit: 10}, []uint{b.ID, c.ID, a.ID}, 3},
		{"fa", ListQuery{Locale: "fa", Limit: 10}, []uint{a.ID}, 1},
		{"a section", ListQuery{Locale: "tg", SectionID: news.ID, Limit: 10}, []uint{c.ID, a.ID}, 2},
		{"excluding", ListQuery{Locale: "tg", Exclude: []uint{c.ID}, Limit: 10}, []uint{b.ID, a.ID}, 2},
		{"limited", ListQuery{Locale: "tg", Limit: 1}, []uint{b.ID}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, total := featuredIDs(t, s, tt.q)
			if !slices.Equal(got, tt.want) || total != tt.total {
				t.Fatalf("got %v (total %d), want %v (total %d)", got, total, tt.want, tt.total)
			}
		})
	}
	pin(t, s, b.ID, PinChange{Pinned: false})
	if got, _ := featuredIDs(t, s, ListQuery{Locale: "tg", Limit: 10}); !slices.Equal(got, []uint{c.ID, a.ID}) {
		t.Fatalf("after unpinning: %v", got)
	}
}

// A position out of range or an end already past is refused beside its
// field, and nothing is pinned.
func TestPinInputIsChecked(t *testing.T) {
	s, _ := newTestStore(t)
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "Хабар", 1))
	past := testNow.Add(-time.Minute)
	tests := []struct {
		name, field string
		change      PinChange
	}{
		{"negative position", "pin_position", PinChange{Pinned: true, Position: -1}},
		{"position too large", "pin_position", PinChange{Pinned: true, Position: MaxPinPosition + 1}},
		{"end in the past", "pin_until", PinChange{Pinned: true, Until: &past}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.SaveArticle(context.Background(), ArticleInput{ID: a.ID, Pin: &tt.change})
			var invalid *ValidationError
			if !errors.As(err, &invalid) || invalid.Fields[tt.field].ID == "" {
				t.Fatalf("err = %v, want a refusal of %s", err, tt.field)
			}
		})
	}
	if got, _ := featuredIDs(t, s, ListQuery{Locale: "tg", Limit: 10}); len(got) != 0 {
		t.Fatalf("refused pins listed: %v", got)
	}
}

// Pinning and unpinning change the public answer in every locale where the
// article is public: each records article.updated there. A pin whose end
// passes drops out at that time with nobody saving; the scheduler's run
// records its article.updated once, and the next scheduled change named
// to caches is the end.
func TestPinEventsAndExpiry(t *testing.T) {
	s, c := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "Хабар", 1), published("fa", "خبر", 1))
	log := &eventLog{s: s}
	log.next(t)

	end := testNow.Add(time.Hour)
	pin(t, s, a.ID, PinChange{Pinned: true, Position: 1, Until: &end})
	if got, want := log.names(t), []string{"article.updated 1 tg", "article.updated 1 fa"}; !slices.Equal(got, want) {
		t.Fatalf("pinning: events %v, want %v", got, want)
	}
	if next, ok := s.NextScheduledChange(ctx, testNow); !ok || !next.Equal(end) {
		t.Fatalf("next scheduled change %v %v, want the pin's end %v", next, ok, end)
	}
	n, err := s.AnnounceDue(ctx)
	if err != nil || n != 0 || len(log.names(t)) != 0 {
		t.Fatalf("before the end: announced %d (%v)", n, err)
	}

	c.t = end // the clock reaches the end; nobody saves
	if got, _ := featuredIDs(t, s, ListQuery{Locale: "tg", Limit: 10}); len(got) != 0 {
		t.Fatalf("at its end the pin still lists %v", got)
	}
	if p, err := s.FindPublicArticle(ctx, "fa", a.ID); err != nil || p.Pin != nil {
		t.Fatalf("at its end the article answers pin %+v (%v)", p.Pin, err)
	}
	if n, err := s.AnnounceDue(ctx); err != nil || n != 1 {
		t.Fatalf("announcing the end: %d, %v", n, err)
	}
	if got, want := log.names(t), []string{"article.updated 1 tg", "article.updated 1 fa"}; !slices.Equal(got, want) {
		t.Fatalf("the end: events %v, want %v", got, want)
	}
	if n, err := s.AnnounceDue(ctx); err != nil || n != 0 || len(log.names(t)) != 0 {
		t.Fatalf("announcing again: %d, %v", n, err)
	}

	// Unpinning an ended pin changes no answer.
	pin(t, s, a.ID, PinChange{Pinned: false})
	if got := log.names(t); len(got) != 0 {
		t.Fatalf("unpinning an ended pin: events %v", got)
	}
}
