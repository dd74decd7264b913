package models

import (
	"context"
	"fmt"
)

// CountArticlesBySection counts, per section, the articles filed directly
// in it that are not in the trash, whatever the state of their
// translations: the admin's section table shows how much each one holds.
func (s *Store) CountArticlesBySection(ctx context.Context) (map[uint]int, error) {
	var rows []struct {
		SectionID uint
		N         int
	}
	err := s.reader(ctx).Model(&Article{}).Select("section_id, COUNT(*) AS n").
		Where("trashed_at IS NULL").Group("section_id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("count articles by section: %w", err)
	}
	out := make(map[uint]int, len(rows))
	for _, r := range rows {
		out[r.SectionID] = r.N
	}
	return out, nil
}
