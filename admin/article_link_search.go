package admin

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/richtext"
	"github.com/payvand/payvand/models"
)

// linkSearchLimit is how many articles the link picker lists, as many as
// the related picker.
const linkSearchLimit = relatedSearchLimit

// linkCandidate is one article the editor's link picker offers. Title is
// the one in the linking pane's locale when it has one (the link's words
// and the page it opens are in that language), else another's, with its
// lang and dir. Public says whether readers see it in the pane's locale
// now: a link to it is answered as plain text until they do.
type linkCandidate struct {
	ID     uint   `json:"id"`
	Title  string `json:"title"`
	Lang   string `json:"lang"`
	Dir    string `json:"dir"`
	Public bool   `json:"public"`
	Href   string `json:"href"`
}

// linkSearch answers the link picker of the editor's link dialog: the
// articles whose text matches q, searched as the related picker searches
// (the admin list's search), as JSON for the dialog's script. ?locale=
// is the linking pane's; ?exclude= leaves out the article being edited.
func (a *Admin) linkSearch(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	query := strings.TrimSpace(c.Query("q"))
	loc, ok := a.store.Locales().Get(c.Query("locale"))
	if !ok {
		loc = a.store.Locales().Default()
	}
	out := []linkCandidate{}
	if query == "" {
		c.JSON(http.StatusOK, gin.H{"items": out})
		return
	}
	exclude := formID(c.Query("exclude"))
	found, err := a.pickerMatches(c.Request.Context(), query)
	if err != nil {
		a.fail(c, err)
		return
	}
	order := append([]string{loc.Code}, a.store.Locales().Codes()...)
	for _, row := range found {
		if row.ID == exclude || len(out) == linkSearchLimit {
			continue
		}
		item := linkCandidate{ID: row.ID, Href: richtext.ArticleLinkHref(row.ID)}
		for _, code := range order {
			if st, ok := rowLocale(row, code); ok && st.Title != "" {
				l, _ := a.store.Locales().Get(code)
				item.Title, item.Lang, item.Dir = st.Title, l.Code, l.Dir
				break
			}
		}
		if st, ok := rowLocale(row, loc.Code); ok {
			item.Public = st.State == models.StatePublished
		}
		out = append(out, item)
	}
	c.JSON(http.StatusOK, gin.H{"items": out})
}

// rowLocale returns the state of one locale of a list row.
func rowLocale(row models.AdminArticleRow, code string) (models.AdminLocaleState, bool) {
	for _, st := range row.Locales {
		if st.Locale == code {
			return st, true
		}
	}
	return models.AdminLocaleState{}, false
}
