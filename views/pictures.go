package views

import (
	"encoding/json"

	"github.com/payvand/payvand/internal/i18n"
)

// pictureLabelKeys are the editor's figure controls and upload messages
// (assets/editor/pictures.js reads them from data-editor-labels).
var pictureLabelKeys = []string{
	"caption", "alt", "align", "align_default", "align_start", "align_end", "align_wide", "align_full",
	"uploading", "upload_failed", "upload_error", "paste_refused", "dismiss",
}

// pictureLabels is the data-editor-labels attribute: the labels above in
// the interface language, as JSON.
func pictureLabels(l i18n.Localizer) string {
	out := make(map[string]string, len(pictureLabelKeys))
	for _, k := range pictureLabelKeys {
		out[k] = l.T("pictures." + k)
	}
	b, _ := json.Marshal(out)
	return string(b)
}
