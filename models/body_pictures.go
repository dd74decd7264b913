package models

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"github.com/payvand/payvand/internal/media"
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
	// has no variants) joined to each variant. Read with database/sql: GORM's
	// reflection cost more than the query itself. The order is the keys'
	// (free: both are walked by them), so a srcset that keeps one of two
	// files of the same width keeps the same one on both engines.
	rows, err := db.Raw(`SELECT m.id, m.path, m.mime_type, m.width, m.height, v.name, v.path, v.mime_type, v.width, v.height
		FROM media m LEFT JOIN media_variants v ON v.media_id = m.id WHERE m.id IN ? ORDER BY m.id, v.name`, ids).Rows()
	if err != nil {
		return nil, fmt.Errorf("load body pictures: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id uint
		var original richtext.PictureFile
		var variant struct {
			name, path, mime sql.NullString
			width, height    sql.NullInt64
		}
		if err := rows.Scan(&id, &original.Path, &original.MIME, &original.Width, &original.Height,
			&variant.name, &variant.path, &variant.mime, &variant.width, &variant.height); err != nil {
			return nil, fmt.Errorf("read body pictures: %w", err)
		}
		pic, ok := pics[id]
		if !ok {
			pic.Original = original
		}
		// Crops change the picture's shape: a body shows its sizes only.
		if variant.name.Valid && !media.IsCrop(variant.name.String) {
			pic.Variants = append(pic.Variants, richtext.PictureFile{Name: variant.name.String, Path: variant.path.String, MIME: variant.mime.String,
				Width: int(variant.width.Int64), Height: int(variant.height.Int64)})
		}
		pics[id] = pic
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read body pictures: %w", err)
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

// mediaIDsByPath maps those of paths that are the file a body shows for
// their media item (the medium size, or the original of a picture too
// small to have one: what the picker inserts and RenderPictures answers)
// to that item. Another size the editor chose on purpose, a thumbnail or
// a WebP copy, keeps its path, so saving never swaps the picture's size.
func mediaIDsByPath(db *gorm.DB, paths []string) (map[string]uint, error) {
	var rows []struct {
		ID   uint
		Path string
	}
	err := db.Raw(`SELECT media_id AS id, path FROM media_variants WHERE path IN ? AND name = ?
		UNION SELECT id, path FROM media WHERE path IN ?
			AND NOT EXISTS (SELECT 1 FROM media_variants v WHERE v.media_id = media.id AND v.name = ?)`,
		paths, media.VariantMedium, paths, media.VariantMedium).
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
