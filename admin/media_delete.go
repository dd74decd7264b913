package admin

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// canManageMediaFile reports whether u may delete picture m or replace its
// file: an admin any picture, an editor the pictures they uploaded. Both
// change what every article showing the picture shows, so an editor may
// not do it to a colleague's picture; describing a picture and setting
// its focal point stay open to every editor, as before.
func canManageMediaFile(u *models.User, m *models.Media) bool {
	if u == nil {
		return false
	}
	return u.Role == models.RoleAdmin || (m.UploadedByID != nil && *m.UploadedByID == u.ID)
}

// loadManagedMedia is loadMedia for delete and replace: it answers 403
// itself to a user who may not (canManageMediaFile).
func (a *Admin) loadManagedMedia(c *gin.Context) *models.Media {
	m := a.loadMedia(c)
	if m != nil && !canManageMediaFile(currentUser(c), m) {
		a.forbidden(c)
		return nil
	}
	return m
}

// mediaDeletePage asks before deleting a picture, or says which articles
// show it and so keep it.
func (a *Admin) mediaDeletePage(c *gin.Context) {
	m := a.loadManagedMedia(c)
	if m == nil {
		return
	}
	uses, err := a.store.MediaUses(c.Request.Context(), m.ID)
	if err != nil {
		a.fail(c, err)
		return
	}
	status := http.StatusOK
	if len(uses) > 0 {
		status = http.StatusConflict
	}
	a.renderMediaDelete(c, status, m, uses)
}

// mediaDelete deletes a picture nothing shows, then its files. When an
// article shows it (perhaps since the page was shown), nothing is deleted
// and the page lists the articles.
func (a *Admin) mediaDelete(c *gin.Context) {
	ctx := c.Request.Context()
	m := a.loadManagedMedia(c)
	if m == nil {
		return
	}
	paths, err := a.store.DeleteMedia(ctx, m.ID)
	var inUse *models.MediaInUseError
	switch {
	case errors.As(err, &inUse):
		a.renderMediaDelete(c, http.StatusConflict, m, inUse.Uses)
		return
	case a.failed(c, err):
		return
	}
	a.removeUnused(ctx, paths)
	l := a.localizer(c)
	a.flash(c, l.T("media.deleted", "name", views.MediaName(l, m.ID, m.OriginalName)))
	redirect(c, "/admin/media")
}

// renderMediaDelete shows the confirmation, or the articles that keep the
// picture.
func (a *Admin) renderMediaDelete(c *gin.Context, status int, m *models.Media, uses []models.MediaUse) {
	p := a.page(c, "media.delete_title", "media")
	thumb := m.Variant(media.VariantThumbnail)
	props := views.MediaDeleteProps{
		Page: p, ID: m.ID, Name: m.OriginalName, Action: mediaEditURL(m.ID) + "/delete", Back: mediaEditURL(m.ID),
		Thumb: views.MediaImage{Src: media.PublicPath(thumb.Path), Width: thumb.Width, Height: thumb.Height,
			Alt: mediaAlt(*m, a.namingLocales(p.L))},
	}
	for _, u := range uses {
		props.Uses = append(props.Uses, a.mediaUseRow(p.L, u))
	}
	a.render(c, status, views.MediaDelete(props))
}

// mediaUseRow names an article that shows a picture and where: its title
// in the interface's language when it has one, else in the first content
// language that does.
func (a *Admin) mediaUseRow(l i18n.Localizer, u models.MediaUse) views.MediaUseRow {
	row := views.MediaUseRow{ID: u.ArticleID, URL: "/admin/articles/" + strconv.FormatUint(uint64(u.ArticleID), 10), Trashed: u.Trashed}
	locales := a.store.Locales()
	for _, loc := range append(a.namingLocales(l), locales.All()...) {
		if t := u.Titles[loc.Code]; t != "" {
			row.Title = views.MediaText{Text: t, Lang: loc.Code, Dir: loc.Dir}
			break
		}
	}
	if u.Featured {
		row.Places = append(row.Places, l.T("media.used_featured"))
	}
	for _, code := range u.Social {
		row.Places = append(row.Places, l.T("media.used_social", "language", localeName(locales, code)))
	}
	for _, code := range u.Body {
		row.Places = append(row.Places, l.T("media.used_body", "language", localeName(locales, code)))
	}
	return row
}

// localeName is a content language's own name, or its code for one the
// site no longer has.
func localeName(locales locale.Set, code string) string {
	if loc, ok := locales.Get(code); ok {
		return loc.Name
	}
	return code
}
