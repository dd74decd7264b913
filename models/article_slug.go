package models

import (
	"errors"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"github.com/payvand/payvand/internal/textnorm"
)

// maxSlugTries bounds the search for a free numeric suffix.
const maxSlugTries = 1000

// slugStyle is how slugs in loc are written: Latin where the site asked for
// it (Options.LatinSlugs), else the locale's natural style.
func (s *Store) slugStyle(loc string) textnorm.SlugStyle {
	if slices.Contains(s.latinSlugs, loc) {
		return textnorm.SlugLatin
	}
	return textnorm.SlugStyleFor(loc)
}

// assignSlug picks the slug a translation will have: the editor's (wanted),
// else the one it has (current), else one made from the title, normalised in
// every case and made unique within the locale with a numeric suffix. Slugs
// an article had before stay reserved for it in article_slugs, so an old link
// can never start pointing at a different article.
func (s *Store) assignSlug(tx *gorm.DB, articleID uint, loc, wanted, current, title string) (string, error) {
	style := s.slugStyle(loc)
	var base string
	switch {
	case wanted == current && current != "":
		// A slug sent back unchanged stays, even when the locale's slug
		// style changed since: published links do not move on their own.
		return current, nil
	case wanted != "":
		base = textnorm.Slug(wanted, style)
	case current != "":
		return current, nil
	default:
		base = textnorm.Slug(title, style)
	}
	if base == "" {
		base = fmt.Sprintf("article-%d", articleID)
	}
	if base == current {
		return current, nil
	}
	for n := 1; n <= maxSlugTries; n++ {
		candidate := base
		if n > 1 {
			candidate = textnorm.WithSuffix(base, n)
		}
		var owner ArticleSlug
		err := tx.Where("locale = ? AND slug = ?", loc, candidate).Take(&owner).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			owner = ArticleSlug{Locale: loc, Slug: candidate, ArticleID: articleID}
			if err := tx.Create(&owner).Error; err != nil {
				return "", fmt.Errorf("reserve slug: %w", err)
			}
			return candidate, nil
		}
		if err != nil {
			return "", fmt.Errorf("look up slug: %w", err)
		}
		if owner.ArticleID == articleID {
			return candidate, nil // an old slug of this article, taken back
		}
	}
	return "", refuse("translations."+loc+".slug", "validation.slug_exhausted")
}
