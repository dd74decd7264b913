package models

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strings"

	"gorm.io/gorm"

	"github.com/payvand/payvand/internal/textnorm"
)

// Limits of a tag's fields.
const TagNameMaxRunes = 80

// EventTag* are the tag events: tag.updated when a tag is created, renamed
// or gains a merged tag's articles, tag.deleted when it is deleted or
// merged into another.
const (
	EventTagUpdated = "tag.updated"
	EventTagDeleted = "tag.deleted"
)

// TagEventData is the data of tag.updated and tag.deleted. MergedInto is
// the tag a merged tag's articles and slugs went to.
type TagEventData struct {
	TagID        uint    `json:"tag_id"`
	Slug         string  `json:"slug"`
	PreviousSlug *string `json:"previous_slug"`
	MergedInto   *uint   `json:"merged_into"`
}

// TagInput is a tag to create (ID 0) or update.
type TagInput struct {
	ID uint
	// Version is the version the editor loaded; ignored when creating.
	Version int
	// Slug is the editor's slug; empty keeps the current one, or makes one
	// from the names (the default locale's first) for a new tag.
	Slug string
	// Names maps locale codes to the tag's name there. A locale left out
	// keeps its name; an empty name removes it. At least one must remain.
	Names map[string]string
}

// SaveTag creates or renames a tag. A changed slug keeps the old one as a
// redirect; a new slug or name changes the answers of the articles it
// carries, which get their events with the tag's own.
func (s *Store) SaveTag(ctx context.Context, in TagInput) (*Tag, error) {
	var id uint
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		var tag Tag
		if in.ID != 0 {
			if err := tx.Preload("Names", tagNamesOrder).Take(&tag, in.ID).Error; err != nil {
				return notFoundOr(err, "load tag")
			}
			if tag.Version != in.Version {
				return &ConflictError{Part: "tag", Current: tag.Version}
			}
		}
		names := mergedNames(tag, in.Names)
		slug, err := s.tagSlug(tx, tag, in.Slug, names)
		if err != nil {
			return err
		}
		if err := s.tagRules(in, names, slug).err(); err != nil {
			return err
		}
		changed := tag.ID == 0 || tag.Slug != slug || !maps.Equal(namesOf(tag), names)
		if !changed {
			id = tag.ID
			return nil
		}
		if err := s.watchTagged(tx, tag.ID); err != nil {
			return err
		}
		previous := tag.Slug
		tag.Slug, tag.Version = slug, tag.Version+1
		if err := tx.Omit("Names").Save(&tag).Error; err != nil {
			return fmt.Errorf("save tag: %w", err)
		}
		id = tag.ID
		if err := tagOldSlugs.keep(tx, tag.ID, previous, slug); err != nil {
			return err
		}
		if err := saveTagNames(tx, tag.ID, names); err != nil {
			return err
		}
		data := TagEventData{TagID: tag.ID, Slug: slug}
		if previous != "" && previous != slug {
			data.PreviousSlug = &previous
		}
		return addEvent(tx, EventTagUpdated, data)
	})
	if err != nil {
		return nil, err
	}
	return s.FindTag(ctx, id)
}

// mergedNames is the tag's names after applying the input's: trimmed,
// with empty ones removed.
func mergedNames(tag Tag, in map[string]string) map[string]string {
	out := namesOf(tag)
	for loc, name := range in {
		if strings.TrimSpace(name) == "" {
			delete(out, loc)
			continue
		}
		out[loc] = strings.TrimSpace(name)
	}
	return out
}

func namesOf(tag Tag) map[string]string {
	out := make(map[string]string, len(tag.Names))
	for _, n := range tag.Names {
		out[n.Locale] = n.Name
	}
	return out
}

// tagRules checks a tag's fields.
func (s *Store) tagRules(in TagInput, names map[string]string, slug string) validation {
	v := validation{}
	v.checkLength("slug", in.Slug, SlugMaxRunes)
	if len(names) == 0 {
		v.add("names."+s.locales.Default().Code, "validation.tag_name_required")
	}
	for loc, name := range in.Names {
		if !s.locales.Has(loc) {
			v.add("names."+loc, "validation.unknown_locale", "locale", loc)
		}
		v.checkLength("names."+loc, strings.TrimSpace(name), TagNameMaxRunes)
	}
	if slug == "" && len(names) > 0 {
		v.add("slug", "validation.tag_slug_required")
	}
	return v
}

// tagSlug picks the tag's slug: the editor's, normalised, which must be
// free (no other tag has or had it); else the current one; else one made
// from the first name in locale order, with a numeric suffix when taken.
func (s *Store) tagSlug(tx *gorm.DB, tag Tag, wanted string, names map[string]string) (string, error) {
	if wanted = textnorm.Slug(wanted, textnorm.SlugLatin); wanted != "" {
		if wanted != tag.Slug {
			owner, err := tagSlugOwner(tx, wanted)
			if err != nil {
				return "", err
			}
			if owner != 0 && owner != tag.ID {
				return "", refuse("slug", "validation.tag_slug_taken", "slug", wanted)
			}
		}
		return wanted, nil
	}
	if tag.Slug != "" {
		return tag.Slug, nil
	}
	var base string
	for _, loc := range s.locales.Codes() {
		if base = textnorm.Slug(names[loc], textnorm.SlugLatin); base != "" {
			break
		}
	}
	if base == "" {
		return "", nil
	}
	for n := 1; n <= maxSlugTries; n++ {
		candidate := base
		if n > 1 {
			candidate = textnorm.WithSuffix(base, n)
		}
		owner, err := tagSlugOwner(tx, candidate)
		if err != nil || owner == 0 {
			return candidate, err
		}
	}
	return "", refuse("slug", "validation.slug_exhausted")
}

// tagSlugOwner returns the tag that has or had slug, 0 when none did.
func tagSlugOwner(tx *gorm.DB, slug string) (uint, error) {
	var ids []uint
	err := tx.Raw("SELECT id FROM tags WHERE slug = ? UNION ALL SELECT tag_id FROM tag_slugs WHERE slug = ?", slug, slug).Scan(&ids).Error
	if err != nil {
		return 0, fmt.Errorf("look up tag slug: %w", err)
	}
	if len(ids) == 0 {
		return 0, nil
	}
	return ids[0], nil
}

func saveTagNames(tx *gorm.DB, tagID uint, names map[string]string) error {
	if err := tx.Where("tag_id = ?", tagID).Delete(&TagName{}).Error; err != nil {
		return fmt.Errorf("clear tag names: %w", err)
	}
	for loc, name := range names {
		row := TagName{TagID: tagID, Locale: loc, Name: name, SearchKey: textnorm.SearchKey(name)}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("save tag name: %w", err)
		}
	}
	return nil
}

// watchTagged watches the live articles carrying the tag: its slug and
// names show in their answers.
func (s *Store) watchTagged(tx *gorm.DB, tagID uint) error {
	if tagID == 0 {
		return nil
	}
	ids, err := taggedArticles(tx, tagID)
	if err != nil {
		return err
	}
	return s.watchArticles(tx, ids...)
}

// taggedArticles lists the articles carrying a tag, trashed ones included.
func taggedArticles(tx *gorm.DB, tagID uint) ([]uint, error) {
	var ids []uint
	if err := tx.Model(&ArticleTag{}).Where("tag_id = ?", tagID).Order("article_id").Pluck("article_id", &ids).Error; err != nil {
		return nil, fmt.Errorf("list tagged articles: %w", err)
	}
	return ids, nil
}

// DeleteTag deletes a tag: its articles lose it (each gets its event where
// public) and its slugs stop answering.
func (s *Store) DeleteTag(ctx context.Context, id uint) error {
	return s.writeTx(ctx, func(tx *gorm.DB) error {
		var tag Tag
		if err := tx.Take(&tag, id).Error; err != nil {
			return notFoundOr(err, "load tag")
		}
		if err := s.watchTagged(tx, id); err != nil {
			return err
		}
		if err := tx.Delete(&Tag{}, id).Error; err != nil {
			return fmt.Errorf("delete tag: %w", err)
		}
		return addEvent(tx, EventTagDeleted, TagEventData{TagID: id, Slug: tag.Slug})
	})
}

// MergeTags moves every article of tag from onto tag into, keeping each
// article's order (an article carrying both keeps into where it had it),
// then deletes from. Its slug and old slugs become old slugs of into, so
// links to the merged tag's page lead to into's.
func (s *Store) MergeTags(ctx context.Context, from, into uint) error {
	if from == into {
		return refuse("into", "validation.tag_merge_self")
	}
	return s.writeTx(ctx, func(tx *gorm.DB) error {
		var source, target Tag
		if err := tx.Take(&source, from).Error; err != nil {
			return notFoundOr(err, "load tag")
		}
		if err := tx.Take(&target, into).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return refuse("into", "validation.tag_missing", "id", into)
			}
			return fmt.Errorf("load tag: %w", err)
		}
		ids, err := taggedArticles(tx, from)
		if err != nil {
			return err
		}
		if err := s.watchArticles(tx, ids...); err != nil {
			return err
		}
		err = tx.Exec(`UPDATE article_tags SET tag_id = ? WHERE tag_id = ? AND article_id NOT IN
			(SELECT article_id FROM article_tags WHERE tag_id = ?)`, into, from, into).Error
		if err != nil {
			return fmt.Errorf("retag articles: %w", err)
		}
		if err := tx.Model(&TagSlug{}).Where("tag_id = ?", from).Update("tag_id", into).Error; err != nil {
			return fmt.Errorf("move old slugs: %w", err)
		}
		if err := tx.Create(&TagSlug{Slug: source.Slug, TagID: into}).Error; err != nil {
			return fmt.Errorf("keep merged slug: %w", err)
		}
		if err := tx.Delete(&Tag{}, from).Error; err != nil {
			return fmt.Errorf("delete merged tag: %w", err)
		}
		for _, id := range ids {
			if err := rebuildTagListings(tx, id); err != nil {
				return err
			}
		}
		if err := tx.Model(&Tag{}).Where("id = ?", into).UpdateColumn("version", gorm.Expr("version + 1")).Error; err != nil {
			return fmt.Errorf("bump tag version: %w", err)
		}
		if err := addEvent(tx, EventTagDeleted, TagEventData{TagID: from, Slug: source.Slug, MergedInto: &into}); err != nil {
			return err
		}
		return addEvent(tx, EventTagUpdated, TagEventData{TagID: into, Slug: target.Slug})
	})
}

// fillTagSearchKeys folds every tag name's search key again from the name
// as typed: the Go half of a migration that changes SearchKey.
func fillTagSearchKeys(tx *gorm.DB) error {
	var names []TagName
	if err := tx.Find(&names).Error; err != nil {
		return fmt.Errorf("load tag names: %w", err)
	}
	for _, n := range names {
		key := textnorm.SearchKey(n.Name)
		if key == n.SearchKey {
			continue
		}
		err := tx.Model(&TagName{}).Where("tag_id = ? AND locale = ?", n.TagID, n.Locale).UpdateColumn("search_key", key).Error
		if err != nil {
			return fmt.Errorf("store tag %d search key: %w", n.TagID, err)
		}
	}
	return nil
}
