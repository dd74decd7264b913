package admin

import (
	"context"
	"errors"
	"fmt"
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

// readUpload parses the upload's multipart body for mediaUpload. It runs
// after the session, role, Origin and X-CSRF-Token checks (see guardBody),
// so a visitor's or a cross-site upload is never read. A body over the
// limit is answered with 413, by its declared length before reading or as
// soon as reading passes the limit.
func (a *Admin) readUpload(c *gin.Context) {
	a.readMultipart(c, func(msg string) {
		a.refuseUpload(c, http.StatusRequestEntityTooLarge, mediaTextForm{}, map[string]string{"file": msg})
	})
}

// readMultipart parses a picture's multipart body, or answers a body over
// the limit with tooLarge's page and the message saying the limit.
func (a *Admin) readMultipart(c *gin.Context, tooLarge func(msg string)) {
	limit := a.media.maxBody()
	var err error = &http.MaxBytesError{Limit: limit}
	if c.Request.ContentLength <= limit { // -1 when the length is not declared
		err = c.Request.ParseMultipartForm(multipartMemory)
	}
	if over := (*http.MaxBytesError)(nil); errors.As(err, &over) {
		l := a.localizer(c)
		tooLarge(l.T("media.error.too_large", "limit", formatBytes(l, a.media.maxUpload())))
		return
	}
	// A malformed body leaves no file, which mediaUpload reports.
	c.Next()
	if c.Request.MultipartForm != nil {
		_ = c.Request.MultipartForm.RemoveAll()
	}
}

// mediaUpload checks, re-encodes and stores an uploaded picture, then
// opens its page so its texts can be completed (or, for the editor's
// script, answers it as JSON: see answerUpload). A refused file leaves
// nothing behind: files are written only after the pipeline accepted it.
func (a *Admin) mediaUpload(c *gin.Context) {
	ctx := c.Request.Context()
	l := a.localizer(c)
	form := readMediaTextForm(c, a.store.Locales())
	// The texts are checked before the picture is decoded, which is the
	// expensive part; SaveMedia applies the same rules again.
	errs := refusals(l, a.store.CheckMediaTexts(form), "")
	if errs == nil {
		errs = map[string]string{}
	}
	fh := uploadedFile(c.Request)
	if fh == nil {
		errs["file"] = l.T("media.error.no_file")
	}
	if len(errs) > 0 {
		a.refuseUpload(c, http.StatusUnprocessableEntity, form, errs)
		return
	}
	if a.media.store == nil {
		a.fail(c, errors.New("upload refused: the admin has no media store"))
		return
	}
	res, err := a.media.process(ctx, fh)
	if status, msg := a.uploadRefusal(l, err); status != 0 {
		a.log.Info("upload refused", "user", currentUser(c).ID, "name", fh.Filename, "err", err)
		a.refuseUpload(c, status, form, map[string]string{"file": msg})
		return
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	if err := res.Save(ctx, a.media.store); err != nil {
		// A full disk refuses files before the database: the write health
		// hears of it either way.
		a.removeUnrecorded(ctx, res)
		a.fail(c, a.store.ReportWrite(err))
		return
	}
	before := a.store.Now()
	uploader := currentUser(c).ID
	m, err := a.store.SaveMedia(ctx, models.NewMediaInput(res, form.filled(), &uploader))
	if err != nil {
		a.removeUnrecorded(ctx, res)
		a.fail(c, fmt.Errorf("record upload %s: %w", res.Path, err))
		return
	}
	a.answerUpload(c, m, m.CreatedAt.Before(before))
}

// removeUnrecorded deletes the files of an upload whose media row was not
// written, so a failed upload leaves nothing behind. Files a row refers to
// stay: the same picture uploaded before shares their content-derived
// names. What this misses (a crash between file and row) the start-up sweep
// removes (see media.RemoveOrphans).
func (a *Admin) removeUnrecorded(ctx context.Context, res *media.Result) {
	a.removeUnused(ctx, res.Paths())
}

// removeUnused deletes those of paths no media row names from the media
// store: the files of a failed upload, or the old files of a picture whose
// crops or file were replaced, or that was deleted. A failure is logged;
// the start-up sweep removes what is left (see media.RemoveOrphans).
func (a *Admin) removeUnused(ctx context.Context, paths []string) {
	if len(paths) == 0 || a.media.store == nil {
		return
	}
	ctx = context.WithoutCancel(ctx)
	used, err := a.store.MediaPathsInUse(ctx, paths)
	if err != nil {
		a.log.Warn("media files left until the next start's sweep", "err", err)
		return
	}
	for _, p := range paths {
		if used[p] {
			continue
		}
		if err := a.media.store.Delete(ctx, p); err != nil {
			a.log.Warn("remove a media file no row names", "path", p, "err", err)
			continue
		}
		a.log.Info("removed a media file no row names", "path", p)
	}
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
	return m.processFocused(ctx, fh, media.Center)
}

// processFocused is process with the crops cut around focal.
func (m *mediaLibrary) processFocused(ctx context.Context, fh *multipart.FileHeader, focal media.FocalPoint) (*media.Result, error) {
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
	return m.proc.ProcessFocused(ctx, f, fh.Filename, focal)
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
