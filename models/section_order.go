package models

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// positionStep is the gap between the positions the admin hands out, so a
// renumbered list keeps room and reads well in the API's output.
const positionStep = 10

// NextSectionPosition returns a position after every section's, which puts
// a new section last among its siblings whatever its parent.
func (s *Store) NextSectionPosition(ctx context.Context) (int, error) {
	var last *int
	if err := s.reader(ctx).Model(&Section{}).Select("MAX(position)").Scan(&last).Error; err != nil {
		return 0, fmt.Errorf("last section position: %w", err)
	}
	if last == nil {
		return positionStep, nil
	}
	return *last + positionStep, nil
}

// MoveSection swaps a section with its previous (up) or next sibling under
// the same parent. Siblings sharing a position are first numbered apart in
// their current order, so the swap always changes what readers see. Moving
// the first section up or the last one down changes nothing. Every section
// whose position changes gets a new version: a form loaded before the move
// would otherwise write the old position back.
func (s *Store) MoveSection(ctx context.Context, id uint, up bool) error {
	return s.writeTx(ctx, func(tx *gorm.DB) error {
		var sec Section
		if err := tx.Take(&sec, id).Error; err != nil {
			return notFoundOr(err, "load section")
		}
		siblings, err := sectionSiblings(tx, sec.ParentID)
		if err != nil {
			return err
		}
		i := indexOfSection(siblings, id)
		j := i + 1
		if up {
			j = i - 1
		}
		if i < 0 || j < 0 || j >= len(siblings) {
			return nil
		}
		want := make([]int, len(siblings))
		for k, sib := range siblings {
			want[k] = sib.Position
		}
		if hasDuplicates(want) {
			for k := range want {
				want[k] = (k + 1) * positionStep
			}
		}
		want[i], want[j] = want[j], want[i]
		for k, sib := range siblings {
			if err := setSectionPosition(tx, sib, want[k]); err != nil {
				return err
			}
		}
		return nil
	})
}

// sectionSiblings returns the sections under parentID (top-level ones for
// nil) in the order the API lists them.
func sectionSiblings(tx *gorm.DB, parentID *uint) ([]Section, error) {
	q := tx.Select("id", "slug", "position", "version")
	if parentID == nil {
		q = q.Where("parent_id IS NULL")
	} else {
		q = q.Where("parent_id = ?", *parentID)
	}
	var out []Section
	if err := q.Order("position, id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list sibling sections: %w", err)
	}
	return out, nil
}

func setSectionPosition(tx *gorm.DB, sec Section, position int) error {
	if sec.Position == position {
		return nil
	}
	err := tx.Model(&Section{}).Where("id = ?", sec.ID).
		Updates(map[string]any{"position": position, "version": gorm.Expr("version + 1")}).Error
	if err != nil {
		return fmt.Errorf("move section %d: %w", sec.ID, err)
	}
	return addEvent(tx, EventSectionUpdated, SectionEventData{SectionID: sec.ID, Slug: sec.Slug})
}

func indexOfSection(list []Section, id uint) int {
	for i, s := range list {
		if s.ID == id {
			return i
		}
	}
	return -1
}

func hasDuplicates(positions []int) bool {
	seen := make(map[int]bool, len(positions))
	for _, p := range positions {
		if seen[p] {
			return true
		}
		seen[p] = true
	}
	return false
}
