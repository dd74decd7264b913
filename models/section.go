package models

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/payvand/payvand/internal/textnorm"
)

// SectionInput is a section to create (ID 0) or update.
type SectionInput struct {
	ID uint
	// Version is the version the editor loaded; ignored when creating.
	Version  int
	Slug     string
	Position int
	ParentID *uint
	// Names maps locale codes to the section's name there.
	Names map[string]string
}

// SaveSection creates or updates a section and its names. Moving a section
// under another parent re-files its articles in the listing index, so the
// new parent's list includes them at once.
func (s *Store) SaveSection(ctx context.Context, in SectionInput) (*Section, error) {
	slug := textnorm.Slug(in.Slug, textnorm.SlugLatin)
	var id uint
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		var sec Section
		if in.ID != 0 {
			if err := tx.Take(&sec, in.ID).Error; err != nil {
				return notFoundOr(err, "load section")
			}
		}
		// Every refusal is reported at once, the ones that need the other
		// sections too, so the form shows them all beside their fields.
		v := s.sectionRules(in, slug)
		if err := checkSectionPlace(tx, v, in.ID, slug, in.ParentID); err != nil {
			return err
		}
		if err := v.err(); err != nil {
			return err
		}
		if in.ID != 0 && sec.Version != in.Version {
			return &ConflictError{Part: "section", Current: sec.Version}
		}
		moved := in.ID != 0 && !sameParent(sec.ParentID, in.ParentID)
		changed, err := s.watchSectionChange(tx, sec, slug, in)
		if err != nil {
			return err
		}
		previousSlug := sec.Slug
		sec.Slug, sec.Position, sec.ParentID = slug, in.Position, in.ParentID
		sec.Version++
		if err := tx.Omit("Names").Save(&sec).Error; err != nil {
			return fmt.Errorf("save section: %w", err)
		}
		id = sec.ID
		if err := sectionOldSlugs.keep(tx, sec.ID, previousSlug, slug); err != nil {
			return err
		}
		if changed || moved {
			if err := addEvent(tx, EventSectionUpdated, SectionEventData{SectionID: sec.ID, Slug: sec.Slug}); err != nil {
				return err
			}
		}
		for loc, name := range in.Names {
			row := SectionName{SectionID: sec.ID, Locale: loc, Name: name}
			if err := tx.Save(&row).Error; err != nil {
				return fmt.Errorf("save section name: %w", err)
			}
		}
		if moved {
			return relistSubtree(tx, sec.ID)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.FindSection(ctx, id)
}

// sectionRules checks a section's own fields.
func (s *Store) sectionRules(in SectionInput, slug string) validation {
	v := validation{}
	v.checkLength("slug", in.Slug, SlugMaxRunes)
	if slug == "" {
		v.add("slug", "validation.slug_required")
	}
	def := s.locales.Default()
	if strings.TrimSpace(in.Names[def.Code]) == "" {
		v.add("names."+def.Code, "validation.name_required", "language", def.Name)
	}
	for loc, name := range in.Names {
		if !s.locales.Has(loc) {
			v.add("names."+loc, "validation.unknown_locale", "locale", loc)
		} else if strings.TrimSpace(name) == "" {
			v.add("names."+loc, "validation.name_empty")
		}
		v.checkLength("names."+loc, strings.TrimSpace(name), SectionNameMaxRunes)
	}
	return v
}

// checkSectionPlace refuses, into v, a slug taken by another section and a
// parent that does not exist or would make the section its own ancestor.
// Its error is a failure to read, not a refusal.
func checkSectionPlace(tx *gorm.DB, v validation, id uint, slug string, parentID *uint) error {
	var others int64
	err := tx.Raw(`SELECT (SELECT COUNT(*) FROM sections WHERE slug = ? AND id <> ?)
		+ (SELECT COUNT(*) FROM section_slugs WHERE slug = ? AND section_id <> ?)`, slug, id, slug, id).Scan(&others).Error
	if err != nil {
		return fmt.Errorf("check slug: %w", err)
	}
	if others > 0 {
		// An old slug of another section still leads there, so it is
		// as taken as a current one.
		v.add("slug", "validation.slug_taken", "slug", slug)
	}
	for p, hops := parentID, 0; p != nil; hops++ {
		if *p == id || hops > 100 {
			v.add("parent_id", "validation.parent_cycle")
			break
		}
		var parent Section
		if err := tx.Select("id", "parent_id").Where("id = ?", *p).Limit(1).Find(&parent).Error; err != nil {
			return fmt.Errorf("check parent: %w", err)
		}
		if parent.ID == 0 {
			v.add("parent_id", "validation.parent_missing", "id", *p)
			break
		}
		p = parent.ParentID
	}
	return nil
}

func sameParent(a, b *uint) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}

// relistSubtree rebuilds the listings of every article in a section and its
// descendants.
func relistSubtree(tx *gorm.DB, sectionID uint) error {
	queue := []uint{sectionID}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		var children, articles []uint
		if err := tx.Model(&Section{}).Where("parent_id = ?", id).Pluck("id", &children).Error; err != nil {
			return err
		}
		if err := tx.Model(&Article{}).Where("section_id = ?", id).Pluck("id", &articles).Error; err != nil {
			return err
		}
		for _, a := range articles {
			if err := rebuildListings(tx, a); err != nil {
				return err
			}
		}
		queue = append(queue, children...)
	}
	return nil
}

// ListSections returns every section with its names, ordered by position.
func (s *Store) ListSections(ctx context.Context) ([]Section, error) {
	var out []Section
	err := s.reader(ctx).Preload("Names", sectionNamesOrder).Order("position, id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list sections: %w", err)
	}
	return out, nil
}

// FindSection loads one section with its names.
func (s *Store) FindSection(ctx context.Context, id uint) (*Section, error) {
	var sec Section
	if err := s.reader(ctx).Preload("Names", sectionNamesOrder).Take(&sec, id).Error; err != nil {
		return nil, notFoundOr(err, "find section")
	}
	return &sec, nil
}

// FindSectionBySlug loads one section by its slug. A slug the section had
// before a rename answers a *SlugMovedError naming the current one.
func (s *Store) FindSectionBySlug(ctx context.Context, slug string) (*Section, error) {
	if !storableText(slug) {
		return nil, ErrNotFound
	}
	db := s.reader(ctx)
	var sec Section
	err := db.Preload("Names", sectionNamesOrder).Where("slug = ?", slug).Take(&sec).Error
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		if err != nil {
			return nil, fmt.Errorf("find section: %w", err)
		}
		return &sec, nil
	}
	return nil, sectionOldSlugs.moved(db, slug)
}

// CountPublicBySection counts the articles public in loc per section, each
// section's count including its subsections'.
func (s *Store) CountPublicBySection(ctx context.Context, loc string) (map[uint]int64, error) {
	var rows []struct {
		ScopeID uint
		N       int64
	}
	err := s.reader(ctx).Model(&ArticleListing{}).Select("scope_id, COUNT(*) AS n").
		Where("locale = ? AND scope_id > 0 AND published_at <= ?", loc, s.now().Unix()).
		Group("scope_id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("count articles: %w", err)
	}
	out := make(map[uint]int64, len(rows))
	for _, r := range rows {
		out[r.ScopeID] = r.N
	}
	return out, nil
}

// notFoundOr turns GORM's not-found into ErrNotFound and wraps anything else.
func notFoundOr(err error, what string) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ErrNotFound
	}
	return fmt.Errorf("%s: %w", what, err)
}
