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
// Revision ids are the clock (they only grow). Each translation records the
// revision of its last real edit (changed), how far it is in step with the
// others' edits (synced), and its last deliberate save (tracked). It is
// outdated while another translation's changed is past its synced.
//
// What counts:
//   - A real edit is a deliberate save, not ticked minor, that changes the
//     title, summary or body text (markup alone does not count) against the
//     translation's last deliberate save, of a translation that has been
//     published and is itself up to date. Anything else is catching up or
//     work in progress: a new translation, a draft never published, or one
//     that was outdated, marks nobody.
//   - An autosave is ignored: it neither marks nor clears, and a later
//     deliberate save is measured against the save before it, so a typo
//     autosaved before "minor" was ticked is still minor.
//   - A deliberate save not ticked minor, or "mark current", brings the
//     translation up to date with the edits the editor had seen
//     (TranslationInput.SeenRevisionID), never with one made since.
//   - Translations saved deliberately in one request are in step with each
//     other.
//   - A source whose text is back to the text the translation was last in
//     step with (a revision restored, the old text typed back) no longer
//     makes it outdated: see translation_outdated.go.

// translationSave is one translation written by saveTranslation, for
// trackTranslations.
type translationSave struct {
	input         TranslationInput
	isNew         bool
	before, after ArticleTranslation
	// revision is the revision this save added.
	revision uint
}

// translatableText is what a translator translates: title, summary and the
// body's text. Markup is left out, so a save that only reformats the body
// (the editor writing dir="auto" on each paragraph, say) is not an edit the
// other languages must follow.
func translatableText(title, summary, bodyHTML string) string {
	return title + "\x00" + summary + "\x00" + richtext.PlainText(bodyHTML)
}

// trackTranslations updates the tracking columns after the saves of one
// SaveArticle, in its transaction, then the derived outdated flags.
func (s *Store) trackTranslations(tx *gorm.DB, articleID uint, saves []translationSave) error {
	var together uint // the newest deliberate save of this request
	deliberate := 0
	for _, sv := range saves {
		if !sv.input.Autosave {
			together = max(together, sv.revision)
			deliberate++
		}
	}
	for _, sv := range saves {
		cols, err := s.trackingAfter(tx, sv)
		if err != nil {
			return err
		}
		if deliberate > 1 && !sv.input.Autosave {
			cols["synced_revision_id"] = max(cols["synced_revision_id"].(uint), together)
		}
		err = tx.Model(&ArticleTranslation{}).Where("id = ?", sv.after.ID).UpdateColumns(cols).Error
		if err != nil {
			return fmt.Errorf("track %s translation: %w", sv.input.Locale, err)
		}
	}
	return refreshOutdated(tx, articleID)
}

// trackingAfter returns the tracking columns of one saved translation.
// UpdateColumns writes them without touching updated_at: tracking is not an
// edit of the translation.
func (s *Store) trackingAfter(tx *gorm.DB, sv translationSave) (map[string]any, error) {
	b := sv.before
	cols := map[string]any{"changed_revision_id": b.ChangedRevisionID, "synced_revision_id": b.SyncedRevisionID, "tracked_revision_id": b.TrackedRevisionID}
	switch {
	case sv.isNew:
		// A new translation is written from the others as they are now.
		cols["synced_revision_id"] = sv.revision
		if !sv.input.Autosave {
			cols["tracked_revision_id"] = sv.revision
		}
		return cols, nil
	case sv.input.Autosave:
		return cols, nil
	}
	cols["tracked_revision_id"] = sv.revision
	if sv.input.Minor {
		return cols, nil
	}
	cols["synced_revision_id"] = max(b.SyncedRevisionID, sv.input.SeenRevisionID)
	edited, err := s.isRealEdit(tx, sv)
	if err != nil {
		return nil, err
	}
	if edited {
		cols["changed_revision_id"] = sv.revision
	}
	return cols, nil
}

// isRealEdit reports whether a deliberate, non-minor save of an existing
// translation changed its text for the other languages to follow.
func (s *Store) isRealEdit(tx *gorm.DB, sv translationSave) (bool, error) {
	b := sv.before
	if b.Outdated || b.TrackedRevisionID == nil {
		return false, nil // catching up, or first written by autosave
	}
	var base ArticleRevision
	err := tx.Select("title", "summary", "body_html").Where("id = ?", *b.TrackedRevisionID).Take(&base).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("load last deliberate save: %w", err)
	}
	a := sv.after
	if translatableText(base.Title, base.Summary, base.BodyHTML) == translatableText(a.Title, a.Summary, a.BodyHTML) {
		return false, nil
	}
	// A translation never published before this save is work in progress,
	// and the save that first publishes it is its completion.
	var published int64
	err = tx.Model(&ArticleRevision{}).
		Where("article_id = ? AND locale = ? AND status = ? AND id < ?", a.ArticleID, a.Locale, StatusPublished, sv.revision).
		Limit(1).Count(&published).Error
	if err != nil {
		return false, fmt.Errorf("find a published revision: %w", err)
	}
	return published > 0, nil
}

// SeenMark is what a view of the article loaded by FindArticle has seen of
// its translations' edits: the newest real edit among them. An editor's
// save or "mark current" passes it back (TranslationInput.SeenRevisionID),
// so an edit made after the page was loaded is never cleared unseen.
func (a Article) SeenMark() uint {
	var mark uint
	for _, t := range a.Translations {
		mark = max(mark, t.ChangedRevisionID)
	}
	return mark
}

// MarkTranslationCurrent says an editor checked the translation in loc
// against the other translations as they were at revision seen and it
// needs no change. Edits made after seen still count: it reports whether
// the translation is still outdated. It answers ErrNotFound when the
// article is trashed or has no translation there.
func (s *Store) MarkTranslationCurrent(ctx context.Context, articleID uint, loc string, seen uint) (stillOutdated bool, err error) {
	err = s.writeTx(ctx, func(tx *gorm.DB) error {
		// The outdated flag shows in the public answers.
		if err := s.watchArticles(tx, articleID); err != nil {
			return err
		}
		var tr ArticleTranslation
		err := tx.Select("id", "synced_revision_id").
			Where("article_id = ? AND locale = ? AND article_id IN (SELECT id FROM articles WHERE trashed_at IS NULL)", articleID, loc).
			Take(&tr).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("find translation: %w", err)
		}
		err = tx.Model(&ArticleTranslation{}).Where("id = ?", tr.ID).
			UpdateColumn("synced_revision_id", max(tr.SyncedRevisionID, seen)).Error
		if err != nil {
			return fmt.Errorf("mark translation current: %w", err)
		}
		if err := refreshOutdated(tx, articleID); err != nil {
			return err
		}
		return tx.Model(&ArticleTranslation{}).Select("outdated").Where("id = ?", tr.ID).Scan(&stillOutdated).Error
	})
	return stillOutdated, err
}

// SourceChange is what one other translation changed since the outdated
// translation was last in step with it.
type SourceChange struct {
	// Locale is the other translation's.
	Locale string
	// At is when its latest real edit was saved.
	At time.Time
	// Base is that translation as the outdated one last matched it; nil
	// when it did not exist yet, in which case all of Current is new.
	Base *ArticleRevision
	// Current is that translation as it is now.
	Current ArticleTranslation
}

// SourceChanges returns, in configured locale order, what the other
// translations of article changed since its translation in loc was last in
// step with them: none when it is up to date.
func (s *Store) SourceChanges(ctx context.Context, article *Article, loc string) ([]SourceChange, error) {
	target, ok := article.Translation(loc)
	if !ok || !target.Outdated {
		return nil, nil
	}
	var out []SourceChange
	for _, code := range s.locales.Codes() {
		src, ok := article.Translation(code)
		if !ok || code == loc || src.ChangedRevisionID <= target.SyncedRevisionID {
			continue
		}
		texts, err := loadSourceTexts(s.reader(ctx), src, target.SyncedRevisionID)
		if err != nil {
			return nil, err
		}
		if !texts.movedOn() {
			continue // back to the text the target matched: nothing to show
		}
		change := SourceChange{Locale: code, Current: src, Base: texts.base}
		if texts.edit != nil {
			change.At = texts.edit.CreatedAt
		}
		out = append(out, change)
	}
	return out, nil
}
