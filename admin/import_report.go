package admin

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/wpimport"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

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
