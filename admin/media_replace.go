package admin

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
)

// replacePath is the address that takes a picture's new file, a multipart
// body like an upload's (see guardBody).
const replacePath = "/media/:id/file"

// readReplace parses the new file's multipart body for mediaReplace, after
// the same checks as an upload's (see readUpload) and the check that the
// user may replace this picture's file: a refused request's body is never
// read.
func (a *Admin) readReplace(c *gin.Context) {
	m := a.loadManagedMedia(c)
	if m == nil {
		return
	}
	a.readMultipart(c, func(msg string) {
		a.renderMediaEdit(c, http.StatusRequestEntityTooLarge, m, mediaTextFormOf(m), map[string]string{"replace_file": msg})
	})
}

// mediaReplace gives a picture a new file, checked as an upload is (types
// from the bytes, size, pixel limits, metadata stripped), cut around the
// picture's focal point. The picture keeps its id, texts and focal point,
// so bodies and articles showing it show the new file at once; the old
// files are removed once nothing names them.
func (a *Admin) mediaReplace(c *gin.Context) {
	ctx := c.Request.Context()
	m := a.loadManagedMedia(c)
	if m == nil {
		return
	}
	l := a.localizer(c)
	refuse := func(status int, msg string) {
		a.renderMediaEdit(c, status, m, mediaTextFormOf(m), map[string]string{"replace_file": msg})
	}
	fh := uploadedFile(c.Request)
	if fh == nil {
		refuse(http.StatusUnprocessableEntity, l.T("media.error.no_file"))
		return
	}
	if a.media.store == nil {
		a.fail(c, errors.New("replace refused: the admin has no media store"))
		return
	}
	res, err := a.media.processFocused(ctx, fh, m.FocalPoint())
	if status, msg := a.uploadRefusal(l, err); status != 0 {
		a.log.Info("replacement refused", "user", currentUser(c).ID, "media_id", m.ID, "name", fh.Filename, "err", err)
		refuse(status, msg)
		return
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	if err := res.Save(ctx, a.media.store); err != nil {
		a.removeUnrecorded(ctx, res)
		a.fail(c, a.store.ReportWrite(err))
		return
	}
	stale, err := a.store.ReplaceMediaFile(ctx, m.ID, models.NewMediaInput(res, nil, nil))
	var dup *models.MediaDuplicateError
	switch {
	case errors.As(err, &dup):
		a.removeUnrecorded(ctx, res)
		refuse(http.StatusConflict, l.T("media.error.replace_duplicate", "id", int(dup.ID)))
		return
	case err != nil:
		a.removeUnrecorded(ctx, res)
		a.fail(c, err)
		return
	}
	a.removeUnused(ctx, stale)
	a.flash(c, l.T("media.replaced", "name", res.OriginalName))
	redirect(c, mediaEditURL(m.ID))
}
