package admin

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// mediaEditURL is the page of one picture.
func mediaEditURL(id uint) string { return "/admin/media/" + strconv.FormatUint(uint64(id), 10) }

// mediaEditPage shows a picture, its public paths and details, and the
// form for its alt text and caption in every content language.
func (a *Admin) mediaEditPage(c *gin.Context) {
	m := a.loadMedia(c)
	if m == nil {
		return
	}
	a.renderMediaEdit(c, http.StatusOK, m, mediaTextFormOf(m), nil)
}

// mediaSave saves the alt texts and captions. The picture's files never
// change: they are named by their content.
func (a *Admin) mediaSave(c *gin.Context) {
	m := a.loadMedia(c)
	if m == nil {
		return
	}
	l := a.localizer(c)
	form := readMediaTextForm(c, a.store.Locales())
	err := a.store.UpdateMediaTexts(c.Request.Context(), m.ID, form)
	var invalid *models.ValidationError
	switch {
	case errors.As(err, &invalid):
		a.renderMediaEdit(c, http.StatusUnprocessableEntity, m, form, refusals(l, err, ""))
		return
	case err != nil:
		a.fail(c, err)
		return
	}
	a.flash(c, l.T("media.saved", "name", m.OriginalName))
	redirect(c, mediaEditURL(m.ID))
}

// renderMediaEdit shows the picture's page with the form as given.
func (a *Admin) renderMediaEdit(c *gin.Context, status int, m *models.Media, form mediaTextForm, errs map[string]string) {
	p := a.page(c, "media.edit_title", "media")
	medium := m.Variant(media.VariantMedium)
	props := views.MediaEditProps{
		Page: p, ID: m.ID, Name: m.OriginalName, Action: mediaEditURL(m.ID),
		Medium: views.MediaImage{Src: media.PublicPath(medium.Path), Width: medium.Width, Height: medium.Height,
			Alt: mediaAlt(*m, a.namingLocales(p.L))},
		Dimensions: mediaDimensions(p.L, m.Width, m.Height), Size: formatBytes(p.L, m.ByteSize), MIME: m.MimeType,
		Uploaded: p.L.DateTime(m.CreatedAt, a.tz), UploadedISO: m.CreatedAt.UTC().Format(time.RFC3339),
		Texts: mediaTextFields(p.L, a.store.Locales(), form, errs),
		Focal: a.mediaFocal(p.L, m, errs["focal_point"]),
	}
	if canManageMediaFile(currentUser(c), m) {
		props.Manage = views.MediaManage{ReplaceAction: mediaEditURL(m.ID) + "/file", ReplaceError: errs["replace_file"],
			DeleteURL: mediaEditURL(m.ID) + "/delete", Accept: acceptedTypes, MaxSize: formatBytes(p.L, a.media.maxUpload())}
	}
	original := models.MediaVariant{Path: m.Path, Width: m.Width, Height: m.Height, ByteSize: m.ByteSize}
	for _, f := range []struct {
		key string
		v   models.MediaVariant
	}{{"original", original}, {media.VariantMedium, medium}, {media.VariantThumbnail, m.Variant(media.VariantThumbnail)}} {
		props.Paths = append(props.Paths, mediaPath(p.L, f.key, p.L.T("media.path_"+f.key), f.v))
	}
	// The WebP copies follow, for a template that builds its own <picture>.
	for _, size := range []string{media.VariantOriginal, media.VariantMedium, media.VariantThumbnail} {
		for _, v := range m.Variants {
			if v.Name == media.WebPVariantName(size) {
				label := p.L.T("media.path_webp", "size", p.L.T("media.path_"+size))
				props.Paths = append(props.Paths, mediaPath(p.L, size+"-webp", label, v))
			}
		}
	}
	a.render(c, status, views.MediaEdit(props))
}

// mediaPath describes one stored file of a picture for its page.
func mediaPath(l i18n.Localizer, name, label string, v models.MediaVariant) views.MediaPath {
	return views.MediaPath{
		Name: name, Label: label, Path: media.PublicPath(v.Path),
		Details: l.T("media.path_details", "dimensions", mediaDimensions(l, v.Width, v.Height), "size", formatBytes(l, v.ByteSize)),
	}
}

// mediaFocal is the focal point form with the crops cut around the point.
func (a *Admin) mediaFocal(l i18n.Localizer, m *models.Media, errMsg string) views.MediaFocal {
	f := views.MediaFocal{Action: mediaEditURL(m.ID) + "/focal", X: formatFocal(m.FocalX), Y: formatFocal(m.FocalY), Error: errMsg}
	for _, c := range m.Crops() {
		if c.MimeType == "image/webp" {
			continue
		}
		f.Crops = append(f.Crops, views.MediaCrop{Label: l.T("media.crop_"+c.Size, "dimensions", mediaDimensions(l, c.Width, c.Height)),
			Image: views.MediaImage{Src: media.PublicPath(c.Path), Width: c.Width, Height: c.Height}})
	}
	return f
}
