package admin

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// mediaFilter is the library's search and page as read from the address.
// Nonsense (a page that is not a positive number) is dropped, not refused.
type mediaFilter struct {
	Query string
	Page  int
}

func parseMediaFilter(c *gin.Context) mediaFilter {
	return mediaFilter{Query: searchParam(c), Page: pageParam(c)}
}

// url is base with the search and the given page, so pagination keeps
// what the user searched for.
func (f mediaFilter) url(base string, page int) string {
	v := url.Values{}
	if f.Query != "" {
		v.Set("q", f.Query)
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return base
	}
	return base + "?" + v.Encode()
}

// mediaList shows the library: the upload form, then every picture,
// newest first, narrowed by the search. A search typed with htmx gets the
// results alone.
func (a *Admin) mediaList(c *gin.Context) {
	if c.GetHeader("HX-Request") == "true" && c.GetHeader("HX-Target") == "media-results" {
		p := a.page(c, "media.title", "media")
		if results, ok := a.mediaResults(c, parseMediaFilter(c), p.L); ok {
			a.render(c, http.StatusOK, views.MediaResultsList(p, results))
		}
		return
	}
	a.renderMediaLibrary(c, http.StatusOK, mediaTextForm{}, nil)
}

// renderMediaLibrary shows the library page with the upload form as
// posted and its messages; a refused upload re-renders it this way.
func (a *Admin) renderMediaLibrary(c *gin.Context, status int, form mediaTextForm, errs map[string]string) {
	p := a.page(c, "media.title", "media")
	f := parseMediaFilter(c)
	if c.Request.Method != http.MethodGet {
		f = mediaFilter{Page: 1} // a POST's address carries no search
	}
	results, ok := a.mediaResults(c, f, p.L)
	if !ok {
		return
	}
	a.render(c, status, views.MediaLibrary(views.MediaLibraryProps{
		Page: p,
		Upload: views.MediaUploadForm{
			Accept: acceptedTypes, MaxSize: formatBytes(p.L, a.media.maxUpload()), FileError: errs["file"],
			Texts: mediaTextFields(p.L, a.store.Locales(), form, errs),
		},
		Results: results,
	}))
}

// mediaResults loads one page of the library as the grid shows it. It
// answers the request itself and returns false when the store fails.
func (a *Admin) mediaResults(c *gin.Context, f mediaFilter, l i18n.Localizer) (views.MediaResults, bool) {
	list, err := a.store.ListMedia(c.Request.Context(), models.MediaQuery{Search: f.Query, Page: f.Page})
	if err != nil {
		a.fail(c, err)
		return views.MediaResults{}, false
	}
	r := views.MediaResults{Query: f.Query, Total: list.Total, PageNum: list.Page, Pages: list.Pages()}
	prefer := a.namingLocales(l)
	for _, m := range list.Items {
		r.Items = append(r.Items, a.mediaItem(m, l, prefer))
	}
	if list.Page > 1 {
		r.PrevURL = f.url("/admin/media", list.Page-1)
	}
	if list.Page < list.Pages() {
		r.NextURL = f.url("/admin/media", list.Page+1)
	}
	return r, true
}

// mediaItem is one picture in the grid, described in the interface
// language.
func (a *Admin) mediaItem(m models.Media, l i18n.Localizer, prefer []locale.Locale) views.MediaItem {
	thumb := m.Variant(media.VariantThumbnail)
	return views.MediaItem{
		ID: m.ID, Name: m.OriginalName, URL: mediaEditURL(m.ID),
		Thumb:      views.MediaImage{Src: media.PublicPath(thumb.Path), Width: thumb.Width, Height: thumb.Height, Alt: mediaAlt(m, prefer)},
		Dimensions: mediaDimensions(l, m.Width, m.Height), Size: formatBytes(l, m.ByteSize),
		Uploaded: l.DateTime(m.CreatedAt, a.tz), UploadedISO: m.CreatedAt.UTC().Format(time.RFC3339),
	}
}
