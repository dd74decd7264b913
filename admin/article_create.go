package admin

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// createArticle saves a new article with the panes the editor filled in.
// A refusal brings the page back with everything typed and the messages
// beside the fields.
func (a *Admin) createArticle(c *gin.Context) {
	l, user, pair := a.localizer(c), currentUser(c), a.panePair(c)
	f := a.readNewArticle(c, l, pair)
	if f.invalid() {
		a.renderNewArticle(c, http.StatusUnprocessableEntity, f, "")
		return
	}
	saved, err := a.store.SaveArticle(c.Request.Context(), f.input(a.tz, &user.ID))
	var invalid *models.ValidationError
	switch {
	case errors.As(err, &invalid):
		f.addRefusals(l, err)
		a.renderNewArticle(c, http.StatusUnprocessableEntity, f, "")
	case writeRefused(err):
		a.refusedWrite(c, err)
		a.renderNewArticle(c, http.StatusServiceUnavailable, f, storageMessage(l, err))
	case err != nil:
		a.fail(c, err)
	default:
		a.flash(c, l.T("editor.created"))
		redirect(c, a.editorURL(saved.ID, pair))
	}
}

// newArticleForm is the new-article page as posted: the shared fields and
// one pane per shown locale, each with what is wrong with it.
type newArticleForm struct {
	locales    []locale.Locale
	shared     sharedForm
	sharedErrs map[string]string
	panes      []paneForm
	paneErrs   []map[string]string
}

// readNewArticle reads the posted page and checks what only the form knows.
func (a *Admin) readNewArticle(c *gin.Context, l i18n.Localizer, pair []locale.Locale) newArticleForm {
	f := newArticleForm{locales: pair, shared: readSharedForm(c), sharedErrs: map[string]string{},
		panes: make([]paneForm, len(pair)), paneErrs: make([]map[string]string, len(pair))}
	for i, loc := range pair {
		f.panes[i] = readPaneForm(c, loc.Code)
		f.panes[i].Version = 0
		f.paneErrs[i] = f.panes[i].validate(l, a.tz)
	}
	return f
}

// invalid reports whether a pane has a message to show.
func (f newArticleForm) invalid() bool {
	for _, errs := range f.paneErrs {
		if len(errs) > 0 {
			return true
		}
	}
	return false
}

// input is the article to create: the panes the editor touched.
func (f newArticleForm) input(tz *time.Location, userID *uint) models.ArticleInput {
	in := models.ArticleInput{Shared: f.shared.input(userID), EditorID: userID}
	for _, pane := range f.panes {
		if pane.touched() {
			in.Translations = append(in.Translations, pane.input(tz))
		}
	}
	return in
}

// addRefusals puts the write path's refusals beside the fields: the panes'
// all start with "translations.", the shared fields' have no prefix.
func (f newArticleForm) addRefusals(l i18n.Localizer, err error) {
	for i := range f.panes {
		mergeErrors(f.paneErrs[i], f.panes[i].storeErrors(l, err))
	}
	for field, msg := range refusals(l, err, "") {
		if !strings.HasPrefix(field, "translations.") {
			f.sharedErrs[field] = msg
		}
	}
}

// renderNewArticle brings the new-article page back as typed, with the
// messages; notice, when set, is a refusal of the whole save (a full
// disk), shown like a conflict.
func (a *Admin) renderNewArticle(c *gin.Context, status int, f newArticleForm, notice string) {
	shared, err := a.sharedProps(c, 0, f.shared, f.sharedErrs, "")
	if err != nil {
		a.fail(c, err)
		return
	}
	shared.Notice, shared.Conflict = notice, notice != ""
	panes := make([]views.PaneProps, len(f.locales))
	for i, loc := range f.locales {
		panes[i] = paneProps(loc, 0, f.panes[i], false)
		panes[i].Errors = f.paneErrs[i]
	}
	a.renderEditor(c, status, editorView{Shared: &shared, Panes: panes})
}

// editorURL is the editor page of article id, keeping the pair of panes
// shown when it is not the default one.
func (a *Admin) editorURL(id uint, pair []locale.Locale) string {
	target := "/admin/articles/" + strconv.FormatUint(uint64(id), 10)
	codes := a.store.Locales().Codes()
	if len(pair) == 2 && (pair[0].Code != codes[0] || pair[1].Code != codes[min(1, len(codes)-1)]) {
		target += "?left=" + pair[0].Code + "&right=" + pair[1].Code
	}
	return target
}
