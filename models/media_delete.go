package models

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"
)

// MediaDuplicateError refuses to give a picture the file another picture
// of the library already has: two items would share one set of files.
type MediaDuplicateError struct {
	// ID is the picture that has the file.
	ID uint
}

func (e *MediaDuplicateError) Error() string {
	return fmt.Sprintf("picture %d already has this file", e.ID)
}

// DeleteMedia deletes picture id, its texts and its rows of files, unless
// an article shows it (see MediaUses): then it deletes nothing and returns
// a *MediaInUseError naming them. It returns the paths of the picture's
// files for the caller to remove from the media store once the row is gone.
// Nothing public showed the picture, so the delete records no event.
func (s *Store) DeleteMedia(ctx context.Context, id uint) (paths []string, err error) {
	err = s.writeTx(ctx, func(tx *gorm.DB) error {
		var m Media
		if err := tx.Preload("Variants").Take(&m, id).Error; err != nil {
			return notFoundOr(err, "find media")
		}
		uses, err := mediaUses(tx, id)
		if err != nil {
			return err
		}
		if len(uses) > 0 {
			return &MediaInUseError{Uses: uses}
		}
		for _, model := range []any{&MediaVariant{}, &MediaText{}} {
			if err := tx.Where("media_id = ?", id).Delete(model).Error; err != nil {
				return fmt.Errorf("delete files and texts of media %d: %w", id, err)
			}
		}
		if err := tx.Where("id = ?", id).Delete(&Media{}).Error; err != nil {
			return fmt.Errorf("delete media %d: %w", id, err)
		}
		paths = []string{m.Path}
		for _, v := range m.Variants {
			paths = append(paths, v.Path)
		}
		return nil
	})
	return paths, err
}

// ReplaceMediaFile gives picture id the file in (processed as an upload,
// with crops around the picture's focal point) in the place of its own:
// its id, texts and focal point stay, so every body and article showing it
// shows the new file. The new file's name becomes the picture's name. It
// returns the paths of the files only the old rows named, for the caller
// to remove from the media store once the change is committed. Answers
// showing the picture change, bodies too, so the write records their
// events like any save. A file another picture has is a
// *MediaDuplicateError.
func (s *Store) ReplaceMediaFile(ctx context.Context, id uint, in MediaInput) (stale []string, err error) {
	err = s.writeTx(ctx, func(tx *gorm.DB) error {
		var m Media
		if err := tx.Preload("Variants").Take(&m, id).Error; err != nil {
			return notFoundOr(err, "find media")
		}
		var other Media
		if err := tx.Where("hash = ? AND id <> ?", in.Hash, id).Limit(1).Find(&other).Error; err != nil {
			return fmt.Errorf("find media by hash: %w", err)
		}
		if other.ID != 0 {
			return &MediaDuplicateError{ID: other.ID}
		}
		if err := s.watchMediaShown(tx, id); err != nil {
			return err
		}
		err := tx.Model(&Media{}).Where("id = ?", id).Updates(map[string]any{
			"hash": in.Hash, "path": in.Path, "mime_type": in.MimeType, "width": in.Width, "height": in.Height,
			"byte_size": in.ByteSize, "original_name": in.OriginalName, "updated_at": s.now().UTC(),
		}).Error
		if err != nil {
			return fmt.Errorf("replace file of media %d: %w", id, err)
		}
		if stale, err = replaceVariants(tx, id, in.Variants, func(string) bool { return true }); err != nil {
			return err
		}
		if m.Path != in.Path && !slices.ContainsFunc(in.Variants, func(v MediaVariant) bool { return v.Path == m.Path }) {
			stale = append(stale, m.Path)
		}
		if err := storeMediaSearchKey(tx, id); err != nil {
			return err
		}
		return s.addMediaEvent(tx, id, s.locales.Codes())
	})
	return stale, err
}

// watchMediaShown watches every article whose answers show picture id:
// as its featured or social picture (watchMediaChange) or in a body.
func (s *Store) watchMediaShown(tx *gorm.DB, id uint) error {
	if err := s.watchMediaChange(tx, id); err != nil {
		return err
	}
	var ids []uint
	err := tx.Model(&ArticleTranslation{}).Distinct("article_id").Where("body_html LIKE ?", bodyReference(id)).
		Order("article_id").Pluck("article_id", &ids).Error
	if err != nil {
		return fmt.Errorf("list bodies showing picture %d: %w", id, err)
	}
	return s.watchArticles(tx, ids...)
}
