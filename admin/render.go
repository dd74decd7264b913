package admin

import (
	"net/http"

	"github.com/a-h/templ"
	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// localizer returns the translator for the signed-in user's interface
// language, or the first interface language for visitors.
func (a *Admin) localizer(c *gin.Context) i18n.Localizer {
	if u := currentUser(c); u != nil && u.UILanguage != "" {
		return a.i18n.Localizer(u.UILanguage)
	}
	if lang := c.Query("lang"); a.i18n.Supported(lang) {
		return a.i18n.Localizer(lang)
	}
	return a.i18n.Localizer(a.defaultUILanguage())
}

// defaultUILanguage is the site's default content language when the admin
// speaks it, else English.
func (a *Admin) defaultUILanguage() string {
	if code := a.store.Locales().Default().Code; a.i18n.Supported(code) {
		return code
	}
	return i18n.Fallback
}

// page builds the layout props of a page; nav names the active menu item.
func (a *Admin) page(c *gin.Context, title, nav string) views.Page {
	l := a.localizer(c)
	p := views.Page{L: l, Title: l.T(title), Nonce: c.GetString(ctxNonce), CSRF: a.csrfToken(c), Nav: nav, TimeZone: a.tz}
	if u := currentUser(c); u != nil {
		p.User = &views.UserBadge{Name: u.DisplayName, Email: u.Email, Role: l.T("role." + string(u.Role)), IsAdmin: u.Role == models.RoleAdmin}
		if p.User.IsAdmin {
			// Shown on every page, so a receiver that has been down for
			// days is noticed without visiting the webhooks page.
			n, err := a.store.CountWebhooksPausedFailing(c.Request.Context())
			if err != nil {
				a.log.Warn("count failing webhooks", "err", err)
			}
			p.WebhooksFailing = n
		}
	}
	p.Flash = a.sessions.PopString(c.Request.Context(), keyFlash)
	if p.User != nil && a.store.WriteHealth().Failing {
		p.WritesFailing = l.T("storage.banner")
	}
	return p
}

// render writes a templ component with the given status.
func (a *Admin) render(c *gin.Context, status int, component templ.Component) {
	c.Status(status)
	c.Header("Content-Type", "text/html; charset=utf-8")
	if err := component.Render(c.Request.Context(), c.Writer); err != nil {
		a.log.Error("render admin page", "path", c.Request.URL.Path, "err", err)
	}
	c.Abort()
}

// redirect answers a successful POST with 303 See Other.
func redirect(c *gin.Context, to string) {
	c.Redirect(http.StatusSeeOther, to)
	c.Abort()
}

// namingLocales are the content locales, in order of preference, that the
// interface shows names of shared things (sections) in: the interface
// language when the site has content in it, so a Persian-speaking editor
// reads Persian section names, then the site's default locale.
func (a *Admin) namingLocales(l i18n.Localizer) []locale.Locale {
	def := a.store.Locales().Default()
	if loc, ok := a.store.Locales().Get(l.Code); ok && loc.Code != def.Code {
		return []locale.Locale{loc, def}
	}
	return []locale.Locale{def}
}
