package wpimport

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"

	"github.com/payvand/payvand/internal/media"
)

// missingFile is why an attachment's file could not be had, from the
// uploads folder or the old site: the attachment is reported as missing,
// never fatal. transient marks a download failure worth another attempt.
type missingFile struct {
	why       string
	transient bool
}

func (e *missingFile) Error() string { return e.why }

// wantsMedia says whether the run imports attachments at all: from an
// uploads folder, from the old site, or both.
func (o Options) wantsMedia() bool { return o.Uploads != "" || o.FetchMedia }

// uploadLimit is the media library's upload limit, which downloads are
// held to as well.
func (o Options) uploadLimit() int64 {
	if o.Processor != nil {
		return o.Processor.Config().MaxBytes
	}
	return media.DefaultConfig().MaxBytes
}

// attachmentSource is where an attachment's bytes come from: a file in
// the uploads folder, or else an address on the old site to download.
type attachmentSource struct {
	path  string
	fetch *url.URL
}

// locateAttachment finds an attachment's bytes without reading them: the
// uploads folder wins where it has the file; else, with --fetch-media,
// its address on the old site (a relative one read against the site's
// address). None is a *missingFile saying why.
func (im *importer) locateAttachment(a *attachment) (attachmentSource, error) {
	if a.url == "" {
		return attachmentSource{}, &missingFile{why: "the export gives no file address (wp:attachment_url)"}
	}
	p, why := im.uploadFile(a)
	if p != "" {
		return attachmentSource{path: p}, nil
	}
	if !im.opts.FetchMedia {
		return attachmentSource{}, &missingFile{why: why}
	}
	u, err := url.Parse(a.url)
	if err == nil {
		if base, err := url.Parse(im.source + "/"); err == nil {
			u = base.ResolveReference(u)
		}
	}
	if err != nil || !isHTTP(u) {
		return attachmentSource{}, &missingFile{why: join(why, "its address is not an http or https one")}
	}
	return attachmentSource{fetch: u}, nil
}

// uploadFile is the attachment's file in the uploads folder, or why there
// is none ("" without --uploads).
func (im *importer) uploadFile(a *attachment) (path, why string) {
	if im.opts.Uploads == "" {
		return "", ""
	}
	p, ok := uploadPath(im.opts.Uploads, a.url)
	if !ok {
		return "", "its address is not below " + uploadsMarker
	}
	if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() {
		return "", "no file " + p
	}
	return p, ""
}

// openAttachment opens the bytes of attachment a's file and names the
// file for the media library, from where locateAttachment finds it. It is
// the one place that knows where the bytes come from; a file that cannot
// be had, before or while it is read (a download past the size limit or
// its time), is a *missingFile error, any other error a failure. The
// caller closes the reader.
func (im *importer) openAttachment(ctx context.Context, a *attachment) (io.ReadCloser, string, error) {
	if err := ctx.Err(); err != nil {
		return nil, "", err
	}
	src, err := im.locateAttachment(a)
	if err != nil {
		return nil, "", err
	}
	if src.path != "" {
		f, err := os.Open(src.path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, "", &missingFile{why: "no file " + src.path}
		}
		if err != nil {
			return nil, "", err
		}
		return f, filepath.Base(src.path), nil
	}
	body, err := im.downloads.open(ctx, src.fetch)
	var m *missingFile
	if errors.As(err, &m) {
		// Say why the uploads folder did not serve it either.
		_, why := im.uploadFile(a)
		return nil, "", &missingFile{why: join(why, m.why)}
	}
	if err != nil {
		return nil, "", err
	}
	return body, path.Base(src.fetch.Path), nil
}

// isDownload says whether r is a body being downloaded from the old site.
func isDownload(r io.Reader) bool {
	_, ok := r.(*download)
	return ok
}

func join(first, second string) string {
	if first == "" {
		return second
	}
	return first + "; " + second
}
