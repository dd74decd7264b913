package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/payvand/payvand/internal/readingtime"
	"github.com/payvand/payvand/internal/richtext"
)

// ArticleInput is everything one save of an article may change. Only the
// parts present are written: a translator saving the Persian pane sends that
// translation alone, and the Tajik pane and the shared fields stay as they are.
type ArticleInput struct {
	// ID is the article to update; 0 creates one.
	ID uint
	// Shared holds the fields all translations share. Nil leaves them
	// unchanged; a new article needs them.
	Shared *SharedInput
	// Translations are the translations to save, each with its own version.
	Translations []TranslationInput
	// EditorID is the user saving, recorded on the translations.
	EditorID *uint
	// Pin pins or unpins the article as a featured story; nil leaves its
	// pin as it is.
	Pin *PinChange
}

// SharedInput holds an article's shared fields.
type SharedInput struct {
	// Version is the shared-fields version the editor loaded (ignored for a
	// new article). A stale one makes the save fail with a ConflictError.
	Version         int
	SectionID       uint
	FeaturedMediaID *uint
	Archived        bool
	AuthorID        *uint
	// Related is the complete, ordered list of related articles as the editor
	// sees it on this article. Nil leaves the links unchanged; empty removes all.
	Related []uint
	// Tags is the complete, ordered list of the article's tags. Nil leaves
	// them unchanged; empty removes all.
	Tags []uint
}

// TranslationInput is one translation to save.
type TranslationInput struct {
	Locale string
	// Version is the translation's version the editor loaded; 0 when it is new.
	Version int
	Status  Status
	// PublishedAt is when the translation goes public. Nil keeps the time it
	// has, or means "now" on its first publication. A future time schedules it.
	PublishedAt *time.Time
	Title       string
	// Slug is the editor's slug; empty keeps the current one or makes one
	// from the title. Either way it is normalised: slugs are identifiers.
	Slug     string
	Summary  string
	BodyHTML string
	Byline   string
	// SEO is the translation's search and social fields, saved as given.
	SEO TranslationSEO
	// Minor marks a small fix (a typo): it marks no other translation
	// outdated, and does not bring this one up to date either.
	Minor bool
	// Autosave marks a save nobody clicked; translation tracking ignores it
	// (see translation_tracking.go).
	Autosave bool
	// SeenRevisionID is Article.SeenMark of the article as the editor last
	// saw it (the pane's outdated notice refreshes it): a deliberate save
	// brings this translation up to date with the edits made until then and
	// no later ones. 0 brings it up to date with nothing (a restore, an
	// import).
	SeenRevisionID uint
}

// SaveArticle is the one write path for articles: the seed, the admin and
// importers all save through it. In one IMMEDIATE transaction it checks
// versions, sanitises bodies, assigns unique slugs, writes the shared fields,
// translations (each with a revision) and related links, marks the
// translations a real edit left behind as outdated, and brings the public
// listing and search indexes up to date (syncArticleIndexes).
func (s *Store) SaveArticle(ctx context.Context, in ArticleInput) (*Article, error) {
	in, err := s.checkArticleInput(in)
	if err != nil {
		return nil, err
	}
	var id uint
	err = s.writeTx(ctx, func(tx *gorm.DB) error {
		var err error
		id, err = s.saveArticleTx(tx, in)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.FindArticle(ctx, id)
}

// saveArticleTx is SaveArticle's work inside its transaction, for the
// callers that must commit more with the save (an importer's record of
// where the article came from). in is already checked.
func (s *Store) saveArticleTx(tx *gorm.DB, in ArticleInput) (uint, error) {
	var related []uint
	if in.Shared != nil {
		related = in.Shared.Related
	}
	// The articles the new related list names are watched too: their
	// related lists gain or lose this one.
	if err := s.watchArticles(tx, append([]uint{in.ID}, related...)...); err != nil {
		return 0, err
	}
	article, err := s.saveShared(tx, in)
	if err != nil {
		return 0, err
	}
	id := article.ID
	if in.ID == 0 {
		watchNewArticle(tx, id)
	}
	if in.Pin != nil {
		if err := applyPin(tx, id, *in.Pin, s.now()); err != nil {
			return 0, err
		}
	}
	saves := make([]translationSave, 0, len(in.Translations))
	for _, t := range in.Translations {
		saved, err := s.saveTranslation(tx, article.ID, t, in.EditorID)
		if err != nil {
			return 0, err
		}
		saves = append(saves, saved)
	}
	if err := s.trackTranslations(tx, article.ID, saves); err != nil {
		return 0, err
	}
	if in.Shared == nil && len(in.Translations) > 0 {
		// A translation-only save still makes the article "last updated"
		// for the editors' list; its shared version stays as it is.
		if err := tx.Model(&Article{}).Where("id = ?", article.ID).UpdateColumn("updated_at", s.now().UTC()).Error; err != nil {
			return 0, fmt.Errorf("touch article: %w", err)
		}
	}
	if in.Shared != nil && in.Shared.Related != nil {
		if err := replaceRelations(tx, article.ID, in.Shared.Related); err != nil {
			return 0, err
		}
	}
	if in.Shared != nil && in.Shared.Tags != nil {
		if err := replaceArticleTags(tx, article.ID, in.Shared.Tags); err != nil {
			return 0, err
		}
	}
	return id, s.syncArticleIndexes(tx, article.ID)
}

// checkArticleInput validates an article save and returns it with every
// body sanitised, so the transaction stores what was checked. A body whose
// cleaning would lose visible text is refused rather than saved without it.
func (s *Store) checkArticleInput(in ArticleInput) (ArticleInput, error) {
	v := validation{}
	if (in.ID == 0 && in.Shared == nil) || (in.Shared != nil && in.Shared.SectionID == 0) {
		v.add("section_id", "validation.section_required")
	}
	seen := map[string]bool{}
	cleaned := make([]TranslationInput, len(in.Translations))
	for i, t := range in.Translations {
		if !s.locales.Has(t.Locale) {
			v.add("translations."+t.Locale, "validation.unknown_locale", "locale", t.Locale)
			continue
		}
		if seen[t.Locale] {
			v.add("translations."+t.Locale, "validation.locale_twice")
		}
		seen[t.Locale] = true
		cleaned[i] = checkTranslation(v, t)
	}
	in.Translations = cleaned
	checkPin(v, in.Pin, s.now())
	return in, v.err()
}

// checkTranslation validates one translation's fields and returns it with
// its body sanitised.
func checkTranslation(v validation, t TranslationInput) TranslationInput {
	prefix := "translations." + t.Locale + "."
	if !t.Status.Valid() {
		v.add(prefix+"status", "validation.status_invalid", "status", string(t.Status))
	}
	v.checkLength(prefix+"title", t.Title, TitleMaxRunes)
	v.checkLength(prefix+"slug", t.Slug, SlugMaxRunes)
	v.checkLength(prefix+"summary", t.Summary, SummaryMaxRunes)
	v.checkLength(prefix+"byline", t.Byline, BylineMaxRunes)
	t.SEO = checkSEO(v, prefix, t.SEO)
	if t.Status == StatusPublished && strings.TrimSpace(t.Title) == "" {
		v.add(prefix+"title", "validation.title_required")
	}
	if len(t.BodyHTML) > BodyMaxBytes {
		// Too large to be worth sanitising.
		v.add(prefix+"body_html", "validation.body_too_large", "max_kb", BodyMaxBytes/1024)
		return t
	}
	if !storableText(t.BodyHTML) {
		v.add(prefix+"body_html", "validation.text_unstorable")
		return t
	}
	clean := richtext.Sanitize(t.BodyHTML)
	if lost := richtext.LostText(t.BodyHTML, clean); lost != "" {
		v.add(prefix+"body_html", "validation.body_text_lost", "text", lost)
	}
	if t.Status == StatusPublished && richtext.Blank(clean) {
		v.add(prefix+"body_html", "validation.body_required")
	}
	t.BodyHTML = clean
	return t
}

// saveShared creates the article or checks and updates its shared fields.
func (s *Store) saveShared(tx *gorm.DB, in ArticleInput) (*Article, error) {
	var article Article
	if in.ID != 0 {
		err := tx.Where("id = ? AND trashed_at IS NULL", in.ID).Take(&article).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, ErrNotFound
		}
		if err != nil {
			return nil, fmt.Errorf("load article %d: %w", in.ID, err)
		}
	}
	sh := in.Shared
	if sh == nil {
		return &article, nil
	}
	if in.ID != 0 && sh.Version != article.Version {
		return nil, &ConflictError{Part: "shared", Current: article.Version}
	}
	if err := checkReferences(tx, sh); err != nil {
		return nil, err
	}
	article.SectionID = sh.SectionID
	article.FeaturedMediaID = sh.FeaturedMediaID
	article.Archived = sh.Archived
	article.AuthorID = sh.AuthorID
	article.Version++
	if err := tx.Omit("Translations").Save(&article).Error; err != nil {
		return nil, fmt.Errorf("save article: %w", err)
	}
	return &article, nil
}

// checkReferences turns a missing section or picture into a message beside
// its field rather than a foreign-key failure.
func checkReferences(tx *gorm.DB, sh *SharedInput) error {
	v := validation{}
	if !exists(tx, &Section{}, sh.SectionID) {
		v.add("section_id", "validation.section_missing", "id", sh.SectionID)
	}
	if sh.FeaturedMediaID != nil && !exists(tx, &Media{}, *sh.FeaturedMediaID) {
		v.add("featured_media_id", "validation.picture_missing", "id", *sh.FeaturedMediaID)
	}
	if sh.AuthorID != nil && !exists(tx, &User{}, *sh.AuthorID) {
		v.add("author_id", "validation.user_missing", "id", *sh.AuthorID)
	}
	return v.err()
}

func exists(tx *gorm.DB, model any, id uint) bool {
	var n int64
	tx.Model(model).Where("id = ?", id).Limit(1).Count(&n)
	return n > 0
}

func (s *Store) saveTranslation(tx *gorm.DB, articleID uint, in TranslationInput, editorID *uint) (translationSave, error) {
	var tr ArticleTranslation
	err := tx.Where("article_id = ? AND locale = ?", articleID, in.Locale).Take(&tr).Error
	isNew := errors.Is(err, gorm.ErrRecordNotFound)
	if err != nil && !isNew {
		return translationSave{}, fmt.Errorf("load translation: %w", err)
	}
	if !isNew && in.Version != tr.Version {
		return translationSave{}, &ConflictError{Part: in.Locale, Current: tr.Version}
	}
	if isNew && in.Version != 0 {
		// The editor loaded a translation that has since been removed.
		return translationSave{}, &ConflictError{Part: in.Locale, Current: 0}
	}
	if err := checkSEOImage(tx, in); err != nil {
		return translationSave{}, err
	}
	slug, err := s.assignSlug(tx, articleID, in.Locale, in.Slug, tr.Slug, in.Title)
	if err != nil {
		return translationSave{}, err
	}
	before := tr
	tr.ArticleID = articleID
	tr.Locale = in.Locale
	tr.Status = in.Status
	tr.PublishedAt = s.publicationTime(in, tr.PublishedAt)
	tr.Title = in.Title
	tr.Slug = slug
	tr.Summary = in.Summary
	// Sanitised by checkArticleInput; library pictures are stored by id.
	if tr.BodyHTML, err = referencePictures(tx, in.BodyHTML); err != nil {
		return translationSave{}, err
	}
	// Internal links are stored by article id alone (no slug).
	tr.BodyHTML = richtext.ReferenceArticleLinks(tr.BodyHTML)
	tr.WordCount = readingtime.BodyWords(tr.BodyHTML)
	tr.Byline = in.Byline
	tr.SEO = in.SEO // checked by checkArticleInput and checkSEOImage
	tr.UpdatedByID = editorID
	tr.Version++
	if err := tx.Save(&tr).Error; err != nil {
		return translationSave{}, fmt.Errorf("save %s translation: %w", in.Locale, err)
	}
	if err := storeArticleLinks(tx, articleID, in.Locale, tr.BodyHTML); err != nil {
		return translationSave{}, err
	}
	revision, err := s.addRevision(tx, &tr, editorID, in.Minor)
	if err != nil {
		return translationSave{}, err
	}
	return translationSave{input: in, isNew: isNew, before: before, after: tr, revision: revision}, nil
}

// publicationTime decides a translation's published_at: the editor's time
// when given, else the time it already has, else now for a first publication.
// Times are kept to the second, as the API shows them.
func (s *Store) publicationTime(in TranslationInput, current *time.Time) *time.Time {
	var t time.Time
	switch {
	case in.PublishedAt != nil:
		t = *in.PublishedAt
	case current != nil:
		t = *current
	case in.Status == StatusPublished:
		t = s.now()
	default:
		return nil
	}
	t = t.UTC().Truncate(time.Second)
	return &t
}
