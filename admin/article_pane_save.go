package admin

import (
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// savePane saves one translation with its own version. An autosave (the
// X-Autosave header) only ever saves drafts: it never publishes, and it
// never writes over a published translation, whose changes wait for the
// editor's own click.
func (a *Admin) savePane(c *gin.Context) {
	article, loc := a.loadArticleLocale(c)
	if article == nil {
		return
	}
	l := a.localizer(c)
	form := readPaneForm(c, loc.Code)
	stored, exists := article.Translation(loc.Code)
	autosave := c.GetHeader("X-Autosave") == "true"
	if autosave && (form.Status != string(models.StatusDraft) || (exists && stored.Status == models.StatusPublished)) {
		c.Status(http.StatusNoContent)
		c.Abort()
		return
	}
	pane := paneProps(loc, article.ID, form, exists)
	// withNotice gives a refused or conflicting save the outdated notice as
	// it stands now; false means it answered with an error. An autosave's
	// pane gets none: its conflict view then acknowledges nothing, and its
	// next save clears no flag, the safe side.
	withNotice := func() bool {
		if autosave {
			return true
		}
		var err error
		if pane.Outdated, err = a.outdatedProps(c, l, article, loc.Code); err != nil {
			a.fail(c, err)
			return false
		}
		return true
	}
	if errs := form.validate(l, a.tz); len(errs) > 0 {
		pane.Errors, pane.Notice = errs, l.T("common.form_errors")
		if withNotice() {
			a.renderPane(c, http.StatusUnprocessableEntity, pane)
		}
		return
	}
	user := currentUser(c)
	in := form.input(a.tz)
	if form.publishesAfresh(stored, exists) {
		now := a.store.Now()
		in.PublishedAt = &now
	}
	in.Autosave = autosave
	saved, err := a.store.SaveArticle(c.Request.Context(), models.ArticleInput{
		ID: article.ID, EditorID: &user.ID, Translations: []models.TranslationInput{in},
	})
	var invalid *models.ValidationError
	var conflict *models.ConflictError
	switch {
	case errors.As(err, &conflict):
		if withNotice() {
			a.paneConflict(c, pane, form, false)
		}
		return
	case writeRefused(err):
		a.refusedWrite(c, err)
		pane.Notice, pane.WriteFailed = storageMessage(l, err), true
		if withNotice() {
			a.renderPane(c, http.StatusServiceUnavailable, pane)
		}
		return
	case errors.As(err, &invalid):
		pane.Errors, pane.Notice = form.storeErrors(l, err), l.T("common.form_errors")
		if withNotice() {
			a.renderPane(c, http.StatusUnprocessableEntity, pane)
		}
		return
	case err != nil:
		a.fail(c, err)
		return
	}
	t, _ := saved.Translation(loc.Code)
	savedForm := paneFormOf(t, a.tz, a.store.Now())
	if savedForm.BodyHTML, err = a.editableBody(c.Request.Context(), savedForm.BodyHTML); err != nil {
		a.fail(c, err)
		return
	}
	pane = paneProps(loc, article.ID, savedForm, true)
	a.addSiteLinks(&pane, saved, t, true)
	pane.Notice = saveNotice(l, t, a.tz, time.Now())
	if autosave {
		// The script reads only the new version from the answer, and an
		// autosave changes no notice (see models/translation_tracking.go).
		a.render(c, http.StatusOK, views.PaneForm(a.page(c, "editor.edit_page", "articles"), pane))
		return
	}
	if isHtmx(c) {
		// The save may have brought this translation up to date and left
		// the others behind: their notices are sent fresh.
		if pane.Outdated, err = a.outdatedProps(c, l, saved, loc.Code); err != nil {
			a.fail(c, err)
			return
		}
		others, err := a.otherOutdated(c, l, saved, loc.Code)
		if err != nil {
			a.fail(c, err)
			return
		}
		page := a.page(c, "editor.edit_page", "articles")
		a.render(c, http.StatusOK, withWriteBanner(page, views.PaneSaved(page, pane, others)))
		return
	}
	a.flash(c, pane.Notice)
	redirect(c, c.Request.URL.Path[:len(c.Request.URL.Path)-len("/translations/"+loc.Code)])
}

// saveNotice says what a save did for readers, the answer an editor looks
// for after a click: public now, public at a later time (in the
// interface's date format and the site's time zone), or still a draft.
func saveNotice(l i18n.Localizer, t models.ArticleTranslation, tz *time.Location, now time.Time) string {
	switch {
	case t.Status != models.StatusPublished:
		return l.T("editor.notice_draft")
	case t.PublishedAt != nil && t.PublishedAt.After(now):
		return l.T("editor.notice_scheduled", "time", l.DateTime(*t.PublishedAt, tz))
	default:
		return l.T("editor.notice_published")
	}
}

// paneConflict answers a save over someone else's newer one: the pane keeps
// what this editor typed, shows what the other person saved beside it, and
// carries their version, so saving again is a deliberate overwrite. keptCopy
// marks a comparison of a copy kept in the browser (see comparePane).
func (a *Admin) paneConflict(c *gin.Context, pane views.PaneProps, form paneForm, keptCopy bool) {
	l := a.localizer(c)
	current, err := a.store.FindArticle(c.Request.Context(), pane.ArticleID)
	if err != nil {
		a.fail(c, err)
		return
	}
	theirs, ok := current.Translation(form.Locale)
	if !ok {
		pane.Version = 0
		pane.Notice = l.T("editor.conflict_gone")
		a.renderPane(c, http.StatusConflict, pane)
		return
	}
	theirBody, err := a.editableBody(c.Request.Context(), theirs.BodyHTML)
	if err != nil {
		a.fail(c, err)
		return
	}
	pane.Version = theirs.Version
	pane.Stored = true
	pane.Conflict = &views.PaneConflict{Version: theirs.Version, Status: string(theirs.Status), Title: theirs.Title, Summary: theirs.Summary, BodyHTML: theirBody,
		KeptCopy: keptCopy, SavedSince: theirs.Version != form.Version}
	switch {
	case !keptCopy:
		pane.Notice = l.T("conflict.notice")
	case pane.Conflict.SavedSince:
		pane.Notice = l.T("conflict.kept_notice_since")
	default:
		pane.Notice = l.T("conflict.kept_notice_same")
	}
	a.renderPane(c, http.StatusConflict, pane)
}

// renderPane answers an htmx save with the pane alone, and a plain form
// post with the whole editor page around it.
func (a *Admin) renderPane(c *gin.Context, status int, pane views.PaneProps) {
	page := a.page(c, "editor.edit_page", "articles")
	if isHtmx(c) {
		a.render(c, status, withWriteBanner(page, views.PaneForm(page, pane)))
		return
	}
	article, err := a.store.FindArticle(c.Request.Context(), pane.ArticleID)
	if err != nil {
		a.fail(c, err)
		return
	}
	form, err := a.storedSharedForm(c.Request.Context(), article)
	if err != nil {
		a.fail(c, err)
		return
	}
	shared, err := a.sharedProps(c, article.ID, form, nil, "")
	if err != nil {
		a.fail(c, err)
		return
	}
	panes, err := a.storedPanes(c, article, &pane)
	if err != nil {
		a.fail(c, err)
		return
	}
	a.render(c, status, views.ArticleEdit(a.editorProps(c, article.ID, shared, panes)))
}
