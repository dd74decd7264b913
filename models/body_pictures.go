package models

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"github.com/payvand/payvand/internal/richtext"
)

// Bodies store their library pictures by media id (<img data-media-id="12">,
// see internal/richtext/pictures.go): the write path turns the /media/…
// src the editor inserts into the id, and answers fill in the files of the
// picture as it is at that moment.

// BodyPictures loads the pictures the given stored bodies name, with all
// their files, in one query: for the admin's editor, which shows bodies
// with their src (richtext.EditablePictures).
func (s *Store) BodyPictures(ctx context.Context, bodies ...string) (richtext.Pictures, error) {
	return loadBodyPictures(s.reader(ctx), bodies...)
}

// loadBodyPictures is BodyPictures inside a query or transaction.
func loadBodyPictures(db *gorm.DB, bodies ...string) (richtext.Pictures, error) {
	var ids []uint
	for _, b := range bodies {
		for _, id := range richtext.PictureIDs(b) {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	pics := richtext.Pictures{}
	if len(ids) == 0 {
		return pics, nil
	}
	// One row per stored file: the original (variant columns null when it
	// has no variants) joined to each variant.
	var rows []struct {
		ID             uint
		Path, MimeType string
		Width, Height  int
		VName          *string `gorm:"column:v_name"`
		VPath          *string `gorm:"column:v_path"`
		VMimeType      *string `gorm:"column:v_mime_type"`
		VWidth         *int    `gorm:"column:v_width"`
		VHeight        *int    `gorm:"column:v_height"`
	}
	err := db.Table("media AS m").
		Select("m.id, m.path, m.mime_type, m.width, m.height, v.name AS v_name, v.path AS v_path, v.mime_type AS v_mime_type, v.width AS v_width, v.height AS v_height").
		Joins("LEFT JOIN media_variants v ON v.media_id = m.id").
		Where("m.id IN ?", ids).Order("m.id, v.name").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("load body pictures: %w", err)
	}
	for _, r := range rows {
		pic, ok := pics[r.ID]
		if !ok {
			pic.Original = richtext.PictureFile{Path: r.Path, MIME: r.MimeType, Width: r.Width, Height: r.Height}
		}
		if r.VName != nil {
			pic.Variants = append(pic.Variants, richtext.PictureFile{Name: *r.VName, Path: *r.VPath, MIME: *r.VMimeType, Width: *r.VWidth, Height: *r.VHeight})
		}
		pics[r.ID] = pic
	}
	return pics, nil
}

// referencePictures returns a sanitised body as it is stored: each
// picture whose src is a file of the media library names it by id.
func referencePictures(db *gorm.DB, body string) (string, error) {
	paths := richtext.PicturePaths(body)
	if len(paths) == 0 {
		return body, nil
	}
	idOf, err := mediaIDsByPath(db, paths)
	if err != nil {
		return "", err
	}
	return richtext.ReferencePictures(body, idOf), nil
}

// mediaIDsByPath maps those of paths that are a stored file, original or
// variant, to their media item.
func mediaIDsByPath(db *gorm.DB, paths []string) (map[string]uint, error) {
	var rows []struct {
		ID   uint
		Path string
	}
	err := db.Raw("SELECT id, path FROM media WHERE path IN ? UNION SELECT media_id, path FROM media_variants WHERE path IN ?", paths, paths).
		Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("find pictures by path: %w", err)
	}
	out := make(map[string]uint, len(rows))
	for _, r := range rows {
		out[r.Path] = r.ID
	}
	return out, nil
}
