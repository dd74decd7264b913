package admin

import (
	"context"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// Limits of the media library.
const (
	// processingSlots bounds how many uploads are decoded at once: a
	// 40-megapixel picture needs several hundred megabytes while it is
	// decoded and scaled, so a burst of uploads must queue, not pile up.
	processingSlots = 2
	// multipartOverhead is what the multipart encoding, the CSRF token and
	// the alt texts may add to the file's own bytes.
	multipartOverhead = 64 << 10
)

// acceptedTypes is the file input's accept list. It only helps the browser's
// file chooser; the server decides from the bytes.
const acceptedTypes = "image/jpeg,image/png,image/gif,image/webp"

// mediaLibrary is what the media pages need besides the database: where
// the files go, the image pipeline and the slots that bound its memory.
type mediaLibrary struct {
	store media.Store
	proc  *media.Processor
	slots chan struct{}
}

// newMediaLibrary returns the library over store; maxUpload of 0 takes the
// pipeline's default.
func newMediaLibrary(store media.Store, maxUpload int64) *mediaLibrary {
	return &mediaLibrary{
		store: store,
		proc:  media.NewProcessor(media.Config{MaxBytes: maxUpload}),
		slots: make(chan struct{}, processingSlots),
	}
}

// maxUpload is the largest accepted file, in bytes.
func (m *mediaLibrary) maxUpload() int64 { return m.proc.Config().MaxBytes }

// maxBody is the largest accepted multipart request body.
func (m *mediaLibrary) maxBody() int64 { return m.maxUpload() + multipartOverhead }

// acquire waits for a processing slot; the returned function gives it back.
func (m *mediaLibrary) acquire(ctx context.Context) (release func(), err error) {
	select {
	case m.slots <- struct{}{}:
		return func() { <-m.slots }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// loadMedia finds the picture named by the :id parameter. It answers the
// request itself (404 or 500) and returns nil when there is none.
func (a *Admin) loadMedia(c *gin.Context) *models.Media {
	return loadByID(a, c, a.store.FindMedia)
}

// mediaAlt is a picture's alt text for the admin's own display: in the
// first of the naming locales that has one, with that locale's lang and dir.
func mediaAlt(m models.Media, prefer []locale.Locale) views.MediaText {
	for _, loc := range prefer {
		if alt := m.Text(loc.Code).Alt; alt != "" {
			return views.MediaText{Text: alt, Lang: loc.Code, Dir: loc.Dir}
		}
	}
	return views.MediaText{}
}

// mediaDimensions writes "width × height" in the interface language's digits.
func mediaDimensions(l i18n.Localizer, w, h int) string {
	return l.T("media.dimensions", "width", w, "height", h)
}

// formatBytes writes a file size for people: bytes, whole kilobytes, or
// megabytes with one decimal below 100 MB, in the interface language.
func formatBytes(l i18n.Localizer, n int64) string {
	switch {
	case n < 1<<10:
		return l.T("media.size_bytes", "count", n)
	case n < 1<<20:
		return l.T("media.size_kb", "count", (n+1<<9)>>10)
	}
	tenths := (n*10 + 1<<19) >> 20
	whole, tenth := tenths/10, tenths%10
	if tenth == 0 || whole >= 100 {
		return l.T("media.size_mb", "count", whole)
	}
	return l.T("media.size_mb_fraction", "whole", whole, "tenth", tenth)
}

// localeOptions are the content locales as the media forms label them.
func localeOptions(locales locale.Set) []views.LocaleOption {
	var out []views.LocaleOption
	for _, l := range locales.All() {
		out = append(out, views.LocaleOption{Code: l.Code, Name: l.Name, Dir: l.Dir})
	}
	return out
}
