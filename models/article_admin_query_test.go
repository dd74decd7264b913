package models

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// adminListFixture is four live articles and one in the trash, saved a
// minute apart, then the first one edited again so it is the most recent.
type adminListFixture struct {
	s                                *Store
	culture, heritage, sport         *Section
	withDraft, scheduled, faOnly, tg *Article
}

func newAdminListFixture(t *testing.T) adminListFixture {
	s, c := newTestStore(t)
	f := adminListFixture{s: s}
	f.culture = mustSection(t, s, "culture", nil)
	f.heritage = mustSection(t, s, "heritage", &f.culture.ID)
	f.sport = mustSection(t, s, "sport", nil)
	tick := func() { c.t = c.t.Add(time.Minute) }
	draft := func(loc, title string) TranslationInput {
		return TranslationInput{Locale: loc, Status: StatusDraft, Title: title}
	}
	later := testNow.Add(48 * time.Hour)
	scheduledTG := published("tg", "Намоишгоҳи китоб", 0)
	scheduledTG.PublishedAt = &later

	f.withDraft = mustArticle(t, s, f.culture.ID, published("tg", "Хабари аввал", 1), draft("fa", "خبر نخست"))
	tick()
	f.scheduled = mustArticle(t, s, f.heritage.ID, scheduledTG, published("fa", "نمایشگاه کتاب", 2))
	tick()
	f.faOnly = mustArticle(t, s, f.sport.ID, published("fa", "کتاب‌خانهٔ ملی", 3))
	tick()
	f.tg = mustArticle(t, s, f.culture.ID, draft("tg", "100% Хабари_нав"))
	tick()
	trashed := mustArticle(t, s, f.sport.ID, published("tg", "Хабари партофта", 4))
	must(t, s.TrashArticle(context.Background(), trashed.ID))
	tick()
	_, err := s.SaveArticle(context.Background(), ArticleInput{ID: f.withDraft.ID, Shared: &SharedInput{Version: f.withDraft.Version, SectionID: f.culture.ID}})
	must(t, err)
	return f
}

func rowIDs(p AdminArticlePage) []uint {
	ids := make([]uint, len(p.Rows))
	for i, r := range p.Rows {
		ids[i] = r.ID
	}
	return ids
}

func TestListAdminArticlesFilters(t *testing.T) {
	f := newAdminListFixture(t)
	a1, a2, a3, a4 := f.withDraft.ID, f.scheduled.ID, f.faOnly.ID, f.tg.ID
	tests := []struct {
		name string
		q    AdminArticleQuery
		want []uint
	}{
		{"all, recently updated first, trash left out", AdminArticleQuery{}, []uint{a1, a4, a3, a2}},
		{"section includes subsections", AdminArticleQuery{SectionID: f.culture.ID}, []uint{a1, a4, a2}},
		{"subsection", AdminArticleQuery{SectionID: f.heritage.ID}, []uint{a2}},
		{"unknown section", AdminArticleQuery{SectionID: 999}, []uint{}},
		{"published now", AdminArticleQuery{Status: StatePublished}, []uint{a1, a3, a2}},
		{"scheduled", AdminArticleQuery{Status: StateScheduled}, []uint{a2}},
		{"has a draft", AdminArticleQuery{Status: StateDraft}, []uint{a1, a4}},
		{"missing tg", AdminArticleQuery{MissingLocale: "tg"}, []uint{a3}},
		{"missing fa", AdminArticleQuery{MissingLocale: "fa"}, []uint{a4}},
		{"missing ru", AdminArticleQuery{MissingLocale: "ru"}, []uint{a1, a4, a3, a2}},
		{"Tajik word", AdminArticleQuery{Search: "китоб"}, []uint{a2}},
		{"Persian word with ZWNJ", AdminArticleQuery{Search: "کتاب‌خانه"}, []uint{a3}},
		{"Persian word in two", AdminArticleQuery{Search: " کتاب "}, []uint{a3, a2}},
		{"digits are a word", AdminArticleQuery{Search: "100"}, []uint{a4}},
		{"Persian digits match ASCII ones", AdminArticleQuery{Search: "۱۰۰"}, []uint{a4}},
		{"punctuation splits words, any case", AdminArticleQuery{Search: "НАВ"}, []uint{a4}},
		{"only punctuation falls back to a literal title match", AdminArticleQuery{Search: "%"}, []uint{a4}},
		{"the fallback's _ is no wildcard", AdminArticleQuery{Search: "_"}, []uint{a4}},
		{"the fallback matches a run of punctuation whole", AdminArticleQuery{Search: "%_"}, []uint{}},
		{"the fallback has no escape character", AdminArticleQuery{Search: `\`}, []uint{}},
		{"filters combine", AdminArticleQuery{SectionID: f.culture.ID, Status: StateDraft, MissingLocale: "fa"}, []uint{a4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := f.s.ListAdminArticles(context.Background(), tt.q)
			must(t, err)
			if got := rowIDs(page); !slices.Equal(got, tt.want) || page.Total != int64(len(tt.want)) {
				t.Fatalf("rows %v, total %d; want %v", got, page.Total, tt.want)
			}
		})
	}
}

func TestListAdminArticlesStates(t *testing.T) {
	f := newAdminListFixture(t)
	page, err := f.s.ListAdminArticles(context.Background(), AdminArticleQuery{SectionID: f.heritage.ID})
	must(t, err)
	if len(page.Rows) != 1 {
		t.Fatalf("%d rows", len(page.Rows))
	}
	row := page.Rows[0]
	var got []string
	for _, st := range row.Locales {
		got = append(got, st.Locale+":"+string(st.State)+":"+st.Title)
	}
	want := []string{"tg:scheduled:Намоишгоҳи китоб", "fa:published:نمایشگاه کتاب", "ru:missing:"}
	if !slices.Equal(got, want) {
		t.Fatalf("states %v, want %v", got, want)
	}
	if row.Section.Name("fa") != "بخش heritage" || row.UpdatedAt.IsZero() {
		t.Fatalf("row section %+v, updated %v", row.Section, row.UpdatedAt)
	}
}

func TestListAdminArticlesPages(t *testing.T) {
	f := newAdminListFixture(t)
	ctx := context.Background()
	tests := []struct {
		q         AdminArticleQuery
		wantPage  int
		wantPages int
		want      []uint
	}{
		{AdminArticleQuery{PerPage: 3}, 1, 2, []uint{f.withDraft.ID, f.tg.ID, f.faOnly.ID}},
		{AdminArticleQuery{PerPage: 3, Page: 2}, 2, 2, []uint{f.scheduled.ID}},
		{AdminArticleQuery{PerPage: 3, Page: 99}, 2, 2, []uint{f.scheduled.ID}},
		{AdminArticleQuery{PerPage: 3, Page: -4}, 1, 2, []uint{f.withDraft.ID, f.tg.ID, f.faOnly.ID}},
		{AdminArticleQuery{Search: "nothing", Page: 3}, 1, 1, []uint{}},
	}
	for _, tt := range tests {
		page, err := f.s.ListAdminArticles(ctx, tt.q)
		must(t, err)
		if page.Page != tt.wantPage || page.Pages() != tt.wantPages || !slices.Equal(rowIDs(page), tt.want) {
			t.Errorf("%+v: page %d of %d, rows %v; want page %d of %d, %v", tt.q, page.Page, page.Pages(), rowIDs(page), tt.wantPage, tt.wantPages, tt.want)
		}
	}
	page, err := f.s.ListAdminArticles(ctx, AdminArticleQuery{PerPage: 5000})
	must(t, err)
	if page.PerPage != MaxAdminPerPage {
		t.Errorf("per page %d, want the maximum %d", page.PerPage, MaxAdminPerPage)
	}
	for _, q := range []AdminArticleQuery{{Status: "missing"}, {Status: "x"}, {MissingLocale: "de"}} {
		var v *ValidationError
		if _, err := f.s.ListAdminArticles(ctx, q); !errors.As(err, &v) {
			t.Errorf("%+v: error %v, want a ValidationError", q, err)
		}
	}
}

// TestAdminListQueriesUseIndexes checks the plans of the list's queries:
// articles and translations are read from an index alone, never from their
// rows (a translation's row holds its large body), and nothing is sorted.
func TestAdminListQueriesUseIndexes(t *testing.T) {
	f := newAdminListFixture(t)
	ctx := context.Background()
	captured := captureQueries(t, f.s.read)
	for _, q := range []AdminArticleQuery{
		{}, {Page: 2, PerPage: 1}, {Status: StatePublished}, {Status: StateScheduled}, {Status: StateDraft},
		{Status: StateOutdated}, {MissingLocale: "fa"}, {Search: "китоб"}, {SectionID: f.culture.ID},
	} {
		_, err := f.s.ListAdminArticles(ctx, q)
		must(t, err)
	}
	queries := captured()
	if !slices.ContainsFunc(queries, func(q string) bool { return strings.Contains(q, "section_id IN") }) {
		t.Fatal("no captured query filters by section; the capture misses queries")
	}
	for _, q := range queries {
		if strings.Contains(q, "FROM `section") {
			continue // the section tree is a small table read whole
		}
		for _, step := range explain(t, f.s, q) {
			// A search match looks its translation up by rowid: one point
			// lookup per match, reading article_id from the row's start.
			byRowID := strings.Contains(step, "USING INTEGER PRIMARY KEY (rowid=?)")
			if strings.Contains(step, "USE TEMP B-TREE") || ((strings.HasPrefix(step, "SCAN") || strings.HasPrefix(step, "SEARCH")) && !strings.Contains(step, "COVERING INDEX") && !byRowID && !strings.Contains(step, "VIRTUAL TABLE")) {
				t.Errorf("plan step %q\nfor %s", step, q)
			}
		}
	}
}
