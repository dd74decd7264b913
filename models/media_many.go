package models

import (
	"context"
	"fmt"
	"slices"
)

// FindMediaByIDs loads the pictures with the ids given, with their texts
// and sizes, by id; ids with no picture (deleted) are absent. It makes
// three queries per 500 ids, where FindMedia would make three per id: an
// importer looks up the pictures earlier runs brought in this way.
func (s *Store) FindMediaByIDs(ctx context.Context, ids []uint) (map[uint]*Media, error) {
	out := make(map[uint]*Media, len(ids))
	for chunk := range slices.Chunk(ids, 500) {
		var rows []Media
		err := s.reader(ctx).Preload("Texts", mediaTextsOrder).Preload("Variants", mediaVariantsOrder).Where("id IN ?", chunk).Find(&rows).Error
		if err != nil {
			return nil, fmt.Errorf("find media: %w", err)
		}
		for i := range rows {
			out[rows[i].ID] = &rows[i]
		}
	}
	return out, nil
}
