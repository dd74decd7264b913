package admin

import (
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/locale"
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
	form := readPaneForm(c, loc.Code)
	autosave := c.GetHeader("X-Autosave") == "true"
	if autosave && !autosaveMay(article, form) {
		c.Status(http.StatusNoContent)
		c.Abort()
		return
	}
	saved, err := a.savePaneForm(c, article, form, autosave)
	if err != nil {
		a.paneNotSaved(c, article, loc, form, autosave, err)
		return
	}
	a.paneSaved(c, saved, loc, autosave)
}

// autosaveMay reports whether an autosave of form may be saved: a draft,
// over no published translation.
func autosaveMay(article *models.Article, form paneForm) bool {
	stored, exists := article.Translation(form.Locale)
	return form.Status == string(models.StatusDraft) && !(exists && stored.Status == models.StatusPublished)
}

// paneFormInvalid is a pane form refused before the write path saw it,
// with the messages for its fields.
type paneFormInvalid map[string]string

func (paneFormInvalid) Error() string { return "the pane form is invalid" }

// savePaneForm checks the pane form and saves it through the write path.
func (a *Admin) savePaneForm(c *gin.Context, article *models.Article, form paneForm, autosave bool) (*models.Article, error) {
	if errs := form.validate(a.localizer(c), a.tz); len(errs) > 0 {
		return nil, paneFormInvalid(errs)
	}
	in := form.input(a.tz)
	if stored, exists := article.Translation(form.Locale); form.publishesAfresh(stored, exists) {
		now := a.store.Now()
		in.PublishedAt = &now
	}
	in.Autosave = autosave
	return a.store.SaveArticle(c.Request.Context(), models.ArticleInput{
		ID: article.ID, EditorID: &currentUser(c).ID, Translations: []models.TranslationInput{in},
	})
}

// paneNotSaved answers a refused or conflicting pane save with the pane as
// typed: its messages, the conflict view or the storage's refusal. A
// manual save's pane gets its outdated notice as it stands now; an
// autosave's gets none, so its conflict view acknowledges nothing and its
// next save clears no flag, the safe side.
func (a *Admin) paneNotSaved(c *gin.Context, article *models.Article, loc locale.Locale, form paneForm, autosave bool, err error) {
	l := a.localizer(c)
	_, exists := article.Translation(loc.Code)
	pane := paneProps(loc, article.ID, form, exists)
	var typed paneFormInvalid
	var invalid *models.ValidationError
	status := http.StatusUnprocessableEntity
	switch {
	case errors.As(err, &typed):
		pane.Errors, pane.Notice = typed, l.T("common.form_errors")
	case errors.As(err, new(*models.ConflictError)):
		status = http.StatusConflict
	case writeRefused(err):
		a.refusedWrite(c, err)
		pane.Notice, pane.WriteFailed = storageMessage(l, err), true
		status = http.StatusServiceUnavailable
	case errors.As(err, &invalid):
		pane.Errors, pane.Notice = form.storeErrors(l, err), l.T("common.form_errors")
	default:
		a.fail(c, err)
		return
	}
	if !autosave {
		if pane.Outdated, err = a.outdatedProps(c, l, article, loc.Code); err != nil {
			a.fail(c, err)
			return
		}
	}
	if status == http.StatusConflict {
		a.paneConflict(c, pane, form, false)
		return
	}
	a.renderPane(c, status, pane)
}

// paneSaved answers a pane saved: an autosave with the pane (the script
// reads only its new version), htmx with the pane and every outdated notice
// afresh, a plain post with the editor page and the notice.
func (a *Admin) paneSaved(c *gin.Context, saved *models.Article, loc locale.Locale, autosave bool) {
	l := a.localizer(c)
	pane, err := a.savedPane(c.Request.Context(), saved, loc)
	if err != nil {
		a.fail(c, err)
		return
	}
	t, _ := saved.Translation(loc.Code)
	pane.Notice = saveNotice(l, t, a.tz, time.Now())
	switch {
	case autosave:
		// An autosave changes no notice (see models/translation_tracking.go).
		a.render(c, http.StatusOK, views.PaneForm(a.editorFragmentPage(c), pane))
	case isHtmx(c):
		a.renderPaneSaved(c, saved, pane)
	default:
		a.flash(c, pane.Notice)
		redirect(c, "/admin/articles/"+c.Param("id"))
	}
}

// renderPaneSaved answers an htmx save with the pane and the other panes'
// outdated notices: the save may have brought this translation up to date
// and left the others behind.
func (a *Admin) renderPaneSaved(c *gin.Context, saved *models.Article, pane views.PaneProps) {
	l := a.localizer(c)
	var err error
	if pane.Outdated, err = a.outdatedProps(c, l, saved, pane.Locale.Code); err != nil {
		a.fail(c, err)
		return
	}
	others, err := a.otherOutdated(c, l, saved, pane.Locale.Code)
	if err != nil {
		a.fail(c, err)
		return
	}
	page := a.editorFragmentPage(c)
	a.render(c, http.StatusOK, withWriteBanner(page, views.PaneSaved(page, pane, others)))
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
	page := a.editorFragmentPage(c)
	if isHtmx(c) {
		a.render(c, status, withWriteBanner(page, views.PaneForm(page, pane)))
		return
	}
	article, err := a.store.FindArticle(c.Request.Context(), pane.ArticleID)
	if err != nil {
		a.fail(c, err)
		return
	}
	a.renderEditor(c, status, editorView{Article: article, Panes: []views.PaneProps{pane}})
}
