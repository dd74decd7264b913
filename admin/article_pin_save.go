package admin

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// pinFromList pins an article from the article list (op=pin, at the
// posted position, keeping the end it has) or unpins it (op=unpin). htmx
// swaps the row's cell; a plain post goes back to the list.
func (a *Admin) pinFromList(c *gin.Context) {
	article := a.loadArticle(c)
	if article == nil {
		return
	}
	l := a.localizer(c)
	ctx := c.Request.Context()
	pins, err := a.store.ShownPins(ctx, []uint{article.ID})
	if err != nil {
		a.fail(c, err)
		return
	}
	change := models.PinChange{}
	position := strings.TrimSpace(c.PostForm("position"))
	cell := views.PinCellProps{ArticleID: article.ID, Position: position}
	if c.PostForm("op") == "pin" {
		n, err := strconv.Atoi(position)
		if err != nil && position != "" {
			cell.Pinned, cell.Error = pins[article.ID].ArticleID != 0, l.T("validation.pin_position", "max", models.MaxPinPosition)
			a.pinCellAnswer(c, http.StatusUnprocessableEntity, cell)
			return
		}
		change = models.PinChange{Pinned: true, Position: n}
		if pin, ok := pins[article.ID]; ok {
			change.Until = pin.Until()
		}
	}
	user := currentUser(c)
	_, err = a.store.SaveArticle(ctx, models.ArticleInput{ID: article.ID, EditorID: &user.ID, Pin: &change})
	var invalid *models.ValidationError
	switch {
	case errors.As(err, &invalid):
		cell.Pinned = pins[article.ID].ArticleID != 0
		for _, msg := range refusals(l, err, "") {
			cell.Error = msg
		}
		a.pinCellAnswer(c, http.StatusUnprocessableEntity, cell)
		return
	case writeRefused(err):
		a.refusedWrite(c, err)
		cell.Pinned, cell.Error = pins[article.ID].ArticleID != 0, storageMessage(l, err)
		a.pinCellAnswer(c, http.StatusServiceUnavailable, cell)
		return
	case err != nil:
		a.fail(c, err)
		return
	}
	cell.Pinned = change.Pinned
	if change.Pinned {
		cell.Position, cell.Notice = strconv.Itoa(change.Position), l.T("articles.pin.pinned_notice")
	} else {
		cell.Position, cell.Notice = "", l.T("articles.pin.unpinned_notice")
	}
	a.pinCellAnswer(c, http.StatusOK, cell)
}

// pinCellAnswer answers htmx with the row's pin cell; a plain post gets
// the message as a flash on the list.
func (a *Admin) pinCellAnswer(c *gin.Context, status int, cell views.PinCellProps) {
	if isHtmx(c) {
		a.render(c, status, views.ArticlePinCell(a.page(c, "articles.list.title", "articles"), cell))
		return
	}
	a.flash(c, cell.Error+cell.Notice)
	redirect(c, "/admin/articles")
}
