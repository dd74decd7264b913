package models

import (
	"fmt"

	"gorm.io/gorm"
)

// A translation is outdated while another one, its source, has a real edit
// past the point the translation is in step with (changed > synced) and
// the source's text differs from the text the translation last matched
// (its base). The second half is what lets the flag clear by itself:
// restoring the revision a translation was made from, or typing the old
// text back, leaves nothing for the translation to follow, and its diff
// would say "no change".
//
// The source's text is compared as of its last real edit and as of its
// last deliberate save; either matching the base is enough. So a minor
// typo fix after a restore marks nobody (the real edit still matches),
// and a save that types the old text back clears whether it was ticked
// minor or not. Autosaves move neither, so they neither mark nor clear.

// refreshOutdated derives every translation's outdated flag of the article
// from the tracking columns and the texts they point to.
func refreshOutdated(tx *gorm.DB, articleID uint) error {
	var trs []ArticleTranslation
	err := tx.Select("id", "article_id", "locale", "changed_revision_id", "synced_revision_id", "tracked_revision_id", "outdated").
		Where("article_id = ?", articleID).Find(&trs).Error
	if err != nil {
		return fmt.Errorf("load tracking columns: %w", err)
	}
	for _, target := range trs {
		outdated := false
		for _, src := range trs {
			if src.Locale == target.Locale || src.ChangedRevisionID <= target.SyncedRevisionID {
				continue
			}
			texts, err := loadSourceTexts(tx, src, target.SyncedRevisionID)
			if err != nil {
				return err
			}
			if outdated = texts.movedOn(); outdated {
				break
			}
		}
		if outdated == target.Outdated {
			continue
		}
		err := tx.Model(&ArticleTranslation{}).Where("id = ?", target.ID).UpdateColumn("outdated", outdated).Error
		if err != nil {
			return fmt.Errorf("refresh %s outdated flag: %w", target.Locale, err)
		}
	}
	return nil
}

// sourceTexts are the revisions of a source translation that decide
// whether a translation in step with it up to some revision is behind it.
// Each is nil when it does not exist.
type sourceTexts struct {
	// edit is the source's last real edit, latest its last deliberate save.
	edit, latest *ArticleRevision
	// base is the source's newest revision at or before the translation's
	// synced revision: the text the translation last matched.
	base *ArticleRevision
}

// loadSourceTexts loads the sourceTexts of src for a translation in step
// with it up to synced.
func loadSourceTexts(db *gorm.DB, src ArticleTranslation, synced uint) (sourceTexts, error) {
	var out sourceTexts
	ids := []uint{src.ChangedRevisionID}
	if src.TrackedRevisionID != nil {
		ids = append(ids, *src.TrackedRevisionID)
	}
	var revs []ArticleRevision
	err := db.Select("id", "title", "summary", "body_html", "created_at").Where("id IN ?", ids).Find(&revs).Error
	if err != nil {
		return out, fmt.Errorf("load source edit: %w", err)
	}
	for i := range revs {
		if revs[i].ID == src.ChangedRevisionID {
			out.edit = &revs[i]
		}
		if src.TrackedRevisionID != nil && revs[i].ID == *src.TrackedRevisionID {
			out.latest = &revs[i]
		}
	}
	var bases []ArticleRevision
	err = db.Select("id", "title", "summary", "body_html").
		Where("article_id = ? AND locale = ? AND id <= ?", src.ArticleID, src.Locale, synced).
		Order("id DESC").Limit(1).Find(&bases).Error
	if err != nil {
		return out, fmt.Errorf("load source base: %w", err)
	}
	if len(bases) > 0 {
		out.base = &bases[0]
	}
	return out, nil
}

// movedOn reports whether the source leaves a translation that matched
// base something to follow. Without a base (the source did not exist yet)
// all of it is new.
func (st sourceTexts) movedOn() bool {
	if st.base == nil {
		return true
	}
	baseText := revisionText(st.base)
	for _, rev := range []*ArticleRevision{st.edit, st.latest} {
		if rev != nil && revisionText(rev) == baseText {
			return false
		}
	}
	return true
}

// revisionText is the translatable text of a revision.
func revisionText(rev *ArticleRevision) string {
	return translatableText(rev.Title, rev.Summary, rev.BodyHTML)
}
