package admin

import (
	"strconv"

	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// seoForm is a pane's search and social fields as posted, the picture
// number kept as typed so a refused one comes back unchanged.
type seoForm struct {
	Title        string
	Description  string
	ImageID      string
	CanonicalURL string
	Noindex      bool
}

func seoFormOf(seo models.TranslationSEO) seoForm {
	f := seoForm{Title: seo.Title, Description: seo.Description, CanonicalURL: seo.CanonicalURL, Noindex: seo.Noindex}
	if seo.ImageID != nil {
		f.ImageID = strconv.FormatUint(uint64(*seo.ImageID), 10)
	}
	return f
}

// input is the write path's SEO input; the picture number was checked by
// paneForm.validate.
func (f seoForm) input() models.TranslationSEO {
	seo := models.TranslationSEO{Title: f.Title, Description: f.Description, CanonicalURL: f.CanonicalURL, Noindex: f.Noindex}
	if id := formID(f.ImageID); id != 0 {
		seo.ImageID = &id
	}
	return seo
}

func (f seoForm) props() views.PaneSEO {
	return views.PaneSEO{Title: f.Title, Description: f.Description, ImageID: f.ImageID, CanonicalURL: f.CanonicalURL, Noindex: f.Noindex}
}
