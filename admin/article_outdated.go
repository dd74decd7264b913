package admin

import (
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/textdiff"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// outdatedProps is the outdated notice of the article's translation in loc:
// empty when it is up to date, else each other translation's changes since
// it last matched, word by word. It carries the article's SeenMark, which
// the pane's next save acknowledges. Only an outdated translation costs
// queries.
func (a *Admin) outdatedProps(c *gin.Context, l i18n.Localizer, article *models.Article, loc string) (views.OutdatedProps, error) {
	code, _ := a.store.Locales().Get(loc)
	o := views.OutdatedProps{ArticleID: article.ID, Locale: localeOption(code), Seen: article.SeenMark()}
	if t, ok := article.Translation(loc); !ok || !t.Outdated {
		return o, nil
	}
	// Shown even if no source is found, so the flag can always be cleared.
	o.Outdated = true
	changes, err := a.store.SourceChanges(c.Request.Context(), article, loc)
	if err != nil {
		return o, err
	}
	for _, ch := range changes {
		source, _ := a.store.Locales().Get(ch.Locale)
		var base models.ArticleRevision
		if ch.Base != nil {
			base = *ch.Base
		}
		now := ch.Current
		o.Sources = append(o.Sources, views.OutdatedSource{
			Locale: localeOption(source), At: l.DateTime(ch.At, a.tz), AtISO: ch.At.UTC().Format(time.RFC3339),
			Diff: []views.DiffField{
				{Label: l.T("revisions.field_title"), Ops: textdiff.Words(base.Title, now.Title)},
				{Label: l.T("revisions.field_summary"), Ops: textdiff.Words(base.Summary, now.Summary)},
				{Label: l.T("revisions.field_body"), Ops: textdiff.HTML(base.BodyHTML, now.BodyHTML)},
			},
		})
	}
	return o, nil
}

// otherOutdated are the outdated notices of the other translations shown
// beside the one just saved, for the save's answer to refresh in place.
func (a *Admin) otherOutdated(c *gin.Context, l i18n.Localizer, article *models.Article, saved string) ([]views.OutdatedProps, error) {
	var out []views.OutdatedProps
	for _, loc := range a.shownLocales(c) {
		if _, stored := article.Translation(loc.Code); !stored || loc.Code == saved {
			continue
		}
		o, err := a.outdatedProps(c, l, article, loc.Code)
		if err != nil {
			return nil, err
		}
		o.OOB = true
		out = append(out, o)
	}
	return out, nil
}

// shownLocales are the panes of the editor page an htmx request came from:
// its address (HX-Current-URL) says which pair it shows.
func (a *Admin) shownLocales(c *gin.Context) []locale.Locale {
	page, err := url.Parse(c.GetHeader("HX-Current-URL"))
	if err != nil {
		return a.panePair(c)
	}
	q := page.Query()
	return a.localePair(q.Get("left"), q.Get("right"))
}

// markCurrent records that an editor checked an outdated translation
// against the others as the page showed them, and it needs no change. An
// edit made since is not cleared: the notice comes back with it. htmx gets
// the notice; a plain post goes back to the editor.
func (a *Admin) markCurrent(c *gin.Context) {
	article, loc := a.loadArticleLocale(c)
	if article == nil {
		return
	}
	if _, stored := article.Translation(loc.Code); !stored {
		a.notFound(c)
		return
	}
	seen := formID(c.PostForm(paneField(loc.Code, "seen")))
	still, err := a.store.MarkTranslationCurrent(c.Request.Context(), article.ID, loc.Code, seen)
	if err != nil {
		// Not found: trashed or emptied since it was loaded.
		a.fail(c, err)
		return
	}
	notice := markedNotice(a.localizer(c), loc, still)
	if !isHtmx(c) {
		a.flash(c, notice)
		redirect(c, "/admin/articles/"+c.Param("id"))
		return
	}
	a.renderOutdated(c, article.ID, loc, notice)
}

// markedNotice says whether marking the translation current took: still
// is true when it was edited since the page showed it.
func markedNotice(l i18n.Localizer, loc locale.Locale, still bool) string {
	if still {
		return l.T("editor.outdated_again", "language", loc.Name)
	}
	return l.T("editor.marked_current", "language", loc.Name)
}

// renderOutdated answers htmx with the pane's outdated notice as it stands
// now, and notice above it.
func (a *Admin) renderOutdated(c *gin.Context, id uint, loc locale.Locale, notice string) {
	fresh, err := a.store.FindArticle(c.Request.Context(), id)
	if err != nil {
		a.fail(c, err)
		return
	}
	o, err := a.outdatedProps(c, a.localizer(c), fresh, loc.Code)
	if err != nil {
		a.fail(c, err)
		return
	}
	o.Notice = notice
	a.render(c, http.StatusOK, views.PaneOutdated(a.editorFragmentPage(c), o))
}
