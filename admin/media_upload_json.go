package admin

import (
	"mime"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
)

// The editor uploads through the same POST /admin/media as the library's
// form (the same guard, CSRF header, size limit, pipeline and refusals):
// the picture picker's upload and pictures dropped or pasted into a body.
// It asks for JSON (Accept: application/json) and gets the picture as the
// picker offers it, or the refusal as the API states its errors, with the
// message in the interface language, so the script can say why in place.

// wantsJSON reports whether the upload came from the editor's script.
func wantsJSON(c *gin.Context) bool {
	for _, part := range strings.Split(c.GetHeader("Accept"), ",") {
		if mt, _, err := mime.ParseMediaType(strings.TrimSpace(part)); err == nil && mt == "application/json" {
			return true
		}
	}
	return false
}

// uploadedPicture is the editor's answer to an accepted upload: what the
// picker's buttons carry in data attributes.
type uploadedPicture struct {
	ID     uint   `json:"id"`
	Name   string `json:"name"`
	Src    string `json:"src"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
	Thumb  string `json:"thumb"`
	// Existing is true when the library already had this picture: its
	// stored texts are kept, and answered here.
	Existing bool                           `json:"existing"`
	Texts    map[string]uploadedPictureText `json:"texts"`
}

type uploadedPictureText struct {
	Alt     string `json:"alt"`
	Caption string `json:"caption"`
}

// answerUpload answers an accepted upload: the picture as JSON for the
// editor, else the picture's page to complete its texts.
func (a *Admin) answerUpload(c *gin.Context, m *models.Media, existing bool) {
	l := a.localizer(c)
	if !wantsJSON(c) {
		if existing {
			a.flash(c, l.T("media.already_there", "name", m.OriginalName))
		} else {
			a.flash(c, l.T("media.uploaded", "name", m.OriginalName))
		}
		redirect(c, mediaEditURL(m.ID))
		return
	}
	p := mediaPick(*m, a.store.Locales().Codes(), mediaAlt(*m, a.namingLocales(l)))
	out := uploadedPicture{ID: p.ID, Name: p.Name, Src: p.Src, Width: p.Width, Height: p.Height, Thumb: p.Thumb.Src,
		Existing: existing, Texts: map[string]uploadedPictureText{}}
	for _, t := range p.Texts {
		out.Texts[t.Locale] = uploadedPictureText{Alt: t.Alt, Caption: t.Caption}
	}
	status := http.StatusCreated
	if existing {
		status = http.StatusOK
	}
	c.JSON(status, out)
	c.Abort()
}

// refuseUpload answers a refused upload: for the editor as JSON,
// {"error":{"code","message","details":{field: message}}} with the first
// message (the file's, if any) as the message; else the library page with
// the messages beside the fields.
func (a *Admin) refuseUpload(c *gin.Context, status int, form mediaTextForm, errs map[string]string) {
	if !wantsJSON(c) {
		a.renderMediaLibrary(c, status, form, errs)
		return
	}
	msg := errs["file"]
	for _, code := range a.store.Locales().Codes() {
		for _, field := range []string{"alt." + code, "caption." + code} {
			if msg == "" {
				msg = errs[field]
			}
		}
	}
	c.JSON(status, gin.H{"error": gin.H{"code": uploadRefusalCode(status), "message": msg, "details": errs}})
	c.Abort()
}

// uploadRefusalCode names a refusal by its status, as the API's codes do.
func uploadRefusalCode(status int) string {
	switch status {
	case http.StatusRequestEntityTooLarge:
		return "too_large"
	case http.StatusUnsupportedMediaType:
		return "unsupported_type"
	}
	return "invalid"
}
