package models

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// Page sizes of the media library.
const (
	DefaultMediaPerPage = 24
	MaxMediaPerPage     = 100
)

// MediaQuery selects a page of the media library.
type MediaQuery struct {
	// Search keeps pictures whose original file name, alt texts and
	// captions, in any locale, hold every word of it, compared by their
	// textnorm search keys: case-insensitive in every script, Arabic and
	// Persian letters alike, ZWNJ or space or neither. Input with no word
	// (punctuation alone) matches the original file name literally.
	Search string
	// Page is 1-based; a page past the end is the last page.
	Page int
	// PerPage is DefaultMediaPerPage when 0 and at most MaxMediaPerPage.
	PerPage int
}

// MediaPage is one page of the media library, newest first.
type MediaPage struct {
	// Items carry their texts and generated sizes.
	Items []Media
	// Total counts every picture the search keeps, on all pages.
	Total   int64
	Page    int
	PerPage int
}

// Pages is the number of pages, at least 1.
func (p MediaPage) Pages() int {
	if p.PerPage <= 0 || p.Total == 0 {
		return 1
	}
	return int((p.Total + int64(p.PerPage) - 1) / int64(p.PerPage))
}

// mediaOrder is newest first. It matches idx_media_created (created_at, id)
// walked backwards, so a page needs no sort whatever the library's size.
const mediaOrder = "created_at DESC, id DESC"

// ListMedia returns one page of the media library, the newest upload first.
// It makes four queries whatever the page size: the count, the page, and
// the page's texts and sizes.
func (s *Store) ListMedia(ctx context.Context, q MediaQuery) (MediaPage, error) {
	q.PerPage = min(max(q.PerPage, 0), MaxMediaPerPage)
	if q.PerPage == 0 {
		q.PerPage = DefaultMediaPerPage
	}
	page := MediaPage{PerPage: q.PerPage}
	if err := s.mediaFilter(ctx, q).Count(&page.Total).Error; err != nil {
		return MediaPage{}, fmt.Errorf("count media: %w", err)
	}
	page.Page = min(max(q.Page, 1), page.Pages())
	err := s.mediaFilter(ctx, q).Preload("Texts", mediaTextsOrder).Preload("Variants", mediaVariantsOrder).Order(mediaOrder).
		Limit(page.PerPage).Offset((page.Page - 1) * page.PerPage).Find(&page.Items).Error
	if err != nil {
		return MediaPage{}, fmt.Errorf("list media: %w", err)
	}
	return page, nil
}

// mediaFilter is the pictures the query keeps, unordered.
func (s *Store) mediaFilter(ctx context.Context, q MediaQuery) *gorm.DB {
	db := s.reader(ctx).Model(&Media{})
	if term := strings.TrimSpace(q.Search); term != "" {
		db = matchMediaSearch(db, term)
	}
	return db
}

// UpdateMediaTexts replaces the alt text and caption of a picture in the
// locales texts names; other locales keep theirs. A locale whose alt text
// and caption are both empty loses its row. Alt texts appear in the public
// API, so the write marks content as changed like any other.
func (s *Store) UpdateMediaTexts(ctx context.Context, id uint, texts map[string]MediaText) error {
	if err := s.CheckMediaTexts(texts); err != nil {
		return err
	}
	return s.writeTx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&Media{}).Where("id = ?", id).Update("updated_at", s.now().UTC())
		if res.Error != nil {
			return fmt.Errorf("touch media %d: %w", id, res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		if err := s.watchMediaChange(tx, id); err != nil {
			return err
		}
		var before []MediaText
		if err := tx.Where("media_id = ?", id).Find(&before).Error; err != nil {
			return fmt.Errorf("load media texts %d: %w", id, err)
		}
		var changed []string
		for loc, t := range texts {
			if err := saveMediaText(tx, id, loc, t); err != nil {
				return err
			}
			if old := (Media{Texts: before}).Text(loc); old.Alt != strings.TrimSpace(t.Alt) || old.Caption != strings.TrimSpace(t.Caption) {
				changed = append(changed, loc)
			}
		}
		if err := storeMediaSearchKey(tx, id); err != nil {
			return err
		}
		return s.addMediaEvent(tx, id, changed)
	})
}

// CheckMediaTexts refuses texts for a locale the site does not have and
// texts longer than their limits. The form's fields are "alt.<code>" and
// "caption.<code>", the refusals' keys too. SaveMedia and UpdateMediaTexts
// apply it; an upload form applies it first so a refused text costs no
// image decoding.
func (s *Store) CheckMediaTexts(texts map[string]MediaText) error {
	v := validation{}
	for loc, t := range texts {
		if !s.locales.Has(loc) {
			v.add("texts."+loc, "validation.unknown_locale", "locale", loc)
			continue
		}
		v.checkLength("alt."+loc, strings.TrimSpace(t.Alt), AltMaxRunes)
		v.checkLength("caption."+loc, strings.TrimSpace(t.Caption), CaptionMaxRunes)
	}
	return v.err()
}

// saveMediaText writes one locale's texts, or deletes the row when both
// are empty, so an empty row never stands for "translated".
func saveMediaText(tx *gorm.DB, id uint, loc string, t MediaText) error {
	alt, caption := strings.TrimSpace(t.Alt), strings.TrimSpace(t.Caption)
	if alt == "" && caption == "" {
		err := tx.Where("media_id = ? AND locale = ?", id, loc).Delete(&MediaText{}).Error
		if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return fmt.Errorf("delete media text %d/%s: %w", id, loc, err)
		}
		return nil
	}
	row := MediaText{MediaID: id, Locale: loc, Alt: alt, Caption: caption}
	if err := tx.Save(&row).Error; err != nil {
		return fmt.Errorf("save media text %d/%s: %w", id, loc, err)
	}
	return nil
}
