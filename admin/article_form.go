package admin

import (
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/datefmt"
	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/richtext"
	"github.com/payvand/payvand/models"
)

// paneForm is one translation pane as posted, kept exactly as typed so a
// refused or conflicting save comes back with nothing lost.
type paneForm struct {
	Locale  string
	Version int
	Status  string
	// PublishedAt is the publication time as typed (see datefmt.ParseField),
	// or a stored one as "2006-01-02T15:04" in the site's time zone; "" for
	// none. The editor shows it in the interface's calendar.
	PublishedAt string
	// ScheduledAt is a stored translation's publication time while it is
	// published and still waiting for it, nil otherwise.
	ScheduledAt *time.Time
	Title       string
	Slug        string
	Summary     string
	Byline      string
	BodyHTML    string
	SEO         seoForm
	// Minor is the "minor edit" tick: a typo fix leaves the other
	// translations as they are.
	Minor bool
	// Seen is the view of the other translations the pane was showing
	// (models.Article.SeenMark), which a save acknowledges.
	Seen uint
}

// paneField names a pane's input: the new-article page posts both panes in
// one form, so names carry the locale ("tg.title").
func paneField(loc, name string) string { return loc + "." + name }

func readPaneForm(c *gin.Context, loc string) paneForm {
	get := func(name string) string { return c.PostForm(paneField(loc, name)) }
	f := paneForm{
		Locale: loc, Status: get("status"), PublishedAt: strings.TrimSpace(get("published_at")),
		Title: get("title"), Slug: get("slug"), Summary: get("summary"), Byline: get("byline"), BodyHTML: get("body_html"),
		Minor: get("minor") == "on", Seen: formID(get("seen")),
		SEO: seoForm{Title: get("seo_title"), Description: get("seo_description"), ImageID: strings.TrimSpace(get("seo_image_id")),
			CanonicalURL: get("canonical_url"), Noindex: get("noindex") == "on"},
	}
	f.Version, _ = strconv.Atoi(get("version"))
	if f.Status == "" {
		f.Status = string(models.StatusDraft)
	}
	return f
}

// paneFormOf is the pane filled with a saved translation, as of now. A
// draft's publication time that has passed is left out: it is what the
// translation had when it was last public, and shown it would read as the
// time it goes out, when publishing it then means now.
func paneFormOf(t models.ArticleTranslation, tz *time.Location, now time.Time) paneForm {
	f := paneForm{Locale: t.Locale, Version: t.Version, Status: string(t.Status), Title: t.Title, Slug: t.Slug,
		Summary: t.Summary, Byline: t.Byline, BodyHTML: t.BodyHTML, SEO: seoFormOf(t.SEO)}
	if t.PublishedAt == nil || (t.Status != models.StatusPublished && !t.PublishedAt.After(now)) {
		return f
	}
	f.PublishedAt = t.PublishedAt.In(tz).Format(datetimeLocal)
	if t.Status == models.StatusPublished && t.PublishedAt.After(now) {
		at := t.PublishedAt.UTC()
		f.ScheduledAt = &at
	}
	return f
}

// datetimeLocal is the value format of <input type="datetime-local">.
const datetimeLocal = "2006-01-02T15:04"

// touched reports whether the editor wrote anything in a new pane; an empty
// pane on the new-article page is not a translation yet.
func (f paneForm) touched() bool {
	return strings.TrimSpace(f.Title+f.Slug+f.Summary+f.Byline) != "" || !richtext.Blank(f.BodyHTML) || f.Status == string(models.StatusPublished)
}

// validate checks what only the form knows, the date as typed, in the
// interface language. Every other rule is the write path's (storeErrors).
func (f paneForm) validate(l i18n.Localizer, tz *time.Location) map[string]string {
	errs := map[string]string{}
	if f.PublishedAt != "" {
		if _, err := datefmt.ParseField(f.PublishedAt, tz); err != nil {
			errs["published_at"] = l.T("editor.error.published_at_format", "example", datefmt.FieldExample(l.Code, tz))
		}
	}
	if f.SEO.ImageID != "" && formID(f.SEO.ImageID) == 0 {
		errs["seo_image_id"] = l.T("validation.picture_missing")
	}
	return errs
}

// input turns a valid pane into the write path's input.
func (f paneForm) input(tz *time.Location) models.TranslationInput {
	in := models.TranslationInput{Locale: f.Locale, Version: f.Version, Status: models.Status(f.Status),
		Title: f.Title, Slug: f.Slug, Summary: f.Summary, Byline: f.Byline, BodyHTML: f.BodyHTML, Minor: f.Minor, SeenRevisionID: f.Seen,
		SEO: f.SEO.input()}
	if t, err := datefmt.ParseField(f.PublishedAt, tz); err == nil {
		in.PublishedAt = &t
	}
	return in
}

// publishesAfresh reports whether this save publishes a translation that is
// not public now with the time field left empty. Empty means now, but the
// write path would keep the time the translation had when it was last
// public (which paneFormOf no longer shows), so the save must say now.
func (f paneForm) publishesAfresh(stored models.ArticleTranslation, exists bool) bool {
	return f.PublishedAt == "" && f.Status == string(models.StatusPublished) && exists &&
		stored.Status != models.StatusPublished && stored.PublishedAt != nil
}

// storeErrors puts the write path's refusals of this pane beside its
// inputs ("translations.fa.title" → "title"), in the interface language.
func (f paneForm) storeErrors(l i18n.Localizer, err error) map[string]string {
	return refusals(l, err, "translations."+f.Locale+".")
}

// sharedForm is the fields every translation shares.
type sharedForm struct {
	Version         int
	SectionID       uint
	FeaturedMediaID uint
	Archived        bool
	Related         []uint
	// Tags are the article's tag ids in order; TagQuery is what the
	// editor typed in the tag search box.
	Tags     []uint
	TagQuery string
	// Pin is the featured pin, on an existing article's form only.
	Pin pinForm
}

func readSharedForm(c *gin.Context) sharedForm {
	f := sharedForm{Archived: c.PostForm("archived") == "on"}
	f.Version, _ = strconv.Atoi(c.PostForm("shared_version"))
	f.SectionID = formID(c.PostForm("section_id"))
	f.FeaturedMediaID = formID(c.PostForm("featured_media_id"))
	for _, raw := range c.PostFormArray("related") {
		if id := formID(raw); id != 0 {
			f.Related = append(f.Related, id)
		}
	}
	for _, raw := range c.PostFormArray("tags") {
		if id := formID(raw); id != 0 {
			f.Tags = append(f.Tags, id)
		}
	}
	f.TagQuery = c.PostForm("tag_q")
	f.Pin = pinForm{Pinned: c.PostForm("pinned") == "on", Position: c.PostForm("pin_position"), Until: strings.TrimSpace(c.PostForm("pin_until")), Loaded: c.PostForm("pin_loaded")}
	return f
}

func sharedFormOf(a *models.Article, related, tags []uint) sharedForm {
	f := sharedForm{Version: a.Version, SectionID: a.SectionID, Archived: a.Archived, Related: related, Tags: tags}
	if a.FeaturedMediaID != nil {
		f.FeaturedMediaID = *a.FeaturedMediaID
	}
	return f
}

func (f sharedForm) input(authorID *uint) *models.SharedInput {
	in := &models.SharedInput{Version: f.Version, SectionID: f.SectionID, Archived: f.Archived, AuthorID: authorID, Related: f.Related}
	if in.Related == nil {
		in.Related = []uint{}
	}
	in.Tags = append([]uint{}, f.Tags...)
	if f.FeaturedMediaID != 0 {
		id := f.FeaturedMediaID
		in.FeaturedMediaID = &id
	}
	return in
}
