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

// relatedSearchLimit is how many matches the related-article search shows,
// and relatedSuggestions how many suggestions the related list offers.
const (
	relatedSearchLimit = 8
	relatedSuggestions = 5
)

// sharedProps builds the shared fieldset: the section choices, the featured
// picture's thumbnail and the related list with titles.
func (a *Admin) sharedProps(c *gin.Context, id uint, f sharedForm, errs map[string]string, query string) (views.SharedProps, error) {
	ctx := c.Request.Context()
	l := a.localizer(c)
	sections, err := a.store.ListSections(ctx)
	if err != nil {
		return views.SharedProps{}, err
	}
	p := views.SharedProps{
		ArticleID: id, Version: f.Version, Sections: sectionOptions(sections, a.namingLocales(l)), SectionID: f.SectionID,
		Archived: f.Archived, FeaturedMediaID: f.FeaturedMediaID, Errors: errs, Query: query, Pin: f.Pin.props(),
	}
	if p.Errors == nil {
		p.Errors = map[string]string{}
	}
	if f.FeaturedMediaID != 0 {
		if m, err := a.store.FindMedia(ctx, f.FeaturedMediaID); err == nil {
			p.FeaturedThumb = "/media/" + m.Variant("thumbnail").Path
		}
	}
	if p.Related, err = a.relatedItems(ctx, l, f.Related); err != nil {
		return views.SharedProps{}, err
	}
	if err := a.tagPickerProps(ctx, l, f, &p); err != nil {
		return views.SharedProps{}, err
	}
	if id != 0 && strings.TrimSpace(query) == "" {
		// While the editor searches, the results stand in for suggestions.
		ids, err := a.store.SuggestRelated(ctx, id, f.Related, relatedSuggestions)
		if err != nil {
			return views.SharedProps{}, err
		}
		if p.Suggestions, err = a.relatedItems(ctx, l, ids); err != nil {
			return views.SharedProps{}, err
		}
	}
	if id != 0 && strings.TrimSpace(query) != "" {
		found, err := a.pickerMatches(ctx, strings.TrimSpace(query))
		if err != nil {
			return views.SharedProps{}, err
		}
		var ids []uint
		for _, row := range found {
			if row.ID != id && !slices.Contains(f.Related, row.ID) && len(ids) < relatedSearchLimit {
				ids = append(ids, row.ID)
			}
		}
		if p.Candidates, err = a.relatedItems(ctx, l, ids); err != nil {
			return views.SharedProps{}, err
		}
	}
	return p, nil
}

// saveShared saves the shared fields, or applies one change to the related
// list (op add:ID, remove:ID, up:ID, down:ID) and saves that, or only runs
// the related search (op search), which saves nothing.
func (a *Admin) saveShared(c *gin.Context) {
	article := a.loadArticle(c)
	if article == nil {
		return
	}
	l := a.localizer(c)
	f := readSharedForm(c)
	op, target, _ := strings.Cut(c.PostForm("op"), ":")
	query := c.PostForm("related_q")
	if op == "search" || op == opTagSearch {
		a.renderShared(c, http.StatusOK, article.ID, f, nil, query, "", false)
		return
	}
	if op == opTagCreate {
		if !a.createEditorTag(c, article.ID, &f, target, query) {
			return
		}
		op, target = opTagAdd, strconv.FormatUint(uint64(f.Tags[len(f.Tags)-1]), 10)
	}
	f.Related = applyRelatedOp(f.Related, op, formID(target))
	f.Tags = applyTagOp(f.Tags, op, formID(target))
	if op == "add" {
		query = ""
	}
	if errs := f.Pin.validate(l, a.tz); len(errs) > 0 {
		a.renderShared(c, http.StatusUnprocessableEntity, article.ID, f, errs, query, l.T("common.form_errors"), false)
		return
	}
	user := currentUser(c)
	saved, err := a.store.SaveArticle(c.Request.Context(), models.ArticleInput{ID: article.ID, EditorID: &user.ID, Shared: f.input(article.AuthorID), Pin: f.Pin.change(a.tz)})
	var invalid *models.ValidationError
	switch {
	case errors.Is(err, models.ErrConflict):
		current, ferr := a.store.FindArticle(c.Request.Context(), article.ID)
		if ferr != nil {
			a.fail(c, ferr)
			return
		}
		f.Version = current.Version
		a.renderShared(c, http.StatusConflict, article.ID, f, nil, query, l.T("error.conflict")+" "+l.T("editor.conflict_kept"), true)
		return
	case writeRefused(err):
		// Shown like a conflict's notice: an error, with the form kept.
		a.refusedWrite(c, err)
		a.renderShared(c, http.StatusServiceUnavailable, article.ID, f, nil, query, storageMessage(l, err), true)
		return
	case errors.As(err, &invalid):
		a.renderShared(c, http.StatusUnprocessableEntity, article.ID, f, refusals(l, err, ""), query, l.T("common.form_errors"), false)
		return
	case err != nil:
		a.fail(c, err)
		return
	}
	form, err := a.storedSharedForm(c.Request.Context(), saved)
	if err != nil {
		a.fail(c, err)
		return
	}
	notice := l.T("editor.shared_saved")
	if !isHtmx(c) {
		a.flash(c, notice)
		redirect(c, "/admin/articles/"+c.Param("id"))
		return
	}
	a.renderShared(c, http.StatusOK, saved.ID, form, nil, query, notice, false)
}

func (a *Admin) renderShared(c *gin.Context, status int, id uint, f sharedForm, errs map[string]string, query, notice string, conflict bool) {
	p, err := a.sharedProps(c, id, f, errs, query)
	if err != nil {
		a.fail(c, err)
		return
	}
	p.Notice, p.Conflict = notice, conflict
	page := a.page(c, "editor.edit_page", "articles")
	if isHtmx(c) {
		a.render(c, status, views.SharedForm(page, p))
		return
	}
	// Without JavaScript the whole editor comes back around the shared form.
	article, ferr := a.store.FindArticle(c.Request.Context(), id)
	if ferr != nil {
		a.fail(c, ferr)
		return
	}
	panes, err := a.storedPanes(c, article, nil)
	if err != nil {
		a.fail(c, err)
		return
	}
	a.render(c, status, views.ArticleEdit(a.editorProps(c, article.ID, p, panes)))
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
