package admin

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// Soft locks tell a second editor who is already at work on an article.
// The editor page takes the lock when it opens (AcquireLock, then
// lockStatusProps for its first render) and polls lockHeartbeat every 30
// seconds with htmx, which swaps in the fresh #lock-status fragment.

// lockHeartbeat keeps the user's lock alive and answers the fragment:
// "you are editing", or who took it over meanwhile, with a take-over form.
func (a *Admin) lockHeartbeat(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		a.notFound(c)
		return
	}
	state, err := a.store.RefreshLock(c.Request.Context(), id, currentUser(c).ID)
	if !a.failed(c, err) {
		a.render(c, http.StatusOK, views.LockStatus(a.lockStatusProps(c, id, state)))
	}
}

// lockTakeOver takes the lock from whoever holds it. A plain form post
// reloads the editor page, so the editor starts from the text saved last;
// htmx gets the fragment.
func (a *Admin) lockTakeOver(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		a.notFound(c)
		return
	}
	state, err := a.store.AcquireLock(c.Request.Context(), id, currentUser(c).ID, true)
	if a.failed(c, err) {
		return
	}
	if isHtmx(c) {
		a.render(c, http.StatusOK, views.LockStatus(a.lockStatusProps(c, id, state)))
		return
	}
	a.flash(c, a.localizer(c).T("locks.taken_over"))
	redirect(c, "/admin/articles/"+strconv.FormatUint(uint64(id), 10))
}

// lockRelease gives the lock up when the editor leaves the article: htmx
// gets 204 (nothing to swap), a form post goes back to the list.
func (a *Admin) lockRelease(c *gin.Context) {
	id, ok := pathID(c, "id")
	if !ok {
		a.notFound(c)
		return
	}
	if err := a.store.ReleaseLock(c.Request.Context(), id, currentUser(c).ID); err != nil {
		a.fail(c, err)
		return
	}
	if isHtmx(c) {
		c.Status(http.StatusNoContent)
		c.Abort()
		return
	}
	redirect(c, "/admin/articles")
}

// lockStatusProps is the #lock-status fragment for state, for the editor
// page's first render as much as for the heartbeat. It is built without
// a.page: a heartbeat must not consume the flash meant for the next page.
func (a *Admin) lockStatusProps(c *gin.Context, articleID uint, state models.LockState) views.LockStatusProps {
	l := a.localizer(c)
	return views.LockStatusProps{
		L: l, CSRF: a.csrfToken(c), ArticleID: articleID, Mine: state.Mine,
		Holder: bidiIsolate(state.HolderName), Since: l.DateTime(state.Since, a.tz), SinceISO: state.Since.UTC().Format(time.RFC3339),
	}
}
