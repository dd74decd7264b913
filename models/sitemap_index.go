package models

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// SitemapFile names one article file of the sitemap: the articles public
// in Locale with ids in ((N-1)*size, N*size].
type SitemapFile struct {
	Locale string
	N      uint
}

// ListSitemapFiles returns the article files that have at least one entry,
// per locale in configured order, files in number order. Each file costs
// one index seek (the first public article above the previous file's
// range), so a site of a million articles lists its files without reading
// its listings.
func (s *Store) ListSitemapFiles(ctx context.Context, size uint) ([]SitemapFile, error) {
	now := s.now().Unix()
	var files []SitemapFile
	for _, loc := range s.locales.Codes() {
		for above := uint(0); ; {
			id, ok, err := s.firstPublicAbove(ctx, loc, above, now)
			if err != nil {
				return nil, err
			}
			if !ok {
				break
			}
			n := (id-1)/size + 1
			files = append(files, SitemapFile{Locale: loc, N: n})
			above = n * size
		}
	}
	return files, nil
}

// firstPublicAbove returns the lowest id above the given one of an article
// public in loc at now whose translation there search engines may index.
func (s *Store) firstPublicAbove(ctx context.Context, loc string, above uint, now int64) (uint, bool, error) {
	var row ArticleListing
	db := s.reader(ctx)
	err := db.Table(planHints(db, "article_listings INDEXED BY idx_article_listings_article")).Select("article_id").
		Where("article_id > ? AND locale = ? AND scope_id = 0 AND published_at <= ?", above, loc, now).
		Where(planHints(db, `NOT EXISTS (SELECT 1 FROM article_translations AS nx INDEXED BY idx_article_translations_noindex
			WHERE nx.article_id = article_listings.article_id AND nx.locale = article_listings.locale AND `+flagIs(db, "nx.noindex", true)+`)`)).
		Order("article_id").Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("find sitemap file: %w", err)
	}
	return row.ArticleID, true, nil
}
