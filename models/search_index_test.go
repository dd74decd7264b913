package models

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

// searchIDs runs a public search and returns the ids found, best first.
func searchIDs(t *testing.T, s *Store, loc, text string) []uint {
	t.Helper()
	hits, _, err := s.SearchPublic(context.Background(), SearchQuery{Locale: loc, Text: text, Limit: 20})
	if err != nil {
		t.Fatalf("search %q: %v", text, err)
	}
	ids := make([]uint, len(hits))
	for i, h := range hits {
		ids[i] = h.Article.Article.ID
	}
	return ids
}

func withBody(in TranslationInput, body string) TranslationInput {
	in.BodyHTML = body
	return in
}

func TestSearchPublicFindsSpellingsReadersConsiderTheSame(t *testing.T) {
	onEachEngine(t, func(t *testing.T, s *Store, _ *clock) {
		sec := mustSection(t, s, "news", nil)
		zwnj := mustArticle(t, s, sec.ID, withBody(published("fa", "خبر اول", 1), "<p>آنها کار می‌کنند</p>"))
		intl := mustArticle(t, s, sec.ID, withBody(published("fa", "خبر دوم", 2), "<p>همکاری بین‌المللی</p>"))
		arabic := mustArticle(t, s, sec.ID, withBody(published("fa", "خبر سوم", 3), "<p>کتاب ایرانی</p>"))
		digits := mustArticle(t, s, sec.ID, withBody(published("fa", "سال ۱۴۰۳", 4), "<p>گزارش</p>"))
		youth := mustArticle(t, s, sec.ID, withBody(published("tg", "Хабар", 1), "<p>Рӯзи ҷавонон</p>"))
		spaced := mustArticle(t, s, sec.ID, withBody(published("fa", "خبر پنجم", 5), "<p>آنها کار می کنند</p>"))
		joined := mustArticle(t, s, sec.ID, withBody(published("fa", "خبر ششم", 6), "<p>آنها کار میکنند</p>"))
		square := mustArticle(t, s, sec.ID, withBody(published("fa", "خبر هفتم", 7), "<p>در میدان شهر</p>"))
		know := mustArticle(t, s, sec.ID, withBody(published("fa", "خبر هشتم", 8), "<p>همه می دانند</p>"))

		for _, tc := range []struct {
			loc, query string
			want       []uint
		}{
			{"fa", "می‌کنند", []uint{zwnj.ID, spaced.ID, joined.ID}},
			{"fa", "میکنند", []uint{zwnj.ID, spaced.ID, joined.ID}},
			{"fa", "می کنند", []uint{zwnj.ID, spaced.ID, joined.ID}},
			// A guessed split matches whole only: «میدان» (a square) is not
			// «می دانند» (they know), though «میدانند» typed joined is.
			{"fa", "میدان", []uint{square.ID}},
			{"fa", "میدانند", []uint{know.ID}},
			{"fa", "بین‌المللی", []uint{intl.ID}},
			{"fa", "بینالمللی", []uint{intl.ID}},
			{"fa", "كتاب ايراني", []uint{arabic.ID}},
			{"fa", "1403", []uint{digits.ID}},
			{"fa", "۱۴۰۳", []uint{digits.ID}},
			{"tg", "ҷавонон", []uint{youth.ID}},
			{"tg", "ҶАВОНОН", []uint{youth.ID}},
			{"tg", "ҷаво", []uint{youth.ID}},
			{"tg", "خبر", nil},
		} {
			t.Run(tc.query, func(t *testing.T) {
				got := searchIDs(t, s, tc.loc, tc.query)
				slices.Sort(got)
				want := slices.Clone(tc.want)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Fatalf("search %q in %s: %v, want %v", tc.query, tc.loc, got, want)
				}
			})
		}
	})
}

func TestSearchPublicShowsOnlyPublicArticlesAtOnce(t *testing.T) {
	onEachEngine(t, func(t *testing.T, s *Store, _ *clock) {
		ctx := context.Background()
		sec := mustSection(t, s, "news", nil)
		draft := published("tg", "Ҷаласаи махфӣ", 1)
		draft.Status = StatusDraft
		mustArticle(t, s, sec.ID, draft)
		pub := mustArticle(t, s, sec.ID, published("tg", "Ҷаласаи ошкор", 1))
		if got := searchIDs(t, s, "tg", "ҷаласаи"); !slices.Equal(got, []uint{pub.ID}) {
			t.Fatalf("draft leaked or public missing: %v", got)
		}
		must(t, s.TrashArticle(ctx, pub.ID))
		if got := searchIDs(t, s, "tg", "ҷаласаи"); len(got) != 0 {
			t.Fatalf("trashed article still found: %v", got)
		}
		must(t, s.RestoreArticle(ctx, pub.ID))
		if got := searchIDs(t, s, "tg", "ҷаласаи"); !slices.Equal(got, []uint{pub.ID}) {
			t.Fatalf("restored article not found: %v", got)
		}
	})
}

func TestSearchPublicRanksTitleMatchAboveBodyMatch(t *testing.T) {
	onEachEngine(t, func(t *testing.T, s *Store, _ *clock) {
		sec := mustSection(t, s, "news", nil)
		body := mustArticle(t, s, sec.ID, withBody(published("tg", "Хабари нав", 1), "<p>Дар бораи иқтисод ва бозор гап заданд.</p>"))
		title := mustArticle(t, s, sec.ID, withBody(published("tg", "Иқтисод", 5), "<p>Матни кӯтоҳ.</p>"))
		got := searchIDs(t, s, "tg", "иқтисод")
		if !slices.Equal(got, []uint{title.ID, body.ID}) {
			t.Fatalf("ranking %v, want title match %d first", got, title.ID)
		}
	})
}

func TestSearchPublicSnippetIsEscapedAroundTheMatch(t *testing.T) {
	onEachEngine(t, func(t *testing.T, s *Store, _ *clock) {
		sec := mustSection(t, s, "news", nil)
		mustArticle(t, s, sec.ID, withBody(published("fa", "خبر", 1), "<p>x &lt;script&gt; آنها کار می‌کنند</p>"))
		hits, _, err := s.SearchPublic(context.Background(), SearchQuery{Locale: "fa", Text: "ميکنند", Limit: 5})
		must(t, err)
		if len(hits) != 1 {
			t.Fatalf("hits %d", len(hits))
		}
		snip := hits[0].Snippet
		if !strings.Contains(snip, "<mark>می\u200cکنند</mark>") || !strings.Contains(snip, "&lt;script&gt;") || strings.Contains(snip, "<script") {
			t.Fatalf("snippet %q", snip)
		}
	})
}

func TestSearchPublicRefusesOrDefusesQuerySyntax(t *testing.T) {
	onEachEngine(t, func(t *testing.T, s *Store, _ *clock) {
		sec := mustSection(t, s, "news", nil)
		mustArticle(t, s, sec.ID, published("tg", "Хабари рӯз", 1))
		for _, q := range []string{`"`, `*`, `-`, `:`, "", "  ", `""*`} {
			if _, _, err := s.SearchPublic(context.Background(), SearchQuery{Locale: "tg", Text: q}); !errors.Is(err, ErrEmptySearch) {
				t.Errorf("search %q: %v, want ErrEmptySearch", q, err)
			}
		}
		for _, q := range []string{"NEAR", "OR", "хабари OR", `хабари"`, "хабари -рӯз", "title:хабари", "NEAR/2 хабари", "a*b", strings.Repeat("хабар ", 900)} {
			if _, _, err := s.SearchPublic(context.Background(), SearchQuery{Locale: "tg", Text: q}); err != nil {
				t.Errorf("search %.30q: %v", q, err)
			}
		}
	})
}

func TestSearchPublicPagesByOffset(t *testing.T) {
	onEachEngine(t, func(t *testing.T, s *Store, _ *clock) {
		sec := mustSection(t, s, "news", nil)
		for i := range 5 {
			mustArticle(t, s, sec.ID, published("tg", "Варзиш", i+1))
		}
		ctx := context.Background()
		var seen []uint
		var after *SearchCursor
		for range 5 {
			hits, next, err := s.SearchPublic(ctx, SearchQuery{Locale: "tg", Text: "варзиш", Limit: 2, After: after})
			must(t, err)
			for _, h := range hits {
				seen = append(seen, h.Article.Article.ID)
			}
			if after = next; next == nil {
				break
			}
		}
		slices.Sort(seen)
		if len(slices.Compact(seen)) != 5 {
			t.Fatalf("pages gave %v", seen)
		}
	})
}
