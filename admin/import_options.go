package admin

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/wpimport"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// importOptionsJSON is a run's options as import_runs keeps them.
type importOptionsJSON struct {
	DryRun     bool              `json:"dry_run"`
	Overwrite  bool              `json:"overwrite"`
	FetchMedia bool              `json:"fetch_media,omitempty"`
	Locale     string            `json:"locale,omitempty"`
	LocaleMap  map[string]string `json:"locale_map,omitempty"`
	SectionMap map[string]string `json:"section_map,omitempty"`
}

// readImportOptions reads a run's options; a row's JSON is always the
// runner's own, so an unreadable one reads as no options.
func readImportOptions(raw string) importOptionsJSON {
	var o importOptionsJSON
	_ = json.Unmarshal([]byte(raw), &o)
	return o
}

// importOptions checks the form's choices as the command checks its
// flags, adding refusals to errs, and returns them as the importer's
// options and as the JSON the run records. A section map sent as a file
// shows in the text box when the form comes back, as files cannot be
// chosen again for the person.
func (a *Admin) importOptions(c *gin.Context, l i18n.Localizer, up *importUpload, errs map[string]string) (wpimport.Options, string) {
	f := &up.form
	opts := wpimport.Options{DryRun: f.DryRun, Overwrite: f.Overwrite, Locale: f.Locale}
	if f.FetchMedia && a.media.store != nil {
		// Downloaded pictures go through the library's own pipeline and
		// limits, as uploads do; the old site must be a public address.
		opts.FetchMedia, opts.Media, opts.Processor = true, a.media.store, a.media.proc
		// No more pictures decoded at once than the library's uploads
		// may be: the server goes on answering meanwhile.
		opts.PictureWorkers = processingSlots
	}
	locales := a.store.Locales()
	if f.Locale != "" && !locales.Has(f.Locale) {
		errs["locale"] = l.T("import.error.locale", "locales", strings.Join(locales.Codes(), ", "))
	}
	var err error
	if opts.LocaleMap, err = wpimport.ParseLocaleMap(f.LocaleMap); err != nil {
		errs["locale_map"] = l.T("import.error.locale_map")
	}
	for _, to := range slices.Sorted(maps.Values(opts.LocaleMap)) {
		if !locales.Has(to) {
			errs["locale_map"] = l.T("import.error.locale_map_target", "code", to, "locales", strings.Join(locales.Codes(), ", "))
			break
		}
	}
	if len(bytes.TrimSpace(up.sectionCSV)) > 0 {
		f.SectionMap = strings.ToValidUTF8(string(up.sectionCSV), "")
	}
	if opts.SectionMap, err = wpimport.ParseSectionMap(strings.NewReader(f.SectionMap)); err != nil {
		errs["section_map"] = l.T("import.error.section_map")
	}
	for _, slug := range slices.Sorted(maps.Values(opts.SectionMap)) {
		if _, err := a.store.FindSectionBySlug(c.Request.Context(), slug); err != nil {
			if !errors.Is(err, models.ErrNotFound) {
				a.log.Warn("check the section map", "err", err)
			}
			errs["section_map"] = l.T("import.error.section_unknown", "slug", slug)
			break
		}
	}
	b, _ := json.Marshal(importOptionsJSON{DryRun: opts.DryRun, Overwrite: opts.Overwrite, FetchMedia: opts.FetchMedia, Locale: opts.Locale, LocaleMap: opts.LocaleMap, SectionMap: opts.SectionMap})
	return opts, string(b)
}

// localeChoices are the site's content locales, as forms offer them.
func (a *Admin) localeChoices() []views.LocaleChoice {
	var out []views.LocaleChoice
	for _, l := range a.store.Locales().All() {
		out = append(out, views.LocaleChoice{Code: l.Code, Name: l.Name, Dir: l.Dir})
	}
	return out
}
