package admin

import (
	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
)

// Register adds the admin's routes to r. Every route is listed here, grouped
// by who may use it, so the whole admin and its access rules read in one
// place: a new page is one line in the right group.
func (a *Admin) Register(r *gin.Engine) {
	r.GET("/admin/assets/*path", a.serveAsset())

	// Every /admin request, signed in or not, passes the same guards:
	// headers, session, body size, form limits and CSRF.
	visitors := r.Group("/admin", a.securityHeaders, a.loadSession, a.loadUser, a.guardBody, a.limitForm, a.checkCSRF)
	visitors.GET("/login", a.loginPage)
	visitors.POST("/login", a.login)

	// Editors and admins alike: their own account, writing, pictures, tags.
	signedIn := visitors.Group("", a.requireUser)
	signedIn.POST("/logout", a.logout)
	signedIn.GET("/account", a.accountPage)
	signedIn.POST("/account/language", a.saveLanguage)
	signedIn.POST("/account/password", a.savePassword)

	// The dashboard, the article list and the bilingual editor.
	signedIn.GET("", a.dashboard)
	signedIn.GET("/articles", a.articleList)
	signedIn.POST("/articles/:id/pin", a.pinFromList)
	signedIn.POST("/articles/bulk", a.bulkArticles)
	signedIn.GET("/articles/new", a.newArticlePage)
	signedIn.POST("/articles", a.createArticle)
	signedIn.GET("/articles/:id", a.editArticlePage)
	signedIn.GET("/articles/:id/translations/:locale", a.showPane)
	signedIn.GET("/articles/:id/translations/:locale/preview", a.readPreview)
	signedIn.GET("/articles/link-search", a.linkSearch)
	signedIn.POST("/articles/:id/translations/:locale", a.savePane)
	signedIn.POST("/articles/:id/translations/:locale/compare", a.comparePane)
	signedIn.POST("/articles/:id/translations/:locale/current", a.markCurrent)
	signedIn.POST("/articles/:id/shared", a.saveShared)

	// What keeps editors' work safe around the editor: revision history,
	// the trash, soft locks and draft previews.
	signedIn.GET("/articles/:id/revisions", a.revisionList)
	signedIn.GET("/articles/:id/revisions/:rev", a.revisionView)
	signedIn.POST("/articles/:id/revisions/:rev/restore", a.revisionRestore)
	signedIn.POST("/articles/:id/delete", a.trashMove)
	signedIn.GET("/trash", a.trashList)
	signedIn.POST("/trash/:id/restore", a.trashRestore)
	signedIn.POST("/articles/:id/lock", a.lockHeartbeat)
	signedIn.POST("/articles/:id/lock/takeover", a.lockTakeOver)
	signedIn.POST("/articles/:id/lock/release", a.lockRelease)
	signedIn.POST("/articles/:id/preview-token", a.previewToken)
	signedIn.GET("/articles/:id/preview", a.previewJSON)
	signedIn.GET("/articles/:id/site-preview/:locale", a.sitePreview)

	// The media library: editors upload and describe pictures as much as
	// admins do.
	signedIn.GET("/media", a.mediaList)
	signedIn.POST(uploadPath, a.readUpload, a.mediaUpload)
	signedIn.GET("/media/picker", a.mediaPicker)
	signedIn.GET("/media/:id", a.mediaEditPage)
	signedIn.POST("/media/:id", a.mediaSave)
	signedIn.POST("/media/:id/focal", a.mediaFocalSave)
	// Deleting a picture and replacing its file change every article that
	// shows it: its uploader and admins only (canManageMediaFile).
	signedIn.GET("/media/:id/delete", a.mediaDeletePage)
	signedIn.POST("/media/:id/delete", a.mediaDelete)
	signedIn.POST(replacePath, a.readReplace, a.mediaReplace)

	// Tags: editors make them while writing, so they manage them too.
	signedIn.GET("/tags", a.tagsPage)
	signedIn.POST("/tags", a.createTag)
	signedIn.GET("/tags/:id", a.editTagPage)
	signedIn.POST("/tags/:id", a.updateTag)
	signedIn.POST("/tags/:id/merge", a.mergeTag)
	signedIn.GET("/tags/:id/delete", a.deleteTagPage)
	signedIn.POST("/tags/:id/delete", a.deleteTag)

	// Admins only: the site's structure, its people, its webhooks and imports. An
	// editor gets the 403 page for every GET and POST here; a webhook's
	// secret can sign anything a receiver believes.
	admins := signedIn.Group("", a.requireRole(models.RoleAdmin))
	admins.GET("/sections", a.sectionsPage)
	admins.POST("/sections", a.createSection)
	admins.GET("/sections/:id", a.editSectionPage)
	admins.POST("/sections/:id", a.updateSection)
	admins.POST("/sections/:id/move", a.moveSection)
	admins.GET("/sections/:id/delete", a.deleteSectionPage)
	admins.POST("/sections/:id/delete", a.deleteSection)

	admins.GET("/users", a.userList)
	admins.POST("/users", a.userCreate)
	admins.GET("/users/:id", a.userEdit)
	admins.POST("/users/:id", a.userSave)
	admins.POST("/users/:id/password", a.userPassword)

	// WordPress imports: a site's whole archive, written by an admin's
	// choice only.
	admins.GET(importPath, a.importPage)
	admins.POST(importPath, a.importStart)
	admins.GET(importPath+"/:id", a.importRunPage)

	admins.GET("/webhooks", a.webhookList)
	admins.POST("/webhooks", a.webhookCreate)
	admins.GET("/webhooks/:id", a.webhookEdit)
	admins.POST("/webhooks/:id", a.webhookSave)
	admins.POST("/webhooks/:id/pause", a.webhookSetActive(false))
	admins.POST("/webhooks/:id/resume", a.webhookSetActive(true))
	admins.POST("/webhooks/:id/rotate", a.webhookRotate)
	admins.POST("/webhooks/:id/test", a.webhookSendTest)
	admins.POST("/webhooks/:id/delete", a.webhookDelete)
	admins.POST("/webhooks/:id/deliveries/:delivery/redeliver", a.webhookRedeliver)
}

// NoRoute answers unknown /admin paths with the admin's own 404 page.
func (a *Admin) NoRoute(c *gin.Context) {
	for _, mw := range []gin.HandlerFunc{a.securityHeaders, a.loadSession, a.loadUser} {
		mw(c)
		if c.IsAborted() {
			return
		}
	}
	a.notFound(c)
}
