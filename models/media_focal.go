package models

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"github.com/payvand/payvand/internal/media"
)

// FocalPoint returns the point m's crops keep in view.
func (m Media) FocalPoint() media.FocalPoint {
	return media.FocalPoint{X: m.FocalX, Y: m.FocalY}
}

// Crops lists m's crops: the square one, then the wide one, each JPEG or
// PNG before its WebP copy. A picture stored before crops existed has none
// until its focal point is set.
func (m Media) Crops() []MediaFile {
	var out []MediaFile
	for _, name := range []string{media.VariantSquare, media.WebPVariantName(media.VariantSquare),
		media.VariantWide, media.WebPVariantName(media.VariantWide)} {
		for _, v := range m.Variants {
			if v.Name == name {
				out = append(out, MediaFile{Size: media.SizeOfVariant(v.Name), MimeType: v.MimeType, Path: v.Path,
					Width: v.Width, Height: v.Height, ByteSize: v.ByteSize})
			}
		}
	}
	return out
}

// SetMediaFocalPoint records picture id's new focal point and the crops
// made around it (media.Processor.Recrop), in the place of its old crops.
// It returns the paths of the old crops' files, which no row names any
// more, for the caller to remove from the media store once the change is
// committed: crop names carry the point, so an old crop is never served as
// the new one, and a cached answer names the new files. Public answers
// show the point and the crops, so the write records its events as a
// change of the picture's files does. A point outside the picture is a
// *ValidationError on field "focal_point". hash is the hash of the file
// the crops were cut from: when the picture's file was replaced since,
// nothing is written and the answer is a *ConflictError, so crops of the
// old file never stand beside the new one.
func (s *Store) SetMediaFocalPoint(ctx context.Context, id uint, hash string, f media.FocalPoint, crops []MediaVariant) (stale []string, err error) {
	if !f.Valid() {
		v := validation{}
		v.add("focal_point", "validation.focal_point")
		return nil, v.err()
	}
	err = s.writeTx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&Media{}).Where("id = ?", id).
			Updates(map[string]any{"focal_x": f.X, "focal_y": f.Y, "updated_at": s.now().UTC()})
		if res.Error != nil {
			return fmt.Errorf("set focal point of media %d: %w", id, res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		var now Media
		if err := tx.Select("id", "hash").Take(&now, id).Error; err != nil {
			return notFoundOr(err, "find media")
		}
		if now.Hash != hash {
			return &ConflictError{Part: "media"}
		}
		if err := s.watchMediaChange(tx, id); err != nil {
			return err
		}
		if stale, err = replaceVariants(tx, id, crops, media.IsCrop); err != nil {
			return err
		}
		return s.addMediaEvent(tx, id, s.locales.Codes())
	})
	return stale, err
}

// replaceVariants puts rows in the place of the variants of picture id
// whose names keep selects, and returns the paths of the files only the
// removed rows named.
func replaceVariants(tx *gorm.DB, id uint, rows []MediaVariant, keep func(name string) bool) ([]string, error) {
	var old []MediaVariant
	if err := tx.Where("media_id = ?", id).Find(&old).Error; err != nil {
		return nil, fmt.Errorf("load variants of media %d: %w", id, err)
	}
	var names, stale []string
	for _, v := range old {
		if !keep(v.Name) {
			continue
		}
		names = append(names, v.Name)
		if !slices.ContainsFunc(rows, func(n MediaVariant) bool { return n.Path == v.Path }) {
			stale = append(stale, v.Path)
		}
	}
	if len(names) > 0 {
		if err := tx.Where("media_id = ? AND name IN ?", id, names).Delete(&MediaVariant{}).Error; err != nil {
			return nil, fmt.Errorf("remove variants of media %d: %w", id, err)
		}
	}
	if len(rows) == 0 {
		return stale, nil
	}
	fresh := make([]MediaVariant, len(rows))
	for i, v := range rows {
		v.MediaID = id
		fresh[i] = v
	}
	if err := tx.Create(&fresh).Error; err != nil {
		return nil, fmt.Errorf("add variants of media %d: %w", id, err)
	}
	return stale, nil
}

// withoutCrops keeps the pictures stored before crops were made.
const withoutCrops = "NOT EXISTS (SELECT 1 FROM media_variants v WHERE v.media_id = media.id AND v.name = 'square')"

// ListMediaWithoutCrops returns up to limit pictures with an id above
// afterID that have no crops yet, by id. Paging by id lets a caller step
// past a picture it could not crop.
func (s *Store) ListMediaWithoutCrops(ctx context.Context, afterID uint, limit int) ([]Media, error) {
	var items []Media
	err := s.reader(ctx).Where("id > ?", afterID).Where(withoutCrops).Order("id").Limit(limit).Find(&items).Error
	if err != nil {
		return nil, fmt.Errorf("list media without crops: %w", err)
	}
	return items, nil
}
