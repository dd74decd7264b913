package models

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// MediaInput describes an image whose files are already stored.
type MediaInput struct {
	Hash         string
	Path         string
	MimeType     string
	Width        int
	Height       int
	ByteSize     int64
	OriginalName string
	UploadedByID *uint
	Variants     []MediaVariant
	// Texts maps locale codes to alt text and caption.
	Texts map[string]MediaText
}

// SaveMedia records an uploaded image. The same picture uploaded again (the
// same content hash) returns the existing record, with any new texts added.
func (s *Store) SaveMedia(ctx context.Context, in MediaInput) (*Media, error) {
	if err := s.CheckMediaTexts(in.Texts); err != nil {
		return nil, err
	}
	var id uint
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		var m Media
		if err := tx.Where("hash = ?", in.Hash).Limit(1).Find(&m).Error; err != nil {
			return fmt.Errorf("find media: %w", err)
		}
		existed := m.ID != 0
		if !existed {
			m = Media{Hash: in.Hash, Path: in.Path, MimeType: in.MimeType, Width: in.Width, Height: in.Height,
				ByteSize: in.ByteSize, OriginalName: in.OriginalName, UploadedByID: in.UploadedByID, Variants: in.Variants}
			if err := tx.Create(&m).Error; err != nil {
				return fmt.Errorf("create media: %w", err)
			}
		}
		id = m.ID
		// The same picture uploaded again may bring new texts for a picture
		// public articles already show: that is a change readers see, with
		// its events, as in UpdateMediaTexts.
		var before []MediaText
		if existed {
			if err := s.watchMediaChange(tx, id); err != nil {
				return err
			}
			if err := tx.Where("media_id = ?", id).Find(&before).Error; err != nil {
				return fmt.Errorf("load media texts %d: %w", id, err)
			}
		}
		var changed []string
		for loc, t := range in.Texts {
			row := MediaText{MediaID: m.ID, Locale: loc, Alt: t.Alt, Caption: t.Caption}
			if err := tx.Save(&row).Error; err != nil {
				return fmt.Errorf("save media text: %w", err)
			}
			if old := (Media{Texts: before}).Text(loc); existed && (old.Alt != t.Alt || old.Caption != t.Caption) {
				changed = append(changed, loc)
			}
		}
		if err := storeMediaSearchKey(tx, id); err != nil {
			return err
		}
		return s.addMediaEvent(tx, id, changed)
	})
	if err != nil {
		return nil, err
	}
	return s.FindMedia(ctx, id)
}

// FindMedia loads an image with its texts and generated sizes.
func (s *Store) FindMedia(ctx context.Context, id uint) (*Media, error) {
	var m Media
	err := s.reader(ctx).Preload("Texts", mediaTextsOrder).Preload("Variants", mediaVariantsOrder).Take(&m, id).Error
	if err != nil {
		return nil, notFoundOr(err, "find media")
	}
	return &m, nil
}
