package models

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/viewcount"
)

// dashboardSite is a small newsroom for the dashboard's tests, built with
// the clock moving a minute per save so updates have an order.
type dashboardSite struct {
	// full has tg, fa and ru; its tg was edited last, so fa and ru are
	// outdated. tgfa has no ru. quiet has all three, in step. trashed is in
	// the trash with views and a schedule.
	full, tgfa, quiet, trashed *Article
	// soonTG and laterFA are scheduled in an hour and in two.
	soonTG, laterFA *Article
	editor, other   *User
}

func newDashboardSite(t *testing.T) (*Store, dashboardSite) {
	t.Helper()
	ctx := context.Background()
	s, c := newTestStore(t)
	sec := mustSection(t, s, "news", nil)
	tick := func() { c.t = c.t.Add(time.Minute) }
	var site dashboardSite
	var err error
	site.editor, err = s.CreateUser(ctx, UserInput{Email: "nigina@example.com", DisplayName: "Нигина", Role: RoleEditor, Password: "a long enough password"})
	must(t, err)
	site.other, err = s.CreateUser(ctx, UserInput{Email: "parviz@example.com", DisplayName: "پرویز", Role: RoleEditor, Password: "a long enough password"})
	must(t, err)

	three := func(tg, fa, ru string) []TranslationInput {
		return []TranslationInput{published("tg", tg, 5), published("fa", fa, 5), published("ru", ru, 5)}
	}
	site.trashed = mustArticle(t, s, sec.ID, published("tg", "Партов", 5), scheduledIn("fa", "زمان‌بندی دورریز", 30*time.Minute), published("ru", "Корзина", 5))
	must(t, s.TrashArticle(ctx, site.trashed.ID))
	tick()
	site.quiet = mustArticle(t, s, sec.ID, three("Ором", "آرام", "Тихо")...)
	tick()
	site.tgfa = mustArticle(t, s, sec.ID, published("tg", "Бе русӣ", 3), published("fa", "بی روسی", 3))
	tick()
	site.laterFA = mustArticle(t, s, sec.ID, published("tg", "Баъдтар", 3), scheduledIn("fa", "بعداً", 2*time.Hour), published("ru", "Позже", 3))
	tick()
	site.soonTG = mustArticle(t, s, sec.ID, scheduledIn("tg", "Ба зудӣ", time.Hour), published("fa", "به زودی", 3), published("ru", "Скоро", 3))
	tick()
	site.full = mustArticle(t, s, sec.ID, three("Пурра", "کامل", "Полная")...)
	tick()
	// Two saves of full's tg by one editor, then one of quiet's fa by
	// another: two entries in the recent edits.
	for _, title := range []string{"Пурра ва нав", "Пурра ва навтар"} {
		editTranslationBy(t, s, site.full.ID, "tg", &site.editor.ID, retitle(title))
		tick()
	}
	// The article is saved again, so quiet is in step: it stays off the
	// waiting list though its fa was edited last.
	editTranslationBy(t, s, site.quiet.ID, "fa", &site.other.ID, func(in *TranslationInput) { in.Minor, in.Title = true, "آرامِ آرام" })
	return s, site
}

func scheduledIn(loc, title string, d time.Duration) TranslationInput {
	at := testNow.Add(d)
	return TranslationInput{Locale: loc, Status: StatusPublished, PublishedAt: &at, Title: title, BodyHTML: "<p>" + title + "</p>"}
}

// editTranslationBy is editTranslation saved by an editor.
func editTranslationBy(t *testing.T, s *Store, id uint, loc string, editor *uint, change func(*TranslationInput)) {
	t.Helper()
	ctx := context.Background()
	a, err := s.FindArticle(ctx, id)
	must(t, err)
	tr, _ := a.Translation(loc)
	in := TranslationInput{Locale: loc, Version: tr.Version, Status: tr.Status, PublishedAt: tr.PublishedAt,
		Title: tr.Title, Slug: tr.Slug, Summary: tr.Summary, BodyHTML: tr.BodyHTML, SeenRevisionID: a.SeenMark()}
	change(&in)
	_, err = s.SaveArticle(ctx, ArticleInput{ID: id, EditorID: editor, Translations: []TranslationInput{in}})
	must(t, err)
}

func TestDashboardViewsPerDay(t *testing.T) {
	s, site := newDashboardSite(t)
	ctx := context.Background()
	day := func(n int) time.Time { return testNow.AddDate(0, 0, -n) }
	add := func(loc string, n int64, at time.Time) {
		must(t, s.AddViews(ctx, map[viewcount.Key]int64{{Article: site.full.ID, Locale: loc}: n}, at))
	}
	add("tg", 5, day(0))
	add("tg", 2, day(0))
	add("fa", 4, day(0))
	add("tg", 3, day(1))
	add("", 6, day(1))
	add("fa", 9, day(29))
	add("fa", 100, day(30)) // a day before the chart
	d, err := s.LoadDashboard(ctx, DashboardQuery{Days: 30, Limit: 5})
	must(t, err)
	if len(d.Days) != 30 || d.Days[0] != "2024-06-13" || d.Days[29] != "2024-07-12" {
		t.Fatalf("days = %d from %s to %s, want 30 from 2024-06-13 to 2024-07-12", len(d.Days), d.Days[0], d.Days[len(d.Days)-1])
	}
	want := map[string]map[int]int64{"tg": {29: 7, 28: 3}, "fa": {29: 4, 0: 9}, "ru": {}, "": {28: 6}}
	for loc, days := range want {
		series := d.Views[loc]
		if len(series) != 30 {
			t.Fatalf("%q has %d days, want 30", loc, len(series))
		}
		for i, n := range series {
			if n != days[i] {
				t.Errorf("%q on %s = %d, want %d", loc, d.Days[i], n, days[i])
			}
		}
	}
}

func TestDashboardMostRead(t *testing.T) {
	s, site := newDashboardSite(t)
	ctx := context.Background()
	views := map[viewcount.Key]int64{
		{Article: site.full.ID, Locale: "tg"}: 5,
		{Article: site.tgfa.ID, Locale: "tg"}: 3,
		{Article: site.tgfa.ID}:               3, // no locale: counts in tg and fa
		{Article: site.full.ID, Locale: "fa"}: 2,
	}
	must(t, s.AddViews(ctx, views, testNow))
	must(t, s.AddViews(ctx, map[viewcount.Key]int64{{Article: site.quiet.ID, Locale: "tg"}: 10}, testNow.AddDate(0, 0, -3)))
	must(t, s.AddViews(ctx, map[viewcount.Key]int64{{Article: site.quiet.ID, Locale: "tg"}: 50}, testNow.AddDate(0, 0, -7)))
	// Read before it went to the trash: the lists leave it out (the chart
	// counts it, as readers did read it).
	must(t, s.AddViews(ctx, map[viewcount.Key]int64{{Article: site.trashed.ID, Locale: "tg"}: 100}, testNow))
	d, err := s.LoadDashboard(ctx, DashboardQuery{Days: 30, Limit: 5})
	must(t, err)
	if len(d.MostRead) != 3 || d.MostRead[0].Locale != "tg" || d.MostRead[1].Locale != "fa" || d.MostRead[2].Locale != "ru" {
		t.Fatalf("most read locales = %+v, want tg, fa, ru", d.MostRead)
	}
	tests := []struct {
		name string
		got  []ArticleViews
		want []ArticleViews
	}{
		{"tg today", d.MostRead[0].Day, []ArticleViews{{site.tgfa.ID, 6}, {site.full.ID, 5}}},
		{"tg this week", d.MostRead[0].Week, []ArticleViews{{site.quiet.ID, 10}, {site.tgfa.ID, 6}, {site.full.ID, 5}}},
		{"fa today", d.MostRead[1].Day, []ArticleViews{{site.tgfa.ID, 3}, {site.full.ID, 2}}},
		{"ru this week", d.MostRead[2].Week, []ArticleViews{{site.tgfa.ID, 3}}},
	}
	for _, tt := range tests {
		if !slices.Equal(tt.got, tt.want) {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	d, err = s.LoadDashboard(ctx, DashboardQuery{Days: 30, Limit: 1})
	must(t, err)
	if got := d.MostRead[0].Week; !slices.Equal(got, []ArticleViews{{site.quiet.ID, 10}}) {
		t.Errorf("tg this week with limit 1 = %v", got)
	}
	if d.Titles[site.quiet.ID]["fa"] != "آرامِ آرام" || d.Titles[site.quiet.ID]["tg"] != "Ором" {
		t.Errorf("quiet's titles = %v", d.Titles[site.quiet.ID])
	}
}

func TestDashboardWaitingTranslations(t *testing.T) {
	s, site := newDashboardSite(t)
	d, err := s.LoadDashboard(context.Background(), DashboardQuery{Days: 30, Limit: 10})
	must(t, err)
	type entry struct {
		id      uint
		loc     string
		missing bool
	}
	var got []entry
	for _, w := range d.Waiting {
		got = append(got, entry{w.ArticleID, w.Locale, w.Missing})
	}
	// Newest first: full (edited last), then tgfa; quiet is in step, the
	// scheduled ones are complete and in step, trashed is in the trash.
	want := []entry{{site.full.ID, "fa", false}, {site.full.ID, "ru", false}, {site.tgfa.ID, "ru", true}}
	if !slices.Equal(got, want) {
		t.Fatalf("waiting = %v, want %v", got, want)
	}
	if !d.Waiting[0].Since.After(d.Waiting[2].Since) {
		t.Errorf("full's update %v is not after tgfa's %v", d.Waiting[0].Since, d.Waiting[2].Since)
	}
	d, err = s.LoadDashboard(context.Background(), DashboardQuery{Days: 30, Limit: 2})
	must(t, err)
	if len(d.Waiting) != 2 || d.Waiting[1].Locale != "ru" || d.Waiting[1].ArticleID != site.full.ID {
		t.Errorf("waiting with limit 2 = %+v", d.Waiting)
	}
}

func TestDashboardScheduledNext(t *testing.T) {
	s, site := newDashboardSite(t)
	d, err := s.LoadDashboard(context.Background(), DashboardQuery{Days: 30, Limit: 5})
	must(t, err)
	want := []ScheduledTranslation{
		{ArticleID: site.soonTG.ID, Locale: "tg", PublishedAt: testNow.Add(time.Hour)},
		{ArticleID: site.laterFA.ID, Locale: "fa", PublishedAt: testNow.Add(2 * time.Hour)},
	}
	if !slices.Equal(d.Scheduled, want) {
		t.Fatalf("scheduled = %+v, want %+v", d.Scheduled, want)
	}
	if d.Titles[site.soonTG.ID]["tg"] != "Ба зудӣ" {
		t.Errorf("soonTG's titles = %v", d.Titles[site.soonTG.ID])
	}
	d, err = s.LoadDashboard(context.Background(), DashboardQuery{Days: 30, Limit: 1})
	must(t, err)
	if !slices.Equal(d.Scheduled, want[:1]) {
		t.Errorf("scheduled with limit 1 = %+v", d.Scheduled)
	}
}

func TestDashboardRecentEdits(t *testing.T) {
	s, site := newDashboardSite(t)
	d, err := s.LoadDashboard(context.Background(), DashboardQuery{Days: 30, Limit: 4})
	must(t, err)
	var got []string
	for _, e := range d.Edits {
		got = append(got, e.Locale+" "+e.EditorName)
	}
	// quiet's fa by Parviz; full's two tg saves by Nigina as one entry;
	// then full's creation, all three locales at once by nobody.
	want := []string{"fa پرویز", "tg Нигина", "ru ", "fa "}
	if !slices.Equal(got, want) {
		t.Fatalf("edits = %q, want %q", got, want)
	}
	if d.Edits[0].ArticleID != site.quiet.ID || d.Edits[1].ArticleID != site.full.ID || d.Edits[2].ArticleID != site.full.ID {
		t.Errorf("edits name articles %d, %d, %d; want quiet %d, full %d, full", d.Edits[0].ArticleID, d.Edits[1].ArticleID, d.Edits[2].ArticleID, site.quiet.ID, site.full.ID)
	}
	if !d.Edits[0].At.After(d.Edits[1].At) || d.Edits[1].Status != StatusPublished {
		t.Errorf("edits = %+v", d.Edits)
	}
	for _, e := range d.Edits {
		if e.ArticleID == site.trashed.ID {
			t.Errorf("a trashed article's edit is listed: %+v", e)
		}
	}
	if title := d.Titles[site.full.ID]["tg"]; !strings.HasPrefix(title, "Пурра ва навтар") {
		t.Errorf("full's tg title = %q", title)
	}
}
