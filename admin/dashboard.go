package admin

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// The dashboard's size: a month of views, and a short list of each kind,
// short enough that the page fits a screen or two.
const (
	dashboardDays  = 30
	dashboardLimit = 6
)

// dashboard shows the admin's front page. /admin once was the article
// list: an address with the list's filters (a bookmark, an old link) is
// sent on to the list with them.
func (a *Admin) dashboard(c *gin.Context) {
	if c.Request.URL.RawQuery != "" {
		c.Redirect(http.StatusFound, "/admin/articles?"+c.Request.URL.RawQuery)
		return
	}
	d, err := a.store.LoadDashboard(c.Request.Context(), models.DashboardQuery{Days: dashboardDays, Limit: dashboardLimit})
	if a.failed(c, err) {
		return
	}
	p := a.page(c, "dashboard.title", "dashboard")
	b := dashboardBuilder{l: p.L, tz: a.tz, locales: a.store.Locales(), titles: d.Titles}
	props := views.DashboardProps{Page: p, Chart: b.chart(d)}
	for _, m := range d.MostRead {
		loc, _ := b.locales.Get(m.Locale)
		props.MostRead = append(props.MostRead, views.MostReadBlock{
			Locale: localeOption(loc), Day: b.mostRead("day", m.Locale, m.Day), Week: b.mostRead("week", m.Locale, m.Week),
		})
	}
	for _, w := range d.Waiting {
		it := b.item(w.ArticleID, w.Locale, "waiting")
		it.Badge, it.State = b.l.T("articles.list.state_label", "locale", w.Locale, "state", b.l.T("articles.list.outdated")), "outdated"
		if w.Missing {
			it.Badge, it.State = b.l.T("articles.list.state_label", "locale", w.Locale, "state", b.l.T("articles.list.state.missing")), "missing"
		}
		it.When, it.WhenISO = b.when(w.Since)
		props.Waiting = append(props.Waiting, it)
	}
	for _, sc := range d.Scheduled {
		it := b.item(sc.ArticleID, sc.Locale, "scheduled")
		it.Badge, it.State = sc.Locale, "scheduled"
		it.When, it.WhenISO = b.when(sc.PublishedAt)
		props.Scheduled = append(props.Scheduled, it)
	}
	for _, e := range d.Edits {
		it := b.item(e.ArticleID, e.Locale, "edit")
		it.Badge, it.State = e.Locale, string(e.Status)
		it.Note = b.l.T("dashboard.edited_by", "name", bidiIsolate(e.EditorName))
		if e.EditorName == "" {
			it.Note = b.l.T("dashboard.edited_by_nobody")
		}
		it.When, it.WhenISO = b.when(e.At)
		props.Edits = append(props.Edits, it)
	}
	a.render(c, http.StatusOK, views.Dashboard(props))
}

// dashboardBuilder turns the dashboard's data into what the page shows, in
// the interface's language.
type dashboardBuilder struct {
	l       i18n.Localizer
	tz      *time.Location
	locales locale.Set
	titles  map[uint]map[string]string
}

// item links to an article's pane of loc, titled in the interface's
// language where the article has that translation, the other beside it.
func (b dashboardBuilder) item(id uint, loc, list string) views.DashboardItem {
	key := strconv.FormatUint(uint64(id), 10)
	it := views.DashboardItem{URL: "/admin/articles/" + key + "#pane-" + loc, TestID: list + "-" + key + "-" + loc}
	it.Title, it.Other = articleTitles(b.l, b.locales, id, b.titles[id])
	return it
}

func (b dashboardBuilder) mostRead(period, loc string, list []models.ArticleViews) []views.DashboardItem {
	out := make([]views.DashboardItem, len(list))
	for i, v := range list {
		out[i] = b.item(v.ArticleID, loc, "read-"+period)
		out[i].Note = b.l.T("dashboard.views", "count", v.Views)
	}
	return out
}

func (b dashboardBuilder) when(t time.Time) (string, string) {
	return b.l.DateTime(t, b.tz), t.UTC().Format(time.RFC3339)
}
