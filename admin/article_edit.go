package admin

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// panePair returns the locales of the two panes: the ones asked for in the
// address when they are configured, else the first two locales.
func (a *Admin) panePair(c *gin.Context) []locale.Locale {
	return a.localePair(c.Query("left")+c.PostForm("left"), c.Query("right")+c.PostForm("right"))
}

// localePair is the pair of pane locales named left and right, each falling
// back to the first or second configured locale.
func (a *Admin) localePair(leftCode, rightCode string) []locale.Locale {
	all := a.store.Locales().All()
	pick := func(code string, fallback int) locale.Locale {
		if loc, ok := a.store.Locales().Get(code); ok {
			return loc
		}
		return all[min(fallback, len(all)-1)]
	}
	left, right := pick(leftCode, 0), pick(rightCode, 1)
	if left.Code == right.Code {
		return []locale.Locale{left}
	}
	return []locale.Locale{left, right}
}

func (a *Admin) editorProps(c *gin.Context, id uint, shared views.SharedProps, panes []views.PaneProps) views.ArticleEditProps {
	title := "editor.new_title"
	if id != 0 {
		title = "editor.edit_page"
	}
	p := views.ArticleEditProps{Page: a.page(c, title, "articles"), ArticleID: id, Shared: shared, Panes: panes}
	for _, l := range a.store.Locales().All() {
		p.Locales = append(p.Locales, views.LocaleOption{Code: l.Code, Name: l.Name, Dir: l.Dir})
	}
	pair := a.panePair(c)
	p.Left, p.Right = pair[0].Code, pair[len(pair)-1].Code
	return p
}

func (a *Admin) newArticlePage(c *gin.Context) {
	shared, err := a.sharedProps(c, 0, sharedForm{SectionID: formID(c.Query("section"))}, nil, "")
	if err != nil {
		a.fail(c, err)
		return
	}
	var panes []views.PaneProps
	for _, loc := range a.panePair(c) {
		panes = append(panes, paneProps(loc, 0, paneForm{Locale: loc.Code, Status: string(models.StatusDraft)}, false))
	}
	a.render(c, http.StatusOK, views.ArticleEdit(a.editorProps(c, 0, shared, panes)))
}

// createArticle saves a new article with the panes the editor filled in.
func (a *Admin) createArticle(c *gin.Context) {
	l := a.localizer(c)
	user := currentUser(c)
	shared := readSharedForm(c)
	in := models.ArticleInput{Shared: shared.input(&user.ID), EditorID: &user.ID}
	sharedErrs := map[string]string{}
	pair := a.panePair(c)
	forms := make([]paneForm, len(pair))
	paneErrs := make([]map[string]string, len(pair))
	failed := false
	for i, loc := range pair {
		forms[i] = readPaneForm(c, loc.Code)
		forms[i].Version = 0
		if paneErrs[i] = forms[i].validate(l, a.tz); len(paneErrs[i]) > 0 {
			failed = true
		}
		if forms[i].touched() {
			in.Translations = append(in.Translations, forms[i].input(a.tz))
		}
	}
	var saved *models.Article
	var err error
	status, notice := http.StatusUnprocessableEntity, ""
	if !failed {
		saved, err = a.store.SaveArticle(c.Request.Context(), in)
		var invalid *models.ValidationError
		if errors.As(err, &invalid) {
			failed = true
			for i := range forms {
				mergeErrors(paneErrs[i], forms[i].storeErrors(l, err))
			}
			// The shared fields' refusals have no prefix; the panes' all
			// start with "translations.".
			for field, msg := range refusals(l, err, "") {
				if !strings.HasPrefix(field, "translations.") {
					sharedErrs[field] = msg
				}
			}
		} else if writeRefused(err) {
			// The form comes back with everything typed, and says why.
			a.refusedWrite(c, err)
			failed, status, notice = true, http.StatusServiceUnavailable, storageMessage(l, err)
		} else if err != nil {
			a.fail(c, err)
			return
		}
	}
	if failed {
		sp, err := a.sharedProps(c, 0, shared, sharedErrs, "")
		if err != nil {
			a.fail(c, err)
			return
		}
		sp.Notice, sp.Conflict = notice, notice != ""
		var panes []views.PaneProps
		for i, loc := range pair {
			pp := paneProps(loc, 0, forms[i], false)
			pp.Errors = paneErrs[i]
			panes = append(panes, pp)
		}
		a.render(c, status, views.ArticleEdit(a.editorProps(c, 0, sp, panes)))
		return
	}
	a.flash(c, l.T("editor.created"))
	target := "/admin/articles/" + strconv.FormatUint(uint64(saved.ID), 10)
	if len(pair) == 2 && (pair[0].Code != a.store.Locales().Codes()[0] || pair[1].Code != a.store.Locales().Codes()[min(1, len(a.store.Locales().Codes())-1)]) {
		target += "?left=" + pair[0].Code + "&right=" + pair[1].Code
	}
	redirect(c, target)
}

func (a *Admin) editArticlePage(c *gin.Context) {
	article := a.loadArticle(c)
	if article == nil {
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
	panes, err := a.storedPanes(c, article, nil)
	if err != nil {
		a.fail(c, err)
		return
	}
	props := a.editorProps(c, article.ID, shared, panes)
	state, err := a.store.AcquireLock(c.Request.Context(), article.ID, currentUser(c).ID, false)
	if err != nil {
		a.fail(c, err)
		return
	}
	lock := a.lockStatusProps(c, article.ID, state)
	props.Lock = &lock
	a.render(c, http.StatusOK, views.ArticleEdit(props))
}

// storedPanes are the shown panes filled with the article's saved
// translations; replace, when given, stands in for its locale's pane (a pane
// coming back refused or in conflict, as the editor typed it).
func (a *Admin) storedPanes(c *gin.Context, article *models.Article, replace *views.PaneProps) ([]views.PaneProps, error) {
	l := a.localizer(c)
	var panes []views.PaneProps
	for _, loc := range a.panePair(c) {
		if replace != nil && replace.Locale.Code == loc.Code {
			panes = append(panes, *replace)
			replace = nil
			continue
		}
		pane, err := a.storedPane(c, l, article, loc)
		if err != nil {
			return nil, err
		}
		panes = append(panes, pane)
	}
	if replace != nil {
		// The pane's locale is not among the shown pair: show it first.
		panes = append([]views.PaneProps{*replace}, panes...)
	}
	return panes, nil
}

// storedPane is the pane of one locale as it is saved now, with its
// outdated notice; a translation not created yet is an empty draft.
func (a *Admin) storedPane(c *gin.Context, l i18n.Localizer, article *models.Article, loc locale.Locale) (views.PaneProps, error) {
	t, stored := article.Translation(loc.Code)
	form := paneForm{Locale: loc.Code, Status: string(models.StatusDraft)}
	var err error
	if stored {
		form = paneFormOf(t, a.tz, a.store.Now())
		if form.BodyHTML, err = a.editableBody(c.Request.Context(), form.BodyHTML); err != nil {
			return views.PaneProps{}, err
		}
	}
	pane := paneProps(loc, article.ID, form, stored)
	a.addSiteLinks(&pane, article, t, stored)
	pane.Outdated, err = a.outdatedProps(c, l, article, loc.Code)
	return pane, err
}

func paneProps(loc locale.Locale, articleID uint, f paneForm, stored bool) views.PaneProps {
	return views.PaneProps{
		ArticleID: articleID, Locale: localeOption(loc), Outdated: views.OutdatedProps{ArticleID: articleID, Locale: localeOption(loc)},
		Version: f.Version, Status: f.Status, PublishedAt: f.PublishedAt, ScheduledAt: f.ScheduledAt, Title: f.Title, Slug: f.Slug,
		Summary: f.Summary, Byline: f.Byline, BodyHTML: f.BodyHTML, SEO: f.SEO.props(), Stored: stored, Minor: f.Minor, Errors: map[string]string{},
	}
}

// relatedItems titles articles for the editor's lists and pickers, each
// in the interface's language where it has that translation, another
// locale's title beside it (see articleTitles).
func (a *Admin) relatedItems(ctx context.Context, l i18n.Localizer, ids []uint) ([]views.RelatedItem, error) {
	titles, err := a.store.ArticleTitles(ctx, ids)
	if err != nil {
		return nil, err
	}
	items := make([]views.RelatedItem, 0, len(ids))
	for _, id := range ids {
		title, other := articleTitles(l, a.store.Locales(), id, titles[id])
		items = append(items, views.RelatedItem{ID: id, Title: title.Text, Lang: title.Lang, Dir: title.Dir, Other: other})
	}
	return items, nil
}
