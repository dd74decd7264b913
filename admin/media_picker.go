package admin

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// pickerPerPage keeps the picker's grid small enough for a dialog.
const pickerPerPage = 12

// mediaPicker answers the editor's picture dialog with an HTML fragment,
// no layout: a search box and a grid of buttons that carry each picture's
// stable /media/… paths and alt texts in data attributes. The editor's
// script inserts the chosen one by path; the save stores it by media id
// (models.SaveArticle), and the editor gets the path back on load
// (editableBody). This page only offers them.
func (a *Admin) mediaPicker(c *gin.Context) {
	l := a.localizer(c)
	f := parseMediaFilter(c)
	list, err := a.store.ListMedia(c.Request.Context(), models.MediaQuery{Search: f.Query, Page: f.Page, PerPage: pickerPerPage})
	if err != nil {
		a.fail(c, err)
		return
	}
	props := views.MediaPickerProps{L: l, Query: f.Query, Total: list.Total, Upload: views.MediaUploadForm{
		Accept: acceptedTypes, MaxSize: formatBytes(l, a.media.maxUpload()),
		Texts: mediaTextFields(l, a.store.Locales(), mediaTextForm{}, nil),
	}}
	prefer := a.namingLocales(l)
	for _, m := range list.Items {
		props.Items = append(props.Items, mediaPick(m, a.store.Locales().Codes(), mediaAlt(m, prefer)))
	}
	if list.Page > 1 {
		props.PrevURL = f.url("/admin/media/picker", list.Page-1)
	}
	if list.Page < list.Pages() {
		props.NextURL = f.url("/admin/media/picker", list.Page+1)
	}
	a.render(c, http.StatusOK, views.MediaPicker(props))
}

// mediaPick is one picture as the picker offers it: the medium size for
// article bodies, the thumbnail for the grid, and its texts per locale.
func mediaPick(m models.Media, locales []string, alt views.MediaText) views.MediaPick {
	medium, thumb := m.Variant(media.VariantMedium), m.Variant(media.VariantThumbnail)
	p := views.MediaPick{
		ID: m.ID, Name: m.OriginalName, Src: media.PublicPath(medium.Path), Width: medium.Width, Height: medium.Height,
		Thumb: views.MediaImage{Src: media.PublicPath(thumb.Path), Width: thumb.Width, Height: thumb.Height, Alt: alt},
	}
	for _, code := range locales {
		t := m.Text(code)
		p.Texts = append(p.Texts, views.MediaPickText{Locale: code, Alt: t.Alt, Caption: t.Caption})
	}
	return p
}
