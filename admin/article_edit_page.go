package admin

import (
	"context"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// editorView is an editor page to build: the article as saved, and what
// comes back as the editor typed it instead (a refused or conflicting form).
// The page itself, a pane saved without htmx and the shared fields saved
// without htmx all show the editor through it, so it is assembled one way.
type editorView struct {
	// Article is nil on the new-article page.
	Article *models.Article
	// Shared stands in for the saved shared fields; nil shows them as
	// saved (or empty on the new-article page).
	Shared *views.SharedProps
	// Panes each stand in for their locale's pane; the other shown locales
	// are as saved (or empty drafts on the new-article page).
	Panes []views.PaneProps
}

// renderEditor answers with the whole editor page of v.
func (a *Admin) renderEditor(c *gin.Context, status int, v editorView) {
	props, err := a.editorPage(c, v)
	if err != nil {
		a.fail(c, err)
		return
	}
	a.render(c, status, views.ArticleEdit(props))
}

// editorPage builds the editor page of v.
func (a *Admin) editorPage(c *gin.Context, v editorView) (views.ArticleEditProps, error) {
	var id uint
	if v.Article != nil {
		id = v.Article.ID
	}
	shared, err := a.editorShared(c, v.Article, v.Shared)
	if err != nil {
		return views.ArticleEditProps{}, err
	}
	panes, err := a.editorPanes(c, v.Article, v.Panes)
	if err != nil {
		return views.ArticleEditProps{}, err
	}
	title := "editor.new_title"
	if id != 0 {
		title = "editor.edit_page"
	}
	p := views.ArticleEditProps{Page: a.page(c, title, "articles"), ArticleID: id, Shared: shared, Panes: panes}
	for _, loc := range a.store.Locales().All() {
		p.Locales = append(p.Locales, localeOption(loc))
	}
	pair := a.panePair(c)
	p.Left, p.Right = pair[0].Code, pair[len(pair)-1].Code
	return p, nil
}

// editorShared is the shared fieldset of the page: given, as saved, or
// empty for a new article.
func (a *Admin) editorShared(c *gin.Context, article *models.Article, given *views.SharedProps) (views.SharedProps, error) {
	if given != nil {
		return *given, nil
	}
	if article == nil {
		return a.sharedProps(c, 0, sharedForm{}, nil, "")
	}
	form, err := a.storedSharedForm(c.Request.Context(), article)
	if err != nil {
		return views.SharedProps{}, err
	}
	return a.sharedProps(c, article.ID, form, nil, "")
}

// editorPanes are the shown panes, each given or as saved; a given pane
// whose locale is not among the shown pair comes first.
func (a *Admin) editorPanes(c *gin.Context, article *models.Article, given []views.PaneProps) ([]views.PaneProps, error) {
	l := a.localizer(c)
	used := make([]bool, len(given))
	var panes []views.PaneProps
	for _, loc := range a.panePair(c) {
		if i := paneIndex(given, used, loc.Code); i >= 0 {
			panes, used[i] = append(panes, given[i]), true
			continue
		}
		pane, err := a.storedPane(c, l, article, loc)
		if err != nil {
			return nil, err
		}
		panes = append(panes, pane)
	}
	var first []views.PaneProps
	for i, pane := range given {
		if !used[i] {
			first = append(first, pane)
		}
	}
	return append(first, panes...), nil
}

// paneIndex is the first unused pane of locale code in panes, -1 if none.
func paneIndex(panes []views.PaneProps, used []bool, code string) int {
	for i, p := range panes {
		if !used[i] && p.Locale.Code == code {
			return i
		}
	}
	return -1
}

// storedPane is the pane of one locale as it is saved now, with its
// outdated notice; a translation not created yet (or any pane of a new
// article) is an empty draft.
func (a *Admin) storedPane(c *gin.Context, l i18n.Localizer, article *models.Article, loc locale.Locale) (views.PaneProps, error) {
	if article == nil {
		return paneProps(loc, 0, paneForm{Locale: loc.Code, Status: string(models.StatusDraft)}, false), nil
	}
	pane, err := a.savedPane(c.Request.Context(), article, loc)
	if err != nil {
		return views.PaneProps{}, err
	}
	pane.Outdated, err = a.outdatedProps(c, l, article, loc.Code)
	return pane, err
}

// savedPane is the pane of one locale as saved, with its site links but
// without its outdated notice.
func (a *Admin) savedPane(ctx context.Context, article *models.Article, loc locale.Locale) (views.PaneProps, error) {
	t, stored := article.Translation(loc.Code)
	form := paneForm{Locale: loc.Code, Status: string(models.StatusDraft)}
	if stored {
		form = paneFormOf(t, a.tz, a.store.Now())
		var err error
		if form.BodyHTML, err = a.editableBody(ctx, form.BodyHTML); err != nil {
			return views.PaneProps{}, err
		}
	}
	pane := paneProps(loc, article.ID, form, stored)
	a.addSiteLinks(&pane, article, t, stored)
	return pane, nil
}

// paneProps shows a pane form.
func paneProps(loc locale.Locale, articleID uint, f paneForm, stored bool) views.PaneProps {
	return views.PaneProps{
		ArticleID: articleID, Locale: localeOption(loc), Outdated: views.OutdatedProps{ArticleID: articleID, Locale: localeOption(loc)},
		Version: f.Version, Status: f.Status, PublishedAt: f.PublishedAt, ScheduledAt: f.ScheduledAt, Title: f.Title, Slug: f.Slug,
		Summary: f.Summary, Byline: f.Byline, BodyHTML: f.BodyHTML, SEO: f.SEO.props(), Stored: stored, Minor: f.Minor, Errors: map[string]string{},
	}
}

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

// editorFragmentPage is the layout an editor page's fragment (a pane, the
// shared fieldset, a notice) is rendered with.
func (a *Admin) editorFragmentPage(c *gin.Context) views.Page {
	return a.page(c, "editor.edit_page", "articles")
}
