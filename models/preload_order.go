package models

import "gorm.io/gorm"

// The orders of preloaded associations: each one's primary key, owner
// first. Both engines find the rows by that key, so the order costs no
// sort, and an association's rows never come in whatever order the engine
// happens to store them (PostgreSQL's heap keeps insertion order, SQLite's
// index does not), so the same content gives the same answers on both.
var (
	sectionNamesOrder  = preloadOrder("section_id, locale")
	tagNamesOrder      = preloadOrder("tag_id, locale")
	mediaTextsOrder    = preloadOrder("media_id, locale")
	mediaVariantsOrder = preloadOrder("media_id, name")
	translationsOrder  = preloadOrder("article_id, locale")
)

func preloadOrder(columns string) func(*gorm.DB) *gorm.DB {
	return func(db *gorm.DB) *gorm.DB { return db.Order(columns) }
}
