package admin

import (
	"math"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/views"
)

// trashList shows the articles in the trash, most recently deleted first,
// with who deleted them and how many days each can still be restored.
func (a *Admin) trashList(c *gin.Context) {
	trash, err := a.store.ListTrash(c.Request.Context())
	if err != nil {
		a.fail(c, err)
		return
	}
	p := a.page(c, "trash.title", "articles")
	props := views.TrashProps{Page: p, Days: retentionDays()}
	now := a.store.Now()
	for _, t := range trash {
		by := t.TrashedByName
		if by == "" {
			by = "—"
		}
		title, other := articleTitles(p.L, a.store.Locales(), t.ID, t.Titles)
		props.Rows = append(props.Rows, views.TrashRow{
			ID: t.ID, Title: title, Other: other, By: by,
			Trashed: p.L.DateTime(t.TrashedAt, a.tz), TrashedISO: t.TrashedAt.UTC().Format(time.RFC3339),
			DaysLeft: daysLeft(t.PurgeAt(), now),
		})
	}
	a.render(c, http.StatusOK, views.Trash(props))
}

// daysLeft counts the started days until purge: 0 means it goes within
// the next housekeeping run.
func daysLeft(purge, now time.Time) int {
	return max(0, int(math.Ceil(purge.Sub(now).Hours()/24)))
}

// trashRestore takes an article out of the trash.
func (a *Admin) trashRestore(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		a.notFound(c)
		return
	}
	ctx, l := c.Request.Context(), a.localizer(c)
	err := a.store.RestoreArticle(ctx, id)
	if err != nil {
		// Not found: not in the trash, restored or purged meanwhile.
		a.fail(c, err)
		return
	}
	article, err := a.store.FindArticle(ctx, id)
	if err != nil {
		a.fail(c, err)
		return
	}
	title := articleTitle(l, a.store.Locales(), id, titlesOf(article))
	a.flash(c, l.T("trash.restored", "title", bidiIsolate(title.Text)))
	redirect(c, "/admin/trash")
}
