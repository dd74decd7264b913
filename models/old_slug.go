package models

import (
	"fmt"

	"gorm.io/gorm"
)

// oldSlugs is a table of the slugs tags or sections had before: each row
// leads an old link to its owner, whose current slug it then names.
type oldSlugs struct {
	table, owner, owners string // the table, its owner column, the owners' table
}

var (
	tagOldSlugs     = oldSlugs{table: "tag_slugs", owner: "tag_id", owners: "tags"}
	sectionOldSlugs = oldSlugs{table: "section_slugs", owner: "section_id", owners: "sections"}
)

// keep records previous as an old slug of id after a change to slug, and
// takes slug back if it was an old slug of the same owner.
func (o oldSlugs) keep(tx *gorm.DB, id uint, previous, slug string) error {
	if err := tx.Exec("DELETE FROM "+o.table+" WHERE slug = ? AND "+o.owner+" = ?", slug, id).Error; err != nil {
		return fmt.Errorf("take back slug: %w", err)
	}
	if previous == "" || previous == slug {
		return nil
	}
	err := tx.Exec("INSERT INTO "+o.table+" (slug, "+o.owner+", created_at) VALUES (?, ?, ?)", previous, id, tx.NowFunc()).Error
	if err != nil {
		return fmt.Errorf("keep old slug: %w", err)
	}
	return nil
}

// moved answers a slug that is no current one: a *SlugMovedError naming
// the owner's current slug when it is an old one, else ErrNotFound.
func (o oldSlugs) moved(db *gorm.DB, slug string) error {
	var owner struct {
		ID   uint
		Slug string
	}
	err := db.Raw("SELECT o.id, o.slug FROM "+o.table+" s JOIN "+o.owners+" o ON o.id = s."+o.owner+" WHERE s.slug = ?", slug).Scan(&owner).Error
	if err != nil {
		return fmt.Errorf("find old slug: %w", err)
	}
	if owner.ID == 0 {
		return ErrNotFound
	}
	return &SlugMovedError{ID: owner.ID, Slug: owner.Slug}
}
