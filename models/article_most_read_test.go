package models

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/testdb"
	"github.com/payvand/payvand/internal/viewcount"
	"gorm.io/gorm"
)

// newZonedStore is newTestStore in the site time zone Asia/Dushanbe
// (UTC+5), so a view's UTC date and its site date differ late in the day.
func newZonedStore(t *testing.T) (*Store, *clock) {
	t.Helper()
	tz, err := time.LoadLocation("Asia/Dushanbe")
	must(t, err)
	c := &clock{t: testNow}
	s, err := Open(context.Background(), Options{
		Database: testdb.URL(t), Locales: locale.MustParse("tg,fa,ru"), Now: c.now, TimeZone: tz,
	})
	must(t, err)
	t.Cleanup(func() { s.Close() })
	return s, c
}

func TestListMostReadRanksByLocaleAndPeriod(t *testing.T) {
	s, c := newZonedStore(t)
	ctx := context.Background()
	news := mustSection(t, s, "news", nil)
	sport := mustSection(t, s, "sport", &news.ID)
	both := func(title string, hoursAgo int) []TranslationInput {
		return []TranslationInput{published("tg", title, hoursAgo), published("fa", title, hoursAgo)}
	}
	a := mustArticle(t, s, news.ID, both("A", 1)...)
	b := mustArticle(t, s, news.ID, both("B", 2)...)
	cc := mustArticle(t, s, sport.ID, both("C", 3)...)
	d := mustArticle(t, s, news.ID, both("D", 4)...)
	e := mustArticle(t, s, news.ID, both("E", 5)...)
	f := mustArticle(t, s, news.ID, both("F", 5)...) // same time as E: higher id first
	utc := func(day, hm string) time.Time {
		at, err := time.Parse(time.DateTime, day+" "+hm+":00")
		must(t, err)
		return at
	}
	add := func(id uint, loc string, n int64, at time.Time) {
		must(t, s.AddViews(ctx, map[viewcount.Key]int64{{Article: id, Locale: loc}: n}, at))
	}
	add(a.ID, "tg", 5, utc("2024-07-12", "18:59"))   // 23:59 on the 12th in Dushanbe
	add(b.ID, "", 3, utc("2024-07-12", "19:01"))     // 00:01 on the 13th: today
	add(cc.ID, "fa", 10, utc("2024-07-12", "19:01")) // Persian readers only
	add(d.ID, "tg", 4, utc("2024-07-06", "19:00"))   // 00:00 on the 7th: first day of the week
	add(d.ID, "tg", 100, utc("2024-07-06", "18:59")) // 23:59 on the 6th: a week and a minute ago
	c.t = utc("2024-07-12", "19:30")                 // 00:30 on the 13th in Dushanbe

	ids := func(items []MostRead) (out []uint, views []int64) {
		for _, it := range items {
			out = append(out, it.Article.Article.ID)
			views = append(views, it.PeriodViews)
		}
		return out, views
	}
	tests := []struct {
		name      string
		q         MostReadQuery
		want      []uint
		wantViews []int64
	}{
		{"tg day: only views since the site's midnight", MostReadQuery{Locale: "tg", Period: PeriodDay},
			[]uint{b.ID, a.ID, cc.ID, d.ID, f.ID, e.ID}, []int64{3, 0, 0, 0, 0, 0}},
		{"tg week: seven site days, today included", MostReadQuery{Locale: "tg", Period: PeriodWeek},
			[]uint{a.ID, d.ID, b.ID, cc.ID, f.ID, e.ID}, []int64{5, 4, 3, 0, 0, 0}},
		{"tg month", MostReadQuery{Locale: "tg", Period: PeriodMonth},
			[]uint{d.ID, a.ID, b.ID, cc.ID, f.ID, e.ID}, []int64{104, 5, 3, 0, 0, 0}},
		{"fa week: its own views and those without a locale", MostReadQuery{Locale: "fa", Period: PeriodWeek},
			[]uint{cc.ID, b.ID, a.ID, d.ID, f.ID, e.ID}, []int64{10, 3, 0, 0, 0, 0}},
		{"section with subsections, one excluded", MostReadQuery{Locale: "fa", Period: PeriodWeek, SectionID: news.ID, Exclude: []uint{b.ID}},
			[]uint{cc.ID, a.ID, d.ID, f.ID, e.ID}, []int64{10, 0, 0, 0, 0}},
		{"subsection only", MostReadQuery{Locale: "tg", Period: PeriodMonth, SectionID: sport.ID},
			[]uint{cc.ID}, []int64{0}},
		{"no public translation in ru", MostReadQuery{Locale: "ru", Period: PeriodMonth}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.Limit = 20
			items, next, err := s.ListMostRead(ctx, tt.q)
			must(t, err)
			got, views := ids(items)
			if !slices.Equal(got, tt.want) || !slices.Equal(views, tt.wantViews) || next != nil {
				t.Fatalf("got %v with views %v (next %v), want %v with %v", got, views, next, tt.want, tt.wantViews)
			}
		})
	}

	t.Run("cursor pages cover the list without gaps or repeats", func(t *testing.T) {
		var got []uint
		q := MostReadQuery{Locale: "tg", Period: PeriodWeek, Limit: 2}
		for page := 0; page < 10; page++ {
			items, next, err := s.ListMostRead(ctx, q)
			must(t, err)
			p, _ := ids(items)
			got = append(got, p...)
			if next == nil {
				break
			}
			q.After = next
		}
		if want := []uint{a.ID, d.ID, b.ID, cc.ID, f.ID, e.ID}; !slices.Equal(got, want) {
			t.Fatalf("paged %v, want %v", got, want)
		}
	})
}

// TestAddViewsWritesDailyRowsWithoutEvents: a flush adds to the total and
// to the day's row of each locale, in the site's time zone, and neither
// records events nor moves the content generation (no cache is emptied).
func TestAddViewsWritesDailyRowsWithoutEvents(t *testing.T) {
	s, _ := newZonedStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "А", 1), published("fa", "ا", 1))
	gen := s.Generation()
	events, err := s.LastEventPosition(ctx)
	must(t, err)
	late := time.Date(2024, 7, 12, 20, 0, 0, 0, time.UTC) // the 13th in Dushanbe
	must(t, s.AddViews(ctx, map[viewcount.Key]int64{{Article: a.ID, Locale: "tg"}: 2, {Article: a.ID}: 1}, late))
	must(t, s.AddViews(ctx, map[viewcount.Key]int64{{Article: a.ID, Locale: "tg"}: 3}, late))
	var rows []ArticleDailyView
	must(t, s.read.Order("locale").Find(&rows).Error)
	want := []ArticleDailyView{{a.ID, "", "2024-07-13", 1}, {a.ID, "tg", "2024-07-13", 5}}
	if !slices.Equal(rows, want) {
		t.Fatalf("daily rows %+v, want %+v", rows, want)
	}
	total, err := s.ViewCount(ctx, a.ID)
	must(t, err)
	after, err := s.LastEventPosition(ctx)
	must(t, err)
	if total != 6 || after != events || s.Generation() != gen {
		t.Fatalf("total %d, events %d→%d, generation %d→%d; want 6 and nothing moved", total, events, after, gen, s.Generation())
	}
}

func TestPruneDailyViewsKeepsTheLastFortyDays(t *testing.T) {
	s, c := newZonedStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "А", 1))
	must(t, s.AddViews(ctx, map[viewcount.Key]int64{{Article: a.ID, Locale: "tg"}: 1}, c.t.Add(-41*24*time.Hour)))
	must(t, s.AddViews(ctx, map[viewcount.Key]int64{{Article: a.ID, Locale: "tg"}: 2}, c.t.Add(-30*24*time.Hour)))
	must(t, s.PruneDailyViews(ctx))
	var left []int64
	must(t, s.read.Model(&ArticleDailyView{}).Pluck("views", &left).Error)
	total, err := s.ViewCount(ctx, a.ID)
	must(t, err)
	if !slices.Equal(left, []int64{2}) || total != 3 {
		t.Fatalf("left %v, total %d; want [2] and the total untouched", left, total)
	}
}

// Daily counts written before views had a locale become locale-less rows,
// which count for every locale.
func TestDailyViewsMigrationKeepsOldRowsWithoutLocale(t *testing.T) {
	ctx := context.Background()
	path := databaseMigratedTo(t, "0012_announced", func(db *gorm.DB) {
		must(t, db.Exec(`INSERT INTO sections (id, slug, created_at, updated_at) VALUES (1, 'news', '2024-01-01 00:00:00+00:00', '2024-01-01 00:00:00+00:00')`).Error)
		must(t, db.Exec(`INSERT INTO articles (id, section_id, view_count, created_at, updated_at) VALUES (7, 1, 9, '2024-01-01 00:00:00+00:00', '2024-01-01 00:00:00+00:00')`).Error)
		must(t, db.Exec(`INSERT INTO article_daily_views (article_id, day, views) VALUES (7, '2024-07-11', 4), (7, '2024-07-12', 5)`).Error)
	})

	s, err := Open(ctx, Options{Path: path, Locales: locale.MustParse("tg,fa")})
	must(t, err)
	defer s.Close()
	var rows []ArticleDailyView
	must(t, s.read.Order("day").Find(&rows).Error)
	want := []ArticleDailyView{{7, "", "2024-07-11", 4}, {7, "", "2024-07-12", 5}}
	if !slices.Equal(rows, want) {
		t.Fatalf("rows after migrating = %+v, want %+v", rows, want)
	}
}
