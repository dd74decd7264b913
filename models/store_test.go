package models

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/testdb"
	"github.com/payvand/payvand/internal/viewcount"
)

func relatedIDs(t *testing.T, s *Store, loc string, id uint) []uint {
	t.Helper()
	items, err := s.ListPublicRelated(context.Background(), loc, id)
	must(t, err)
	var out []uint
	for _, it := range items {
		out = append(out, it.Article.ID)
	}
	return out
}

func setRelated(t *testing.T, s *Store, id uint, related ...uint) {
	t.Helper()
	a, err := s.FindArticle(context.Background(), id)
	must(t, err)
	_, err = s.SaveArticle(context.Background(), ArticleInput{ID: id, Shared: &SharedInput{Version: a.Version, SectionID: a.SectionID, Related: related}})
	must(t, err)
}

func TestRelatedLinks(t *testing.T) {
	s, _ := newTestStore(t)
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "А", 1))
	b := mustArticle(t, s, sec.ID, published("tg", "Б", 2))
	c := mustArticle(t, s, sec.ID, published("tg", "В", 3))

	setRelated(t, s, a.ID, c.ID, a.ID, b.ID, c.ID) // self and duplicate dropped
	if got := relatedIDs(t, s, "tg", a.ID); !reflect.DeepEqual(got, []uint{c.ID, b.ID}) {
		t.Fatalf("related of A = %v, want [C B] in link order", got)
	}
	if got := relatedIDs(t, s, "tg", b.ID); !reflect.DeepEqual(got, []uint{a.ID}) {
		t.Fatalf("related of B = %v, want [A] (the link shows on both)", got)
	}
	// B's editor keeps A and adds C: A→B stays stored once on A.
	setRelated(t, s, b.ID, a.ID, c.ID)
	var n int64
	s.read.Model(&ArticleRelation{}).Where("(article_id = ? AND related_id = ?) OR (article_id = ? AND related_id = ?)", a.ID, b.ID, b.ID, a.ID).Count(&n)
	if n != 1 {
		t.Fatalf("A–B link stored %d times, want once", n)
	}
	// B's editor removes A: the link made on A disappears from both.
	setRelated(t, s, b.ID, c.ID)
	if got := relatedIDs(t, s, "tg", a.ID); !reflect.DeepEqual(got, []uint{c.ID}) {
		t.Fatalf("after unlinking on B, related of A = %v, want [C]", got)
	}
}

func TestVisibility(t *testing.T) {
	s, c := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	future := published("fa", "آینده", -2) // two hours ahead
	draft := published("fa", "پیش\u200cنویس", 1)
	draft.Status = StatusDraft
	a := mustArticle(t, s, sec.ID, published("tg", "Ҷорӣ", 1), future)
	b := mustArticle(t, s, sec.ID, published("tg", "Дигар", 1), draft)

	check := func(id uint, loc string, wantErr error, wantLocales []string) {
		t.Helper()
		_, err := s.FindPublicArticle(ctx, loc, id)
		var nt *NotTranslatedError
		switch {
		case wantErr == nil && err != nil:
			t.Fatalf("article %d in %s: %v", id, loc, err)
		case wantLocales != nil && (!errors.As(err, &nt) || !reflect.DeepEqual(nt.Locales, wantLocales)):
			t.Fatalf("article %d in %s: error %v, want not translated %v", id, loc, err, wantLocales)
		case wantErr == ErrNotFound && !errors.Is(err, ErrNotFound):
			t.Fatalf("article %d in %s: error %v, want ErrNotFound", id, loc, err)
		}
	}
	check(a.ID, "fa", errors.New("x"), []string{"tg"}) // scheduled: not yet
	check(b.ID, "fa", errors.New("x"), []string{"tg"}) // draft
	c.t = testNow.Add(2*time.Hour + time.Second)
	check(a.ID, "fa", nil, nil) // its time has come, with no write

	// Archiving hides every locale.
	_, err := s.SaveArticle(ctx, ArticleInput{ID: b.ID, Shared: &SharedInput{Version: b.Version, SectionID: sec.ID, Archived: true}})
	must(t, err)
	check(b.ID, "tg", ErrNotFound, nil)
	// So does the trash, and restoring brings it back.
	must(t, s.TrashArticle(ctx, a.ID))
	check(a.ID, "tg", ErrNotFound, nil)
	must(t, s.RestoreArticle(ctx, a.ID))
	check(a.ID, "tg", nil, nil)
}

func TestSectionListsIncludeSubsections(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	culture := mustSection(t, s, "culture", nil)
	heritage := mustSection(t, s, "heritage", nil)
	mustArticle(t, s, heritage.ID, published("tg", "Мерос", 1))
	counts, err := s.CountPublicBySection(ctx, "tg")
	must(t, err)
	if counts[culture.ID] != 0 || counts[heritage.ID] != 1 {
		t.Fatalf("counts before nesting = %v", counts)
	}
	// Moving heritage under culture re-files its articles at once.
	_, err = s.SaveSection(ctx, SectionInput{ID: heritage.ID, Version: heritage.Version, Slug: "heritage", ParentID: &culture.ID, Names: map[string]string{"tg": "Мерос"}})
	must(t, err)
	counts, err = s.CountPublicBySection(ctx, "tg")
	must(t, err)
	if counts[culture.ID] != 1 {
		t.Fatalf("culture count after nesting = %d, want 1", counts[culture.ID])
	}
	items, _, err := s.ListPublicArticles(ctx, ListQuery{Locale: "tg", SectionID: culture.ID, Limit: 10})
	must(t, err)
	if len(items) != 1 {
		t.Fatalf("culture list has %d articles, want 1", len(items))
	}
	// A section cannot become its own ancestor.
	_, err = s.SaveSection(ctx, SectionInput{ID: culture.ID, Version: culture.Version, Slug: "culture", ParentID: &heritage.ID, Names: map[string]string{"tg": "Фарҳанг"}})
	var v *ValidationError
	if !errors.As(err, &v) || v.Fields["parent_id"].ID == "" {
		t.Fatalf("cycle error = %v, want a parent_id message", err)
	}
}

func TestSaveSectionRefusesBadInput(t *testing.T) {
	s, _ := newTestStore(t)
	mustSection(t, s, "news", nil)
	ghost := uint(99)
	tests := []struct {
		name  string
		in    SectionInput
		field string
	}{
		{"slug taken", SectionInput{Slug: "News", Names: map[string]string{"tg": "Х"}}, "slug"},
		{"no slug letters", SectionInput{Slug: "!!!", Names: map[string]string{"tg": "Х"}}, "slug"},
		{"no default name", SectionInput{Slug: "x", Names: map[string]string{"fa": "خ"}}, "names.tg"},
		{"unknown locale", SectionInput{Slug: "x", Names: map[string]string{"tg": "Х", "de": "X"}}, "names.de"},
		{"missing parent", SectionInput{Slug: "x", ParentID: &ghost, Names: map[string]string{"tg": "Х"}}, "parent_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.SaveSection(context.Background(), tt.in)
			var v *ValidationError
			if !errors.As(err, &v) || v.Fields[tt.field].ID == "" {
				t.Fatalf("error = %v, want a message for %s", err, tt.field)
			}
		})
	}
}

func TestAddViews(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "А", 1))
	must(t, s.AddViews(ctx, map[viewcount.Key]int64{{Article: a.ID}: 3, {Article: 9999}: 5}, testNow))
	must(t, s.AddViews(ctx, map[viewcount.Key]int64{{Article: a.ID}: 2}, testNow))
	n, err := s.ViewCount(ctx, a.ID)
	must(t, err)
	var day ArticleDailyView
	must(t, s.read.Where("article_id = ?", a.ID).Take(&day).Error)
	if n != 5 || day.Views != 5 || day.Day != "2024-07-12" {
		t.Fatalf("total %d, day %+v; want 5 on 2024-07-12", n, day)
	}
}

func TestReopenKeepsDataAndRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	opts := Options{Database: testdb.URL(t), Locales: locale.MustParse("tg,fa")}
	s, err := Open(ctx, opts)
	must(t, err)
	_, err = s.CreateUser(ctx, UserInput{Email: "Editor@Example.com", Role: RoleEditor, Password: "گذرواژه‌ی بلند"})
	must(t, err)
	must(t, s.write.Exec("INSERT INTO schema_migrations (id) VALUES ('9999_from_the_future')").Error)
	must(t, s.Close())

	_, err = Open(ctx, opts)
	if !errors.Is(err, ErrSchemaTooNew) {
		t.Fatalf("open with an unknown migration: %v, want ErrSchemaTooNew", err)
	}
}

func TestReopenMigratesNothingTwice(t *testing.T) {
	ctx := context.Background()
	opts := Options{Database: testdb.URL(t), Locales: locale.MustParse("tg,fa")}
	s, err := Open(ctx, opts)
	must(t, err)
	_, err = s.CreateUser(ctx, UserInput{Email: "a@example.com", Role: RoleAdmin, Password: "long enough"})
	must(t, err)
	must(t, s.Close())
	s, err = Open(ctx, opts)
	must(t, err)
	defer s.Close()
	u, err := s.FindUserByEmail(ctx, "A@EXAMPLE.COM")
	must(t, err)
	var applied []string
	must(t, s.read.Table("schema_migrations").Pluck("id", &applied).Error)
	var want []string
	for _, m := range migrations {
		want = append(want, m.ID)
	}
	if u.Role != RoleAdmin || len(want) < 10 || !slices.Equal(applied, want) {
		t.Fatalf("after reopen: user %+v, migrations %v", u, applied)
	}
}
