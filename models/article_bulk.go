package models

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// BulkKind is what a bulk action of the article list does to each article.
type BulkKind string

// The bulk actions.
const (
	BulkPublish   BulkKind = "publish"   // publish the translation in BulkAction.Locale
	BulkUnpublish BulkKind = "unpublish" // take it back to draft
	BulkMove      BulkKind = "move"      // move to BulkAction.SectionID
	BulkTag       BulkKind = "tag"       // add BulkAction.TagID
	BulkUntag     BulkKind = "untag"     // remove BulkAction.TagID
	BulkPin       BulkKind = "pin"       // pin as a featured story
	BulkUnpin     BulkKind = "unpin"
	BulkTrash     BulkKind = "trash" // move to the trash
)

// MaxBulkArticles bounds one bulk action: the list's largest page.
const MaxBulkArticles = MaxAdminPerPage

// BulkAction is one change applied to every article an editor selected.
type BulkAction struct {
	Kind      BulkKind
	Locale    string
	SectionID uint
	TagID     uint
}

// ListedArticle is an article as the list showed it when the editor
// selected it. UpdatedAt is the article's last save as the list showed it
// (every save of an article, shared fields or a translation, moves it): a
// bulk action refuses an article saved since, so it never acts on, or
// overwrites, an edit the editor has not seen.
type ListedArticle struct {
	ID        uint
	UpdatedAt time.Time
}

// BulkResult is what a bulk action did to one article: Err is nil when
// it was changed, ErrUnchanged when there was nothing to do, else why it
// was refused (a *ConflictError, a *ValidationError, ErrNotFound, or a
// storage error).
type BulkResult struct {
	ID  uint
	Err error
}

// ErrUnchanged is a bulk result for an article already as asked.
var ErrUnchanged = errors.New("already as asked")

// ApplyBulk applies action to each listed article, one at a time, each
// through the one write path in its own transaction, so one refusal never
// undoes the others. A bad action (an unknown locale, section or tag) is a
// *ValidationError before anything is written.
func (s *Store) ApplyBulk(ctx context.Context, action BulkAction, listed []ListedArticle, editorID *uint) ([]BulkResult, error) {
	if err := s.checkBulkAction(ctx, action, len(listed)); err != nil {
		return nil, err
	}
	results := make([]BulkResult, 0, len(listed))
	for _, l := range listed {
		if err := ctx.Err(); err != nil {
			return results, err
		}
		results = append(results, BulkResult{ID: l.ID, Err: s.applyBulkOne(ctx, action, l, editorID)})
	}
	return results, nil
}

func (s *Store) checkBulkAction(ctx context.Context, action BulkAction, n int) error {
	v := validation{}
	switch {
	case n == 0:
		v.add("articles", "validation.bulk_none")
	case n > MaxBulkArticles:
		v.add("articles", "validation.bulk_too_many", "max", MaxBulkArticles)
	}
	switch action.Kind {
	case BulkPublish, BulkUnpublish:
		if _, ok := s.locales.Get(action.Locale); !ok {
			v.add("locale", "validation.unknown_locale", "locale", action.Locale)
		}
	case BulkMove:
		if !exists(s.reader(ctx), &Section{}, action.SectionID) {
			v.add("section_id", "validation.section_missing", "id", action.SectionID)
		}
	case BulkTag, BulkUntag:
		if !exists(s.reader(ctx), &Tag{}, action.TagID) {
			v.add("tag_id", "validation.tag_missing", "id", action.TagID)
		}
	case BulkPin, BulkUnpin, BulkTrash:
	default:
		v.add("action", "validation.bulk_action")
	}
	return v.err()
}

// applyBulkOne checks the article was not saved since it was listed, then
// saves the change through the write path with the versions read in the
// same query as that check, so a save in between (caught here, or by the
// write path's own version check inside its transaction) is a conflict,
// never overwritten.
func (s *Store) applyBulkOne(ctx context.Context, action BulkAction, l ListedArticle, editorID *uint) error {
	article, err := s.FindArticle(ctx, l.ID)
	if err != nil {
		return err
	}
	if article.TrashedAt != nil {
		return ErrNotFound
	}
	if !article.UpdatedAt.Equal(l.UpdatedAt) {
		return &ConflictError{Part: "article", Current: article.Version}
	}
	switch action.Kind {
	case BulkPublish, BulkUnpublish:
		return s.bulkStatus(ctx, article, action, editorID)
	case BulkMove, BulkTag, BulkUntag:
		return s.bulkShared(ctx, article, action, editorID)
	case BulkPin, BulkUnpin:
		// A pin is the front page's order, not the article's content:
		// pinning one somebody just edited loses nothing, so it carries no
		// version.
		_, err := s.SaveArticle(ctx, ArticleInput{ID: article.ID, EditorID: editorID, Pin: &PinChange{Pinned: action.Kind == BulkPin}})
		return err
	case BulkTrash:
		return s.trashUnchanged(ctx, article, editorID)
	}
	return fmt.Errorf("bulk action %q", action.Kind)
}

// bulkStatus publishes or unpublishes one translation, saved as it is
// with only its status changed: a minor save, since no text changed, so
// translation tracking neither marks the others outdated nor this one
// up to date.
func (s *Store) bulkStatus(ctx context.Context, article *Article, action BulkAction, editorID *uint) error {
	t, ok := article.Translation(action.Locale)
	if !ok {
		return refuse("translations."+action.Locale, "validation.bulk_no_translation")
	}
	status := StatusPublished
	if action.Kind == BulkUnpublish {
		status = StatusDraft
	}
	if t.Status == status {
		return ErrUnchanged
	}
	_, err := s.SaveArticle(ctx, ArticleInput{ID: article.ID, EditorID: editorID, Translations: []TranslationInput{{
		Locale: t.Locale, Version: t.Version, Status: status, PublishedAt: t.PublishedAt, Minor: true,
		Title: t.Title, Slug: t.Slug, Summary: t.Summary, BodyHTML: t.BodyHTML, Byline: t.Byline, SEO: t.SEO,
	}}})
	return err
}

// bulkShared moves the article to another section or adds or removes a
// tag: its shared fields saved as they are with that one change.
func (s *Store) bulkShared(ctx context.Context, article *Article, action BulkAction, editorID *uint) error {
	tags, err := s.ArticleTags(ctx, article.ID)
	if err != nil {
		return err
	}
	tagIDs := make([]uint, len(tags))
	for i, t := range tags {
		tagIDs[i] = t.ID
	}
	in := SharedInput{Version: article.Version, SectionID: article.SectionID, FeaturedMediaID: article.FeaturedMediaID,
		Archived: article.Archived, AuthorID: article.AuthorID}
	has := slices.Contains(tagIDs, action.TagID)
	switch {
	case action.Kind == BulkMove && article.SectionID != action.SectionID:
		in.SectionID = action.SectionID
	case action.Kind == BulkTag && !has:
		in.Tags = append(tagIDs, action.TagID)
	case action.Kind == BulkUntag && has:
		in.Tags = slices.DeleteFunc(tagIDs, func(id uint) bool { return id == action.TagID })
	default:
		return ErrUnchanged
	}
	_, err = s.SaveArticle(ctx, ArticleInput{ID: article.ID, EditorID: editorID, Shared: &in})
	return err
}

// trashUnchanged moves the article to the trash unless its shared fields
// were saved since it was read; the version is checked in the statement
// that trashes it.
func (s *Store) trashUnchanged(ctx context.Context, article *Article, editorID *uint) error {
	err := s.setTrashed(ctx, article.ID, map[string]any{"trashed_at": s.now().UTC(), "trashed_by_id": editorID},
		"trashed_at IS NULL AND version = ?", article.Version)
	if !errors.Is(err, ErrNotFound) {
		return err
	}
	if now, findErr := s.FindArticle(ctx, article.ID); findErr == nil && now.TrashedAt == nil {
		return &ConflictError{Part: "shared", Current: now.Version}
	}
	return err
}
