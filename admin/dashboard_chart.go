package admin

import (
	"slices"
	"strings"
	"time"

	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// chart is the dashboard's views per day: a line per content locale, and
// one for views counted without a locale when there are any, with the
// days in the interface's calendar and digits.
func (b dashboardBuilder) chart(d models.Dashboard) views.ViewsChart {
	c := views.ViewsChart{
		Title:  b.l.T("dashboard.chart_title", "days", len(d.Days)),
		RTL:    b.l.Dir == "rtl",
		Number: func(v int64) string { return b.l.Number(v) },
	}
	for _, day := range d.Days {
		t, err := time.ParseInLocation(time.DateOnly, day, b.tz)
		if err != nil {
			t = time.Time{}
		}
		c.Days = append(c.Days, b.l.DayMonth(t.Add(12*time.Hour), b.tz))
	}
	var top int64
	var summary []string
	add := func(key, label, lang, dir string, series []int64) {
		var total int64
		for _, v := range series {
			total += v
			top = max(top, v)
		}
		c.Series = append(c.Series, views.ChartSeries{Key: key, Label: label, Lang: lang, Dir: dir, Views: series, Total: b.l.T("dashboard.views", "count", total)})
		summary = append(summary, b.l.T("dashboard.chart_series", "label", bidiIsolate(label), "total", total, "today", series[len(series)-1]))
	}
	for _, loc := range b.locales.All() {
		add(loc.Code, loc.Name, loc.Code, loc.Dir, d.Views[loc.Code])
	}
	if slices.ContainsFunc(d.Views[""], func(v int64) bool { return v > 0 }) {
		add("none", b.l.T("dashboard.no_locale"), b.l.Code, b.l.Dir, d.Views[""])
	}
	c.Max = views.NiceCeiling(top)
	c.Desc = strings.Join(summary, " ")
	if top == 0 {
		c.Desc = b.l.T("dashboard.chart_empty")
	}
	return c
}
