package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// ArticleRevision is one saved state of one translation: every save of a
// translation adds one, with the values as they were stored, so an editor
// can see who changed what and bring an earlier text back.
type ArticleRevision struct {
	ID          uint
	ArticleID   uint
	Locale      string
	Version     int
	Status      Status
	PublishedAt *time.Time
	Title       string
	Slug        string
	Summary     string
	BodyHTML    string `gorm:"column:body_html"`
	Byline      string
	SEO         TranslationSEO `gorm:"embedded"`
	EditorID    *uint
	// Minor marks a save the editor ticked as a minor edit.
	Minor     bool
	CreatedAt time.Time
	// EditorName is the saving user's display name (their email when they
	// have none); empty when the account was deleted. Read-only: it comes
	// from the users table.
	EditorName string `gorm:"->;-:migration"`
}

// revisionColumns are the columns of a revision with its editor's name.
// The list leaves the body out: it is the largest column and the list
// never shows it.
const (
	revisionColumns     = "article_revisions.id, article_revisions.article_id, article_revisions.locale, article_revisions.version, article_revisions.status, article_revisions.published_at, article_revisions.title, article_revisions.slug, article_revisions.summary, article_revisions.byline, " + revisionSEOColumns + ", article_revisions.editor_id, article_revisions.minor, article_revisions.created_at"
	revisionSEOColumns  = "article_revisions.seo_title, article_revisions.seo_description, article_revisions.seo_image_id, article_revisions.canonical_url, article_revisions.noindex"
	revisionEditorName  = "COALESCE(NULLIF(users.display_name, ''), users.email, '') AS editor_name"
	revisionEditorJoin  = "LEFT JOIN users ON users.id = article_revisions.editor_id"
	revisionBodyColumn  = "article_revisions.body_html"
	revisionNewestFirst = "article_revisions.id DESC"
)

// addRevision records a translation exactly as it was just saved, in the
// saving transaction: a revision exists if and only if its save committed.
func (s *Store) addRevision(tx *gorm.DB, tr *ArticleTranslation, editorID *uint, minor bool) (uint, error) {
	rev := ArticleRevision{
		ArticleID: tr.ArticleID, Locale: tr.Locale, Version: tr.Version, Status: tr.Status, PublishedAt: tr.PublishedAt,
		Title: tr.Title, Slug: tr.Slug, Summary: tr.Summary, BodyHTML: tr.BodyHTML, Byline: tr.Byline, SEO: tr.SEO,
		EditorID: editorID, Minor: minor, CreatedAt: s.now().UTC(),
	}
	if err := tx.Create(&rev).Error; err != nil {
		return 0, fmt.Errorf("record %s revision: %w", tr.Locale, err)
	}
	return rev.ID, nil
}

// ListRevisions returns the revisions of an article's translation in loc,
// newest first, with their editors' names and without bodies.
func (s *Store) ListRevisions(ctx context.Context, articleID uint, loc string) ([]ArticleRevision, error) {
	var out []ArticleRevision
	err := s.reader(ctx).Model(&ArticleRevision{}).
		Select(revisionColumns+", "+revisionEditorName).Joins(revisionEditorJoin).
		Where("article_revisions.article_id = ? AND article_revisions.locale = ?", articleID, loc).
		Order(revisionNewestFirst).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list revisions: %w", err)
	}
	return out, nil
}

// FindRevision loads one revision in full, with its editor's name.
func (s *Store) FindRevision(ctx context.Context, id uint) (*ArticleRevision, error) {
	var rev ArticleRevision
	err := s.reader(ctx).Model(&ArticleRevision{}).
		Select(revisionColumns+", "+revisionBodyColumn+", "+revisionEditorName).Joins(revisionEditorJoin).
		Where("article_revisions.id = ?", id).Take(&rev).Error
	if err != nil {
		return nil, notFoundOr(err, "find revision")
	}
	return &rev, nil
}

// RestoreRevision saves a revision's fields over its translation as a new
// save through SaveArticle, so the restore is itself a new revision and
// nothing in between is lost. currentVersion is the translation's version
// the editor saw; a stale one fails with a ConflictError.
func (s *Store) RestoreRevision(ctx context.Context, revisionID uint, currentVersion int, editorID *uint) (*Article, error) {
	rev, err := s.FindRevision(ctx, revisionID)
	if err != nil {
		return nil, err
	}
	return s.SaveArticle(ctx, ArticleInput{
		ID:       rev.ArticleID,
		EditorID: editorID,
		Translations: []TranslationInput{{
			Locale: rev.Locale, Version: currentVersion, Status: rev.Status, PublishedAt: rev.PublishedAt,
			Title: rev.Title, Slug: rev.Slug, Summary: rev.Summary, BodyHTML: rev.BodyHTML, Byline: rev.Byline, SEO: rev.SEO,
		}},
	})
}
