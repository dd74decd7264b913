package admin

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/wxr"
	"github.com/payvand/payvand/views"
)

// importPath is the admin address that takes a WordPress export; with the
// media library's two, the only ones a multipart body may be sent to.
const importPath = "/import"

// Bounds of the Import form's parts other than the export: a field's text
// and the section map's CSV file, read into memory; the export itself is
// streamed to disk. importFormSlack is what the body may hold beyond the
// export.
const (
	importFieldBytes = 64 << 10
	importCSVBytes   = 1 << 20
	importFormSlack  = 2 << 20
	importMaxParts   = 16
)

// importUpload is the Import form as read: the choices, the section map's
// CSV file if one came, and the export, waiting in a temporary file.
type importUpload struct {
	form       views.ImportForm
	sectionCSV []byte
	fileName   string
	path       string
}

// errUploadTooLarge is a body or part beyond its bound.
var errUploadTooLarge = errors.New("upload too large")

// readImportUpload reads the form's parts in the order they came. The
// export is checked by its first bytes (wxr.CheckHead) before the rest is
// read, and streamed to a file in the runner's folder, never held in
// memory. errs holds the refusals to show beside the fields; err is the
// server's own failure. Either way no temporary file is left behind.
func (a *Admin) readImportUpload(c *gin.Context, l i18n.Localizer) (up importUpload, errs map[string]string, err error) {
	errs = map[string]string{}
	if c.Request.ContentLength > a.imports.maxBytes+importFormSlack {
		errs["file"] = a.importTooLarge(l)
		return up, errs, nil
	}
	defer func() {
		if (err != nil || len(errs) > 0) && up.path != "" {
			os.Remove(up.path)
			up.path = ""
		}
	}()
	mr, err := c.Request.MultipartReader()
	if err != nil {
		return up, a.importBodyRefused(l, err, errs), nil
	}
	for n := 0; n < importMaxParts; n++ {
		part, perr := mr.NextPart()
		if perr == io.EOF {
			break
		}
		if perr != nil {
			// Only the body is read here: a part that cannot be read (a
			// malformed header, the body cut short) is the sender's fault.
			return up, a.importBodyRefused(l, perr, errs), nil
		}
		err = a.readImportPart(c.Request.Context(), part, &up)
		switch {
		case errors.Is(err, wxr.ErrNotWXR):
			// The rest of the body is left unread: the connection closes
			// (guardBody) and the form comes back at once.
			errs["file"] = l.T("import.error.not_export")
			return up, errs, nil
		case errors.Is(err, errCSVTooLarge):
			errs["section_map"] = l.T("import.error.csv_too_large", "limit", formatBytes(l, importCSVBytes))
			return up, errs, nil
		case isBodyError(err):
			return up, a.importBodyRefused(l, err, errs), nil
		case err != nil:
			return up, errs, fmt.Errorf("read the import form: %w", err)
		}
	}
	if up.path == "" {
		errs["file"] = l.T("import.error.no_file")
	}
	return up, errs, nil
}

// readImportPart reads one part of the form into up.
func (a *Admin) readImportPart(ctx context.Context, part *multipart.Part, up *importUpload) error {
	switch name := part.FormName(); name {
	case "file":
		if part.FileName() == "" || up.path != "" {
			return nil
		}
		up.fileName = part.FileName()
		var err error
		up.path, err = a.imports.receive(ctx, part)
		return err
	case "section_map_file":
		b, err := readPart(part, importCSVBytes)
		if errors.Is(err, errUploadTooLarge) {
			return errCSVTooLarge
		}
		up.sectionCSV = b
		return err
	default:
		b, err := readPart(part, importFieldBytes)
		setImportField(&up.form, name, strings.ToValidUTF8(string(b), ""))
		return err
	}
}

// errCSVTooLarge is a section map file beyond importCSVBytes.
var errCSVTooLarge = errors.New("section map too large")

// isBodyError reports whether err is the request body's fault: beyond its
// bound, cut short or not multipart.
func isBodyError(err error) bool {
	var over *http.MaxBytesError
	return errors.As(err, &over) || errors.Is(err, errUploadTooLarge) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, http.ErrNotMultipart) || (err != nil && strings.HasPrefix(err.Error(), "multipart:"))
}

// importBodyRefused is the refusal beside the file for a body that could
// not be read.
func (a *Admin) importBodyRefused(l i18n.Localizer, err error, errs map[string]string) map[string]string {
	var over *http.MaxBytesError
	if errors.As(err, &over) || errors.Is(err, errUploadTooLarge) {
		errs["file"] = a.importTooLarge(l)
	} else {
		a.log.Info("import upload not read whole", "err", err)
		errs["file"] = l.T("import.error.incomplete")
	}
	return errs
}

func (a *Admin) importTooLarge(l i18n.Localizer) string {
	return l.T("import.error.too_large", "limit", formatBytes(l, a.imports.maxBytes))
}

// setImportField fills the form field name from its text.
func setImportField(f *views.ImportForm, name, value string) {
	switch name {
	case "dry_run":
		f.DryRun = value != ""
	case "overwrite":
		f.Overwrite = value != ""
	case "fetch_media":
		f.FetchMedia = value != ""
	case "locale":
		f.Locale = strings.TrimSpace(value)
	case "locale_map":
		f.LocaleMap = strings.TrimSpace(value)
	case "section_map":
		f.SectionMap = value
	}
}

// readPart reads a part of at most limit bytes.
func readPart(part *multipart.Part, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(part, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, errUploadTooLarge
	}
	return b, nil
}

// receive streams an uploaded export into a new file in the runner's
// folder and returns its path. Its first bytes are checked before
// anything is written: wxr.ErrNotWXR for a file that is no export.
func (r *importRunner) receive(ctx context.Context, part io.Reader) (string, error) {
	br := bufio.NewReaderSize(part, wxr.HeadSize)
	head, err := br.Peek(wxr.HeadSize)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return "", err
	}
	if err := wxr.CheckHead(head); err != nil {
		return "", err
	}
	if err := os.MkdirAll(r.dir, 0o700); err != nil {
		return "", fmt.Errorf("make the imports folder: %w", err)
	}
	r.sweep(ctx)
	f, err := os.CreateTemp(r.dir, "upload-*.xml")
	if err != nil {
		return "", fmt.Errorf("keep the upload: %w", err)
	}
	n, err := io.Copy(f, io.LimitReader(br, r.maxBytes+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && n > r.maxBytes {
		err = errUploadTooLarge
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}
