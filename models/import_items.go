package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Import kinds of ImportedItem.
const (
	ImportPost     = "post"
	ImportCategory = "category"
	ImportTag      = "tag"
	// ImportAttachment records an attachment brought into the media
	// library; its TargetID is the media id.
	ImportAttachment = "attachment"
)

// ImportedItem remembers one item an importer brought in (see
// migrations/0029_import_items.sql).
type ImportedItem struct {
	Source        string `gorm:"primaryKey"`
	Kind          string `gorm:"primaryKey"`
	WPID          int64  `gorm:"column:wp_id;primaryKey;autoIncrement:false"`
	TargetID      uint
	Locale        string
	SourceHash    string
	TargetVersion int
	SharedVersion int
	ImportedAt    time.Time
}

// TableName keeps GORM off its own plural.
func (ImportedItem) TableName() string { return "import_items" }

// FindImported returns what source's items of kind with the ids given
// became, by id; ids never imported are absent.
func (s *Store) FindImported(ctx context.Context, source, kind string, ids []int64) (map[int64]ImportedItem, error) {
	out := make(map[int64]ImportedItem, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []ImportedItem
	err := s.reader(ctx).Where("source = ? AND kind = ? AND wp_id IN ?", source, kind, ids).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("find imported %s: %w", kind, err)
	}
	for _, r := range rows {
		out[r.WPID] = r
	}
	return out, nil
}

// RecordImported remembers items (sections, tags) saved on their own.
func (s *Store) RecordImported(ctx context.Context, items ...ImportedItem) error {
	if len(items) == 0 {
		return nil
	}
	return s.writeTx(ctx, func(tx *gorm.DB) error { return s.upsertImported(tx, items) })
}

func (s *Store) upsertImported(tx *gorm.DB, items []ImportedItem) error {
	now := s.now().UTC()
	for i := range items {
		items[i].ImportedAt = now
	}
	err := tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "source"}, {Name: "kind"}, {Name: "wp_id"}},
		UpdateAll: true,
	}).Create(&items).Error
	if err != nil {
		return fmt.Errorf("record imported items: %w", err)
	}
	return nil
}
