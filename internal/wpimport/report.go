package wpimport

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// Report is what an import did (or, dry, would do).
type Report struct {
	Source string `json:"source"`
	DryRun bool   `json:"dry_run"`
	// Posts counts the translations imported (created or updated), by
	// Payvand locale and WordPress status.
	Posts map[string]map[string]int `json:"posts"`
	// Articles counts articles created, updated and left unchanged.
	Articles ArticleCounts `json:"articles"`
	// Joined counts the articles made of more than one post.
	Joined int `json:"joined"`
	// Skipped counts items left out, by reason; SkippedPosts names the
	// posts among them.
	Skipped      map[string]int `json:"skipped"`
	SkippedPosts []PostNote     `json:"skipped_posts"`
	// NotOverwritten are posts changed in WordPress whose translation was
	// edited in Payvand since the last import, left as Payvand has them
	// (or overwritten, with --overwrite; then listed in Overwritten).
	NotOverwritten []PostNote `json:"not_overwritten"`
	Overwritten    []PostNote `json:"overwritten"`
	// Shortcodes counts the shortcodes left in bodies as text, by name.
	Shortcodes map[string]int `json:"shortcodes"`
	// ShortcodePosts lists, by shortcode, the posts it was left in.
	ShortcodePosts map[string][]int `json:"shortcode_posts"`
	SectionsMade   int              `json:"sections_created"`
	TagsMade       int              `json:"tags_created"`
	Warnings       []PostNote       `json:"warnings"`
	// Media counts the attachments imported into the media library;
	// MissingMedia names those whose file was not found.
	Media        MediaCounts `json:"media"`
	MissingMedia []PostNote  `json:"missing_media"`
	// NotYet lists what this version of the importer does not import.
	NotYet []string `json:"not_yet"`
}

// ArticleCounts are the articles an import touched.
type ArticleCounts struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Failed    int `json:"failed"`
	// Relinked counts the articles saved again after the picture phase
	// with pictures that arrived in it (created or updated before).
	Relinked int `json:"relinked"`
}

// PostNote is a message about one WordPress item (0 when it is none).
type PostNote struct {
	PostID  int    `json:"post_id,omitempty"`
	Message string `json:"message"`
}

func newReport(dry bool) *Report {
	return &Report{
		DryRun: dry, Posts: map[string]map[string]int{}, Skipped: map[string]int{},
		Shortcodes: map[string]int{}, ShortcodePosts: map[string][]int{},
		SkippedPosts: []PostNote{}, NotOverwritten: []PostNote{}, Overwritten: []PostNote{}, Warnings: []PostNote{}, MissingMedia: []PostNote{},
		NotYet: []string{},
	}
}

func (r *Report) skip(postID int, reason string) {
	r.Skipped[reason]++
	if postID != 0 {
		r.SkippedPosts = append(r.SkippedPosts, PostNote{PostID: postID, Message: reason})
	}
}

func (r *Report) warn(postID int, format string, args ...any) {
	r.Warnings = append(r.Warnings, PostNote{PostID: postID, Message: fmt.Sprintf(format, args...)})
}

func (r *Report) imported(locale, status string) {
	if r.Posts[locale] == nil {
		r.Posts[locale] = map[string]int{}
	}
	r.Posts[locale][status]++
}

// Print writes the report for a person.
func (r *Report) Print(w io.Writer) {
	verb := "Imported"
	if r.DryRun {
		verb = "Would import (dry run, nothing written)"
	}
	fmt.Fprintf(w, "%s from %s:\n", verb, r.Source)
	for _, loc := range slices.Sorted(maps.Keys(r.Posts)) {
		var parts []string
		for _, st := range slices.Sorted(maps.Keys(r.Posts[loc])) {
			parts = append(parts, fmt.Sprintf("%d %s", r.Posts[loc][st], st))
		}
		fmt.Fprintf(w, "  posts in %s: %s\n", loc, strings.Join(parts, ", "))
	}
	a := r.Articles
	fmt.Fprintf(w, "  articles: %d created, %d updated, %d unchanged, %d failed; %d joined from several posts\n", a.Created, a.Updated, a.Unchanged, a.Failed, r.Joined)
	if a.Relinked > 0 {
		fmt.Fprintf(w, "  articles given their pictures after the picture phase: %d\n", a.Relinked)
	}
	fmt.Fprintf(w, "  sections created: %d, tags created: %d\n", r.SectionsMade, r.TagsMade)
	if m := r.Media; m != (MediaCounts{}) {
		fmt.Fprintf(w, "  media: %d imported, %d already imported, %d missing, %d failed\n", m.Imported, m.Unchanged, m.Missing, m.Failed)
		switch {
		case m.Downloaded > 0 && r.DryRun:
			fmt.Fprintf(w, "    of the imported, %d to be downloaded from the old site (nothing was downloaded)\n", m.Downloaded)
		case m.Downloaded > 0:
			fmt.Fprintf(w, "    of the imported, %d downloaded from the old site\n", m.Downloaded)
		}
	}
	if len(r.Skipped) > 0 {
		fmt.Fprintln(w, "  skipped:")
		for _, reason := range slices.Sorted(maps.Keys(r.Skipped)) {
			fmt.Fprintf(w, "    %d  %s\n", r.Skipped[reason], reason)
		}
	}
	notes := func(title string, list []PostNote) {
		if len(list) == 0 {
			return
		}
		fmt.Fprintf(w, "  %s:\n", title)
		for _, n := range list {
			if n.PostID != 0 {
				fmt.Fprintf(w, "    post %d: %s\n", n.PostID, n.Message)
			} else {
				fmt.Fprintf(w, "    %s\n", n.Message)
			}
		}
	}
	notes("edited in Payvand since the last import, not overwritten (give --overwrite to replace)", r.NotOverwritten)
	notes("edited in Payvand since the last import, overwritten", r.Overwritten)
	if len(r.Shortcodes) > 0 {
		fmt.Fprintln(w, "  shortcodes left as text:")
		for _, name := range slices.Sorted(maps.Keys(r.Shortcodes)) {
			fmt.Fprintf(w, "    [%s] %d times, in posts %v\n", name, r.Shortcodes[name], r.ShortcodePosts[name])
		}
	}
	notes("attachments whose file is missing", r.MissingMedia)
	notes("warnings", r.Warnings)
	for _, n := range r.NotYet {
		fmt.Fprintf(w, "  not yet: %s\n", n)
	}
}
