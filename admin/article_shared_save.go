package admin

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// saveShared saves the shared fields, or applies one change to the related
// list (op add:ID, remove:ID, up:ID, down:ID) or the tags and saves that,
// or only runs a search (op search), which saves nothing.
func (a *Admin) saveShared(c *gin.Context) {
	article := a.loadArticle(c)
	if article == nil {
		return
	}
	f, query, ok := a.readSharedEdit(c, article.ID)
	if !ok {
		return
	}
	l := a.localizer(c)
	if errs := f.Pin.validate(l, a.tz); len(errs) > 0 {
		a.renderShared(c, http.StatusUnprocessableEntity, article.ID, f, errs, query, l.T("common.form_errors"), false)
		return
	}
	saved, err := a.store.SaveArticle(c.Request.Context(), models.ArticleInput{
		ID: article.ID, EditorID: &currentUser(c).ID, Shared: f.input(article.AuthorID), Pin: f.Pin.change(a.tz)})
	if err != nil {
		a.sharedNotSaved(c, article.ID, f, query, err)
		return
	}
	a.sharedSaved(c, saved, query)
}

// readSharedEdit reads the shared form with the one change its button asks
// for applied, and the related search as typed. ok is false when the
// request is answered already: a search, which saves nothing, or a new tag
// that was refused.
func (a *Admin) readSharedEdit(c *gin.Context, id uint) (f sharedForm, query string, ok bool) {
	f, query = readSharedForm(c), c.PostForm("related_q")
	op, target, _ := strings.Cut(c.PostForm("op"), ":")
	switch op {
	case "search", opTagSearch:
		a.renderShared(c, http.StatusOK, id, f, nil, query, "", false)
		return f, query, false
	case opTagCreate:
		if !a.createEditorTag(c, id, &f, target, query) {
			return f, query, false
		}
		op, target = opTagAdd, strconv.FormatUint(uint64(f.Tags[len(f.Tags)-1]), 10)
	}
	f.Related = applyRelatedOp(f.Related, op, formID(target))
	f.Tags = applyTagOp(f.Tags, op, formID(target))
	if op == "add" {
		query = "" // the search is done: its result is in the list
	}
	return f, query, true
}

// sharedNotSaved answers a refused or conflicting save of the shared
// fields with the form as typed.
func (a *Admin) sharedNotSaved(c *gin.Context, id uint, f sharedForm, query string, err error) {
	l := a.localizer(c)
	var invalid *models.ValidationError
	switch {
	case errors.Is(err, models.ErrConflict):
		// The form comes back with the current version, so saving again
		// deliberately replaces the other person's fields.
		current, err := a.store.FindArticle(c.Request.Context(), id)
		if err != nil {
			a.fail(c, err)
			return
		}
		f.Version = current.Version
		a.renderShared(c, http.StatusConflict, id, f, nil, query, l.T("error.conflict")+" "+l.T("editor.conflict_kept"), true)
	case writeRefused(err):
		// Shown like a conflict's notice: an error, with the form kept.
		a.refusedWrite(c, err)
		a.renderShared(c, http.StatusServiceUnavailable, id, f, nil, query, storageMessage(l, err), true)
	case errors.As(err, &invalid):
		a.renderShared(c, http.StatusUnprocessableEntity, id, f, refusals(l, err, ""), query, l.T("common.form_errors"), false)
	default:
		a.fail(c, err)
	}
}

// sharedSaved answers a save of the shared fields: htmx with the fieldset
// as saved, a plain post with the editor page and the notice.
func (a *Admin) sharedSaved(c *gin.Context, saved *models.Article, query string) {
	form, err := a.storedSharedForm(c.Request.Context(), saved)
	if err != nil {
		a.fail(c, err)
		return
	}
	notice := a.localizer(c).T("editor.shared_saved")
	if !isHtmx(c) {
		a.flash(c, notice)
		redirect(c, "/admin/articles/"+c.Param("id"))
		return
	}
	a.renderShared(c, http.StatusOK, saved.ID, form, nil, query, notice, false)
}

// renderShared answers with the shared fieldset (htmx) or the whole editor
// around it: f as given, with errs beside its fields, the related search
// for query, and notice above it (shown as an error when conflict).
func (a *Admin) renderShared(c *gin.Context, status int, id uint, f sharedForm, errs map[string]string, query, notice string, conflict bool) {
	p, err := a.sharedProps(c, id, f, errs, query)
	if err != nil {
		a.fail(c, err)
		return
	}
	p.Notice, p.Conflict = notice, conflict
	page := a.editorFragmentPage(c)
	if isHtmx(c) {
		a.render(c, status, views.SharedForm(page, p))
		return
	}
	// Without JavaScript the whole editor comes back around the shared form.
	article, err := a.store.FindArticle(c.Request.Context(), id)
	if err != nil {
		a.fail(c, err)
		return
	}
	a.renderEditor(c, status, editorView{Article: article, Shared: &p})
}

// applyRelatedOp changes the ordered related list by one editor action.
func applyRelatedOp(list []uint, op string, id uint) []uint {
	i := slices.Index(list, id)
	switch {
	case op == "add" && id != 0 && i < 0:
		return append(list, id)
	case op == "remove" && i >= 0:
		return slices.Delete(list, i, i+1)
	case op == "up" && i > 0:
		list[i-1], list[i] = list[i], list[i-1]
	case op == "down" && i >= 0 && i < len(list)-1:
		list[i+1], list[i] = list[i], list[i+1]
	}
	return list
}
