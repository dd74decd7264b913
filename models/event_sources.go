package models

import (
	"fmt"
	"maps"

	"gorm.io/gorm"
)

// SectionEventData is the data of section.updated and section.deleted.
type SectionEventData struct {
	SectionID uint   `json:"section_id"`
	Slug      string `json:"slug"`
}

// MediaEventData is the data of media.updated: the picture and the public
// answers that show it.
type MediaEventData struct {
	MediaID  uint               `json:"media_id"`
	Articles []MediaEventTarget `json:"articles"`
}

// MediaEventTarget is one public answer showing a changed picture.
type MediaEventTarget struct {
	ArticleID uint    `json:"article_id"`
	Locale    string  `json:"locale"`
	Slug      string  `json:"slug"`
	URL       *string `json:"url"`
}

// watchSectionChange reports whether saving sec as in changes what the
// section is (new, renamed, new slug or position); a new slug or name also
// changes the answers of the articles filed in it, which it watches.
func (s *Store) watchSectionChange(tx *gorm.DB, sec Section, slug string, in SectionInput) (bool, error) {
	if sec.ID == 0 {
		return true, nil
	}
	var names []SectionName
	if err := tx.Where("section_id = ?", sec.ID).Find(&names).Error; err != nil {
		return false, fmt.Errorf("load section names: %w", err)
	}
	current := make(map[string]string, len(names))
	for _, n := range names {
		current[n.Locale] = n.Name
	}
	wanted := maps.Clone(current)
	maps.Copy(wanted, in.Names)
	renamed := sec.Slug != slug || !maps.Equal(current, wanted)
	if renamed {
		var ids []uint
		err := tx.Model(&Article{}).Where("section_id = ? AND trashed_at IS NULL", sec.ID).Order("id").Pluck("id", &ids).Error
		if err != nil {
			return false, fmt.Errorf("list section articles: %w", err)
		}
		if err := s.watchArticles(tx, ids...); err != nil {
			return false, err
		}
	}
	return renamed || sec.Position != in.Position, nil
}

// watchMediaChange watches the articles featuring picture id or naming it
// as a translation's social image, whose answers show its alt text and
// caption.
func (s *Store) watchMediaChange(tx *gorm.DB, id uint) error {
	var ids []uint
	err := tx.Model(&Article{}).Where("featured_media_id = ? AND trashed_at IS NULL", id).Order("id").Pluck("id", &ids).Error
	if err != nil {
		return fmt.Errorf("list articles showing picture %d: %w", id, err)
	}
	var social []uint
	err = tx.Model(&ArticleTranslation{}).Distinct("article_id").Where("seo_image_id = ?", id).Order("article_id").Pluck("article_id", &social).Error
	if err != nil {
		return fmt.Errorf("list articles sharing picture %d: %w", id, err)
	}
	return s.watchArticles(tx, append(ids, social...)...)
}

// addMediaEvent queues media.updated for picture id when public answers in
// the changed locales show it; a picture no public answer shows gives none.
func (s *Store) addMediaEvent(tx *gorm.DB, id uint, locales []string) error {
	t := trackerOf(tx)
	if t == nil || len(locales) == 0 {
		return nil
	}
	var targets []MediaEventTarget
	err := tx.Table("articles AS a").
		Select("a.id AS article_id, t.locale, t.slug").
		Joins("JOIN article_listings l ON l.article_id = a.id AND l.scope_id = 0").
		Joins("JOIN article_translations t ON t.article_id = a.id AND t.locale = l.locale").
		Where("a.featured_media_id = ? AND l.published_at <= ? AND l.locale IN ?", id, t.now, locales).
		Order("a.id, t.locale").Scan(&targets).Error
	if err != nil {
		return fmt.Errorf("list answers showing picture %d: %w", id, err)
	}
	if len(targets) == 0 {
		return nil
	}
	for i, tg := range targets {
		targets[i].URL = s.site.Article(tg.Locale, tg.Slug, tg.ArticleID)
	}
	return addEvent(tx, EventMediaUpdated, MediaEventData{MediaID: id, Articles: targets})
}
