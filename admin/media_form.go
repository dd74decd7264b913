package admin

import (
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// mediaTextForm is a picture's alt texts and captions as posted
// ("alt.<code>", "caption.<code>"), by locale code, kept as typed so a
// refused form comes back with exactly what the user entered.
type mediaTextForm map[string]models.MediaText

// readMediaTextForm reads the locales the form posted; a locale it did not
// post at all (a form from before a language was added) is left out, so
// saving it keeps that locale's texts.
func readMediaTextForm(c *gin.Context, locales locale.Set) mediaTextForm {
	f := mediaTextForm{}
	for _, code := range locales.Codes() {
		alt, hasAlt := c.GetPostForm("alt." + code)
		caption, hasCaption := c.GetPostForm("caption." + code)
		if hasAlt || hasCaption {
			f[code] = models.MediaText{Locale: code, Alt: strings.ToValidUTF8(alt, ""), Caption: strings.ToValidUTF8(caption, "")}
		}
	}
	return f
}

// mediaTextFormOf is the form filled with a picture's saved texts.
func mediaTextFormOf(m *models.Media) mediaTextForm {
	f := mediaTextForm{}
	for _, t := range m.Texts {
		f[t.Locale] = t
	}
	return f
}

// filled keeps the locales with some text. A new upload sends only these,
// so uploading a picture the library already has never blanks its texts.
func (f mediaTextForm) filled() map[string]models.MediaText {
	out := map[string]models.MediaText{}
	for code, t := range f {
		t.Alt, t.Caption = strings.TrimSpace(t.Alt), strings.TrimSpace(t.Caption)
		if t.Alt != "" || t.Caption != "" {
			out[code] = t
		}
	}
	return out
}

// mediaTextFields are the form's inputs, one group per content locale,
// each carrying its locale's lang and dir.
func mediaTextFields(l i18n.Localizer, locales locale.Set, f mediaTextForm, errs map[string]string) []views.MediaTextFields {
	var out []views.MediaTextFields
	for _, loc := range locales.All() {
		t := f[loc.Code]
		alt, caption := "alt."+loc.Code, "caption."+loc.Code
		out = append(out, views.MediaTextFields{
			Locale: views.LocaleOption{Code: loc.Code, Name: loc.Name, Dir: loc.Dir},
			Alt: views.Field{Name: alt, Label: l.T("media.alt"), Value: t.Alt, Error: errs[alt],
				Help: l.T("media.alt_help"), Lang: loc.Code, Dir: loc.Dir},
			Caption: views.Field{Name: caption, Label: l.T("media.caption"), Value: t.Caption, Error: errs[caption],
				Lang: loc.Code, Dir: loc.Dir},
		})
	}
	return out
}
