package wpimport

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// missingFile is why an attachment's file could not be found: the
// attachment is reported as missing, never fatal.
type missingFile struct{ why string }

func (e *missingFile) Error() string { return e.why }

// openAttachment opens the bytes of attachment a's file and names the
// file for the media library. It is the one place that knows where the
// bytes come from (the uploads folder; downloading them plugs in here);
// a file that is not there is a *missingFile error, any other error a
// failure. The caller closes the reader.
func (im *importer) openAttachment(ctx context.Context, a *attachment) (io.ReadCloser, string, error) {
	if err := ctx.Err(); err != nil {
		return nil, "", err
	}
	path, ok := uploadPath(im.opts.Uploads, a.url)
	if !ok && a.url == "" {
		return nil, "", &missingFile{"the export gives no file address (wp:attachment_url)"}
	}
	if !ok {
		return nil, "", &missingFile{"its address is not below " + uploadsMarker}
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", &missingFile{"no file " + path}
	}
	if err != nil {
		return nil, "", err
	}
	return f, filepath.Base(path), nil
}
