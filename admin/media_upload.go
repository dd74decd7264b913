package admin

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"mime/multipart"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/models"
)

// multipartMemory is how much of a multipart body is held in memory while
// it is parsed; larger files wait in a temporary file until processed, so
// queued uploads do not each hold their whole size in memory.
const multipartMemory = 1 << 20

// limitMultipart bounds and parses a multipart body before anything else
// reads it. It has to run before checkCSRF: the CSRF token of a plain
// upload form is a field of the multipart body, and reading it parses the
// whole body, which without a limit would spool any size to disk. A body
// over the limit is answered with 413 here; everything else goes on to
// the CSRF check and the handler, which find the form already parsed.
func (a *Admin) limitMultipart(c *gin.Context) {
	if mt, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type")); mt != "multipart/form-data" {
		return
	}
	limit := a.media.maxBody()
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
	var err error = &http.MaxBytesError{Limit: limit}
	if c.Request.ContentLength <= limit { // -1 when the length is not declared
		err = c.Request.ParseMultipartForm(multipartMemory)
	}
	if tooLarge := (*http.MaxBytesError)(nil); errors.As(err, &tooLarge) {
		a.uploadTooLarge(c)
		return
	}
	// A malformed body is left to checkCSRF, which then finds no token.
	c.Next()
	if c.Request.MultipartForm != nil {
		_ = c.Request.MultipartForm.RemoveAll()
	}
}

// uploadTooLarge answers a body over the limit. Nothing was read into the
// store, so answering before the CSRF check changes nothing; visitors and
// cross-site requests still get the refusal they would get later.
func (a *Admin) uploadTooLarge(c *gin.Context) {
	// The rest of the body is never read; closing the connection spares
	// the server from reading it to reuse the connection.
	c.Header("Connection", "close")
	switch {
	case currentUser(c) == nil:
		a.forbidden(c)
	case a.origin.Check(c.Request) != nil:
		a.csrfFailed(c)
	case c.Request.URL.Path != "/admin/media":
		limit := formatBytes(a.localizer(c), a.media.maxUpload())
		a.errorPage(c, http.StatusRequestEntityTooLarge, "media.error.too_large_title", "media.error.too_large", "limit", limit)
	default:
		l := a.localizer(c)
		msg := l.T("media.error.too_large", "limit", formatBytes(l, a.media.maxUpload()))
		a.renderMediaLibrary(c, http.StatusRequestEntityTooLarge, mediaTextForm{}, map[string]string{"file": msg})
	}
}

// mediaUpload checks, re-encodes and stores an uploaded picture, then
// opens its page so its texts can be completed. A refused file leaves
// nothing behind: files are written only after the pipeline accepted it.
func (a *Admin) mediaUpload(c *gin.Context) {
	ctx := c.Request.Context()
	l := a.localizer(c)
	form := readMediaTextForm(c, a.store.Locales())
	errs := form.validate(l)
	fh := uploadedFile(c.Request)
	if fh == nil {
		errs["file"] = l.T("media.error.no_file")
	}
	if len(errs) > 0 {
		a.renderMediaLibrary(c, http.StatusUnprocessableEntity, form, errs)
		return
	}
	if a.media.store == nil {
		a.serverError(c, errors.New("upload refused: the admin has no media store"))
		return
	}
	res, err := a.media.process(ctx, fh)
	if status, msg := a.uploadRefusal(l, err); status != 0 {
		a.log.Info("upload refused", "user", currentUser(c).ID, "name", fh.Filename, "err", err)
		a.renderMediaLibrary(c, status, form, map[string]string{"file": msg})
		return
	}
	if err != nil {
		a.serverError(c, err)
		return
	}
	if err := res.Save(ctx, a.media.store); err != nil {
		a.serverError(c, err)
		return
	}
	before := a.store.Now()
	uploader := currentUser(c).ID
	m, err := a.store.SaveMedia(ctx, models.NewMediaInput(res, form.filled(), &uploader))
	if err != nil {
		// The files stay: they are named by content, so a retry or a later
		// upload of the same picture uses them rather than writing again.
		a.serverError(c, fmt.Errorf("record upload %s: %w", res.Path, err))
		return
	}
	if m.CreatedAt.Before(before) {
		a.flash(c, l.T("media.already_there", "name", m.OriginalName))
	} else {
		a.flash(c, l.T("media.uploaded", "name", m.OriginalName))
	}
	redirect(c, mediaEditURL(m.ID))
}

// uploadedFile returns the form's "file" part, or nil when none was sent.
func uploadedFile(r *http.Request) *multipart.FileHeader {
	if r.MultipartForm == nil || len(r.MultipartForm.File["file"]) == 0 {
		return nil
	}
	return r.MultipartForm.File["file"][0]
}

// process runs the pipeline over an uploaded file once a slot is free.
func (m *mediaLibrary) process(ctx context.Context, fh *multipart.FileHeader) (*media.Result, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, fmt.Errorf("open upload: %w", err)
	}
	defer f.Close()
	release, err := m.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	return m.proc.Process(ctx, f, fh.Filename)
}

// uploadRefusal maps the pipeline's refusals to a status and a message for
// the person who uploaded; status is 0 for other errors, which are ours.
func (a *Admin) uploadRefusal(l i18n.Localizer, err error) (status int, msg string) {
	cfg := a.media.proc.Config()
	switch {
	case errors.Is(err, media.ErrTooLarge):
		return http.StatusRequestEntityTooLarge, l.T("media.error.too_large", "limit", formatBytes(l, cfg.MaxBytes))
	case errors.Is(err, media.ErrUnsupportedType):
		return http.StatusUnsupportedMediaType, l.T("media.error.unsupported")
	case errors.Is(err, media.ErrTooManyPixels):
		return http.StatusUnprocessableEntity, l.T("media.error.too_many_pixels",
			"megapixels", int(cfg.MaxPixels/1_000_000), "side", cfg.MaxSide)
	case errors.Is(err, media.ErrInvalidImage):
		return http.StatusUnprocessableEntity, l.T("media.error.invalid")
	}
	return 0, ""
}
