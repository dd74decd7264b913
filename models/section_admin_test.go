package models

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

// siblingSlugs lists the sections under parent in the order the API shows.
func siblingSlugs(t *testing.T, s *Store, parent *uint) []string {
	t.Helper()
	all, err := s.ListSections(context.Background())
	must(t, err)
	var out []string
	for _, sec := range all {
		if sameParent(sec.ParentID, parent) {
			out = append(out, sec.Slug)
		}
	}
	return out
}

func TestMoveSectionSwapsWithSibling(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	// mustSection leaves every position at 0: the first move has to number
	// the siblings apart before it can swap.
	a := mustSection(t, s, "a", nil)
	b := mustSection(t, s, "b", nil)
	c := mustSection(t, s, "c", nil)
	a1 := mustSection(t, s, "a1", &a.ID)
	a2 := mustSection(t, s, "a2", &a.ID)

	tests := []struct {
		name   string
		id     uint
		up     bool
		parent *uint
		want   []string
	}{
		{"last moves up", c.ID, true, nil, []string{"a", "c", "b"}},
		{"first up stays", a.ID, true, nil, []string{"a", "c", "b"}},
		{"last down stays", b.ID, false, nil, []string{"a", "c", "b"}},
		{"first moves down", a.ID, false, nil, []string{"c", "a", "b"}},
		{"children move among themselves", a2.ID, true, &a.ID, []string{"a2", "a1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			must(t, s.MoveSection(ctx, tt.id, tt.up))
			if got := siblingSlugs(t, s, tt.parent); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("order = %v, want %v", got, tt.want)
			}
		})
	}
	if got := siblingSlugs(t, s, nil); !reflect.DeepEqual(got, []string{"c", "a", "b"}) {
		t.Fatalf("moving children changed the top level: %v", got)
	}
	moved, err := s.FindSection(ctx, a1.ID)
	must(t, err)
	if moved.Version == a1.Version {
		t.Fatal("a moved section keeps its version; a form loaded before would write the old position back")
	}
	if err := s.MoveSection(ctx, 999, true); !errors.Is(err, ErrNotFound) {
		t.Fatalf("moving a missing section: %v, want ErrNotFound", err)
	}
}

func TestNextSectionPositionComesLast(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	first, err := s.NextSectionPosition(ctx)
	must(t, err)
	_, err = s.SaveSection(ctx, SectionInput{Slug: "x", Position: first, Names: map[string]string{"tg": "Х"}})
	must(t, err)
	next, err := s.NextSectionPosition(ctx)
	must(t, err)
	if first <= 0 || next <= first {
		t.Fatalf("positions %d then %d, want growing", first, next)
	}
}

func TestDeleteSectionRefusals(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	parent := mustSection(t, s, "parent", nil)
	mustSection(t, s, "child", &parent.ID)
	full := mustSection(t, s, "full", nil)
	mustArticle(t, s, full.ID, published("tg", "Нашршуда", 1))
	mustArticle(t, s, full.ID, TranslationInput{Locale: "tg", Status: StatusDraft, Title: "Пешнавис"})
	trashed := mustArticle(t, s, full.ID, published("fa", "حذف‌شده", 2))
	must(t, s.TrashArticle(ctx, trashed.ID))

	var sub *SectionHasSubsectionsError
	if err := s.DeleteSection(ctx, parent.ID, nil); !errors.As(err, &sub) || sub.Subsections != 1 {
		t.Fatalf("deleting a parent: %v, want SectionHasSubsectionsError{1}", err)
	}
	var notEmpty *SectionNotEmptyError
	if err := s.DeleteSection(ctx, full.ID, nil); !errors.As(err, &notEmpty) || notEmpty.Articles != 3 {
		t.Fatalf("deleting a full section: %v, want SectionNotEmptyError{3} (drafts and trash count)", err)
	}
	self, ghost := full.ID, uint(999)
	for name, target := range map[string]*uint{"itself": &self, "missing": &ghost} {
		var v *ValidationError
		if err := s.DeleteSection(ctx, full.ID, target); !errors.As(err, &v) || v.Fields["move_to"].ID == "" {
			t.Fatalf("moving to %s: %v, want a move_to message", name, err)
		}
	}
	if err := s.DeleteSection(ctx, 999, nil); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleting a missing section: %v", err)
	}
	usage, err := s.FindSectionUsage(ctx, full.ID)
	must(t, err)
	if usage != (SectionUsage{Articles: 3, Trashed: 1}) {
		t.Fatalf("usage after refusals = %+v: something was deleted or moved", usage)
	}
	counts, err := s.CountArticlesBySection(ctx)
	must(t, err)
	if counts[full.ID] != 2 {
		t.Fatalf("untrashed articles in full = %d, want 2", counts[full.ID])
	}
}

func TestDeleteSectionMovesArticles(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	world := mustSection(t, s, "world", nil)
	asia := mustSection(t, s, "asia", &world.ID)
	old := mustSection(t, s, "old", nil)
	live := mustArticle(t, s, old.ID, published("tg", "Хабар", 1), published("fa", "خبر", 1))
	draft := mustArticle(t, s, old.ID, TranslationInput{Locale: "tg", Status: StatusDraft, Title: "Пешнавис"})

	must(t, s.DeleteSection(ctx, old.ID, &asia.ID))

	if _, err := s.FindSection(ctx, old.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted section still found: %v", err)
	}
	var names int64
	s.read.Model(&SectionName{}).Where("section_id = ?", old.ID).Count(&names)
	if names != 0 {
		t.Fatalf("%d names of the deleted section remain", names)
	}
	for _, a := range []*Article{live, draft} {
		got, err := s.FindArticle(ctx, a.ID)
		must(t, err)
		if got.SectionID != asia.ID || got.Version <= a.Version {
			t.Fatalf("article %d: section %d version %d, want section %d and a version above %d", a.ID, got.SectionID, got.Version, asia.ID, a.Version)
		}
	}
	// The public lists of the target and its ancestors include the article.
	for _, scope := range []uint{asia.ID, world.ID} {
		for _, loc := range []string{"tg", "fa"} {
			items, _, err := s.ListPublicArticles(ctx, ListQuery{Locale: loc, SectionID: scope, Limit: 10})
			must(t, err)
			if len(items) != 1 || items[0].Article.ID != live.ID {
				t.Fatalf("%s list of section %d has %d articles, want the moved one", loc, scope, len(items))
			}
		}
	}
	var stale int64
	s.read.Model(&ArticleListing{}).Where("scope_id = ?", old.ID).Count(&stale)
	if stale != 0 {
		t.Fatalf("%d listing rows still point at the deleted section", stale)
	}
	// An empty section goes without a target.
	must(t, s.DeleteSection(ctx, mustSection(t, s, "empty", nil).ID, nil))
}
