package admin

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/locale"
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

// listStatus is the article list's status filter for a WordPress status.
var listStatus = map[string]models.TranslationState{
	"publish": models.StatePublished, "future": models.StateScheduled, "draft": models.StateDraft, "pending": models.StateDraft,
}

// importReportView is a run's JSON report as the page shows it, locales
// named as the site names them; nil when the run has none (yet).
func importReportView(raw string, locales locale.Set) *views.ImportReportView {
	if raw == "" {
		return nil
	}
	var r wpimport.Report
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		return nil
	}
	v := &views.ImportReportView{
		Source: r.Source, DryRun: r.DryRun, Created: r.Articles.Created, Updated: r.Articles.Updated,
		Unchanged: r.Articles.Unchanged, Failed: r.Articles.Failed, Relinked: r.Articles.Relinked, Joined: r.Joined, SectionsMade: r.SectionsMade, TagsMade: r.TagsMade,
		Media:        views.ImportMediaCounts{Imported: r.Media.Imported, Unchanged: r.Media.Unchanged, Missing: r.Media.Missing, Failed: r.Media.Failed},
		SkippedPosts: notes(r.SkippedPosts), MissingMedia: notes(r.MissingMedia), Warnings: notes(r.Warnings),
		NotOverwritten: notes(r.NotOverwritten), Overwritten: notes(r.Overwritten), NotYet: r.NotYet,
	}
	for _, loc := range slices.Sorted(maps.Keys(r.Posts)) {
		for _, st := range slices.Sorted(maps.Keys(r.Posts[loc])) {
			row := views.ImportPostCount{Locale: loc, Status: st, Count: r.Posts[loc][st]}
			if l, ok := locales.Get(loc); ok {
				row.LocaleName = l.Name
			}
			if state, ok := listStatus[st]; ok {
				row.ListURL = "/admin/articles?status=" + string(state)
			}
			v.Posts = append(v.Posts, row)
		}
	}
	for _, reason := range slices.Sorted(maps.Keys(r.Skipped)) {
		v.Skipped = append(v.Skipped, views.ImportCount{Reason: reason, Count: r.Skipped[reason]})
	}
	for _, name := range slices.Sorted(maps.Keys(r.Shortcodes)) {
		ids := make([]string, len(r.ShortcodePosts[name]))
		for i, id := range r.ShortcodePosts[name] {
			ids[i] = strconv.Itoa(id)
		}
		v.Shortcodes = append(v.Shortcodes, views.ImportShortcode{Name: name, Count: r.Shortcodes[name], Posts: strings.Join(ids, ", ")})
	}
	return v
}

func notes(list []wpimport.PostNote) []views.ImportNote {
	out := make([]views.ImportNote, len(list))
	for i, n := range list {
		out[i] = views.ImportNote{PostID: n.PostID, Message: n.Message}
	}
	return out
}
