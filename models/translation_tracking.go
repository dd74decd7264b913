package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/payvand/payvand/internal/richtext"
)

// Translation tracking: when one translation of an article has a real edit
// after another was last brought up to date, the other is outdated until an
// editor saves it or marks it current.
//
// What counts:
//   - A real edit changes the title, summary or body text (not markup
//     alone) of a translation that was itself up to date. A new translation, and a save of one that was
//     outdated, is catching up with the others: it marks nobody, or
//     translating an article would flag its source as behind.
//   - A minor edit (a typo fix) marks nobody and clears nothing.
//   - A save the editor clicked, not ticked minor, brings the translation
//     up to date. An autosave never does: the translator may have typed one
//     word of the update so far.
//   - Once outdated, a translation stays in step with the first edit that
//     left it behind, so its diff shows everything it missed since.

// translatableText is what a translator translates: title, summary and the
// body's text. Markup is left out, so a save that only reformats the body
// (the editor writing dir="auto" on each paragraph, say) is not an edit the
// other languages must follow.
func translatableText(t ArticleTranslation) string {
	return t.Title + "\x00" + t.Summary + "\x00" + richtext.PlainText(t.BodyHTML)
}

// translationSave is what saveTranslation learned about one save, for
// trackTranslations.
type translationSave struct {
	input       TranslationInput
	isNew       bool
	wasOutdated bool
	textChanged bool
	// previousRevisionID is the translation's revision before this save:
	// what the others were in step with. Set only when marksOthers.
	previousRevisionID *uint
}

// marksOthers reports whether the save is a real edit of a translation that
// was up to date, which leaves every other translation behind.
func (t translationSave) marksOthers() bool {
	return t.textChanged && !t.isNew && !t.wasOutdated && !t.input.Minor
}

// bringsUpToDate reports whether the save is an editor's deliberate save of
// this translation as a whole.
func (t translationSave) bringsUpToDate() bool {
	return !t.input.Minor && !t.input.Autosave
}

// trackTranslations updates the outdated flags after the saves of one
// SaveArticle, in its transaction. Translations saved together in one
// request are in step with each other and never mark one another.
func (s *Store) trackTranslations(tx *gorm.DB, articleID uint, saves []translationSave) error {
	var current []string
	for _, sv := range saves {
		if sv.bringsUpToDate() {
			current = append(current, sv.input.Locale)
		}
	}
	if len(current) > 0 {
		err := tx.Model(&ArticleTranslation{}).Where("article_id = ? AND locale IN ? AND outdated", articleID, current).
			Updates(upToDate()).Error
		if err != nil {
			return fmt.Errorf("bring translations up to date: %w", err)
		}
	}
	now := s.now().UTC()
	for _, sv := range saves {
		if !sv.marksOthers() {
			continue
		}
		db := tx.Model(&ArticleTranslation{}).Where("article_id = ? AND locale <> ? AND NOT outdated", articleID, sv.input.Locale)
		if len(current) > 0 {
			db = db.Where("locale NOT IN ?", current)
		}
		err := db.Updates(map[string]any{
			"outdated": true, "outdated_source": sv.input.Locale,
			"outdated_base_revision_id": sv.previousRevisionID, "outdated_at": now,
		}).Error
		if err != nil {
			return fmt.Errorf("mark translations outdated: %w", err)
		}
	}
	return nil
}

// upToDate are the column values of a translation that is not outdated.
// Updating them never touches the version: the flag is not the editor's
// text, and a pane open in a browser must still save without a conflict.
func upToDate() map[string]any {
	return map[string]any{"outdated": false, "outdated_source": "", "outdated_base_revision_id": nil, "outdated_at": nil}
}

func latestRevisionID(tx *gorm.DB, articleID uint, loc string) (*uint, error) {
	var ids []uint
	err := tx.Model(&ArticleRevision{}).Where("article_id = ? AND locale = ?", articleID, loc).
		Order("id DESC").Limit(1).Pluck("id", &ids).Error
	if err != nil {
		return nil, fmt.Errorf("latest %s revision: %w", loc, err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return &ids[0], nil
}

// MarkTranslationCurrent says an editor checked the translation in loc
// against the others and it needs no change. It answers ErrNotFound when the
// article is trashed or has no translation there.
func (s *Store) MarkTranslationCurrent(ctx context.Context, articleID uint, loc string) error {
	return s.writeTx(ctx, func(tx *gorm.DB) error {
		var n int64
		err := tx.Model(&ArticleTranslation{}).
			Where("article_id = ? AND locale = ? AND article_id IN (SELECT id FROM articles WHERE trashed_at IS NULL)", articleID, loc).
			Count(&n).Error
		if err != nil {
			return fmt.Errorf("find translation: %w", err)
		}
		if n == 0 {
			return ErrNotFound
		}
		err = tx.Model(&ArticleTranslation{}).Where("article_id = ? AND locale = ?", articleID, loc).Updates(upToDate()).Error
		if err != nil {
			return fmt.Errorf("mark translation current: %w", err)
		}
		return nil
	})
}

// SourceChanges is what changed in the source translation since an
// outdated translation was last in step with it.
type SourceChanges struct {
	// Locale is the source translation's locale.
	Locale string
	// Since is when the translation became outdated.
	Since time.Time
	// Base is the source as the outdated translation last matched it; nil
	// when that revision is gone, in which case all of Current is new.
	Base *ArticleRevision
	// Current is the source translation as it is now.
	Current ArticleTranslation
}

// FindSourceChanges returns what the outdated translation in loc has
// missed, or nil when it is up to date (or does not exist).
func (s *Store) FindSourceChanges(ctx context.Context, articleID uint, loc string) (*SourceChanges, error) {
	var trs []ArticleTranslation
	if err := s.reader(ctx).Where("article_id = ?", articleID).Find(&trs).Error; err != nil {
		return nil, fmt.Errorf("load translations: %w", err)
	}
	var target *ArticleTranslation
	bySource := map[string]ArticleTranslation{}
	for i, t := range trs {
		bySource[t.Locale] = t
		if t.Locale == loc {
			target = &trs[i]
		}
	}
	if target == nil || !target.Outdated {
		return nil, nil
	}
	source, ok := bySource[target.OutdatedSource]
	if !ok {
		return nil, nil
	}
	out := &SourceChanges{Locale: source.Locale, Current: source}
	if target.OutdatedAt != nil {
		out.Since = *target.OutdatedAt
	}
	if target.OutdatedBaseRevisionID != nil {
		rev, err := s.FindRevision(ctx, *target.OutdatedBaseRevisionID)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return nil, err
		}
		out.Base = rev
	}
	return out, nil
}
