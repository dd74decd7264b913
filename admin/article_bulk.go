package admin

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// maxBulkTagChoices bounds the tag menu of the bulk bar.
const maxBulkTagChoices = 500

// bulkArticles applies one action of the list's bulk bar to the selected
// articles, each through the one write path with the state the list
// showed, and answers with the list as it is now and a report of what was
// done and what was refused and why.
func (a *Admin) bulkArticles(c *gin.Context) {
	ctx, l, user := c.Request.Context(), a.localizer(c), currentUser(c)
	form := parseBulkForm(c)
	results, err := a.store.ApplyBulk(ctx, form.action, form.listed, &user.ID)
	status := http.StatusOK
	errs := refusals(l, err, "")
	switch {
	case errs != nil:
		status = http.StatusUnprocessableEntity
	case err != nil && len(results) == 0:
		a.fail(c, err)
		return
	}
	props, listErr := a.articleListProps(c)
	if listErr != nil {
		a.fail(c, listErr)
		return
	}
	props.Bulk.Chosen, props.Bulk.Errors = form.chosen(), errs
	if results != nil {
		if props.Bulk.Report, err = a.bulkReport(ctx, l, form.action, results); err != nil {
			a.fail(c, err)
			return
		}
	}
	a.renderArticleList(c, status, props)
}

// bulkFormProps is the bulk bar's choices; action is the list's address,
// whose filters the bar posts along so the answer shows the same list.
func (a *Admin) bulkFormProps(ctx context.Context, l i18n.Localizer, listURL string) (views.BulkFormProps, error) {
	props := views.BulkFormProps{Action: "/admin/articles/bulk"}
	if _, query, ok := strings.Cut(listURL, "?"); ok {
		props.Action += "?" + query
	}
	tags, err := a.store.ListTags(ctx, "", maxBulkTagChoices)
	if err != nil {
		return props, err
	}
	for _, t := range tags {
		props.Tags = append(props.Tags, views.BulkTagOption{ID: t.ID, Label: tagLabel(l, a.store.Locales(), t.Tag)})
	}
	return props, nil
}

// bulkReport says, per article and in the interface language, what the
// bulk action did.
func (a *Admin) bulkReport(ctx context.Context, l i18n.Localizer, action models.BulkAction, results []models.BulkResult) (*views.BulkReport, error) {
	ids := make([]uint, len(results))
	for i, r := range results {
		ids[i] = r.ID
	}
	titles, err := a.store.ArticleTitles(ctx, ids)
	if err != nil {
		return nil, err
	}
	report := &views.BulkReport{}
	for _, r := range results {
		line := views.BulkLine{ID: r.ID, Title: articleTitle(l, a.store.Locales(), r.ID, titles[r.ID])}
		switch {
		case r.Err == nil:
			line.Message = l.T("articles.bulk.done." + string(action.Kind))
			report.Done = append(report.Done, line)
		case errors.Is(r.Err, models.ErrUnchanged):
			line.Message = l.T("articles.bulk.unchanged")
			report.Unchanged = append(report.Unchanged, line)
		default:
			line.Message = a.bulkRefusal(l, r)
			report.Refused = append(report.Refused, line)
		}
	}
	return report, nil
}

// bulkRefusal says why one article was refused.
func (a *Admin) bulkRefusal(l i18n.Localizer, r models.BulkResult) string {
	var invalid *models.ValidationError
	switch {
	case errors.Is(r.Err, models.ErrConflict):
		return l.T("articles.bulk.conflict")
	case errors.Is(r.Err, models.ErrNotFound):
		return l.T("articles.bulk.gone")
	case errors.As(r.Err, &invalid):
		msgs := refusals(l, r.Err, "")
		parts := make([]string, 0, len(msgs))
		for _, field := range slices.Sorted(maps.Keys(msgs)) {
			parts = append(parts, msgs[field])
		}
		return strings.Join(parts, " ")
	case writeRefused(r.Err):
		return storageMessage(l, r.Err)
	default:
		a.log.Error("bulk action", "article", r.ID, "err", r.Err)
		return l.T("articles.bulk.failed")
	}
}
