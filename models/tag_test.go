package models

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
)

func mustTag(t *testing.T, s *Store, names map[string]string) *Tag {
	t.Helper()
	tag, err := s.SaveTag(context.Background(), TagInput{Names: names})
	must(t, err)
	return tag
}

// tagSlugs lists the slugs of the article's tags in order.
func tagSlugs(t *testing.T, s *Store, articleID uint) []string {
	t.Helper()
	tags, err := s.ArticleTags(context.Background(), articleID)
	must(t, err)
	var out []string
	for _, tag := range tags {
		out = append(out, tag.Slug)
	}
	return out
}

func setTags(t *testing.T, s *Store, a *Article, tags ...uint) *Article {
	t.Helper()
	saved, err := s.SaveArticle(context.Background(), ArticleInput{ID: a.ID, Shared: &SharedInput{Version: a.Version, SectionID: a.SectionID, Tags: append([]uint{}, tags...)}})
	must(t, err)
	return saved
}

func TestTagSlugsAreMadeFromNamesAndKeptExact(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	tests := []struct {
		name     string
		names    map[string]string
		wantSlug string
	}{
		{"Tajik name", map[string]string{"tg": "Тоҷикистон"}, "tojikiston"},
		{"Persian only", map[string]string{"fa": "همکاری\u200cها"}, "hmkhry-h"},
		{"same name again gets a suffix", map[string]string{"tg": "Тоҷикистон"}, "tojikiston-2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tag, err := s.SaveTag(ctx, TagInput{Names: tt.names})
			must(t, err)
			if tag.Slug != tt.wantSlug {
				t.Fatalf("slug = %q, want %q", tag.Slug, tt.wantSlug)
			}
			for loc, name := range tt.names {
				if tag.Name(loc) != name {
					t.Fatalf("name %s = %q, want %q exactly", loc, tag.Name(loc), name)
				}
			}
		})
	}
	var verr *ValidationError
	if _, err := s.SaveTag(ctx, TagInput{Names: map[string]string{"tg": "  "}}); !errors.As(err, &verr) || verr.Fields["names.tg"].ID != "validation.tag_name_required" {
		t.Fatalf("no name: err = %v", err)
	}
	if _, err := s.SaveTag(ctx, TagInput{Slug: "tojikiston", Names: map[string]string{"tg": "Дигар"}}); !errors.As(err, &verr) || verr.Fields["slug"].ID != "validation.tag_slug_taken" {
		t.Fatalf("taken slug: err = %v", err)
	}
}

func TestArticleTagsKeepTheEditorsOrder(t *testing.T) {
	s, _ := newTestStore(t)
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "Хабар", 1))
	x := mustTag(t, s, map[string]string{"tg": "Икс"})
	y := mustTag(t, s, map[string]string{"tg": "Игрек"})
	a = setTags(t, s, a, y.ID, x.ID, y.ID)
	if got := tagSlugs(t, s, a.ID); !slices.Equal(got, []string{y.Slug, x.Slug}) {
		t.Fatalf("tags = %q", got)
	}
	// Shared saves without Tags leave them as they are.
	a, err := s.SaveArticle(context.Background(), ArticleInput{ID: a.ID, Shared: &SharedInput{Version: a.Version, SectionID: sec.ID}})
	must(t, err)
	if got := tagSlugs(t, s, a.ID); len(got) != 2 {
		t.Fatalf("a save without tags changed them: %q", got)
	}
	_, err = s.SaveArticle(context.Background(), ArticleInput{ID: a.ID, Shared: &SharedInput{Version: a.Version, SectionID: sec.ID, Tags: []uint{999}}})
	var verr *ValidationError
	if !errors.As(err, &verr) || verr.Fields["tags"].ID != "validation.tag_missing" {
		t.Fatalf("unknown tag: err = %v", err)
	}
	setTags(t, s, a)
	if got := tagSlugs(t, s, a.ID); len(got) != 0 {
		t.Fatalf("empty list kept tags %q", got)
	}
}

func TestTagFilterListsPublicTaggedArticles(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	culture := mustSection(t, s, "culture", nil)
	news := mustSection(t, s, "news", nil)
	music := mustTag(t, s, map[string]string{"tg": "Мусиқӣ", "fa": "موسیقی"})
	old := setTags(t, s, mustArticle(t, s, culture.ID, published("tg", "Кӯҳна", 3), published("fa", "قدیم", 3)), music.ID)
	fresh := setTags(t, s, mustArticle(t, s, news.ID, published("tg", "Нав", 1)), music.ID)
	mustArticle(t, s, culture.ID, published("tg", "Бе барчасп", 2))
	draft := mustArticle(t, s, culture.ID, TranslationInput{Locale: "tg", Status: StatusDraft, Title: "Сиёҳнавис", BodyHTML: "<p>x</p>"})
	setTags(t, s, draft, music.ID)

	ids := func(q ListQuery) []uint {
		q.Limit = 10
		page, _, err := s.ListPublicArticles(ctx, q)
		must(t, err)
		var out []uint
		for _, p := range page {
			out = append(out, p.Article.ID)
		}
		n, err := s.CountPublicArticles(ctx, q)
		must(t, err)
		if int(n) != len(out) {
			t.Fatalf("%+v: total %d, listed %d", q, n, len(out))
		}
		return out
	}
	tests := []struct {
		name string
		q    ListQuery
		want []uint
	}{
		{"tag", ListQuery{Locale: "tg", TagID: music.ID}, []uint{fresh.ID, old.ID}},
		{"tag and section", ListQuery{Locale: "tg", TagID: music.ID, SectionID: culture.ID}, []uint{old.ID}},
		{"tag and own section", ListQuery{Locale: "tg", TagID: music.ID, SectionID: news.ID, OwnSectionOnly: true}, []uint{fresh.ID}},
		{"tag and exclude", ListQuery{Locale: "tg", TagID: music.ID, Exclude: []uint{fresh.ID}}, []uint{old.ID}},
		{"tag in another locale", ListQuery{Locale: "fa", TagID: music.ID}, []uint{old.ID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ids(tt.q); !slices.Equal(got, tt.want) {
				t.Fatalf("ids = %v, want %v", got, tt.want)
			}
		})
	}
	most, _, err := s.ListMostRead(ctx, MostReadQuery{Locale: "tg", Period: PeriodWeek, TagID: music.ID, Limit: 10})
	must(t, err)
	if len(most) != 2 {
		t.Fatalf("most read by tag: %d items", len(most))
	}
	counts, err := s.ListTagsInUse(ctx, "tg")
	must(t, err)
	if len(counts) != 1 || counts[0].Tag.ID != music.ID || counts[0].Articles != 2 {
		t.Fatalf("tags in use = %+v", counts)
	}
	// Trashing an article takes it off its tags' lists.
	must(t, s.TrashArticle(ctx, fresh.ID))
	if got := ids(ListQuery{Locale: "tg", TagID: music.ID}); !slices.Equal(got, []uint{old.ID}) {
		t.Fatalf("after trash: %v", got)
	}
}

func TestRenamedAndMergedTagsKeepTheirSlugs(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	log := &eventLog{s: s}
	econ := mustTag(t, s, map[string]string{"tg": "Иқтисод"})
	money := mustTag(t, s, map[string]string{"tg": "Пул"})
	a := setTags(t, s, mustArticle(t, s, sec.ID, published("tg", "Бозор", 1)), econ.ID)
	b := setTags(t, s, mustArticle(t, s, sec.ID, published("tg", "Бонк", 1)), money.ID, econ.ID)
	log.next(t)

	renamed, err := s.SaveTag(ctx, TagInput{ID: econ.ID, Version: econ.Version, Slug: "economy", Names: map[string]string{"tg": "Иқтисодиёт"}})
	must(t, err)
	want := []string{fmt.Sprintf("article.updated %d tg", a.ID), fmt.Sprintf("article.updated %d tg", b.ID), "tag.updated"}
	if got := log.names(t); !slices.Equal(got, want) {
		t.Fatalf("rename: events %q, want %q", got, want)
	}
	var moved *SlugMovedError
	if _, err := s.FindTagBySlug(ctx, econ.Slug); !errors.As(err, &moved) || moved.Slug != "economy" {
		t.Fatalf("old slug: err = %v", err)
	}
	if _, err := s.SaveTag(ctx, TagInput{Slug: econ.Slug, Names: map[string]string{"tg": "Нав"}}); err == nil {
		t.Fatal("a new tag took a renamed tag's old slug")
	}

	must(t, s.MergeTags(ctx, money.ID, renamed.ID))
	want = []string{fmt.Sprintf("article.updated %d tg", b.ID), "tag.deleted", "tag.updated"}
	if got := log.names(t); !slices.Equal(got, want) {
		t.Fatalf("merge: events %q, want %q", got, want)
	}
	if got := tagSlugs(t, s, b.ID); !slices.Equal(got, []string{"economy"}) {
		t.Fatalf("merged article's tags = %q", got)
	}
	for _, old := range []string{money.Slug, econ.Slug} {
		if _, err := s.FindTagBySlug(ctx, old); !errors.As(err, &moved) || moved.ID != renamed.ID {
			t.Fatalf("slug %q after merge: err = %v", old, err)
		}
	}
	page, _, err := s.ListPublicArticles(ctx, ListQuery{Locale: "tg", TagID: renamed.ID, Limit: 10})
	must(t, err)
	if len(page) != 2 {
		t.Fatalf("merged tag lists %d articles, want 2", len(page))
	}

	must(t, s.DeleteTag(ctx, renamed.ID))
	want = []string{fmt.Sprintf("article.updated %d tg", a.ID), fmt.Sprintf("article.updated %d tg", b.ID), "tag.deleted"}
	if got := log.names(t); !slices.Equal(got, want) {
		t.Fatalf("delete: events %q, want %q", got, want)
	}
	if _, err := s.FindTagBySlug(ctx, "economy"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted tag: err = %v", err)
	}
}

func TestRenamedSectionKeepsItsOldSlug(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "culture", nil)
	renamed, err := s.SaveSection(ctx, SectionInput{ID: sec.ID, Version: sec.Version, Slug: "arts", Names: map[string]string{"tg": "Ҳунар"}})
	must(t, err)
	var moved *SlugMovedError
	if _, err := s.FindSectionBySlug(ctx, "culture"); !errors.As(err, &moved) || moved.Slug != "arts" || moved.ID != sec.ID {
		t.Fatalf("old section slug: err = %v", err)
	}
	var verr *ValidationError
	if _, err := s.SaveSection(ctx, SectionInput{Slug: "culture", Names: map[string]string{"tg": "Дигар"}}); !errors.As(err, &verr) {
		t.Fatalf("another section took the old slug: err = %v", err)
	}
	// Renaming back takes the old slug back.
	_, err = s.SaveSection(ctx, SectionInput{ID: sec.ID, Version: renamed.Version, Slug: "culture", Names: map[string]string{"tg": "Ҳунар"}})
	must(t, err)
	if got, err := s.FindSectionBySlug(ctx, "culture"); err != nil || got.ID != sec.ID {
		t.Fatalf("renamed back: %v, %v", got, err)
	}
	if _, err := s.FindSectionBySlug(ctx, "arts"); !errors.As(err, &moved) || moved.Slug != "culture" {
		t.Fatalf("slug arts after renaming back: err = %v", err)
	}
}

// Changing an article's tags changes its public answer in each locale
// where a changed tag is named, and only there.
func TestArticleTagChangesRecordEvents(t *testing.T) {
	s, _ := newTestStore(t)
	sec := mustSection(t, s, "news", nil)
	both := mustTag(t, s, map[string]string{"tg": "Мусиқӣ", "fa": "موسیقی"})
	faOnly := mustTag(t, s, map[string]string{"fa": "جشنواره\u200cها"})
	a := mustArticle(t, s, sec.ID, published("tg", "Хабар", 1), published("fa", "خبر", 1))
	log := &eventLog{s: s}
	log.next(t)
	tests := []struct {
		name string
		tags []uint
		want []string
	}{
		{"a tag named in both", []uint{both.ID}, []string{"article.updated %d tg", "article.updated %d fa"}},
		{"a Persian-only tag", []uint{both.ID, faOnly.ID}, []string{"article.updated %d fa"}},
		{"the same tags again", []uint{both.ID, faOnly.ID}, nil},
		{"reordered", []uint{faOnly.ID, both.ID}, []string{"article.updated %d fa"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a = setTags(t, s, a, tt.tags...)
			var want []string
			for _, w := range tt.want {
				want = append(want, fmt.Sprintf(w, a.ID))
			}
			if got := log.names(t); !slices.Equal(got, want) {
				t.Fatalf("events %q, want %q", got, want)
			}
		})
	}
}

// A tag search of punctuation alone has no word to look for: it finds no
// tag, on PostgreSQL too, whose text refuses the NUL the empty pattern
// used to be.
func TestListTagsFindsNothingForPunctuation(t *testing.T) {
	s, _ := newTestStore(t)
	mustTag(t, s, map[string]string{"tg": "Мусиқӣ"})
	for _, q := range []string{"!!!", "«»", "—"} {
		tags, err := s.ListTags(context.Background(), q, 10)
		if err != nil || len(tags) != 0 {
			t.Errorf("ListTags(%q) = %d tags, %v; want none", q, len(tags), err)
		}
	}
	if tags, err := s.ListTags(context.Background(), "МУСИҚ", 10); err != nil || len(tags) != 1 {
		t.Errorf("ListTags(МУСИҚ) = %d tags, %v; want the one", len(tags), err)
	}
}
