package admin

import (
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// bulkForm is the bulk bar's post: the action and the articles selected,
// each as the list showed it.
type bulkForm struct {
	action models.BulkAction
	listed []models.ListedArticle
}

// listedStamp is a row's selection value: the article's id and its last
// save as the list shows it, in microseconds (the store's clock
// resolution), so a bulk action can tell an article saved since.
func listedStamp(id uint, updated time.Time) string {
	return strconv.FormatUint(uint64(id), 10) + "." + strconv.FormatInt(updated.UnixMicro(), 10)
}

// parseListed reads a selection value back; false for anything else.
func parseListed(raw string) (models.ListedArticle, bool) {
	idText, micros, ok := strings.Cut(raw, ".")
	id := formID(idText)
	n, err := strconv.ParseInt(micros, 10, 64)
	if !ok || id == 0 || err != nil {
		return models.ListedArticle{}, false
	}
	return models.ListedArticle{ID: id, UpdatedAt: time.UnixMicro(n).UTC()}, true
}

// parseBulkForm reads the post. Unreadable selections and ids are dropped
// here and the rest left to the store, which refuses a bad action, locale,
// section or tag beside its field; an article selected twice counts once.
func parseBulkForm(c *gin.Context) bulkForm {
	f := bulkForm{action: models.BulkAction{Kind: models.BulkKind(c.PostForm("action")), Locale: c.PostForm("locale")}}
	f.action.SectionID, f.action.TagID = formID(c.PostForm("section_id")), formID(c.PostForm("tag_id"))
	seen := map[uint]bool{}
	for _, raw := range c.PostFormArray("article") {
		if l, ok := parseListed(raw); ok && !seen[l.ID] {
			seen[l.ID] = true
			f.listed = append(f.listed, l)
		}
	}
	return f
}

// chosen is the post as the bar shows it again beside its report.
func (f bulkForm) chosen() views.BulkChoice {
	return views.BulkChoice{Kind: string(f.action.Kind), Locale: f.action.Locale, SectionID: f.action.SectionID, TagID: f.action.TagID}
}
