package models

import (
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"

	"github.com/payvand/payvand/internal/textnorm"
)

// mediaSearchKey is what the media library's search matches a picture by:
// its original file name and every alt text and caption, each folded by
// textnorm.SearchKey. Each text's words stay together, so a phrase cannot
// match across two texts by accident of their order.
func mediaSearchKey(originalName string, texts []MediaText) string {
	keys := []string{textnorm.SearchKey(originalName)}
	for _, t := range texts {
		keys = append(keys, textnorm.SearchKey(t.Alt), textnorm.SearchKey(t.Caption))
	}
	keys = slices.DeleteFunc(keys, func(k string) bool { return k == "" })
	return strings.Join(keys, "\n")
}

// storeMediaSearchKey stores the search key of picture id from the name
// and texts it has now. Every write of a picture or of its texts ends with
// it, inside the same transaction, so the key never lags behind the texts.
// It writes the column alone: the picture's updated_at is the write's own
// business, and the migration that fills the key must not touch it.
func storeMediaSearchKey(tx *gorm.DB, id uint) error {
	var name string
	if err := tx.Table("media").Select("original_name").Where("id = ?", id).Row().Scan(&name); err != nil {
		return fmt.Errorf("load media %d name: %w", id, err)
	}
	var texts []MediaText
	if err := tx.Where("media_id = ?", id).Order("locale").Find(&texts).Error; err != nil {
		return fmt.Errorf("load media %d texts: %w", id, err)
	}
	err := tx.Table("media").Where("id = ?", id).UpdateColumn("search_key", mediaSearchKey(name, texts)).Error
	if err != nil {
		return fmt.Errorf("store media %d search key: %w", id, err)
	}
	return nil
}

// matchMediaSearch keeps the pictures whose search key holds every word of
// term, each in any of the spellings textnorm.SearchTerms gives it (with
// ZWNJ, with a space or joined), so "душанбе" finds "Душанбе" and Arabic
// ي and ك meet Persian ی and ک. The words come from the same folding as
// the key, letters, marks and digits only, so LIKE's % and _ never reach
// a pattern as wildcards. A term with no word at all (punctuation) matches
// the original file name literally, as the admin list's title fallback does.
func matchMediaSearch(db *gorm.DB, term string) *gorm.DB {
	terms := textnorm.SearchTerms(term)
	if len(terms) == 0 {
		if !storableText(term) {
			// No file name holds it, and PostgreSQL refuses it as a parameter.
			return db.Where("1 = 0")
		}
		return db.Where(containsSQL(db, "media.original_name"), term)
	}
	for _, spellings := range terms {
		conds := make([]string, len(spellings))
		args := make([]any, len(spellings))
		for i, s := range spellings {
			conds[i] = `media.search_key LIKE ? ESCAPE '\'`
			args[i] = likePattern(s)
		}
		db = db.Where("("+strings.Join(conds, " OR ")+")", args...)
	}
	return db
}

// fillMediaSearchKeys stores the search key of every picture, 500 at a
// time: the Go half of migration 0021.
func fillMediaSearchKeys(tx *gorm.DB) error {
	var rows []struct{ ID uint }
	return tx.Table("media").Select("id").
		FindInBatches(&rows, 500, func(*gorm.DB, int) error {
			for _, r := range rows {
				if err := storeMediaSearchKey(tx, r.ID); err != nil {
					return err
				}
			}
			return nil
		}).Error
}
